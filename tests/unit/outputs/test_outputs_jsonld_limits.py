"""JSON-LD at scale: no list grows with the data past `LIST_ITEMS_LIMIT`, an ItemList still
counts every item, and the items kept are the first in the page's own order.

Uses the benchmark's generator at 250 participants (1,250 events: 110-140 per topic, about 125
members per delegation, a paginated timeline of about 180 events a year). Its places hold about
50 events each and it has 20 topics, so the place and explainer caps are checked under a lower
limit (the module reads the constant at call time).
"""

from __future__ import annotations

import re

import pytest
from outputs_data import SITE

from fixture_data import generated_explainer
from tradetalks import pages, render, urls
from tradetalks.model import Explainer
from tradetalks.outputs import jsonld

LIMIT = jsonld.LIST_ITEMS_LIMIT


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return generated_explainer(tmp_path_factory.mktemp("jsonld-scale") / "data",
                               participants=250, seed=5)


def urls_of(item_list: dict) -> list[str]:
    elements = item_list["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
    return [e["url"] if "url" in e else e["item"]["url"] for e in elements]


def test_the_limit_is_one_hundred() -> None:
    assert LIMIT == 100
    assert jsonld.FULL_ITEMS_LIMIT < LIMIT


def test_a_topic_lists_its_first_events_and_counts_them_all(big: Explainer) -> None:
    topic = max(big.topics, key=lambda t: len(big.events_by_topic[t]))
    held = big.events_by_topic[topic]
    assert len(held) > LIMIT
    _, item_list = jsonld.page_jsonld("topic", big, topic, SITE)
    assert item_list["numberOfItems"] == len(held)
    paging = urls.timeline_paging(big.timeline)
    assert urls_of(item_list) == [SITE + urls.record_url("events", e, paging)
                                  for e in held[:LIMIT]]


def test_a_timeline_page_lists_its_first_events(big: Explainer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "YEAR_PAGE_LIMIT", 250)  # year pages of about 180 events
    paging = urls.timeline_paging(big.timeline)
    page = max(paging.pages, key=lambda p: p.count)
    # Newest first, as the page shows them.
    on_page = [e.id for e in big.timeline[::-1] if paging.page_for(e.id) == page.url]
    assert len(on_page) == page.count > LIMIT
    (item_list,) = jsonld.page_jsonld("timeline-page", big, page.url, SITE)
    assert item_list["numberOfItems"] == page.count
    assert urls_of(item_list) == [f"{SITE}{page.url}#event-{e}" for e in on_page[:LIMIT]]


def test_the_whole_timeline_lists_its_first_events_when_not_paginated(
        big: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", len(big.events))
    (item_list,) = jsonld.page_jsonld("timeline", big, None, SITE)
    assert item_list["numberOfItems"] == len(big.events)
    assert urls_of(item_list) == [f"{SITE}timeline/#event-{e.id}"
                                  for e in big.timeline[::-1][:LIMIT]]  # newest first


def _page_links(explainer: Explainer, page_url: str) -> list[str]:
    """The record pages a rendered index page links to, in the page's order, as absolute URLs."""
    (spec,) = (s for s in pages.plan(explainer) if s.url == page_url)
    html = render.render_page(spec, explainer).html
    return [SITE + page_url + href for href in re.findall(r'<a href="([a-z0-9-]+/)"', html)]


def test_participants_are_the_first_in_the_page_order(big: Explainer) -> None:
    (item_list,) = jsonld.page_jsonld("participants", big, None, SITE)
    assert item_list["numberOfItems"] == len(big.participants) > LIMIT
    listed = urls_of(item_list)
    assert len(listed) == LIMIT
    on_page = _page_links(big, "participants/")
    assert len(on_page) == len(big.participants)
    assert listed == on_page[:LIMIT]


def test_topics_are_in_the_page_order(big: Explainer) -> None:
    (item_list,) = jsonld.page_jsonld("topics", big, None, SITE)
    assert item_list["numberOfItems"] == len(big.topics)
    assert urls_of(item_list) == _page_links(big, "topics/")


@pytest.mark.parametrize("kind", ["quotes", "sources"])
def test_long_index_lists_stop_at_the_limit(big: Explainer, kind: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "QUOTES_PAGE_LIMIT", 10_000)  # one page each, long lists
    monkeypatch.setattr(urls, "SOURCES_PAGE_LIMIT", 10_000)
    (item_list,) = jsonld.page_jsonld(kind, big, None, SITE)
    # Newest first, as the page shows them.
    records = (big.quotes_in_order[::-1] if kind == "quotes" else
               sorted(big.sources.values(), key=lambda s: (s.published, s.id),
                      reverse=True))
    assert item_list["numberOfItems"] == len(records) > LIMIT
    assert urls_of(item_list) == [SITE + urls.record_url(kind, r.id) for r in records[:LIMIT]]


def test_a_delegation_names_its_first_members(big: Explainer) -> None:
    org = max(big.members, key=lambda o: len(big.members[o]))
    assert len(big.members[org]) > LIMIT
    (node,) = jsonld.page_jsonld("participant", big, org, SITE)
    assert [m["@id"] for m in node["member"]] == [
        jsonld.node_id("participants", p, SITE) for p in big.members[org][:LIMIT]]


def test_a_place_names_its_first_events(big: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonld, "LIST_ITEMS_LIMIT", 10)
    place = max(big.events_by_place, key=lambda p: len(big.events_by_place[p]))
    held = big.events_by_place[place]
    assert len(held) > 10
    (node,) = jsonld.page_jsonld("place", big, place, SITE)
    paging = urls.timeline_paging(big.timeline)
    assert [e["@id"] for e in node["event"]] == [
        jsonld.node_id("events", e, SITE, paging) for e in held[:10]]


def test_the_explainer_is_about_its_first_topics(big: Explainer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonld, "LIST_ITEMS_LIMIT", 5)
    (article,) = jsonld.page_jsonld("home", big, None, SITE)
    assert [t["@id"] for t in article["about"]] == [
        jsonld.node_id("topics", t, SITE) for t in list(big.topics)[:5]]


def test_a_short_list_is_whole(big: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the limit nothing is cut, and a list of at most FULL_ITEMS_LIMIT is in full."""
    topic = min(big.topics, key=lambda t: len(big.events_by_topic[t]))
    held = big.events_by_topic[topic]
    monkeypatch.setattr(jsonld, "LIST_ITEMS_LIMIT", len(held))
    _, item_list = jsonld.page_jsonld("topic", big, topic, SITE)
    assert item_list["numberOfItems"] == len(item_list["itemListElement"]) == len(held)
    monkeypatch.setattr(jsonld, "FULL_ITEMS_LIMIT", len(held))
    _, whole = jsonld.page_jsonld("topic", big, topic, SITE)
    assert [e["item"]["@type"] for e in whole["itemListElement"]] == ["Event"] * len(held)


def test_item_list_cuts_a_whole_list_and_counts_it() -> None:
    items = [{"url": f"{SITE}x/{i}", "name": str(i)} for i in range(LIMIT + 5)]
    node = jsonld.item_list("X", "x/", items, SITE)
    assert node["numberOfItems"] == LIMIT + 5
    assert urls_of(node) == [f"{SITE}x/{i}" for i in range(LIMIT)]
