"""Page weight at scale: the paginated timeline, compact lists, summary JSON-LD, grouped overview.

Uses the benchmark's generator at 70 participants (350 events, past `urls.TIMELINE_PAGE_LIMIT`),
rendered in-process through `pages.plan` and `render.render_page` (no MkDocs: one strict build of
such a site is in tests/e2e/test_paginated_site.py). Links are checked here the way a browser
resolves them, against the ids each rendered page really has.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixture_data import REPO, VALID_DATA
from tradetalks import head, overview, pages, render, urls
from tradetalks.model import Explainer
from tradetalks.outputs import atom, ical, jsonld, opendata
from tradetalks.validate import check

SITE = "https://example.org/"
_HREF = re.compile(r'href="([^"#:]*)(?:#([^"]*))?"')
_ID = re.compile(r'\sid="([^"]+)"')


def generated(tmp: Path, participants: int) -> Explainer:
    sys.path.insert(0, str(REPO))
    try:
        from bench.generate import generate
    finally:
        sys.path.remove(str(REPO))
    generate(tmp, participants=participants, seed=5)
    explainer, problems = check(tmp)
    assert explainer is not None, problems
    return explainer


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return generated(tmp_path_factory.mktemp("gen") / "data", 70)


@pytest.fixture(scope="module")
def bodies(big: Explainer) -> dict[str, str]:
    """Page URL -> rendered body, for every planned page."""
    return {spec.url: render.render_page(spec, big).html for spec in pages.plan(big)}


@pytest.fixture
def by_month(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Split every year into months (the generated years hold ~45 events each)."""
    monkeypatch.setattr(urls, "YEAR_PAGE_LIMIT", 30)
    yield


def _events_on(html: str) -> list[str]:
    return re.findall(r'<article class="tt-event[^"]*" id="event-([^"]+)"', html)


def test_a_short_timeline_is_one_page() -> None:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    paging = urls.timeline_paging(explainer.timeline)
    assert paging.pages == ()
    assert urls.record_url("events", "x", paging) == "timeline/#event-x"
    assert not [s for s in pages.plan(explainer) if s.kind == "timeline-page"]


def test_past_the_limit_every_event_is_on_exactly_one_year_page(
        big: Explainer, bodies: dict[str, str]) -> None:
    assert len(big.events) == 350 > urls.TIMELINE_PAGE_LIMIT
    paging = urls.timeline_paging(big.timeline)
    years = sorted({e.date.year for e in big.events.values()})
    assert [p.url for p in paging.pages] == [f"timeline/{y}/" for y in years]
    seen: list[str] = []
    for page in paging.pages:
        on_page = _events_on(bodies[page.url])
        assert len(on_page) == page.count
        assert {big.events[e].date.year for e in on_page} == {page.year}
        seen += on_page
    assert len(seen) == len(set(seen)) == len(big.events)  # each exactly once
    assert _events_on(bodies["timeline/"]) == []
    event = big.timeline[0]
    assert urls.record_url("events", event.id, paging) == (
        f"timeline/{event.date.year}/#event-{event.id}")


def test_year_pages_are_planned_out_of_the_sidebar_and_linked_from_the_timeline(
        big: Explainer, bodies: dict[str, str]) -> None:
    specs = [s for s in pages.plan(big) if s.kind == "timeline-page"]
    assert specs and not [s for s in specs if s.in_nav]
    assert [s.src_uri for s in specs] == [f"{s.url}index.md" for s in specs]
    first = specs[0]
    assert first.title == f"Timeline: {big.timeline[0].date.year}"
    index = bodies["timeline/"]
    for spec in specs:
        year = spec.context["page"].year
        count = spec.context["page"].count
        assert f'<a href="{year}/">{year}</a>: {count} events</li>' in index
    assert 'rel="next"' in bodies[first.url] and 'rel="prev"' not in bodies[first.url]
    assert 'id="tt-filter"' not in index  # nothing to filter there: the years are
    assert f'data-scope="{year}"' in bodies[spec.url]


