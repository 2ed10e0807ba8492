"""The events-over-time picture: geometry for a static SVG, computed from the model.

Part of rendering (the `overview` fragment draws what this returns). Three lanes, United States,
joint and China; each event is a mark coloured by its first topic and linking to its entry on the
timeline. Dates are drawn at their real precision: a day is a dot, a month is a bar over the
month, and an event known only to the year sits in a column of its own, so the picture never
claims a day the sources do not give. No JavaScript. Beyond MAX_MARKS events, one mark per event
would be an unreadable (and heavy) smear: events are then grouped per lane by day, week, month,
quarter or year, the finest that gives at most MAX_MARKS marks, and each group is one mark that
says how many events it holds and links to the first of them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .model import Event, Explainer

WIDTH, LANE_HEIGHT, TOP, LEFT, RIGHT = 720, 40, 24, 118, 28
LANES = (("united-states", "United States"), ("both", "Joint"), ("china", "China"),
         ("third-party", "Third parties"))
#: Colour-blind-safe palette (Okabe–Ito), assigned to topics in id order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#8C6D1F")
NEUTRAL = "#5f6368"


#: More events than this are drawn as groups (see the module docstring).
MAX_MARKS = 150
GROUPINGS = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class Mark:
    event: Event
    """The event the mark links to: the only one, or the first of a group."""
    x: float
    y: float
    width: float  # 0 for a day
    colour: str
    count: int = 1
    label: str = ""
    """For a group: its period and lane ('June 2025, China'), for the accessible name."""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Overview:
    width: int
    height: int
    lanes: tuple[tuple[str, float], ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # (topic id, colour)
    grouping: str | None = None  # None: one mark per event; else a GROUPINGS entry


def _period(event: Event) -> tuple[dt.date, dt.date]:
    """The first and last day the event's date can mean (its end date, when it spans days)."""
    return event.date.earliest, (event.end or event.date).latest


def topic_colours(explainer: Explainer) -> dict[str, str]:
    return {tid: PALETTE[i % len(PALETTE)] for i, tid in enumerate(sorted(explainer.topics))}


def build(explainer: Explainer) -> Overview | None:
    """Lay out every event. Events known only to the year sit in a column of their own at the
    left ("2025, date unknown"), so they neither stretch the time axis nor pretend to a day."""
    events = explainer.timeline
    if not events:
        return None
    vague = [e for e in events if e.date.precision == "year"]
    dated = [e for e in events if e.date.precision != "year"]
    years = sorted({e.date.year for e in vague})
    column = 64 if years else 0
    axis_left = LEFT + column * len(years) + (16 if years and dated else 0)
    periods = {e.id: _period(e) for e in dated}
    start = min((p[0] for p in periods.values()), default=dt.date(2000, 1, 1))
    end = max((p[1] for p in periods.values()), default=start)
    span = max((end - start).days, 1)
    inner = WIDTH - axis_left - RIGHT

    def x_of(day: dt.date) -> float:
        return round(axis_left + inner * (day - start).days / span, 1)

    # The third-party lane only when a third party acted: an empty lane says nothing.
    lanes = [(key, label) for key, label in LANES
             if key != "third-party" or any(e.side == key for e in events)]
    lane_y = {key: TOP + LANE_HEIGHT * i + LANE_HEIGHT / 2 for i, (key, _) in enumerate(lanes)}
    colours = topic_colours(explainer)
    marks = []
    ticks = [Tick(LEFT + column * i + column / 2, f"{year}, date unknown" if not dated
                  else f"{year}?") for i, year in enumerate(years)]
    grouping = _grouping(events)
    if grouping:
        marks = _group_marks(events, grouping, years, column, x_of, lane_y, colours)
    for event in events if grouping is None else ():
        colour = colours.get(event.topics[0], NEUTRAL) if event.topics else NEUTRAL
        if event.date.precision == "year":
            x = LEFT + column * years.index(event.date.year) + 6
            marks.append(Mark(event, x, lane_y[event.side], column - 12, colour))
            continue
        first, last = periods[event.id]
        width = 0.0 if event.date.precision == "day" and first == last else x_of(last) - x_of(first)
        marks.append(Mark(event, x_of(first), lane_y[event.side], round(width, 1), colour))
    if dated:
        ticks.extend(_month_ticks(start, end, x_of))
    used = sorted({e.topics[0] for e in events if e.topics})
    return Overview(
        width=WIDTH, height=TOP + LANE_HEIGHT * len(lanes) + 28,
        lanes=tuple((label, lane_y[key]) for key, label in lanes),
        marks=tuple(marks), ticks=tuple(ticks),
        legend=tuple((tid, colours[tid]) for tid in used), grouping=grouping,
    )


