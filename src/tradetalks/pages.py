"""The page plan: the validated `Explainer` -> one `PageSpec` per generated page, and the one
registry of page kinds.

Fourth step of the flow (load -> validate -> model -> urls -> **pages** -> render). Every kind of
page is defined once, in `KINDS`: its template, whether it is the home page, an index, a record's
page or one page of a paginated list, which collection it is about, and how it presents itself
to other sites (`og_type`, whether it has a feed). Everything that switches on a page's kind
(rendering, `<head>`, JSON-LD, social tags, the live preview) reads this registry.

A spec says everything about a page except its HTML: where it lives (from `urls`), its plain-text
title and description, its kind, and a small typed context that names what it shows by id
(`RecordContext`, `ListPageContext`). Records are never put in a context: templates look them up
through the recording view (`view.RecordingView`), so what a page shows is known from what it
read, and a spec changes only when the page's identity, title or place in a list does. Index pages
go in the navigation; the many record pages do not (a sidebar with a thousand profiles makes every
page heavy), index pages list them.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from . import urls
from .dates import MONTHS
from .model import SIDE_LABELS, Entity, Event, Explainer

Group = Literal["home", "index", "record", "list-page", "prose"]


@dataclass(frozen=True)
class PageKind:
    """One kind of page, defined once."""

    name: str
    group: Group
    template: str | None = None
    """The package template that renders the body (None: a hand-written page from docs/)."""
    collection: str | None = None
    """For a record page, its record's collection; for an index or list page, the list's."""
    og_type: Literal["article", "website"] = "website"
    feed: bool = False
    """Whether the page has an Atom feed of its own (a participant's or a topic's events)."""
    jsonld: bool = True
    searchable: bool = True
    """Whether search indexes it (not a page that only repeats another in a different order)."""
    references: bool = True
    """Whether the page ends with the numbered list of the sources it cites. Event lists do not:
    there every mark opens its original, and a list of 180 sources under 80 events tripled the
    work the theme's script does on a phone (Lighthouse); the Sources pages hold the rest."""


KINDS: dict[str, PageKind] = {k.name: k for k in (
    PageKind("home", "home", "home.html", og_type="article"),
    PageKind("timeline", "index", "timeline.html", "events", references=False),
    # The same events oldest first: a second order one click away, out of search and JSON-LD,
    # which know the events from timeline/ (while it is one page; then it lists the pages).
    PageKind("timeline-oldest", "index", "timeline-oldest.html", "events", jsonld=False,
             searchable=False, references=False),
    PageKind("timeline-page", "list-page", "timeline-page.html", "events", references=False),
    PageKind("participants", "index", "participants.html", "participants"),
    PageKind("participant", "record", "participant.html", "participants", feed=True),
    PageKind("topics", "index", "topics.html", "topics"),
    PageKind("topic", "record", "topic.html", "topics", og_type="article", feed=True),
    # schema.org has no type for a deal between governments: no JSON-LD of their own.
    PageKind("agreements", "index", "agreements.html", "agreements", jsonld=False),
    PageKind("agreement", "record", "agreement.html", "agreements", og_type="article",
             jsonld=False),
    PageKind("places", "index", "places.html", "places"),
    PageKind("place", "record", "place.html", "places"),
    PageKind("quotes", "index", "quotes.html", "quotes"),
    PageKind("quotes-page", "list-page", "quotes-page.html", "quotes"),
    PageKind("sources", "index", "sources.html", "sources"),
    PageKind("sources-page", "list-page", "sources-page.html", "sources"),
    PageKind("corrections", "index", "corrections.html", "corrections"),
    PageKind("data", "index", "data.html", jsonld=False),
    PageKind("page", "prose", jsonld=False),
)}
#: Page kinds about one record, and the collection the record belongs to.
RECORD_KINDS = {k.name: k.collection for k in KINDS.values() if k.group == "record"}
#: Page kinds of one page of a paginated list, and the collection the list holds.
LIST_PAGE_KINDS = {k.name: k.collection for k in KINDS.values() if k.group == "list-page"}


@dataclass(frozen=True)
class RecordContext:
    """The page of one record."""

    record_id: str


@dataclass(frozen=True)
class ListPageContext:
    """One page of a paginated list, and its neighbours."""

    page: urls.ListPage
    previous: urls.ListPage | None
    next: urls.ListPage | None


@dataclass(frozen=True)
class SiteContext:
    """A page that names the site's own absolute address (the /data/ page: a `webcal:` link
    and how to cite the explainer)."""

    site_url: str


@dataclass(frozen=True)
class NoContext:
    """The home page and the index pages read everything they show through the view."""


Context = RecordContext | ListPageContext | SiteContext | NoContext


@dataclass(frozen=True)
class PageSpec:
    kind: str
    """The page's kind: a key of `KINDS`."""
    src_uri: str
    url: str
    title: str
    """Plain text; escaped wherever it is output."""
    description: str
    context: Context = NoContext()
    source_file: str | None = None
    """The data file the page's record comes from, for "Edit this page"."""
    in_nav: bool = False
    feeds: tuple[tuple[str, str], ...] = ()
    """(title, site-relative URL) of Atom feeds about this page, for <link rel="alternate">."""

    @property
    def page_kind(self) -> PageKind:
        return KINDS[self.kind]

    @property
    def template(self) -> str:
        template = self.page_kind.template
        assert template is not None, self.kind
        return template

    @property
    def record_id(self) -> str | None:
        return self.context.record_id if isinstance(self.context, RecordContext) else None


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


