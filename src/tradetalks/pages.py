"""The page plan: the validated `Explainer` -> one `PageSpec` per generated page.

Fourth step of the flow (load -> validate -> model -> **plan** -> render). A spec says everything
about a page except its HTML: where it lives (from `urls`), its plain-text title and description,
which template renders it and with what records, which data file it comes from (for "Edit this
page") and whether it belongs in the sidebar. Index pages go in the navigation; the many record
pages do not (a sidebar with a thousand profiles makes every page heavy), index pages list them.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from . import urls
from .dates import MONTHS
from .model import SIDE_LABELS, Entity, Event, Explainer, Origin


@dataclass(frozen=True)
class PageSpec:
    kind: str
    """What the page shows: 'participant', 'timeline', ... (also the JSON-LD page kind)."""
    src_uri: str
    url: str
    title: str
    """Plain text; escaped wherever it is output."""
    description: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    in_nav: bool = False
    record_id: str | None = None
    feeds: tuple[tuple[str, str], ...] = ()
    """(title, site-relative URL) of Atom feeds about this page, for <link rel="alternate">."""


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page URL to another site-relative URL (both without a leading slash).

    Page URLs are directories (`participants/he-lifeng/`) or '' for the home page, as MkDocs
    writes them with `use_directory_urls`; links stay relative so the site works in a subfolder.
    """
    target, _, fragment = to_url.partition("#")
    rel = _relpath(target or ".", from_url.rstrip("/") or ".")
    if rel == ".":
        rel = "./"
    elif target.endswith("/") or not target:
        rel += "/"
    return f"{rel}#{fragment}" if fragment else rel


@lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for site-relative paths, without its os.getcwd() per call (this runs
    for every link of every page); cached because a page's links share their folders."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base) - common) + to[common:]
    return "/".join(parts) if parts else "."


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _index(name: str, title: str, description: str, template: str, **context: Any) -> PageSpec:
    return PageSpec(kind=name, src_uri=urls.index_src_uri(name), url=urls.INDEX_PAGES[name],
                    title=title, description=description, template=template, in_nav=True,
                    context=context)



MonthGroups = list[tuple[int | None, list[Event]]]


def timeline_groups(events: Sequence[Event]) -> list[tuple[int, MonthGroups]]:
    """Events grouped by year, then month (None: dated only to the year), in date order."""
    years: dict[int, dict[int | None, list[Event]]] = {}
    for event in events:
        years.setdefault(event.date.year, {}).setdefault(event.date.month, []).append(event)
    return [(year, sorted(months.items(), key=lambda m: (m[0] is not None, m[0] or 0)))
            for year, months in sorted(years.items())]


def list_page_title(page: urls.ListPage) -> str:
    """'2025', 'June 2025', '1–14 June 2025' (a part of a busy month; '14 June 2025 (part 3)'
    for a part that goes on with the previous part's last day), '2025, month not known'."""
    if page.undated:
        return f"{page.year}, month not known" + (f" (part {page.part})" if page.part else "")
    if page.month is None:
        return str(page.year)
    month = f"{MONTHS[page.month - 1]} {page.year}"
    if page.days is None:
        return month
    first, last = page.days
    title = f"{first}–{last} {month}" if first != last else f"{first} {month}"
    return f"{title} (part {page.part})" if page.continues_day else title


timeline_page_title = list_page_title


def _neighbours(paging: urls.ListPaging, i: int) -> dict[str, Any]:
    return {"page": paging.pages[i], "page_label": list_page_title(paging.pages[i]),
            "previous": paging.pages[i - 1] if i else None,
            "next": paging.pages[i + 1] if i + 1 < len(paging.pages) else None,
            "page_title": list_page_title}


def _by_page(paging: urls.ListPaging, records: Sequence[Any]) -> dict[str, list[Any]]:
    by_page: dict[str, list[Any]] = {}
    for record in records:
        by_page.setdefault(paging.page_for(record.id), []).append(record)
    return by_page


