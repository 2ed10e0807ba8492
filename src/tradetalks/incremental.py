"""Incremental live preview: which generated pages an edit to the data can have changed.

Used only by `mkdocs serve --dirty` (what `make serve` runs), between the page plan and the
render: the hooks compare the previous build's `Explainer` with the new one, and a generated page
is rebuilt only when a record it shows changed. A page "shows" a record when the record's own
text, name or title appears on it: a profile shows its participant, that participant's events
and quotes, and every record those mention by name (the other participants, topics and places of
each event), and every source it cites. A page of a paginated list (timeline, quotes, sources)
shows its records and what they name; a source's entry also names every record citing it; a
record added, removed or moved in time rebuilds every page of its list (their neighbour links
can change). Index pages show everything and are always rebuilt, as
are hand-written pages (their fragments draw on the whole explainer). A full `mkdocs build`
never uses this module.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Event, Explainer, Quote, cited_sources
from .pages import RECORD_KINDS as _COLLECTION
from .pages import PageSpec

#: Page kinds whose content depends on the whole data set.
ALWAYS = frozenset({"timeline", "participants", "topics", "places", "quotes", "sources",
                    "corrections"})


def changed_records(old: Explainer, new: Explainer) -> set[str] | None:
    """'collection/id' of every record added, removed or changed; None when the explainer's
    own fields changed (every page shows its status)."""
    if old.info != new.info:
        return None
    changed: set[str] = set()
    for name in ("sources", "participants", "places", "events", "topics", "quotes",
                 "corrections"):
        before, after = old.collection(name), new.collection(name)
        for record_id in before.keys() | after.keys():
            if before.get(record_id) != after.get(record_id):
                changed.add(f"{name}/{record_id}")
    return changed


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


#: Pages of a paginated list -> the collection they split.
LIST_PAGES = {"timeline-page": "events", "quotes-page": "quotes", "sources-page": "sources"}


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
        keys.update(f"participants/{p}" for p in explainer.participants_by_topic.get(record.id, ()))
    else:
        events = explainer.events_by_place.get(record.id, ())
        quotes = ()
    for event_id in events:
        keys.update(_event_keys(explainer, explainer.events[event_id]))
    for quote_id in quotes:
        keys.update(_quote_keys(explainer, explainer.quotes[quote_id]))
    # Corrections are shown on the records they affect, events and quotes included.
    keys.update(f"corrections/{c}" for key in list(keys)
                for c in explainer.corrections_by_record.get(key, ()))
    return frozenset(keys)


def is_affected(spec: PageSpec, old: Explainer, new: Explainer, changed: set[str] | None) -> bool:
    """Whether a page must be rebuilt: it shows a changed record (in the old data or the new,
    so a record that left the page counts too), or it shows everything."""
    if changed is None:
        return True
    if not changed:
        return False
    after = dependencies(spec, new)
    if spec.kind in LIST_PAGES:
        # A record added, removed or moved in time can change the list of pages, and with it
        # every page's links to its neighbours.
        collection = LIST_PAGES[spec.kind]
        moved = any(key.startswith(f"{collection}/") and _date_of(old, key) != _date_of(new, key)
                    for key in changed)
        before = dependencies(spec, old)  # a source's entry also names who stopped citing it
        return moved or bool((after | before) & changed)  # type: ignore[operator]
    if after is None or spec.record_id not in old.collection(_COLLECTION[spec.kind]):
        return True
    before = dependencies(spec, old)
    return before is None or bool((after | before) & changed)


def _date_of(explainer: Explainer, key: str) -> object:
    """Where a record of a paginated list sorts: its dates (None when it does not exist)."""
    collection, _, record_id = key.partition("/")
    record = explainer.collection(collection).get(record_id)
    if record is None:
        return None
    return tuple(getattr(record, name, None) for name in ("date", "precision", "end", "published"))
