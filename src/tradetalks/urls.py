"""Stable URLs: the only place that knows where a record is published.

Other sites link to these paths, so they never change without a redirect. Paths are relative to
the site root with no leading slash, the way MkDocs writes page URLs (`participants/he-lifeng/`).
Ids are lowercase slugs checked by `model.Id`, so they are safe as path segments. `pages` builds
the page plan from these functions; `outputs` uses them for feeds and open data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

#: Collection -> the folder of its per-record pages (None: records live as anchors on a list page).
RECORD_PAGES = {"participants": "participants", "topics": "topics", "places": "places"}
#: Collection -> (list page, anchor prefix) for records without a page of their own.
RECORD_ANCHORS = {
    "events": ("timeline/", "event-"),
    "quotes": ("quotes/", "quote-"),
    "sources": ("sources/", "source-"),
    "corrections": ("corrections/", "correction-"),
}
INDEX_PAGES = {
    "home": "",
    "timeline": "timeline/",
    "participants": "participants/",
    "topics": "topics/",
    "places": "places/",
    "quotes": "quotes/",
    "sources": "sources/",
    "corrections": "corrections/",
}


#: Beyond this many events the timeline is split into one page per year, and `timeline/` lists
#: the years (a timeline of every event in full grows past a megabyte at a few hundred events).
TIMELINE_PAGE_LIMIT = 300
#: A year with more events than this is split again, into one page per month.
YEAR_PAGE_LIMIT = 300


class _Dated(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def precision(self) -> str: ...


@dataclass(frozen=True)
class TimelinePage:
    """One page of a paginated timeline: `timeline/2025/`, `timeline/2025/06/` or, for the
    events of a month-split year known only to the year, `timeline/2025/month-unknown/`."""

    url: str
    year: int
    month: int | None  # None: the whole year, or (with `undated`) its events without a month
    undated: bool
    count: int

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


@dataclass(frozen=True)
class TimelinePaging:
    """Where each event is published: which timeline page holds it. Unpaginated (`pages` empty)
    while the timeline is short: every event is then an anchor on `timeline/`."""

    pages: tuple[TimelinePage, ...]
    page_of: Mapping[str, str]  # event id -> page URL, only when paginated

    def event_page(self, event_id: str) -> str:
        return self.page_of.get(event_id, RECORD_ANCHORS["events"][0])


UNPAGINATED = TimelinePaging((), {})
_last_paging: list[tuple[Sequence[_Dated], tuple[int, int], TimelinePaging]] = []


def timeline_paging(timeline: Sequence[_Dated]) -> TimelinePaging:
    """The timeline's pages for events in date order (`Explainer.timeline`): one page while it
    has at most TIMELINE_PAGE_LIMIT events, else one per year, and one per month for a year of
    more than YEAR_PAGE_LIMIT. Remembered for the last timeline asked about (compared by
    identity, so one explainer computes it once however many links ask)."""
    limits = (TIMELINE_PAGE_LIMIT, YEAR_PAGE_LIMIT)
    if _last_paging and _last_paging[0][0] is timeline and _last_paging[0][1] == limits:
        return _last_paging[0][2]
    paging = _paginate(timeline)
    _last_paging[:] = [(timeline, limits, paging)]
    return paging


def _paginate(timeline: Sequence[_Dated]) -> TimelinePaging:
    if len(timeline) <= TIMELINE_PAGE_LIMIT:
        return UNPAGINATED
    years: dict[int, list[_Dated]] = {}
    for event in timeline:
        years.setdefault(event.date.year, []).append(event)
    pages: list[TimelinePage] = []
    page_of: dict[str, str] = {}
    for year, events in sorted(years.items()):
        if len(events) <= YEAR_PAGE_LIMIT:
            groups: dict[tuple[int | None, bool], list[_Dated]] = {(None, False): events}
        else:
            groups = {}
            for event in events:
                key = (None, True) if event.precision == "year" else (event.date.month, False)
                groups.setdefault(key, []).append(event)
        # Events without a month come first, as on the one-page timeline.
        for (month, undated), members in sorted(groups.items(),
                                                key=lambda g: (g[0][0] is not None, g[0][0] or 0)):
            url = (f"timeline/{year}/" if month is None and not undated
                   else f"timeline/{year}/month-unknown/" if undated
                   else f"timeline/{year}/{month:02d}/")
            pages.append(TimelinePage(url, year, month, undated, len(members)))
            page_of.update((event.id, url) for event in members)
    return TimelinePaging(tuple(pages), page_of)


def record_url(collection: str, record_id: str, paging: TimelinePaging | None = None) -> str:
    """The URL that shows one record: its own page or an anchor on its list page.

    Events need `paging` (`timeline_paging(explainer.timeline)`) once the timeline is
    paginated: without it an event's URL is its anchor on the one-page timeline, right only
    while the timeline has at most TIMELINE_PAGE_LIMIT events."""
    if collection in RECORD_PAGES:
        return f"{RECORD_PAGES[collection]}/{record_id}/"
    page, prefix = RECORD_ANCHORS[collection]
    if collection == "events" and paging is not None:
        page = paging.event_page(record_id)
    return f"{page}#{prefix}{record_id}"


def anchor(collection: str, record_id: str) -> str:
    """The element id a record carries on a list page (`event-geneva-talks`)."""
    return f"{RECORD_ANCHORS[collection][1]}{record_id}"


def record_src_uri(collection: str, record_id: str) -> str:
    """The virtual Markdown file behind a record page (MkDocs maps it to `record_url`)."""
    return f"{RECORD_PAGES[collection]}/{record_id}.md"


def index_src_uri(name: str) -> str:
    return "index.md" if name == "home" else f"{name}/index.md"


def feed_url(kind: str, record_id: str | None = None) -> str:
    """Atom feeds: all events, or the events of one topic or participant."""
    return "feeds/events.atom" if record_id is None else f"feeds/{kind}/{record_id}.atom"


def portrait_url(file_name: str) -> str:
    """Where a portrait from data/portraits/ is published (file names are checked slugs)."""
    return f"assets/portraits/{file_name}"


CALENDAR_URL = "feeds/events.ics"
DATA_DIR_URL = "data/"