def test_a_busy_year_is_split_by_month(big: Explainer, by_month: None) -> None:
    paging = urls.timeline_paging(big.timeline)
    assert all(p.month is not None or p.undated for p in paging.pages)
    vague = [e for e in big.timeline if e.precision == "year"]
    assert vague, "the generator writes some events known only to the year"
    event = vague[0]
    assert paging.event_page(event.id) == f"timeline/{event.date.year}/month-unknown/"
    dated = next(e for e in big.timeline if e.precision == "day")
    assert paging.event_page(dated.id) == (
        f"timeline/{dated.date.year}/{dated.date.month:02d}/")
    titles = {s.url: s.title for s in pages.plan(big) if s.kind == "timeline-page"}
    assert titles[f"timeline/{dated.date.year}/{dated.date.month:02d}/"] == (
        f"Timeline: {render.MONTHS[dated.date.month - 1]} {dated.date.year}")
    assert titles[f"timeline/{event.date.year}/month-unknown/"] == (
        f"Timeline: {event.date.year}, month not known")
    assert sum(p.count for p in paging.pages) == len(big.events)


def _broken_links(bodies: dict[str, str]) -> list[str]:
    ids = {url: set(_ID.findall(html)) for url, html in bodies.items()}
    broken = []
    for url, html in bodies.items():
        for path, fragment in _HREF.findall(html):
            if not path and not fragment:
                continue
            target = posixpath.normpath(posixpath.join(url or ".", path)) + "/" if path else url
            target = "" if target == "./" else target
            if target not in bodies:
                continue  # hand-written pages, feeds, open data: checked by the e2e build
            if fragment and fragment not in ids[target]:
                broken.append(f"{url} -> {path}#{fragment}")
    return broken


def test_every_link_to_an_event_lands_on_its_anchor(big: Explainer,
                                                    bodies: dict[str, str]) -> None:
    event_links = sum(html.count("#event-") for html in bodies.values())
    assert event_links > len(big.events)
    assert _broken_links(bodies) == []


def test_links_land_when_split_by_month(big: Explainer, by_month: None) -> None:
    bodies = {spec.url: render.render_page(spec, big).html for spec in pages.plan(big)}
    assert any("/month-unknown/" in url for url in bodies)
    assert _broken_links(bodies) == []


def test_outputs_link_events_to_their_page(big: Explainer) -> None:
    event = big.timeline[-1]
    paged = f"{SITE}timeline/{event.date.year}/#event-{event.id}"
    (row,) = [r for r in opendata.record_json("events", event, SITE,
                                              urls.timeline_paging(big.timeline)).items()
              if r[0] == "page_url"]
    assert row[1] == paged
    files = opendata.build(big, SITE)
    assert paged.encode() in files["data/events.csv"]
    assert f"URL:{paged}".encode() in ical.calendar(big, SITE).replace(b"\r\n ", b"")
    feed = atom.events_feed(big, SITE).decode()
    # The entry id stays the one-page URL (ids never change); the link is where the event is.
    assert f"<id>{SITE}timeline/#event-{event.id}</id>" in feed
    assert f'href="{paged}"' in feed


def test_timeline_json_ld_lists_pages_and_each_page_its_own_events(big: Explainer) -> None:
    (index,) = jsonld.page_jsonld("timeline", big, None, SITE)
    paging = urls.timeline_paging(big.timeline)
    assert [i["url"] for i in index["itemListElement"]] == [SITE + p.url for p in paging.pages]
    page = paging.pages[1]
    (item_list,) = jsonld.page_jsonld("timeline-page", big, page.url, SITE)
    on_page = [e for e in big.timeline if e.date.year == page.year]
    assert len(on_page) > jsonld.FULL_ITEMS_LIMIT
    assert item_list["numberOfItems"] == page.count == len(on_page)
    assert item_list["itemListElement"][0] == {
        "@type": "ListItem", "position": 1, "name": on_page[0].title,
        "url": f"{SITE}{page.url}#event-{on_page[0].id}"}
    with pytest.raises(ValueError) as unknown:
        jsonld.page_jsonld("timeline-page", big, "timeline/1800/", SITE)
    assert str(unknown.value) == "no timeline page 'timeline/1800/'"


def test_long_lists_in_json_ld_are_summaries(big: Explainer) -> None:
    for kind in ("participants", "quotes", "sources"):
        (item_list,) = jsonld.page_jsonld(kind, big, None, SITE)
        assert item_list["numberOfItems"] > jsonld.FULL_ITEMS_LIMIT
        assert all(set(i) == {"@type", "position", "url", "name"}
                   for i in item_list["itemListElement"]), kind
    topic = max(big.topics, key=lambda t: len(big.events_by_topic.get(t, ())))
    _, events = jsonld.page_jsonld("topic", big, topic, SITE)
    assert events["numberOfItems"] == len(big.events_by_topic[topic])
    assert "item" not in events["itemListElement"][0]


