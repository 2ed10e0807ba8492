"""Stable URLs: the only place that knows where a record is published.

Other sites link to these paths, so they never change without a redirect. Paths are relative to
the site root with no leading slash, the way MkDocs writes page URLs (`participants/he-lifeng/`).
Records without a page of their own (events, quotes, sources) are anchors on a page of their
list, and which page depends on how long the list has grown (`paginate`): each list publishes
where its records are now (`outputs.anchors`), and a link to a record's old place goes on to it.
Ids are lowercase slugs checked by `model.Id`, so they are safe as path segments. `pages` builds
the page plan from these functions; `outputs` uses them for feeds and open data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from .dates import PartialDate

_T = TypeVar("_T")

#: Collection -> the folder of its per-record pages (None: records live as anchors on a list page).
RECORD_PAGES = {"participants": "participants", "topics": "topics", "places": "places",
                "agreements": "agreements"}
#: Collection -> (list page, anchor prefix) for records without a page of their own.
RECORD_ANCHORS = {
    "events": ("timeline/", "event-"),
    "quotes": ("quotes/", "quote-"),
    "sources": ("sources/", "source-"),
    "corrections": ("corrections/", "correction-"),
    # Deadlines are listed with the agreements they belong to, under "where things stand".
    "deadlines": ("agreements/", "deadline-"),
}
INDEX_PAGES = {
    "home": "",
    "timeline": "timeline/",
    "timeline-oldest": "timeline/oldest-first/",
    "participants": "participants/",
    "topics": "topics/",
    "places": "places/",
    "quotes": "quotes/",
    "sources": "sources/",
    "corrections": "corrections/",
    "agreements": "agreements/",
    "data": "data/",  # the open data's own page, beside the files it lists
}


#: Beyond this many events the timeline is split into one page per year, and `timeline/` lists
#: the years. An event weighs 4.5-5 KB on the page (its summary and citations, and the folded
#: outcome, participants and topics), so 150 of them keep every timeline page well under a
#: megabyte (250 made 1.2 MB pages at 5,000 participants).
TIMELINE_PAGE_LIMIT = 150
#: A year with more events than this is split again, into one page per month. A month with more
#: than TIMELINE_PAGE_LIMIT is cut into parts of at most that many (whole days together, as far as
#: a day allows).
YEAR_PAGE_LIMIT = 150
#: The same for quotes/ (a quote in full weighs about as much as an event) and for sources/,
#: whose entries carry their cited-by lists and so weigh three or four times as much.
QUOTES_PAGE_LIMIT = 100
SOURCES_PAGE_LIMIT = 50


class _Dated(Protocol):
    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list: `timeline/2025/`, `timeline/2025/06/`, a part of a busy
    month (`timeline/2025/06/part-2/`, `days` its first and last day) or, for the records of a
    month-split year known only to the year, `timeline/2025/month-unknown/`. Quotes and sources
    paginate the same way under `quotes/` and `sources/`."""

    url: str
    year: int
    month: int | None  # None: the whole year, or (with `undated`) its records without a month
    undated: bool
    count: int
    part: int = 0
    """1, 2, ... for the parts of a month or month-unknown group split by size; 0: not split."""
    days: tuple[int, int] | None = None
    """First and last day of the month on a part of a month."""
    continues_day: bool = False
    """A part that starts on the day the previous part ends (one day had more records than a
    page holds): its days alone would not tell the two apart."""
    dateless: bool = False
    """The page of the records with no date at all (sources whose publication date is unknown,
    `sources/date-unknown/`): last in the list, `year` 0. They are not filed under the day
    someone read them, which readers would take for the day they were published."""

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


@dataclass(frozen=True)
class ListPaging:
    """Where each record of a list is published: which page under `base` holds it.
    Unpaginated (`pages` empty) while the list is short: every record is then an anchor on
    `base` itself."""

    pages: tuple[ListPage, ...]
    page_of: Mapping[str, str]  # record id -> page URL, only when paginated
    base: str = "timeline/"
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Page URL -> ids of the records it holds, in list order (only when paginated)."""

    def page_for(self, record_id: str) -> str:
        return self.page_of.get(record_id, self.base)

    def ids_on(self, url: str) -> tuple[str, ...]:
        """The ids of the records one page of the list holds, in the list's order."""
        return self.members.get(url, ())


