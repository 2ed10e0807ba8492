"""urls: the only place that knows where records are published, and how lists paginate."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tradetalks import urls
from tradetalks.dates import PartialDate


@pytest.mark.parametrize(("collection", "record_id", "url"), [
    ("participants", "he-lifeng", "participants/he-lifeng/"),
    ("topics", "tariffs", "topics/tariffs/"),
    ("places", "geneva", "places/geneva/"),
    ("agreements", "geneva-truce", "agreements/geneva-truce/"),
    ("events", "geneva-talks", "timeline/#event-geneva-talks"),
    ("quotes", "q", "quotes/#quote-q"),
    ("sources", "s", "sources/#source-s"),
    ("deadlines", "d", "agreements/#deadline-d"),
    ("corrections", "c", "corrections/#correction-c"),
])
def test_every_record_has_one_address(collection: str, record_id: str, url: str) -> None:
    assert urls.record_url(collection, record_id) == url


def test_source_paths_and_other_addresses() -> None:
    assert urls.record_src_uri("participants", "he-lifeng") == "participants/he-lifeng.md"
    assert urls.index_src_uri("home") == "index.md"
    assert urls.index_src_uri("timeline") == "timeline/index.md"
    assert urls.feed_url("events") == "feeds/events.atom"
    assert urls.feed_url("topics", "tariffs") == "feeds/topics/tariffs.atom"
    assert urls.portrait_url("he-lifeng.jpg") == "assets/portraits/he-lifeng.jpg"
    assert urls.anchors_url("quotes") == "quotes/anchors.json"
    assert urls.anchor("events", "x") == "event-x"


def _records(*dates: str | int) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=f"r{i}", date=PartialDate.parse(d)) for i, d in enumerate(dates)]


def test_a_short_list_is_one_page_holding_everything() -> None:
    paging = urls.paginate(_records("2025-06-01", "2025-06-02"), "quotes/", limit=5)
    assert paging.pages == () and paging.page_for("r0") == "quotes/"
    assert paging.ids_on("quotes/") == ("r0", "r1")


def test_a_long_list_splits_by_year_then_month_and_knows_each_pages_records() -> None:
    records = _records(2024, "2024-03-01", "2024-03-02", "2024-04", "2025-01-01")
    paging = urls.paginate(records, "timeline/", limit=2, year_limit=2)
    assert [p.url for p in paging.pages] == [
        "timeline/2024/month-unknown/", "timeline/2024/03/", "timeline/2024/04/",
        "timeline/2025/"]
    assert paging.page_for("r0") == "timeline/2024/month-unknown/"
    assert paging.ids_on("timeline/2024/03/") == ("r1", "r2")
    assert paging.ids_on("timeline/2025/") == ("r4",)
    assert urls.record_url("events", "r3", paging) == "timeline/2024/04/#event-r3"


def test_a_recording_view_answers_with_recording_paging() -> None:
    recorded = SimpleNamespace(recorded_paging=lambda: "recorded")
    assert urls.site_paging(recorded) == "recorded"  # type: ignore[arg-type]
