"""state: where things stand, from the records and the build date, never claiming more than the
records do (an expiry passed is not "in force", a past deadline never counts down, a relative
phrase only for a date known to the day, and always with the date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tradetalks import state
from tradetalks.dates import PartialDate
from tradetalks.model import Agreement, Deadline, Event, Position

TODAY = dt.date(2026, 12, 7)


def _agreement(**fields: Any) -> Agreement:
    base = {"id": "truce", "title": "Geneva truce", "terms": "Tariffs cut for 90 days.",
            "parties": ["united-states", "china"], "date": "2025-05-12", "status": "agreed",
            "sources": ["s"]}
    return Agreement.model_validate({**base, **fields})


def _deadline(date: str, **fields: Any) -> Deadline:
    return Deadline.model_validate({"id": f"d-{date}", "title": f"Due {date}", "date": date,
                                    "what": "Something happens.", "sources": ["s"], **fields})


@pytest.mark.parametrize(("fields", "expected"), [
    ({"takes_effect": "2025-05-14", "expires": "2027-01-01"}, "in-force"),
    ({"takes_effect": "2027-01-01"}, "pending"),
    ({"status": "proposed"}, "pending"),
    ({"status": "in-force", "expires": "2026-11-10"}, "lapsed"),
    ({"status": "in-force", "expires": "2026-11"}, "lapsed"),
    # A month-only expiry whose month has not ended is not yet passed.
    ({"status": "in-force", "expires": "2026-12"}, "in-force"),
    ({"status": "in-force", "changes": [
        {"date": "2026-11-01", "status": "extended", "expires": "2027-11-10", "sources": ["s"]}]},
     "in-force"),
    ({"status": "in-force", "changes": [
        {"date": "2026-01-01", "status": "suspended", "sources": ["s"]}]}, "suspended"),
    ({"status": "in-force", "changes": [
        {"date": "2026-01-01", "status": "abandoned", "sources": ["s"]}]}, "ended"),
    # A change dated after the build date has not happened yet.
    ({"status": "in-force", "changes": [
        {"date": "2027-01-01", "status": "abandoned", "sources": ["s"]}]}, "in-force"),
    # Nor has an extension: until its date the old expiry stands, and it has passed.
    ({"status": "in-force", "expires": "2026-11-10", "changes": [
        {"date": "2027-01-01", "status": "extended", "expires": "2027-11-10", "sources": ["s"]}]},
     "lapsed"),
])
def test_an_agreement_stands_as_its_records_say_on_the_build_day(fields: dict[str, Any],
                                                                 expected: str) -> None:
    assert state.standing(_agreement(**fields), TODAY).state == expected


def test_agreements_that_bind_come_first_newest_first_within_each() -> None:
    old = _agreement(id="old", status="in-force", date="2025-05-12")
    recent = _agreement(id="recent", status="in-force", date="2025-11-01")
    gone = _agreement(id="gone", status="in-force", date="2025-12-01", expires="2026-01-01")
    pending = _agreement(id="pending", status="proposed", date="2026-06-01")
    order = state.agreements_standing([gone, old, pending, recent], TODAY)
    assert [(s.agreement.id, s.state) for s in order] == [
        ("recent", "in-force"), ("old", "in-force"), ("pending", "pending"), ("gone", "lapsed")]


def test_the_next_deadline_is_the_first_not_yet_past_and_expiries_count() -> None:
    agreement = _agreement(status="in-force", expires="2027-03-01")
    points = state.due_points([_deadline("2026-11-30"), _deadline("2027-06-23")], [agreement],
                              TODAY)
    assert [p.title for p in points] == ["Due 2026-11-30", "Geneva truce expires",
                                         "Due 2027-06-23"]
    upcoming = state.next_due(points, TODAY)
    assert upcoming is not None and upcoming.agreement is agreement
    assert state.next_due(points[:1], TODAY) is None  # nothing ahead: no stale countdown
    # A deadline dated to this month has not passed until the month ends.
    month = state.due_points([_deadline("2026-12")], [], TODAY)
    assert state.next_due(month, TODAY) is month[0]
    # A date known only to the year or month does not hide a nearer one known to the day.
    vague = state.due_points([_deadline("2026"), _deadline("2026-12-20")], [], TODAY)
    assert [p.title for p in vague] == ["Due 2026", "Due 2026-12-20"]
    upcoming = state.next_due(vague, TODAY)
    assert upcoming is not None and upcoming.title == "Due 2026-12-20"


def test_an_expiry_is_named_as_the_editors_wrote_it_and_cited_to_the_change_that_set_it(
        ) -> None:
    agreement = _agreement(status="in-force", expires="2026-11-10", changes=[
        {"date": "2026-11-01", "status": "extended", "expires": "2027-11-10",
         "sources": ["extension"]},
        {"date": "2027-01-01", "status": "extended", "expires": "2028-11-10",
         "sources": ["later"]}])
    (point,) = state.due_points([], [agreement], TODAY)
    assert (point.title, point.what) == ("Geneva truce expires",
                                         "Unless it is extended, it ends then.")
    assert point.date == PartialDate.parse("2027-11-10") and point.sources == ("extension",)


@pytest.mark.parametrize(("date", "phrase"), [
    ("2026-12-07", "7 December 2026 (today)"),
    ("2026-12-08", "8 December 2026 (tomorrow)"),
    ("2026-12-06", "6 December 2026 (yesterday)"),
    ("2026-12-19", "19 December 2026 (in 12 days)"),
    ("2026-12-01", "1 December 2026 (6 days ago)"),
    ("2027-01", "January 2027"),  # a count of days would claim a day the date does not have
    ("2027", "2027"),
])
def test_a_relative_phrase_always_comes_with_its_date_and_only_for_a_day(date: str,
                                                                         phrase: str) -> None:
    assert state.date_and_relative(PartialDate.parse(date), TODAY) == phrase


def _position(side: str, date: str, statement: str) -> Position:
    return Position.model_validate({"side": side, "date": date, "statement": statement,
                                    "sources": ["s"]})


def test_the_latest_position_per_side_and_the_history_newest_first() -> None:
    positions = [_position("china", "2025-04", "a"), _position("united-states", "2025-05-30", "b"),
                 _position("china", "2025-06-12", "c"), _position("china", "2025-06-12", "d")]
    latest = state.latest_positions(positions)
    assert {side: p.statement for side, p in latest.items()} == {"china": "d",
                                                                  "united-states": "b"}
    assert [p.statement for p in state.positions_newest_first(positions)] == ["d", "c", "b", "a"]


def _event(event_id: str, date: str, status: str = "held") -> Event:
    return Event.model_validate({"id": event_id, "title": event_id, "date": date,
                                 "status": status, "side": "both", "summary": "s",
                                 "sources": ["s"]})


def test_the_latest_development_has_happened_by_the_build_day() -> None:
    timeline = [_event("talks", "2026-05-13"), _event("call", "2026-06-02", "announced"),
                _event("summit", "2026-12-20", "scheduled"), _event("later", "2027-01-05")]
    latest = state.latest_development(timeline, TODAY)
    assert latest is not None and latest.id == "call"