UNPAGINATED = ListPaging((), {})


class _Paged(Protocol):
    """What `site_paging` reads from an explainer."""

    @property
    def timeline(self) -> Sequence[_Dated]: ...
    @property
    def quotes_in_order(self) -> Sequence[_Dated]: ...
    @property
    def sources_in_order(self) -> Sequence[_Dated]: ...


@dataclass(frozen=True)
class SitePaging:
    """The paging of every list whose records live as anchors: events, quotes and sources."""

    events: ListPaging
    quotes: ListPaging
    sources: ListPaging

    def of(self, collection: str) -> ListPaging | None:
        return getattr(self, collection, None) if collection in PAGED_LISTS else None


#: The lists whose records are anchors on pages that move as the list grows.
PAGED_LISTS = ("events", "quotes", "sources")
_last_paging: list[tuple[object, tuple[int, ...], object]] = []


def _remembered(key: object, compute: Callable[[], _T]) -> _T:
    """The last result for `key` (compared by identity, so one explainer computes its paging
    once however many links ask) under the current limits (tests change them)."""
    limits = (TIMELINE_PAGE_LIMIT, YEAR_PAGE_LIMIT, QUOTES_PAGE_LIMIT, SOURCES_PAGE_LIMIT)
    for seen, seen_limits, value in _last_paging:
        if seen is key and seen_limits == limits:
            return value  # type: ignore[return-value]
    value = compute()
    _last_paging[:] = [*_last_paging[-3:], (key, limits, value)]
    return value


def timeline_paging(timeline: Sequence[_Dated]) -> ListPaging:
    """The timeline's pages for events in date order (`Explainer.timeline`): one page while it
    has at most TIMELINE_PAGE_LIMIT events, else one per year, one per month for a year of more
    than YEAR_PAGE_LIMIT, and parts for a month of more than that."""
    return _remembered(timeline, lambda: paginate(timeline, "timeline/", TIMELINE_PAGE_LIMIT,
                                                  YEAR_PAGE_LIMIT))


def site_paging(explainer: _Paged) -> SitePaging:
    """Events, quotes and sources paginated, each list by its own limit. A recording view of the
    explainer (`view.RecordingView`) answers with paging that records each lookup."""
    recorded = getattr(explainer, "recorded_paging", None)
    if recorded is not None:
        return recorded()  # type: ignore[no-any-return]
    return _remembered(explainer, lambda: SitePaging(
        events=timeline_paging(explainer.timeline),
        quotes=paginate(explainer.quotes_in_order, "quotes/", QUOTES_PAGE_LIMIT),
        sources=paginate(explainer.sources_in_order, "sources/", SOURCES_PAGE_LIMIT)))


def _date_of(record: _Dated) -> PartialDate | None:
    """Where a record is filed: an event's or quote's `date`, a source's `published` (None when
    the source does not say)."""
    date = getattr(record, "date", None) or getattr(record, "published", None)
    assert date is None or isinstance(date, PartialDate)
    return date


def _dated(record: _Dated) -> PartialDate:
    date = _date_of(record)
    assert date is not None
    return date


