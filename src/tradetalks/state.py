"""Where things stand: the state of play worked out from the model and the build date.

Between the model and rendering (model -> **state** -> render): the home page and each topic
open with what is agreed, what is pending, the next deadline and what each side wants now. All of
it is derived here from the editors' records (agreements with their dated changes, deadlines,
dated positions, events) and `today`, the day the site is built (`dates.build_date`, from
`SOURCE_DATE_EPOCH` in a reproducible build). Nothing is hand-written prose that could fall out
of step with the data, and nothing claims more than the records do:

* an agreement whose expiry has passed with no later change recorded is not "in force": it is
  shown as due to have expired, with the date the explainer was last updated;
* a deadline in the past never counts down: it shows its outcome, or says none is recorded;
* a relative phrase ("in 12 days") always comes with its date, and only for a date known to the
  day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .dates import PartialDate, label
from .model import ENDED_STATUSES, Agreement, Deadline, Event, Position

#: Event statuses that report something that happened (not a plan).
HAPPENED = frozenset({"held", "announced"})
SIDES = ("united-states", "china")


@dataclass(frozen=True)
class Standing:
    """An agreement as it stands on the build date."""

    agreement: Agreement
    state: Literal["in-force", "pending", "suspended", "lapsed", "ended"]
    """in-force; pending (proposed or agreed, not yet in force); suspended; lapsed (its expiry
    has passed and no later change is recorded); ended (expired or abandoned)."""
    expiry: PartialDate | None


def standing(agreement: Agreement, today: dt.date) -> Standing:
    status = agreement.status_on(today)
    expiry = agreement.expiry_on(today)
    if status in ENDED_STATUSES:
        return Standing(agreement, "ended", expiry)
    if status == "suspended":
        return Standing(agreement, "suspended", expiry)
    if expiry is not None and expiry.latest < today:
        return Standing(agreement, "lapsed", expiry)
    if status in ("in-force", "extended"):
        return Standing(agreement, "in-force", expiry)
    takes_effect = agreement.takes_effect
    if status == "agreed" and takes_effect is not None and takes_effect.latest <= today:
        return Standing(agreement, "in-force", expiry)
    return Standing(agreement, "pending", expiry)


def agreements_standing(agreements: Iterable[Agreement], today: dt.date) -> list[Standing]:
    """Every agreement's standing, the ones that bind now first, newest first within each."""
    order = {"in-force": 0, "pending": 1, "suspended": 2, "lapsed": 3, "ended": 4}
    found = [standing(a, today) for a in agreements]
    return sorted(found, key=lambda s: (order[s.state], _newest_first(s.agreement.date),
                                        s.agreement.id))


def _newest_first(date: PartialDate) -> tuple[int, int]:
    return (-date.earliest.toordinal(), -date.latest.toordinal())


@dataclass(frozen=True)
class Due:
    """A dated point ahead or behind: a deadline record, or an agreement's expiry."""

    date: PartialDate
    title: str
    what: str
    sources: tuple[str, ...]
    deadline: Deadline | None = None
    agreement: Agreement | None = None

    def passed(self, today: dt.date) -> bool:
        """Whether every day the date can mean is before `today`."""
        return self.date.latest < today

    def certain_by(self) -> tuple[dt.date, dt.date]:
        """For picking the next point: the day by which it has certainly come (then the
        earliest it can). On 1 March 2026 a deadline dated 2026 may fall on 31 December, one
        dated 10 March 2026 will fall on 10 March: that one is next."""
        return self.date.latest, self.date.earliest


def due_points(deadlines: Iterable[Deadline], agreements: Iterable[Agreement],
               today: dt.date) -> list[Due]:
    """Every deadline, and the expiry of every agreement that still binds or is pending, in
    date order."""
    points = [Due(d.date, d.title, d.what, tuple(d.sources), deadline=d) for d in deadlines]
    for agreement in agreements:
        current = standing(agreement, today)
        if current.expiry is None or current.state in ("ended", "suspended"):
            continue
        points.append(Due(current.expiry, f"{agreement.title} expires",
                          "Unless it is extended, it ends then.",
                          tuple(agreement.expiry_sources_on(today)), agreement=agreement))
    return sorted(points, key=lambda p: (p.date, p.title))


def next_due(points: Sequence[Due], today: dt.date) -> Due | None:
    """Of the points not yet past (their last possible day is today or later), the one certain
    to come first: a date known only to the month or year does not hide a nearer one known to
    the day."""
    ahead = [p for p in points if not p.passed(today)]
    return min(ahead, key=Due.certain_by) if ahead else None


def relative(date: PartialDate, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 12 days', '3 days ago' for a date known to the day; '' for a
    month or a year (a count of days would claim a precision the date does not have)."""
    if date.precision != "day":
        return ""
    days = (date.earliest - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def latest_development(timeline: Sequence[Event], today: dt.date) -> Event | None:
    """The newest event that happened (held or announced) on or before `today`."""
    for event in reversed(timeline):
        if event.status in HAPPENED and event.date.earliest <= today:
            return event
    return None


def latest_positions(positions: Sequence[Position]) -> dict[str, Position]:
    """Side -> its newest position (a later entry wins a tie on the date)."""
    latest: dict[str, Position] = {}
    for position in positions_newest_first(positions):
        latest.setdefault(position.side, position)
    return latest


def positions_newest_first(positions: Sequence[Position]) -> list[Position]:
    """Newest first; of two on the same date, the later entry first."""
    indexed = list(enumerate(positions))
    indexed.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    return [position for _, position in indexed]


def involvement(explainer: Any, participant_id: str) -> int:
    """How much a participant takes part: events and quotes on record."""
    return (len(explainer.events_by_participant.get(participant_id, ()))
            + len(explainer.quotes_by_speaker.get(participant_id, ())))


def table_order(explainer: Any, ids: Iterable[str], leads: Sequence[str] = ()) -> list[str]:
    """Who to name first at the table: the leads in the order a source gives, then by
    involvement (most first), then by name. A head of state who takes part in most events is
    never hidden at the end of an alphabetical list."""
    rest = [i for i in ids if i not in leads]
    rest.sort(key=lambda i: (-involvement(explainer, i), explainer.participants[i].name))
    return [*leads, *rest]


def key_topic_ids(explainer: Any, limit: int = 5) -> list[str]:
    """The topics the home page opens with: the editors' `key_topics`, or else the topics where
    both sides have stated a position, the most discussed first."""
    chosen = list(explainer.info.key_topics)
    if chosen:
        return chosen[:limit]
    both = [t for t in explainer.topics.values()
            if {p.side for p in t.positions} >= set(SIDES)]
    both.sort(key=lambda t: (-len(explainer.events_by_topic.get(t.id, ())), t.title))
    return [t.id for t in both[:limit]]


def date_and_relative(date: PartialDate, today: dt.date) -> str:
    """'10 November 2026 (in 12 days)', or the date alone when no count is honest."""
    phrase = relative(date, today)
    return f"{label(date)} ({phrase})" if phrase else label(date)


__all__ = ["Due", "Standing", "agreements_standing", "date_and_relative", "due_points",
           "involvement", "key_topic_ids", "latest_development", "latest_positions", "next_due",
           "positions_newest_first", "relative", "standing", "table_order"]