def test_busy_topic_and_participant_pages_list_compactly(big: Explainer,
                                                         bodies: dict[str, str]) -> None:
    topic = max(big.topics, key=lambda t: len(big.events_by_topic.get(t, ())))
    events = big.events_by_topic[topic]
    assert len(events) > render.COMPACT_EVENTS
    html = bodies[urls.record_url("topics", topic)]
    assert _events_on(html) == []
    assert f"<p class=\"tt-compact-note\">{len(events)} events, in date order;" in html
    first = big.events[events[0]]
    assert (f'<a href="../../{urls.timeline_paging(big.timeline).event_page(first.id)}'
            f'#event-{first.id}">{first.title}</a>') in html
    quotes = big.quotes_by_topic[topic]
    assert len(quotes) <= render.COMPACT_QUOTES or 'class="tt-quotes--compact"' in html
    person = max(big.participants, key=lambda p: len(big.events_by_participant.get(p, ())))
    if len(big.events_by_participant.get(person, ())) > render.COMPACT_EVENTS:
        assert _events_on(bodies[urls.record_url("participants", person)]) == []
    quiet = min(big.topics, key=lambda t: len(big.events_by_topic.get(t, ())))
    if len(big.events_by_topic.get(quiet, ())) <= render.COMPACT_EVENTS:
        assert len(_events_on(bodies[urls.record_url("topics", quiet)])) == len(
            big.events_by_topic.get(quiet, ()))


def test_compact_quotes_beyond_the_limit(big: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(render.environment().globals, "COMPACT_QUOTES", 1)
    topic = next(t for t in big.topics if len(big.quotes_by_topic.get(t, ())) > 1)
    spec = next(s for s in pages.plan(big) if s.url == urls.record_url("topics", topic))
    html = render.render_page(spec, big).html
    quote = big.quotes[big.quotes_by_topic[topic][0]]
    assert 'class="tt-quote ' not in html
    assert f'href="../../quotes/#quote-{quote.id}"' in html
    assert render.clip("word " * 40) == ("word " * 27).strip() + "…"


def test_a_crowded_overview_groups_its_marks(big: Explainer) -> None:
    ov = overview.build(big)
    assert ov is not None and ov.grouping in overview.GROUPINGS
    assert len(ov.marks) <= overview.MAX_MARKS
    assert sum(m.count for m in ov.marks) == len(big.events)
    grouped = next(m for m in ov.marks if m.count > 1)
    html = render.render_markers("<!-- tradetalks:overview -->", big, "timeline/")
    page = urls.timeline_paging(big.timeline).event_page(grouped.event.id)
    assert (f'<a href="{posixpath.relpath(page, "timeline")}/#event-{grouped.event.id}" '
            f'aria-label="{grouped.label}: {grouped.count} events, from ') in html
    assert f"events grouped by {ov.grouping}" in html
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    small = overview.build(explainer)
    assert small is not None and small.grouping is None


def test_group_periods() -> None:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    event = next(e for e in explainer.timeline if e.precision == "day")
    day = event.date
    assert overview._bucket(event, "day") == (day, day)
    start, end = overview._bucket(event, "week")
    assert start.weekday() == 0 and (end - start).days == 6 and start <= day <= end
    start, end = overview._bucket(event, "quarter")
    assert start.month in (1, 4, 7, 10) and start <= day <= end and end.month == start.month + 2
    assert overview._group_label(start, end, "quarter", False) == (
        f"{start.strftime('%B')} to {end.strftime('%B')} {start.year}")


def test_no_page_is_heavy_at_this_scale(big: Explainer, bodies: dict[str, str]) -> None:
    """A guard on the shape, not a benchmark: body plus <head> extras of every page."""
    sizes = {}
    for spec in pages.plan(big):
        extras = head.page_head(big, spec, spec.url, SITE, "Site", spec.description)
        sizes[spec.url] = len(bodies[spec.url].encode()) + len(str(extras).encode())
    assert max(sizes.values()) < 400_000, sorted(sizes.items(), key=lambda s: -s[1])[:3]
