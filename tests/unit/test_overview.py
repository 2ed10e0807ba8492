"""overview: events month by month, one mark each, never claiming more than the data has."""

from __future__ import annotations

from pathlib import Path

from fixture_data import REPO
from tradetalks import overview, render
from tradetalks.validate import check

SEED = REPO / "tests" / "fixtures" / "seed" / "data"


def test_rows_are_months_and_a_year_only_event_has_a_row_of_its_own() -> None:
    explainer, _ = check(SEED)
    assert explainer is not None
    ov = overview.build(explainer)
    assert ov is not None and not ov.grouped and ov.total == len(explainer.events)
    ((year, rows),) = ov.years
    assert year == 2025
    assert [r.name for r in rows] == ["2025, month not known", "June 2025"]
    assert {e.id for e in rows[0].events} == {"geneva-talks", "tariff-pause"}
    assert [side for side, _ in ov.sides] == ["both"]


def test_the_marks_name_each_event_and_are_hollow_when_only_the_month_is_known() -> None:
    explainer, _ = check(SEED)
    assert explainer is not None
    html = render.render_markers("<!-- tradetalks:overview -->", explainer, "")
    assert html.count('<a class="tt-overview__event"') == len(explainer.events)
    assert html.count("tt-mark--vague") == 2  # the two events dated only to the year
    assert '<span class="tt-sr-only">5 June 2025: Trump and Xi speak by phone (Joint)' in html
    assert "<p class=\"tt-overview__year\">2025</p>" in html


def test_no_events_no_picture(tmp_path: Path) -> None:
    explainer, _ = check(SEED)
    assert explainer is not None
    empty = type(explainer)(**{**explainer.__dict__, "events": {}})
    assert overview.build(empty) is None
