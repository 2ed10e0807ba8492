"""Page weight at scale: the paginated timeline, compact lists, summary JSON-LD, grouped overview.

Uses the benchmark's generator at 70 participants (350 events, past `urls.TIMELINE_PAGE_LIMIT`),
rendered in-process through `pages.plan` and `render.render_page` (no MkDocs: one strict build of
such a site is in tests/e2e/test_paginated_site.py). Links are checked here the way a browser
resolves them, against the ids each rendered page really has.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from fixture_data import VALID_DATA, generated_explainer
from tradetalks import head, overview, pages, render, state, urls
from tradetalks.dates import PartialDate
from tradetalks.model import Explainer
from tradetalks.outputs import atom, ical, jsonld, opendata
from tradetalks.validate import check

SITE = "https://example.org/"
_HREF = re.compile(r'href="([^"#:]*)(?:#([^"]*))?"')
_ID = re.compile(r'\sid="([^"]+)"')


def generated(tmp: Path, participants: int) -> Explainer:
    return generated_explainer(tmp, participants=participants, seed=5)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return generated(tmp_path_factory.mktemp("gen") / "data", 70)


@pytest.fixture(scope="module")
def bodies(big: Explainer) -> dict[str, str]:
    """Page URL -> rendered body, for every planned page."""
    return {spec.url: render.render_page(spec, big).html for spec in pages.plan(big)}


@pytest.fixture
def by_month(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Split every year into months (the generated years hold 30 to 60 events each, and 2025,
    with only the scheduled events, five)."""
    monkeypatch.setattr(urls, "YEAR_PAGE_LIMIT", 4)
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
        year = spec.context.page.year
        count = spec.context.page.count
        assert f'<a href="{year}/">{year}</a>: {count} events</li>' in index
    assert 'rel="next"' in bodies[first.url] and 'rel="prev"' not in bodies[first.url]
    assert 'id="tt-filter"' not in index  # nothing to filter there: the years are
    assert f'data-scope="{year}"' in bodies[spec.url]


