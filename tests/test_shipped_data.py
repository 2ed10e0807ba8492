"""The shipped data keeps the promises a machine can check (docs/about.md, the editor's guide):

* every record, and every role, position, commitment and change in one, cites at least one
  source with a public URL, so each fact is one click from a page a reader can open;
* no direct quote's words appear inside another direct quote (the same words recorded twice);
* no event is `held` with a date after every one of its sources was published;
* the seed article's facts (the explainer's first data set, frozen in tests/fixtures/seed) stay,
  with their ids, their dates and their quotes word for word, still citing the article;
* the story is told through its rounds: enough events, and the people who lead each side's
  delegation at each round among their participants.
"""

from __future__ import annotations

import pytest

from fixture_data import REPO
from tradetalks.model import COLLECTIONS, NESTED_CITING, Explainer
from tradetalks.validate import check

SEED_DIR = REPO / "tests" / "fixtures" / "seed" / "data"
SEED_SOURCE = "ap-london-talks-2025"


@pytest.fixture(scope="module")
def shipped() -> Explainer:
    explainer, problems = check(REPO / "data")
    assert explainer is not None and problems == [], problems
    return explainer


@pytest.fixture(scope="module")
def seed() -> Explainer:
    explainer, _ = check(SEED_DIR)
    assert explainer is not None
    return explainer


def _linked(explainer: Explainer, source_ids: list[str]) -> bool:
    return any(explainer.sources[s].url for s in source_ids)


def test_every_record_cites_a_page_a_reader_can_open(shipped: Explainer) -> None:
    unlinked = []
    for name in COLLECTIONS:
        for record in shipped.collection(name).values():
            own = getattr(record, "sources", [])
            if name != "sources" and own and not _linked(shipped, own):
                unlinked.append(f"{name}/{record.id}")
            for nested_name in NESTED_CITING:
                for i, nested in enumerate(getattr(record, nested_name, ())):
                    if not _linked(shipped, nested.sources):
                        unlinked.append(f"{name}/{record.id}.{nested_name}[{i}]")
    assert unlinked == []


def test_no_direct_quote_is_recorded_twice(shipped: Explainer) -> None:
    direct = [q for q in shipped.quotes.values() if q.kind == "direct"]
    repeated = [(a.id, b.id) for a in direct for b in direct
                if a.id != b.id and " ".join(a.text.split()) in " ".join(b.text.split())]
    assert repeated == []


def test_no_event_is_held_before_a_source_could_report_it(shipped: Explainer) -> None:
    early = []
    for event in shipped.events.values():
        dated = [shipped.sources[s].dated for s in event.sources]
        if event.status == "held" and all(d.certainly_before(event.date) for d in dated):
            early.append(event.id)
    assert early == []


def test_the_seed_articles_facts_and_ids_are_unchanged(shipped: Explainer,
                                                       seed: Explainer) -> None:
    assert shipped.sources[SEED_SOURCE] == seed.sources[SEED_SOURCE]
    for quote in seed.quotes.values():
        now = shipped.quotes[quote.id]
        assert (now.text, now.speaker, now.kind, now.date) == (
            quote.text, quote.speaker, quote.kind, quote.date), quote.id
        assert SEED_SOURCE in now.sources
    for name in ("participants", "events", "topics"):
        for record in seed.collection(name).values():
            assert record.id in shipped.collection(name), f"{name}/{record.id}"
            assert SEED_SOURCE in shipped.collection(name)[record.id].sources, record.id
    for event in seed.events.values():  # the days the article gives stay those days
        if event.date.precision == "day":
            assert shipped.events[event.id].date == event.date, event.id


@pytest.mark.parametrize(("event_id", "leads"), [
    ("geneva-talks", {"scott-bessent", "jamieson-greer", "he-lifeng"}),
    ("london-talks-day-1", {"scott-bessent", "howard-lutnick", "jamieson-greer", "he-lifeng"}),
])
def test_each_round_names_who_led_each_side(shipped: Explainer, event_id: str,
                                            leads: set[str]) -> None:
    assert leads <= set(shipped.events[event_id].participants)


def test_the_story_runs_through_2025(shipped: Explainer) -> None:
    assert len(shipped.events) >= 40
    years = {e.date.year for e in shipped.events.values()}
    assert {2025, 2026} <= years
    assert {"geneva-truce", "london-framework"} <= set(shipped.agreements)
    assert shipped.deadlines