def _timeline_pages(explainer: Explainer, paging: urls.ListPaging) -> list[PageSpec]:
    """One page per year (or month) of a paginated timeline, out of the sidebar: the timeline
    index lists them, and each links to its neighbours."""
    by_page = _by_page(paging, explainer.timeline)
    specs = []
    for i, page in enumerate(paging.pages):
        label = list_page_title(page)
        events = by_page[page.url]
        # The page's filter offers only what its events have: the whole cast of a big
        # explainer would weigh more than the events themselves.
        topic_ids = {t for e in events for t in e.topics}
        people = {p for e in events for p in e.participants}
        specs.append(PageSpec(
            kind="timeline-page", src_uri=page.src_uri, url=page.url,
            title=f"Timeline: {label}",
            description=f"The events of {explainer.info.title} in {label}, in date order.",
            template="timeline-page.html",
            context={**_neighbours(paging, i),
                     "timeline_groups": timeline_groups(events), "filter_scope": label,
                     "filter_topics": [t for t in explainer.topics.values() if t.id in topic_ids],
                     "filter_participants": sorted(
                         (explainer.participants[p] for p in people), key=lambda p: p.name)}))
    return specs


def _quote_and_source_pages(explainer: Explainer, paging: urls.SitePaging) -> list[PageSpec]:
    """The pages of a paginated quotes/ or sources/, newest first on each page, like the lists
    they split."""
    specs = []
    for kind, what, records in (("quotes", "Quotes", explainer.quotes_in_order),
                                ("sources", "Sources", explainer.sources_in_order)):
        list_paging = paging.of(kind)
        assert list_paging is not None
        by_page = _by_page(list_paging, records)
        for i, page in enumerate(list_paging.pages):
            label = list_page_title(page)
            specs.append(PageSpec(
                kind=f"{kind}-page", src_uri=page.src_uri, url=page.url,
                title=f"{what}: {label}",
                description=f"{what} of {explainer.info.title} from {label}, newest first.",
                template=f"{kind}-page.html",
                context={**_neighbours(list_paging, i), "index": urls.INDEX_PAGES[kind],
                         kind: by_page[page.url][::-1]}))
    return specs


#: A topic page names at most this many participants, the most involved (every profile lists
#: its topics, so the relation stays complete from the other side).
TOPIC_PEOPLE_LIMIT = 50


def topic_people(explainer: Explainer, topic_id: str) -> tuple[list[str], int]:
    """(ids of the participants a topic page names, sorted; how many are involved in all):
    the most involved by events and quotes on the topic when there are too many to list."""
    people = explainer.participants_by_topic.get(topic_id, ())
    if len(people) <= TOPIC_PEOPLE_LIMIT:
        return sorted(people), len(people)
    counts = Counter(p for e in explainer.events_by_topic.get(topic_id, ())
                     for p in explainer.events[e].participants)
    counts.update(explainer.quotes[q].speaker for q in explainer.quotes_by_topic.get(topic_id, ()))
    return sorted(sorted(people, key=lambda p: (-counts[p], p))[:TOPIC_PEOPLE_LIMIT]), len(people)


#: Page kinds about one record, and the collection the record belongs to.
RECORD_KINDS = {"participant": "participants", "topic": "topics", "place": "places",
                "agreement": "agreements"}
#: Page kinds of one page of a paginated list, and the collection the list holds.
LIST_PAGE_KINDS = {"timeline-page": "events", "quotes-page": "quotes", "sources-page": "sources"}


def _record_page(explainer: Explainer, kind: str, record: Entity, var: str, title: str,
                 description: str, feed: str | None = None) -> PageSpec:
    """The page of one participant, topic or place; `var` names the record in its template."""
    collection = RECORD_KINDS[kind]
    return PageSpec(
        kind=kind, src_uri=urls.record_src_uri(collection, record.id),
        url=urls.record_url(collection, record.id), title=title,
        description=_clip(description), template=f"{kind}.html",
        context={var: record, "record_key": f"{collection}/{record.id}"},
        origin=explainer.origins.get((collection, record.id)), record_id=record.id,
        feeds=((feed, urls.feed_url(collection, record.id)),) if feed else ())


