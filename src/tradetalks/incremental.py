"""Incremental live preview: which generated pages an edit to the data can have changed.

Used only by `mkdocs serve --dirty` (what `make serve` runs), between the page plan and the
render: the hooks compare the previous build's `Explainer` with the new one, and a generated page
is rebuilt only when a record it shows changed. A page "shows" a record when the record's own
text, name or title appears on it: a profile shows its participant, that participant's events
and quotes, and every record those mention by name (the other participants, topics and places of
each event), and every source it cites; a list past `COMPACT_EVENTS` or `COMPACT_QUOTES` shows
only each entry's own date and title (and a quote's speaker). A page of a paginated list
(timeline, quotes, sources) shows its records and what they name; a source's entry also names
every record citing it (a quote by its speaker's name); a record added, removed or moved in time
rebuilds every page of its list (their neighbour links can change), and the records it pushes
onto another page count as changed, so every page linking them follows. Index pages show
everything and are always rebuilt, as are hand-written pages (their fragments draw on the whole
explainer). A full `mkdocs build` never uses this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import urls
from .model import COLLECTIONS, Event, Explainer, Quote, cited_sources
from .pages import LIST_PAGE_KINDS as LIST_PAGES
from .pages import RECORD_KINDS as _COLLECTION
from .pages import PageSpec
from .render import COMPACT_EVENTS, COMPACT_QUOTES

#: Page kinds whose content depends on the whole data set.
ALWAYS = frozenset({"timeline", "participants", "topics", "places", "quotes", "sources",
                    "corrections", "agreements", "agreement", "data"})


def changed_records(old: Explainer, new: Explainer) -> set[str] | None:
    """'collection/id' of every record added, removed, changed or moved to another page of its
    list (every link to it changes); None when the explainer's own fields changed (every page
    shows its status)."""
    if old.info != new.info:
        return None
    changed: set[str] = set()
    for name in COLLECTIONS:
        before, after = old.collection(name), new.collection(name)
        for record_id in before.keys() | after.keys():
            if before.get(record_id) != after.get(record_id):
                changed.add(f"{name}/{record_id}")
    changed.update(_moved_records(old, new, changed))
    return changed


def _moved_records(old: Explainer, new: Explainer, changed: set[str]) -> Iterable[str]:
    """Records of a paginated list now on another page than before, though unchanged: a record
    added, removed or moved in time shifts its neighbours across page boundaries (a list that
    starts paginating moves every record), and pages linking to them must follow. A list's
    paging depends on its own records only."""
    for name in urls.PAGED_LISTS:
        if not any(key.startswith(f"{name}/") for key in changed):
            continue
        was, now = urls.site_paging(old).of(name), urls.site_paging(new).of(name)
        assert was is not None and now is not None
        if not was.page_of and not now.page_of:
            continue  # one page before and after
        for record_id in new.collection(name).keys() & old.collection(name).keys():
            if was.page_for(record_id) != now.page_for(record_id):
                yield f"{name}/{record_id}"


def _event_keys(explainer: Explainer, event: Event) -> Iterable[str]:
    yield f"events/{event.id}"
    yield from (f"participants/{p}" for p in event.participants)
    yield from (f"topics/{t}" for t in event.topics)
    if event.place:
        yield f"places/{event.place}"
    yield from (f"sources/{s}" for s in event.sources)


def _quote_keys(explainer: Explainer, quote: Quote) -> Iterable[str]:
    yield f"quotes/{quote.id}"
    yield f"participants/{quote.speaker}"
    if quote.event:
        yield f"events/{quote.event}"
    yield from (f"topics/{t}" for t in quote.topics)
    yield from (f"sources/{s}" for s in quote.sources)


def _page_events(spec: PageSpec) -> list[Event]:
    return [event for _, months in spec.context["timeline_groups"] for _, events in months
            for event in events]


def _list_page_keys(spec: PageSpec, explainer: Explainer) -> set[str]:
    """What one page of a paginated list shows: its records and everything they name. A
    source's entry names every record citing it."""
    if spec.kind == "timeline-page":  # one year or month of a long timeline
        return {key for event in _page_events(spec) for key in _event_keys(explainer, event)}
    if spec.kind == "quotes-page":
        return {key for quote in spec.context["quotes"]
                for key in _quote_keys(explainer, quote)}
    keys = {f"sources/{source.id}" for source in spec.context["sources"]}
    keys.update(ref for source in spec.context["sources"]
                for ref in explainer.citations.get(source.id, ()))
    # A citing quote is named by its speaker ("He Lifeng: ..."; `render.record_label`).
    quotes = [explainer.quotes.get(key.removeprefix("quotes/")) for key in keys
              if key.startswith("quotes/")]
    keys.update(f"participants/{quote.speaker}" for quote in quotes if quote is not None)
    return keys


