"""The events-over-time picture: one row per month, one mark per event, as plain HTML.

Part of rendering (the `overview` fragment draws what this returns). A reader sees, month by
month, how much happened and who acted: each event is a small mark whose colour and shape say
the side (United States, China, both jointly, a third party), hollow when the sources give only
the month, linking to the event on the timeline with its date and title as its accessible name.
Rows are labelled with the month and the year changes are headings of their own, so no tick is
ever ambiguous; marks sit one after another rather than at a position per day, so nearby days
never overlap, and a row wraps on a narrow screen instead of being clipped or scrolled. Events
known only to the year have a row of their own, at the start of their year. Beyond
`MAX_MARKS` events, a row shows instead how many events each side had that month, as a bar
linking to the month on the timeline. No JavaScript, no SVG to scale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import MONTHS
from .model import Event, Explainer

#: The sides in the order the legend and the counts give them.
SIDES = (("united-states", "United States"), ("china", "China"), ("both", "Both sides jointly"),
         ("third-party", "Third parties"))
#: More events than this are drawn as counts per month rather than one mark each.
MAX_MARKS = 150


@dataclass(frozen=True)
class Row:
    """One month of one year (`month` None: events known only to the year)."""

    year: int
    month: int | None
    events: tuple[Event, ...]
    counts: tuple[tuple[str, int], ...]
    """(side, number of events) for the sides with events this month, in SIDES order."""

    @property
    def label(self) -> str:
        return "Month not known" if self.month is None else MONTHS[self.month - 1]

    @property
    def name(self) -> str:
        """The row's full name: 'June 2025', '2025, month not known'."""
        return (f"{self.year}, month not known" if self.month is None
                else f"{MONTHS[self.month - 1]} {self.year}")


@dataclass(frozen=True)
class Overview:
    years: tuple[tuple[int, tuple[Row, ...]], ...]
    grouped: bool
    """True when rows show counts per side rather than a mark per event."""
    sides: tuple[tuple[str, str], ...]
    """(side, label) of the sides that appear, for the legend."""
    total: int
    widest: int
    """The largest count of one month (counts are drawn relative to it)."""


def build(explainer: Explainer) -> Overview | None:
    """The rows for every event, in date order, or None when there is no event."""
    events: Sequence[Event] = explainer.timeline
    if not events:
        return None
    rows: dict[tuple[int, int | None], list[Event]] = {}
    for event in events:
        rows.setdefault((event.date.year, event.date.month), []).append(event)
    built: dict[int, list[Row]] = {}
    for (year, month), members in sorted(rows.items(),
                                         key=lambda r: (r[0][0], r[0][1] is not None,
                                                        r[0][1] or 0)):
        counted = Counter(e.side for e in members)
        built.setdefault(year, []).append(Row(
            year, month, tuple(members),
            tuple((side, counted[side]) for side, _ in SIDES if counted[side])))
    present = {e.side for e in events}
    return Overview(
        years=tuple((year, tuple(year_rows)) for year, year_rows in built.items()),
        grouped=len(events) > MAX_MARKS,
        sides=tuple((side, label) for side, label in SIDES if side in present),
        total=len(events),
        widest=max(len(r.events) for year_rows in built.values() for r in year_rows))