def _data_page(explainer: Explainer, site_url: str) -> PageSpec:
    """/data/: every download, feed and the calendar, listed from what `outputs` publishes."""
    from .outputs import catalogue  # outputs import this module: imported when planning

    listed = catalogue.catalogue(explainer, site_url)
    feeds = [d for d in listed if d.group == "feed"]
    by_record = [(kind, [d for d in feeds if d.about == kind])
                 for kind in ("topics", "participants")]
    return _index("data", "Open data",
                  "Every fact of the explainer as data, feeds and a calendar, free to reuse "
                  "under CC BY 4.0.", "data.html",
                  data_files=[d for d in listed if d.group == "data"],
                  main_feed=next(d for d in feeds if d.path == urls.feed_url("events")),
                  record_feeds=by_record,
                  calendar=next(d for d in listed if d.group == "calendar"),
                  webcal=catalogue.webcal_url(site_url), licence=catalogue.LICENCE,
                  carve_out=catalogue.CARVE_OUT, site_url=site_url)


def plan(explainer: Explainer, site_url: str = "") -> list[PageSpec]:
    """Every generated page, sorted by source path so builds are reproducible. `site_url`, the
    site's absolute address, goes into what must be absolute on a page (the calendar's
    `webcal:` link, the citation)."""
    info = explainer.info
    site_paging = urls.site_paging(explainer)
    paging = site_paging.events
    timeline_context: dict[str, Any] = (
        {"timeline_pages": paging.pages, "page_title": list_page_title} if paging.pages
        else {"timeline_groups": timeline_groups(explainer.timeline)})

    def list_pages(kind: str) -> dict[str, Any]:
        pages = site_paging.quotes.pages if kind == "quotes" else site_paging.sources.pages
        return {"list_pages": pages[::-1], "page_title": list_page_title} if pages else {}

    specs = [
        _index("timeline", "Timeline", f"Every event of {info.title}, in date order.",
               "timeline.html", **timeline_context),
        *_timeline_pages(explainer, paging),
        *_quote_and_source_pages(explainer, site_paging),
        _index("participants", "Participants",
               "The people, delegations and organisations in the talks, by side.",
               "participants.html"),
        _index("topics", "Topics", "The trade issues at stake and where each side stands.",
               "topics.html"),
        _index("places", "Places", "Where the talks have taken place.", "places.html"),
        _index("quotes", "Quotes", "What the participants said, exactly as published.",
               "quotes.html", **list_pages("quotes")),
        _index("sources", "Sources", "Every source behind the explainer, and what cites it.",
               "sources.html", **list_pages("sources")),
        _index("corrections", "Corrections", "Corrections to the explainer, newest first.",
               "corrections.html"),
        _index("agreements", "Agreements and deadlines",
               "Every deal and truce between the two sides, with its status, dates and history, "
               "and the deadlines that matter.", "agreements.html"),
        _data_page(explainer, site_url),
    ]
    for person in explainer.participants.values():
        native = f" ({person.native_name.text})" if person.native_name else ""
        specs.append(_record_page(
            explainer, "participant", person, "p", person.name,
            person.bio or f"{person.name}{native}: {SIDE_LABELS[person.side]}.",
            feed=f"Events with {person.name}"))
    for topic in explainer.topics.values():
        spec = _record_page(explainer, "topic", topic, "t", topic.title, topic.summary,
                            feed=f"Events about {topic.title}")
        people, total = topic_people(explainer, topic.id)
        specs.append(replace(spec, context={**spec.context, "people": people,
                                            "people_total": total}))
    for agreement in explainer.agreements.values():
        specs.append(_record_page(explainer, "agreement", agreement, "a", agreement.title,
                                  agreement.terms))
    for place in explainer.places.values():
        specs.append(_record_page(
            explainer, "place", place, "pl", place.name,
            place.description or f"{place.name}, {place.locality or ''}"))
    return sorted(specs, key=lambda s: s.src_uri)