def _bucket(event: Event, grouping: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the group an event falls in (an event without a month sits
    in its year's column whatever the grouping, keyed by its year)."""
    day = event.date.earliest
    if event.date.precision == "year" or grouping == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if grouping == "day" and event.date.precision == "day":
        return day, day
    if grouping in ("day", "week") and event.date.precision == "day":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if grouping == "quarter":
        first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        end = dt.date(day.year + (first.month == 10), (first.month + 3 - 1) % 12 + 1, 1)
        return first, end - dt.timedelta(days=1)
    first = day.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _grouping(events: tuple[Event, ...]) -> str | None:
    """None while there are at most MAX_MARKS events, else the finest grouping that draws at
    most MAX_MARKS marks (a year per lane, at worst)."""
    if len(events) <= MAX_MARKS:
        return None
    for grouping in GROUPINGS:
        groups = {(e.side, e.date.precision == "year", _bucket(e, grouping)) for e in events}
        if len(groups) <= MAX_MARKS:
            return grouping
    return GROUPINGS[-1]


def _group_label(first: dt.date, last: dt.date, grouping: str, vague: bool) -> str:
    if vague:
        return f"{first.year}, date unknown"
    if grouping == "day" and first == last:
        return f"{first.day} {first.strftime('%B')} {first.year}"
    if grouping in ("day", "week") and (last - first).days == 6:
        return f"week of {first.day} {first.strftime('%B')} {first.year}"
    if grouping == "quarter":
        return f"{first.strftime('%B')} to {last.strftime('%B')} {first.year}"
    if grouping == "year":
        return str(first.year)
    return f"{first.strftime('%B')} {first.year}"


def _group_marks(events: tuple[Event, ...], grouping: str, years: list[int], column: int,
                 x_of: Callable[[dt.date], float], lane_y: dict[str, float],
                 colours: dict[str, str]) -> list[Mark]:
    """One mark per lane and group, coloured by the group's most common main topic."""
    groups: dict[tuple[str, bool, tuple[dt.date, dt.date]], list[Event]] = {}
    for event in events:  # in date order, so each group's first event comes first
        key = (event.side, event.date.precision == "year", _bucket(event, grouping))
        groups.setdefault(key, []).append(event)
    lanes = dict(LANES)
    marks = []
    for (side, vague, (first, last)), members in groups.items():
        main = Counter(e.topics[0] for e in members if e.topics).most_common()
        top = min((t for t, n in main if n == main[0][1]), default=None)
        colour = colours.get(top, NEUTRAL) if top else NEUTRAL
        label = f"{_group_label(first, last, grouping, vague)}, {lanes[side]}"
        if vague:
            x, width = LEFT + column * years.index(first.year) + 6, column - 12.0
        else:
            x = x_of(first)
            width = 0.0 if first == last else max(round(x_of(last) - x, 1), 4.0)
        marks.append(Mark(members[0], x, lane_y[side], width, colour, len(members), label))
    return marks


def _month_ticks(start: dt.date, end: dt.date, x_of: Callable[[dt.date], float]) -> list[Tick]:
    """Month ticks; for a span of days, day ticks instead (a fortnight of talks is common)."""
    if (end - start).days <= 45:
        step = max(1, (end - start).days // 5)
        days = [start + dt.timedelta(days=n) for n in range(0, (end - start).days + 1, step)]
        return [Tick(x_of(d), f"{d.day} {d.strftime('%b')}") for d in days]
    ticks: list[Tick] = []
    month = dt.date(start.year, start.month, 1)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = max(1, months // 6)
    while month <= end:
        if month >= start:
            label = month.strftime("%b %Y") if month.month == 1 or not ticks else month.strftime(
                "%b")
            ticks.append(Tick(x_of(month), label))
        for _ in range(step):
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ticks