def paginate(records: Sequence[_Dated], base: str, limit: int,
             year_limit: int | None = None) -> ListPaging:
    """Records in date order (an event's `date`, a source's `published`) -> pages under `base`:
    none while there are at most `limit`, else one per year, one per month for a year of more
    than `year_limit` (default `limit`), and parts of at most `limit` for a busier month."""
    if len(records) <= limit:
        return ListPaging((), {}, base, {base: tuple(r.id for r in records)})
    year_limit = limit if year_limit is None else year_limit
    years: dict[int, list[_Dated]] = {}
    dateless: list[_Dated] = []
    for record in records:
        date = _date_of(record)
        if date is None:
            dateless.append(record)
        else:
            years.setdefault(date.year, []).append(record)
    pages: list[ListPage] = []
    page_of: dict[str, str] = {}
    for year, members in sorted(years.items()):
        if len(members) <= year_limit:
            pages.append(ListPage(f"{base}{year}/", year, None, False, len(members)))
            page_of.update((r.id, pages[-1].url) for r in members)
            continue
        groups: dict[tuple[int | None, bool], list[_Dated]] = {}
        for record in members:
            month = _dated(record).month
            groups.setdefault((month, month is None), []).append(record)
        # Records without a month come first, as on a one-page list.
        for (month, undated), group in sorted(groups.items(),
                                              key=lambda g: (g[0][0] is not None, g[0][0] or 0)):
            url = (f"{base}{year}/month-unknown/" if undated else f"{base}{year}/{month:02d}/")
            parts = _parts(group, limit) if len(group) > limit else [group]
            for number, part in enumerate(parts, start=1):
                part_url = url if number == 1 else f"{url}part-{number}/"
                days = ((_dated(part[0]).earliest.day, _dated(part[-1]).latest.day)
                        if len(parts) > 1 and not undated else None)
                continues_day = (days is not None and number > 1
                                 and pages[-1].days is not None and pages[-1].days[1] == days[0])
                pages.append(ListPage(part_url, year, month, undated, len(part),
                                      number if len(parts) > 1 else 0, days, continues_day))
                page_of.update((r.id, part_url) for r in part)
    if dateless:
        parts = [list(dateless[i:i + limit]) for i in range(0, len(dateless), limit)]
        for number, part in enumerate(parts, start=1):
            url = f"{base}date-unknown/" + (f"part-{number}/" if number > 1 else "")
            pages.append(ListPage(url, 0, None, True, len(part),
                                  number if len(parts) > 1 else 0, dateless=True))
            page_of.update((r.id, url) for r in part)
    by_page: dict[str, list[str]] = {}
    for record in records:
        by_page.setdefault(page_of[record.id], []).append(record.id)
    return ListPaging(tuple(pages), page_of, base,
                      {url: tuple(ids) for url, ids in by_page.items()})


def _parts(group: Sequence[_Dated], limit: int) -> list[list[_Dated]]:
    """A busy month cut into parts of at most `limit`, each part ending at the end of a day
    unless one day alone is over the limit."""
    days: dict[PartialDate, list[_Dated]] = {}
    for record in group:
        days.setdefault(_dated(record), []).append(record)
    parts: list[list[_Dated]] = [[]]
    for day_records in days.values():
        if parts[-1] and len(parts[-1]) + len(day_records) > limit:
            parts.append([])
        for record in day_records:
            if len(parts[-1]) == limit:
                parts.append([])
            parts[-1].append(record)
    return parts


def record_url(collection: str, record_id: str,
               paging: ListPaging | SitePaging | None = None) -> str:
    """The URL that shows one record: its own page or an anchor on its list page.

    Events, quotes and sources need `paging` (`site_paging(explainer)`, or for events alone
    `timeline_paging(explainer.timeline)`) once their list is paginated: without it a record's
    URL is its anchor on the one-page list, right only while the list is short."""
    if collection in RECORD_PAGES:
        return f"{RECORD_PAGES[collection]}/{record_id}/"
    page, prefix = RECORD_ANCHORS[collection]
    if paging is not None and hasattr(paging, "of"):  # the site's paging (or a recording one)
        paging = paging.of(collection)
    if paging is not None and paging.base == page:
        page = paging.page_for(record_id)
    return f"{page}#{prefix}{record_id}"


def anchor(collection: str, record_id: str) -> str:
    """The element id a record carries on a list page (`event-geneva-talks`)."""
    return f"{RECORD_ANCHORS[collection][1]}{record_id}"


def record_src_uri(collection: str, record_id: str) -> str:
    """The virtual Markdown file behind a record page (MkDocs maps it to `record_url`)."""
    return f"{RECORD_PAGES[collection]}/{record_id}.md"


def index_src_uri(name: str) -> str:
    return "index.md" if name == "home" else f"{INDEX_PAGES[name]}index.md"


def feed_url(kind: str, record_id: str | None = None) -> str:
    """Atom feeds: all events, or the events of one topic or participant."""
    return "feeds/events.atom" if record_id is None else f"feeds/{kind}/{record_id}.atom"


def portrait_url(file_name: str) -> str:
    """Where a portrait from data/portraits/ is published (file names are checked slugs)."""
    return f"assets/portraits/{file_name}"


def anchors_url(collection: str) -> str:
    """`timeline/anchors.json`: where each record of a paginated list is now (`outputs.anchors`)."""
    return f"{RECORD_ANCHORS[collection][0]}anchors.json"


CALENDAR_URL = "feeds/events.ics"
DATA_DIR_URL = "data/"