def test_a_busy_year_is_split_by_month(big: Explainer, by_month: None) -> None:
    paging = urls.timeline_paging(big.timeline)
    assert all(p.month is not None or p.undated for p in paging.pages)
    vague = [e for e in big.timeline if e.date.precision == "year"]
    assert vague, "the generator writes some events known only to the year"
    event = vague[0]
    assert paging.page_for(event.id) == f"timeline/{event.date.year}/month-unknown/"
    dated = next(e for e in big.timeline if e.date.precision == "day")
    assert paging.page_for(dated.id) == (
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
    # Newest first, as the pages show them.
    assert [i["url"] for i in index["itemListElement"]] == [SITE + p.url
                                                            for p in paging.pages[::-1]]
    page = max(paging.pages[1:], key=lambda p: p.count)
    (item_list,) = jsonld.page_jsonld("timeline-page", big, page.url, SITE)
    on_page = [e for e in big.timeline[::-1] if e.date.year == page.year]
    assert len(on_page) > jsonld.FULL_ITEMS_LIMIT
    assert item_list["numberOfItems"] == page.count == len(on_page)
    assert item_list["itemListElement"][0] == {
        "@type": "ListItem", "position": 1, "name": on_page[0].title,
        "url": f"{SITE}{page.url}#event-{on_page[0].id}"}
    with pytest.raises(ValueError) as unknown:
        jsonld.page_jsonld("timeline-page", big, "timeline/1800/", SITE)
    assert str(unknown.value) == "no timeline page 'timeline/1800/'"


def test_long_lists_in_json_ld_are_summaries(big: Explainer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "QUOTES_PAGE_LIMIT", 1000)  # one long page each
    monkeypatch.setattr(urls, "SOURCES_PAGE_LIMIT", 1000)
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
    assert f"<p class=\"tt-compact-note\">{len(events)} events, newest first;" in html
    first = big.events[events[0]]
    assert (f'<a href="../../{urls.timeline_paging(big.timeline).page_for(first.id)}'
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
    url = urls.record_url("quotes", quote.id, urls.site_paging(big))
    assert url.startswith(f"quotes/{quote.date.year}/")  # 140 quotes: paginated by year
    assert f'href="../../{url}"' in html
    assert render.clip("word " * 40) == ("word " * 27).strip() + "…"


def test_a_crowded_overview_counts_by_side_per_month(big: Explainer) -> None:
    ov = overview.build(big)
    assert ov is not None and ov.grouped and ov.total == len(big.events)
    html = render.render_markers("<!-- tradetalks:overview -->", big, "timeline/")
    assert "tt-mark--" not in html.split('class="tt-legend"')[1].split("</ul>", 1)[1]
    rows = sum(len(rows) for _, rows in ov.years)
    assert html.count('class="tt-overview__row"') == rows
    assert all(sum(c for _, c in r.counts) == len(r.events) for _, rs in ov.years for r in rs)


def test_no_page_is_heavy_at_this_scale(big: Explainer, bodies: dict[str, str]) -> None:
    """A guard on the shape, not a benchmark: body plus <head> extras of every page."""
    sizes = {}
    for spec in pages.plan(big):
        extras = head.page_head(big, spec, spec.url, SITE, "Site", spec.description)
        sizes[spec.url] = len(bodies[spec.url].encode()) + len(str(extras).encode())
    assert max(sizes.values()) < 400_000, sorted(sizes.items(), key=lambda s: -s[1])[:3]


def _anchored(html: str, prefix: str) -> list[str]:
    return re.findall(
        rf'<(?:figure|li) class="[^"]*" id="{prefix}-([^"]+)"|<li id="{prefix}-([^"]+)"', html)


def _ids_on(html: str, prefix: str) -> list[str]:
    return [a or b for a, b in _anchored(html, prefix)]


@pytest.mark.parametrize(("kind", "prefix", "limit"), [("quotes", "quote", "QUOTES_PAGE_LIMIT"),
                                                      ("sources", "source",
                                                       "SOURCES_PAGE_LIMIT")])
def test_quotes_and_sources_paginate_by_year_newest_first(
        big: Explainer, bodies: dict[str, str], kind: str, prefix: str, limit: str) -> None:
    records = big.quotes_in_order if kind == "quotes" else big.sources_in_order
    assert len(records) > getattr(urls, limit)
    paging = urls.site_paging(big).of(kind)
    assert paging is not None and paging.pages
    seen: list[str] = []
    for page in paging.pages:
        on_page = _ids_on(bodies[page.url], prefix)
        assert len(on_page) == page.count
        dates = [getattr(big.collection(kind)[r], "date", None)
                 or getattr(big.collection(kind)[r], "published") for r in on_page]  # noqa: B009
        assert {d.year for d in dates} == {page.year}
        assert dates == sorted(dates, reverse=True)  # newest first, like the one-page list
        seen += on_page
    assert sorted(seen) == sorted(r.id for r in records)  # each exactly once
    index = bodies[urls.INDEX_PAGES[kind]]
    assert _ids_on(index, prefix) == []
    years = [int(y) for y in re.findall(r'<li><a href="(\d{4})/">', index)]
    assert years == sorted({p.year for p in paging.pages}, reverse=True)
    record = records[-1]
    assert urls.record_url(kind, record.id, urls.site_paging(big)) == (
        f"{kind}/{paging.pages[-1].year}/#{prefix}-{record.id}")
    titles = {s.url: s.title for s in pages.plan(big) if s.kind == f"{kind}-page"}
    assert titles[paging.pages[0].url] == f"{kind.capitalize()}: {paging.pages[0].year}"


def test_a_busy_month_is_cut_into_parts_at_day_boundaries(big: Explainer) -> None:
    paging = urls.paginate(big.timeline, "timeline/", 3, 3)
    parts = [p for p in paging.pages if p.part]
    assert parts, "months of the generated timeline hold more than three events"
    assert all(p.count <= 3 for p in paging.pages)
    by_page: dict[str, list[str]] = {}
    for event in big.timeline:
        by_page.setdefault(paging.page_for(event.id), []).append(event.id)
    assert sorted(by_page) == sorted(p.url for p in paging.pages)
    first = next(p for p in parts if p.part == 1)
    second = next(p for p in parts if p.part == 2 and p.year == first.year
                  and p.month == first.month)
    assert first.url == f"timeline/{first.year}/{first.month:02d}/"
    assert second.url == f"{first.url}part-2/"
    assert first.days and second.days and first.days[1] <= second.days[0]
    dates = [big.events[e].date for e in by_page[first.url]]  # a month-only date: its span
    assert first.days == (dates[0].earliest.day, dates[-1].latest.day)
    month = render.MONTHS[first.month - 1]
    expected = (f"{first.days[0]}–{first.days[1]} {month} {first.year}"
                if first.days[0] != first.days[1] else f"{first.days[0]} {month} {first.year}")
    assert pages.list_page_title(first) == expected
    # A day is never cut while it fits on one page.
    for part, following in zip(paging.pages, paging.pages[1:], strict=False):
        if part.days and following.days and part.month == following.month:
            last = big.events[by_page[part.url][-1]].date
            first_next = big.events[by_page[following.url][0]].date
            assert last < first_next or len(by_page[part.url]) == 3


def test_links_land_when_months_are_cut_into_parts(big: Explainer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TIMELINE_PAGE_LIMIT", "YEAR_PAGE_LIMIT", "QUOTES_PAGE_LIMIT",
                 "SOURCES_PAGE_LIMIT"):
        monkeypatch.setattr(urls, name, 3)
    bodies = {spec.url: render.render_page(spec, big).html for spec in pages.plan(big)}
    assert any("/part-2/" in url for url in bodies if url.startswith("quotes/"))
    assert any("/part-2/" in url for url in bodies if url.startswith("timeline/"))
    assert _broken_links(bodies) == []
    events = [e for url, html in bodies.items() if url.startswith("timeline/")
              for e in _events_on(html)]
    assert sorted(events) == sorted(big.events)


def test_the_home_page_names_a_dozen_per_side_most_involved_first(big: Explainer) -> None:
    html = render.render_markers("<!-- tradetalks:delegations -->", big, "")
    side = html[html.index('id="tt-delegation-china"'):]
    people = [p.id for p in big.participants.values()
              if p.side == "china" and p.kind == "person"]
    assert len(people) > render.HOME_PEOPLE
    ordered = state.table_order(big, people)
    named = re.findall(r'<li><a href="participants/([^/]+)/">', side)
    assert named == ordered[:render.HOME_PEOPLE]
    involvement = [state.involvement(big, p) for p in named]
    assert involvement == sorted(involvement, reverse=True)
    assert (f'{len(people) - render.HOME_PEOPLE} more on the participants page</a>') in side


def test_a_topic_page_names_its_most_involved_participants(
        big: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "TOPIC_PEOPLE_LIMIT", 5)
    topic = max(big.topics, key=lambda t: len(big.participants_by_topic.get(t, ())))
    involved = big.participants_by_topic[topic]
    spec = next(s for s in pages.plan(big) if s.url == urls.record_url("topics", topic))
    html = render.render_page(spec, big).html
    section = html[html.index('<h2 id="participants">'):]
    named = re.findall(r'<li><a href="\.\./\.\./participants/([^/]+)/">', section)
    assert named == sorted(named) and len(named) == 5
    assert (f"{len(involved)} participants took part in events or quotes on this topic; "
            "the 5 most involved are listed here") in section

    def involvement(pid: str) -> int:
        return (sum(pid in big.events[e].participants for e in big.events_by_topic[topic])
                + sum(big.quotes[q].speaker == pid for q in big.quotes_by_topic.get(topic, ())))
    left_out = set(involved) - set(named)
    assert min(map(involvement, named)) >= max(map(involvement, left_out))


@pytest.mark.parametrize("kind", ["quotes", "sources"])
def test_paginated_quotes_and_sources_json_ld_lists_pages_then_records(big: Explainer,
                                                                       kind: str) -> None:
    paging = urls.site_paging(big)
    list_paging = paging.of(kind)
    assert list_paging is not None
    (index,) = jsonld.page_jsonld(kind, big, None, SITE)
    assert [i["url"] for i in index["itemListElement"]] == [
        SITE + p.url for p in list_paging.pages[::-1]]  # newest first, as the index shows
    assert index["itemListElement"][0]["name"] == (
        f"{list_paging.pages[-1].year}: {list_paging.pages[-1].count} {kind}")
    page = list_paging.pages[0]
    (item_list,) = jsonld.page_jsonld(f"{kind}-page", big, page.url, SITE)
    assert item_list["numberOfItems"] == page.count
    urls_listed = [i["item"]["@id"] if "item" in i else i["url"]
                   for i in item_list["itemListElement"]]
    prefix = urls.RECORD_ANCHORS[kind][1]
    assert all(u.startswith(f"{SITE}{page.url}#{prefix}") for u in urls_listed)
    with pytest.raises(ValueError) as unknown:
        jsonld.page_jsonld(f"{kind}-page", big, f"{kind}/1800/", SITE)
    assert str(unknown.value) == f"no {kind} page '{kind}/1800/'"


def test_parts_of_one_overflowing_day_have_distinct_titles() -> None:
    records = [SimpleNamespace(id=f"e{i}", date=PartialDate(2025, 6, 14)) for i in range(5)]
    records.append(SimpleNamespace(id="e5", date=PartialDate(2025, 6, 15)))
    paging = urls.paginate(records, "timeline/", 2, 2)
    titles = [pages.list_page_title(page) for page in paging.pages]
    assert titles == ["14 June 2025", "14 June 2025 (part 2)", "14–15 June 2025 (part 3)"]


def test_sources_without_a_publication_date_get_a_page_of_their_own() -> None:
    """Not filed under the day someone read them, which would pass for a publication date."""
    dated = [SimpleNamespace(id=f"s{i}", published=PartialDate.parse(f"2025-0{1 + i % 3}"))
             for i in range(4)]
    undated = [SimpleNamespace(id=f"u{i}", published=None) for i in range(3)]
    paging = urls.paginate([*dated, *undated], "sources/", 2)
    assert [(p.url, p.count) for p in paging.pages if p.dateless] == [
        ("sources/date-unknown/", 2), ("sources/date-unknown/part-2/", 1)]
    assert not any(p.dateless for p in paging.pages[:-2])  # last, after every dated page
    assert [paging.page_for(r.id) for r in undated] == [
        "sources/date-unknown/", "sources/date-unknown/", "sources/date-unknown/part-2/"]
    assert {paging.page_for(r.id) for r in dated} == {"sources/2025/01/", "sources/2025/02/",
                                                      "sources/2025/03/"}
    assert [pages.list_page_title(p) for p in paging.pages if p.dateless] == [
        "Publication date not known (part 1)", "Publication date not known (part 2)"]
