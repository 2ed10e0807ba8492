"""overview: the events-over-time picture never claims more precision than the data has."""

from __future__ import annotations

from pathlib import Path

from fixture_data import REPO
from tradetalks import overview
from tradetalks.validate import check


def test_year_only_events_sit_in_their_own_column_and_days_are_dots() -> None:
    explainer, _ = check(REPO / "data")
    assert explainer is not None
    ov = overview.build(explainer)
    assert ov is not None
    marks = {m.event.id: m for m in ov.marks}
    assert marks["geneva-talks"].width > 0 and marks["tariff-pause"].width > 0
    assert marks["trump-xi-call"].width == 0
    # Day marks are in date order from left to right, right of the year column.
    assert (marks["geneva-talks"].x < marks["trump-xi-call"].x
            < marks["london-talks-day-1"].x < marks["london-talks-day-2"].x)
    assert all(0 <= m.x <= ov.width for m in ov.marks)
    assert {t.label for t in ov.ticks} >= {"2025?", "5 Jun", "10 Jun"}


def test_no_events_no_picture(tmp_path: Path) -> None:
    explainer, _ = check(REPO / "data")
    assert explainer is not None
    empty = type(explainer)(**{**explainer.__dict__, "events": {}})
    assert overview.build(empty) is None
