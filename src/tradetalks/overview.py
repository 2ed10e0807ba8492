"""The events-over-time picture: geometry for a static SVG, computed from the model.

Part of rendering (the `overview` fragment draws what this returns). Three lanes, United States,
joint and China; each event is a mark coloured by its first topic and linking to its entry on the
timeline. Dates are drawn at their real precision: a day is a dot, a month or a year is a bar over
the whole period, so the picture never claims a day the sources do not give. No JavaScript.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Event, Explainer

WIDTH, LANE_HEIGHT, TOP, LEFT, RIGHT = 720, 40, 24, 118, 16
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
    events = explainer.timeline
    if not events:
        return None
    periods = [_period(e) for e in events]
    start = min(p[0] for p in periods)
    end = max(p[1] for p in periods)
    span = max((end - start).days, 1)
    inner = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        return round(LEFT + inner * (day - start).days / span, 1)

    lane_y = {key: TOP + LANE_HEIGHT * i + LANE_HEIGHT / 2 for i, (key, _) in enumerate(LANES)}
    colours = topic_colours(explainer)
    marks = []
    for event, (first, last) in zip(events, periods, strict=True):
        colour = colours.get(event.topics[0], NEUTRAL) if event.topics else NEUTRAL
        width = 0.0 if first == last and event.precision == "day" else x_of(last) - x_of(first)
        marks.append(Mark(event, x_of(first), lane_y[event.side], round(width, 1), colour))
    ticks = []
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
    used = sorted({e.topics[0] for e in events if e.topics})
    return Overview(
        width=WIDTH, height=TOP + LANE_HEIGHT * len(LANES) + 28,
        lanes=tuple((label, lane_y[key]) for key, label in LANES),
        marks=tuple(marks), ticks=tuple(ticks),
        legend=tuple((tid, colours[tid]) for tid in used),
    )
