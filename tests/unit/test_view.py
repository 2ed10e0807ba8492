"""view: every read through the recording view is written down, and `Changes` says which reads
an edit touched."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from fixture_data import VALID_DATA
from tradetalks import urls
from tradetalks.model import Explainer
from tradetalks.validate import check
from tradetalks.view import Changes, RecordingView


@pytest.fixture(scope="module")
def fixture() -> Explainer:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    return explainer


def test_a_lookup_records_the_record(fixture: Explainer) -> None:
    view = RecordingView(fixture)
    assert view.participants["bo-li"].name == "Bo Li"
    assert view.events.get("nothing") is None
    assert "tariffs" in view.topics
    assert view.reads == {("rec", "participants", "bo-li"), ("rec", "events", "nothing"),
                          ("rec", "topics", "tariffs")}


def test_iterating_or_counting_records_the_collection(fixture: Explainer) -> None:
    view = RecordingView(fixture)
    assert len(list(view.places.values())) == 1
    assert [e.id for e in view.timeline] == [e.id for e in fixture.timeline]
    assert view.collection("quotes") and len(view.sources) == 2
    assert {("all", "places"), ("all", "events"), ("all", "quotes"),
            ("all", "sources")} <= view.reads
    assert {key[0] for key in view.reads} <= {"all", "rec"}


def test_back_references_and_the_explainer_record(fixture: Explainer) -> None:
    view = RecordingView(fixture)
    assert view.events_by_topic.get("tariffs") == ("london-round",)
    assert view.members["us-team"] == ("alice-example",)
    assert view.info.title == "Fixture explainer"
    assert view.reads == {("idx", "events_by_topic", "tariffs"), ("idx", "members", "us-team"),
                          ("info",)}


def test_paging_lookups_are_recorded(fixture: Explainer) -> None:
    view = RecordingView(fixture)
    paging = urls.site_paging(view)
    assert urls.record_url("events", "london-round", paging) == "timeline/#event-london-round"
    assert paging.events.ids_on("timeline/") == ("leaders-call", "london-round", "next-round")
    assert paging.quotes.pages == ()
    assert view.reads == {("page", "events", "london-round"), ("members", "events", "timeline/"),
                          ("pages", "quotes")}
    assert urls.site_paging(view) is paging  # once per view, computed once per explainer


def _edited(explainer: Explainer, collection: str, record_id: str, **fields: object) -> Explainer:
    records = dict(explainer.collection(collection))
    records[record_id] = records[record_id].model_copy(update=fields)
    return replace(explainer, **{collection: MappingProxyType(records)})


def test_changes_name_exactly_what_differs(fixture: Explainer) -> None:
    renamed = _edited(fixture, "participants", "bo-li", name="Li Bo")
    changes = Changes(fixture, renamed)
    assert changes(("rec", "participants", "bo-li"))
    assert not changes(("rec", "participants", "alice-example"))
    assert changes(("all", "participants")) and not changes(("all", "events"))
    assert not changes(("idx", "events_by_participant", "bo-li"))
    assert not changes(("info",))
    assert not changes(("page", "events", "london-round"))
    assert changes.any_of({("rec", "events", "x"), ("rec", "participants", "bo-li")})


def test_a_moved_reference_changes_the_index_not_the_other_records(fixture: Explainer) -> None:
    moved = _edited(fixture, "events", "london-round", topics=["rare-earths"])
    changes = Changes(fixture, moved)
    assert changes(("idx", "events_by_topic", "tariffs"))
    assert changes(("idx", "events_by_topic", "rare-earths"))
    assert not changes(("idx", "events_by_place", "lancaster-house"))
    assert changes(("idx-all", "events_by_topic"))


def test_a_date_that_moves_a_record_changes_its_page(monkeypatch: pytest.MonkeyPatch,
                                                     fixture: Explainer) -> None:
    monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", 2)
    monkeypatch.setattr(urls, "YEAR_PAGE_LIMIT", 2)
    later = _edited(fixture, "events", "leaders-call",
                    date=fixture.events["next-round"].date.__class__(2026, 1, 5))
    changes = Changes(fixture, later)
    assert changes(("page", "events", "leaders-call"))
    assert changes(("pages", "events"))
    before, after = urls.site_paging(fixture).events, urls.site_paging(later).events
    for event_id in fixture.events:
        moved = before.page_for(event_id) != after.page_for(event_id)
        assert changes(("page", "events", event_id)) == moved
    for page in before.pages:
        held = before.ids_on(page.url) != after.ids_on(page.url)
        assert changes(("members", "events", page.url)) == held


def test_an_unknown_read_is_a_programming_error(fixture: Explainer) -> None:
    with pytest.raises(ValueError, match="unknown read"):
        Changes(fixture, fixture)(("nonsense", "x"))