def clip(text: str, limit: int = 140) -> str:
    """Plain text on one line, cut at the last word boundary before `limit` characters with an
    ellipsis (no stray comma or full stop before it). The one text clipper: page descriptions,
    social cards, compact lists and JSON-LD list names all use it."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


MonthGroups = list[tuple[int | None, list[Event]]]


def timeline_groups(events: Sequence[Event],
                    newest_first: bool = False) -> list[tuple[int, MonthGroups]]:
    """Events grouped by year, then month (None: dated only to the year), in date order, or
    all three levels reversed: newest year, month and event first (a year's events known only
    to the year then close it)."""
    years: dict[int, dict[int | None, list[Event]]] = {}
    for event in events:
        years.setdefault(event.date.year, {}).setdefault(event.date.month, []).append(event)
    groups = [(year, sorted(months.items(), key=lambda m: (m[0] is not None, m[0] or 0)))
              for year, months in sorted(years.items())]
    if not newest_first:
        return groups
    return [(year, [(month, members[::-1]) for month, members in months[::-1]])
            for year, months in groups[::-1]]


def list_page_title(page: urls.ListPage) -> str:
    """'2025', 'June 2025', '1–14 June 2025' (a part of a busy month; '14 June 2025 (part 3)'
    for a part that goes on with the previous part's last day), '2025, month not known'."""
    if page.dateless:  # only sources can lack a date
        return "Publication date not known" + (f" (part {page.part})" if page.part else "")
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


# --- the plan ----------------------------------------------------------------------------------

#: Index pages: (kind, title, description); `{title}` is the explainer's headline.
INDEXES = (
    ("timeline", "Timeline", "Every event of {title}, newest first."),
    ("participants", "Participants",
     "The people, delegations and organisations in the talks, by side."),
    ("topics", "Topics", "The trade issues at stake and what each side wants."),
    ("agreements", "Agreements and deadlines",
     "Every deal and truce between the two sides, with its status, dates and history, and the "
     "deadlines that matter."),
    ("places", "Places", "Where the talks have taken place."),
    ("quotes", "Quotes", "What the participants said, exactly as published."),
    ("sources", "Sources", "Every source behind the explainer, and what cites it."),
    ("corrections", "Corrections", "Corrections to the explainer, newest first."),
    ("data", "Open data", "Every fact of the explainer as data, feeds and a calendar, free to "
     "reuse under CC BY 4.0."),
)
#: The list pages of a paginated list: kind, the page title's prefix and its description.
LIST_PAGES = (("timeline-page", "Timeline", "The events of {title} in {label}."),
              ("quotes-page", "Quotes", "Quotes of {title} from {label}, newest first."),
              ("sources-page", "Sources", "Sources of {title} from {label}, newest first."))


def _record_spec(explainer: Explainer, kind: str, record: Entity, title: str,
                 description: str, feed: str | None = None) -> PageSpec:
    """The page of one participant, topic, place or agreement."""
    collection = RECORD_KINDS[kind]
    assert collection is not None
    origin = explainer.origins.get((collection, record.id))
    return PageSpec(
        kind=kind, src_uri=urls.record_src_uri(collection, record.id),
        url=urls.record_url(collection, record.id), title=title,
        description=clip(description, 200), context=RecordContext(record.id),
        source_file=origin.file if origin else None,
        feeds=((feed, urls.feed_url(collection, record.id)),) if feed else ())


def plan(explainer: Explainer, site_url: str = "") -> list[PageSpec]:
    """Every generated page, sorted by source path so builds are reproducible. `site_url`, the
    site's absolute address, goes into what must be absolute on a page (the calendar's
    `webcal:` link, the citation)."""
    info = explainer.info
    specs = [PageSpec(kind="home", src_uri=urls.index_src_uri("home"), url=urls.INDEX_PAGES["home"],
                      title=info.title, description=clip(info.standfirst, 200), in_nav=True)]
    for kind, title, description in INDEXES:
        specs.append(PageSpec(kind=kind, src_uri=urls.index_src_uri(kind),
                              url=urls.INDEX_PAGES[kind], title=title,
                              description=description.format(title=info.title), in_nav=True,
                              context=SiteContext(site_url) if kind == "data" else NoContext()))
    specs.append(PageSpec(kind="timeline-oldest", src_uri=urls.index_src_uri("timeline-oldest"),
                          url=urls.INDEX_PAGES["timeline-oldest"], title="Timeline, oldest first",
                          description=f"Every event of {info.title}, oldest first."))
    site_paging = urls.site_paging(explainer)
    for kind, what, description in LIST_PAGES:
        paging = site_paging.of(LIST_PAGE_KINDS[kind] or "")
        assert paging is not None
        for i, page in enumerate(paging.pages):
            label = list_page_title(page)
            specs.append(PageSpec(
                kind=kind, src_uri=page.src_uri, url=page.url, title=f"{what}: {label}",
                description=description.format(title=info.title, label=label),
                context=ListPageContext(page, paging.pages[i - 1] if i else None,
                                        paging.pages[i + 1] if i + 1 < len(paging.pages)
                                        else None)))
    for person in explainer.participants.values():
        native = f" ({person.native_name.text})" if person.native_name else ""
        specs.append(_record_spec(
            explainer, "participant", person, person.name,
            person.bio or f"{person.name}{native}: {SIDE_LABELS[person.side]}.",
            feed=f"Events with {person.name}"))
    for topic in explainer.topics.values():
        specs.append(_record_spec(explainer, "topic", topic, topic.title, topic.summary,
                                  feed=f"Events about {topic.title}"))
    for agreement in explainer.agreements.values():
        specs.append(_record_spec(explainer, "agreement", agreement, agreement.title,
                                  agreement.terms))
    for place in explainer.places.values():
        specs.append(_record_spec(
            explainer, "place", place, place.name,
            place.description or f"{place.name}, {place.locality or ''}"))
    return sorted(specs, key=lambda s: s.src_uri)