def dependencies(spec: PageSpec, explainer: Explainer) -> frozenset[str] | None:
    """The records a generated page shows, or None when it shows everything."""
    if spec.kind in LIST_PAGES:
        keys = _list_page_keys(spec, explainer)
        keys.update(f"corrections/{c}" for key in list(keys)
                    for c in explainer.corrections_by_record.get(key, ()))
        return frozenset(keys)
    if spec.kind in ALWAYS or spec.record_id is None:
        return None
    collection = _COLLECTION[spec.kind]
    record = explainer.collection(collection)[spec.record_id]
    keys: set[str] = {f"{collection}/{record.id}"}
    keys.update(f"sources/{s}" for s in cited_sources(record))
    if spec.kind == "participant":
        events = explainer.events_by_participant.get(record.id, ())
        quotes = explainer.quotes_by_speaker.get(record.id, ())
        keys.update(f"participants/{p}" for p in explainer.members.get(record.id, ()))
        keys.update(f"participants/{p}" for p in getattr(record, "member_of", ()))
        keys.update(f"topics/{t}" for t in explainer.topics_by_participant.get(record.id, ()))
    elif spec.kind == "topic":
        events = explainer.events_by_topic.get(record.id, ())
        quotes = explainer.quotes_by_topic.get(record.id, ())
        # The participants it names: all of them, or the most involved (`pages.topic_people`).
        keys.update(f"participants/{p}" for p in spec.context.get(
            "people", explainer.participants_by_topic.get(record.id, ())))
    else:
        events = explainer.events_by_place.get(record.id, ())
        quotes = ()
    if len(events) > COMPACT_EVENTS:  # date, title and side only
        keys.update(f"events/{e}" for e in events)
    else:
        for event_id in events:
            keys.update(_event_keys(explainer, explainer.events[event_id]))
    if len(quotes) > COMPACT_QUOTES:  # speaker (on topic pages), date and opening words only
        keys.update(f"quotes/{q}" for q in quotes)
        if spec.kind == "topic":
            keys.update(f"participants/{explainer.quotes[q].speaker}" for q in quotes)
    else:
        for quote_id in quotes:
            keys.update(_quote_keys(explainer, explainer.quotes[quote_id]))
    # Corrections are shown on the records they affect, events and quotes included.
    keys.update(f"corrections/{c}" for key in list(keys)
                for c in explainer.corrections_by_record.get(key, ()))
    return frozenset(keys)


_UNKNOWN: Any = object()


def is_affected(spec: PageSpec, old: Explainer, new: Explainer, changed: set[str] | None,
                before: frozenset[str] | None = _UNKNOWN,
                after: frozenset[str] | None = _UNKNOWN) -> bool:
    """Whether a page must be rebuilt: it shows a changed record (in the old data or the new,
    so a record that left the page counts too), or it shows everything. `before` and `after`:
    the page's `dependencies` in the old and new data, when already known."""
    if changed is None:
        return True
    if not changed:
        return False
    if spec.kind not in LIST_PAGES and spec.kind not in ALWAYS and spec.record_id is not None \
            and spec.record_id not in old.collection(_COLLECTION[spec.kind]):
        return True  # a new record's page
    if after is _UNKNOWN:
        after = dependencies(spec, new)
    if after is None:
        return True
    if spec.kind in LIST_PAGES:
        # A record added, removed or moved in time can change the list of pages, and with it
        # every page's links to its neighbours.
        collection = LIST_PAGES[spec.kind]
        if any(key.startswith(f"{collection}/") and _date_of(old, key) != _date_of(new, key)
               for key in changed):
            return True
    if after & changed:
        return True
    if before is _UNKNOWN:
        # A list page's spec holds its new records: with the old data it tells which records
        # were named there before (a source's entry, who stopped citing it).
        before = dependencies(spec, old)
    return before is None or bool(before & changed)


class LivePreview:
    """What `serve --dirty` remembers from one good build to the next: the explainer and what
    each page showed, so a rebuild works out each page's dependencies once, not twice."""

    def __init__(self) -> None:
        self.explainer: Explainer | None = None
        self.shown: dict[str, frozenset[str] | None] = {}

    def forget(self) -> None:
        """The data broke: the next good build is a full one."""
        self.explainer, self.shown = None, {}

    def pages_to_rebuild(self, specs: list[PageSpec], new: Explainer) -> set[str] | None:
        """The `src_uri`s of the generated pages an edit can have changed since the last good
        build (None: every page, as on the first build), remembering `new` for the next one."""
        old, before = self.explainer, self.shown
        self.explainer = new
        changed = changed_records(old, new) if old is not None else None
        if changed == set():
            return set()  # the same records: every page shows what it showed
        after = {spec.src_uri: dependencies(spec, new) for spec in specs}
        self.shown = after
        if old is None or changed is None:
            return None
        return {spec.src_uri for spec in specs
                if is_affected(spec, old, new, changed,
                               before.get(spec.src_uri, _UNKNOWN), after[spec.src_uri])}


def _date_of(explainer: Explainer, key: str) -> object:
    """Where a record of a paginated list sorts: its dates (None when it does not exist)."""
    collection, _, record_id = key.partition("/")
    record = explainer.collection(collection).get(record_id)
    if record is None:
        return None
    return tuple(getattr(record, name, None) for name in ("date", "end", "published", "accessed"))
