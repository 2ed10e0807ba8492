"""Tests for `tradetalks.model`: record classes, the Explainer graph and its back-references,
and the seed article's facts as the explainer's first data set held them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fixture_data import REPO, VALID_DATA
from tradetalks.dates import PartialDate
from tradetalks.model import (
    COLLECTIONS,
    COUNTRY_CODES,
    RESERVED_IDS,
    Event,
    Explainer,
    Participant,
    Source,
    cited_sources,
)
from tradetalks.validate import load_explainer


@pytest.fixture(scope="module")
def fixture() -> Explainer:
    return load_explainer(VALID_DATA)[0]


@pytest.fixture(scope="module")
def seed() -> Explainer:
    """The explainer's first data set, the seed article's facts alone (the shipped data, which
    keeps them with their ids, is checked in tests/test_shipped_data.py)."""
    return load_explainer(REPO / "tests" / "fixtures" / "seed" / "data")[0]


# --- the seed's facts ---------------------------------------------------------------------------

def test_seed_participants(seed: Explainer) -> None:
    people = {"donald-trump", "xi-jinping", "he-lifeng", "howard-lutnick", "scott-bessent",
              "wang-wentao", "li-chenggang"}
    assert people <= set(seed.participants)
    assert {p for p in people if seed.participants[p].side == "china"} == {
        "xi-jinping", "he-lifeng", "wang-wentao", "li-chenggang"}
    he = seed.participants["he-lifeng"]
    assert (he.name, he.native_name and he.native_name.text, he.native_name and
            he.native_name.lang) == ("He Lifeng", "何立峰", "zh-Hans")
    assert "Vice Premier" in [r.title for r in he.roles]
    for pid in ("xi-jinping", "wang-wentao", "li-chenggang"):
        native = seed.participants[pid].native_name
        assert native is not None and native.lang == "zh-Hans"
    assert [r.title for r in seed.participants["howard-lutnick"].roles] == ["Commerce Secretary"]
    assert [r.title for r in seed.participants["scott-bessent"].roles] == ["Treasury Secretary"]
    assert [r.title for r in seed.participants["wang-wentao"].roles] == ["Commerce Minister"]
    # Delegations: the members the article names are linked both ways.
    china = [m for m in seed.members.values() if "he-lifeng" in m]
    assert china and {"wang-wentao", "li-chenggang"} <= set(china[0])
    us = [m for m in seed.members.values() if "howard-lutnick" in m]
    assert us and "scott-bessent" in us[0]


def test_seed_places(seed: Explainer) -> None:
    lancaster = seed.places["lancaster-house"]
    assert (lancaster.name, lancaster.locality, lancaster.country) == (
        "Lancaster House", "London", "GB")
    assert "Buckingham Palace" in (lancaster.description or "")
    assert seed.places["geneva"].country == "CH"


def test_seed_events_and_derived_dates(seed: Explainer) -> None:
    assert len(seed.events) == 5
    by_date = {(e.date.iso, e.date.precision) for e in seed.events.values()}
    assert {("2025-06-05", "day"), ("2025-06-09", "day"), ("2025-06-10", "day")} <= by_date
    call = next(e for e in seed.events.values() if e.date == PartialDate(2025, 6, 5))
    assert set(call.participants) == {"donald-trump", "xi-jinping"}
    assert call.date_basis and "last Thursday" in call.date_basis  # the record says how
    london = [e for e in seed.events.values() if e.place == "lancaster-house"]
    assert sorted(e.date.iso for e in london) == ["2025-06-09", "2025-06-10"]
    assert all(e.date_basis for e in london)
    geneva = [e for e in seed.events.values() if "Geneva" in e.title or e.place == "geneva"]
    assert geneva and all(e.date.precision == "year" for e in geneva)  # the article gives no date
    assert any("90-day pause" in e.title for e in seed.events.values())
    assert [e.date for e in seed.timeline] == sorted(e.date for e in seed.timeline)


def test_seed_topics(seed: Explainer) -> None:
    titles = " | ".join(t.title.lower() for t in seed.topics.values())
    for words in ("tariffs", "semiconductors", "students", "rare earth", "market"):
        assert words in titles, words
    rare = seed.topics["rare-earths"]
    assert [p.side for p in rare.positions] == ["china"]
    sides = {p.side for t in seed.topics.values() for p in t.positions}
    assert sides == {"united-states", "china"}


def test_seed_quotes_verbatim(seed: Explainer) -> None:
    direct = {q.text for q in seed.quotes.values() if q.kind == "direct"}
    assert direct == {"not easy", "going well",
                      "If we don’t open up China, maybe we won’t do anything."}
    article = (REPO.parent / "shared" / "seed" / "ap-london-talks-2025.txt")
    if article.exists():  # every quote, direct or paraphrased, is in the article as written
        text = article.read_text(encoding="utf-8")
        assert all(q.text in text for q in seed.quotes.values())
    speakers = {q.text: q.speaker for q in seed.quotes.values()}
    assert speakers["going well"] == "howard-lutnick"
    assert speakers["not easy"] == "donald-trump"
    assert {q.kind for q in seed.quotes.values()} == {"direct", "paraphrase"}


def test_seed_source_and_explainer(seed: Explainer) -> None:
    (source,) = seed.sources.values()
    assert (source.publisher, source.authors, source.published, source.url) == (
        "Associated Press", ["Jill Lawless"], PartialDate(2025, 6, 10), None)
    assert seed.info.status == "being-updated"
    every = [*seed.events.values(), *seed.quotes.values(),
             *(p for t in seed.topics.values() for p in t.positions)]
    assert all(item.sources for item in every)


# --- the graph ---------------------------------------------------------------------------------

def test_collections_are_in_id_order_and_read_only(fixture: Explainer) -> None:
    assert list(fixture.participants) == ["alice-example", "bo-li", "us-team"]
    with pytest.raises(TypeError):
        fixture.participants["x"] = fixture.participants["bo-li"]  # type: ignore[index]
    with pytest.raises(ValidationError):
        fixture.participants["bo-li"].name = "Someone"  # type: ignore[misc]
    assert fixture.collection("places") is fixture.places


def test_timeline_orders_by_date_then_end_then_id(fixture: Explainer) -> None:
    assert [e.id for e in fixture.timeline] == ["leaders-call", "london-round", "next-round"]


def test_back_references(fixture: Explainer) -> None:
    assert fixture.events_by_participant["bo-li"] == ("london-round",)
    assert fixture.events_by_topic == {"tariffs": ("london-round",)}
    assert fixture.events_by_place == {"lancaster-house": ("london-round",)}
    assert fixture.quotes_by_speaker == {"alice-example": ("alice-going-well",),
                                         "bo-li": ("bo-li-open",)}
    assert fixture.quotes_by_topic == {"tariffs": ("alice-going-well",),
                                       "rare-earths": ("bo-li-open",)}
    assert fixture.quotes_by_event == {"london-round": ("alice-going-well",)}
    assert fixture.members == {"us-team": ("alice-example",)}
    assert fixture.topics_by_participant["bo-li"] == ("tariffs", "rare-earths")
    assert fixture.participants_by_topic["rare-earths"] == ("bo-li",)
    assert fixture.corrections_by_record == {"participants/alice-example": ("alice-title",)}


def test_citations_list_what_cites_each_source(fixture: Explainer) -> None:
    assert fixture.citations["fixture-source"] == (
        "agreements/london-framework", "corrections/alice-title", "events/london-round",
        "events/next-round",
        "participants/alice-example", "participants/bo-li", "participants/us-team",
        "places/lancaster-house", "quotes/alice-going-well", "quotes/bo-li-open",
        "topics/tariffs")


def test_origins_point_at_the_file_and_line(fixture: Explainer) -> None:
    origin = fixture.origins[("events", "next-round")]
    assert (origin.file, origin.line) == ("data/events/part-002.yml", 10)


def test_cited_sources_includes_roles_and_positions_once(fixture: Explainer) -> None:
    assert cited_sources(fixture.participants["bo-li"]) == ["fixture-source", "second-source"]
    assert cited_sources(fixture.topics["tariffs"]) == ["fixture-source"]
    assert cited_sources(fixture.topics["rare-earths"]) == []


# --- record classes ----------------------------------------------------------------------------

def test_every_collection_has_a_record_class_with_documented_fields() -> None:
    assert list(COLLECTIONS) == ["sources", "participants", "places", "events", "topics",
                                 "quotes", "agreements", "deadlines", "corrections"]
    for model in COLLECTIONS.values():
        schema = model.model_json_schema()
        assert schema["additionalProperties"] is False
        assert "id" in schema["properties"]


def test_role_period_uses_from_and_to_in_yaml() -> None:
    participant = Participant.model_validate({
        "id": "x", "kind": "court", "name": "X", "side": "third-party", "country": "US",
        "sources": ["s"],
        "roles": [{"title": "T", "from": 2025, "to": "2025-02-01", "sources": ["s"]}]})
    assert (participant.roles[0].start, participant.roles[0].end) == (
        PartialDate(2025), PartialDate(2025, 2, 1))


def test_strict_types_refuse_coercion() -> None:
    with pytest.raises(ValidationError) as raised:
        Source.model_validate({"id": "s", "publisher": 12, "title": "T",
                               "published": "2025-01-01"})
    assert [e["type"] for e in raised.value.errors()] == ["string_type"]


def test_defaults() -> None:
    event = Event.model_validate({"id": "e", "title": "T", "date": "2025-01-01",
                                  "status": "held", "side": "both", "summary": "S",
                                  "sources": ["s"]})
    assert (event.date.precision, event.end, event.participants, event.place) == (
        "day", None, [], None)
    assert Source.model_validate({"id": "s", "publisher": "P", "title": "T",
                                  "published": "2025-01-01"}).language == "en"


def test_reserved_ids_and_country_codes() -> None:
    assert {"index", "search", "assets", "404", "con", "nul", "com1", "lpt9"} <= RESERVED_IDS
    assert {"GB", "CH", "US", "CN", "NO", "XK"} <= COUNTRY_CODES
    assert "UK" not in COUNTRY_CODES and len(COUNTRY_CODES) == 250
