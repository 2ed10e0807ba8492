"""The events-over-time picture: geometry for a static SVG, computed from the model.

Part of rendering (the `overview` fragment draws what this returns). Three lanes, United States,
joint and China; each event is a mark coloured by its first topic and linking to its entry on the
timeline. Dates are drawn at their real precision: a day is a dot, a month is a bar over the
month, and an event known only to the year sits in a column of its own, so the picture never
claims a day the sources do not give. No JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .model import Event, Explainer

WIDTH, LANE_HEIGHT, TOP, LEFT, RIGHT = 720, 40, 24, 118, 28
LANES = (("united-states", "United States"), ("both", "Joint"), ("china", "China"))
#: Colour-blind-safe palette (Okabe–Ito), assigned to topics in id order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#8C6D1F")
NEUTRAL = "#5f6368"


@dataclass(frozen=True)
class Mark:
    event: Event
    x: float
    y: float
    width: float  # 0 for a day
    colour: str


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


def _period(event: Event) -> tuple[dt.date, dt.date]:
    if event.precision == "year":
        return event.date, dt.date(event.date.year, 12, 31)
    if event.precision == "month":
        month_end = (event.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return event.date, month_end - dt.timedelta(days=1)
    return event.date, event.end or event.date


def topic_colours(explainer: Explainer) -> dict[str, str]:
    return {tid: PALETTE[i % len(PALETTE)] for i, tid in enumerate(sorted(explainer.topics))}


def build(explainer: Explainer) -> Overview | None:
    """Lay out every event. Events known only to the year sit in a column of their own at the
    left ("2025, date unknown"), so they neither stretch the time axis nor pretend to a day."""
    events = explainer.timeline
    if not events:
        return None
    vague = [e for e in events if e.precision == "year"]
    dated = [e for e in events if e.precision != "year"]
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

    lane_y = {key: TOP + LANE_HEIGHT * i + LANE_HEIGHT / 2 for i, (key, _) in enumerate(LANES)}
    colours = topic_colours(explainer)
    marks = []
    ticks = [Tick(LEFT + column * i + column / 2, f"{year}, date unknown" if not dated
                  else f"{year}?") for i, year in enumerate(years)]
    for event in events:
        colour = colours.get(event.topics[0], NEUTRAL) if event.topics else NEUTRAL
        if event.precision == "year":
            x = LEFT + column * years.index(event.date.year) + 6
            marks.append(Mark(event, x, lane_y[event.side], column - 12, colour))
            continue
        first, last = periods[event.id]
        width = 0.0 if event.precision == "day" and first == last else x_of(last) - x_of(first)
        marks.append(Mark(event, x_of(first), lane_y[event.side], round(width, 1), colour))
    if dated:
        ticks.extend(_month_ticks(start, end, x_of))
    used = sorted({e.topics[0] for e in events if e.topics})
    return Overview(
        width=WIDTH, height=TOP + LANE_HEIGHT * len(LANES) + 28,
        lanes=tuple((label, lane_y[key]) for key, label in LANES),
        marks=tuple(marks), ticks=tuple(ticks),
        legend=tuple((tid, colours[tid]) for tid in used),
    )


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
