"""Atom feeds (RFC 4287): all events, and the events of each topic and each participant.

Part of the open-data outputs (model -> **outputs**): feed readers and newsroom tools follow the
talks without visiting the site. Feeds live at `urls.feed_url(...)`:

* `feeds/events.atom`: every event, newest first, plus every correction as its own entry (a
  correction is news too, and readers who saw the original deserve to see it);
* `feeds/topics/<id>.atom` and `feeds/participants/<id>.atom`: that topic's or participant's
  events, plus the corrections to them or to those events. Every topic and participant gets a
  feed, even an empty one, so a page can always link its feed.

Entries in the all-events feed carry the event in full (facts, summary, outcome, participants,
sources); in a topic's or participant's feed an event carries its title, date, summary and link
only, the full entry being one click away. Every event is in the feed of each of its
participants, so full entries there would repeat it five times over: at 5,000 participants that
alone took the site past GitHub Pages' 1 GB. Corrections are in full everywhere.

Entries are newest first by their own date (an event's date, a correction's date), the newest
`MAX_ENTRIES` of them. Entry ids are
the entries' stable absolute URLs (`urls.record_url`), so the same event has the
same id in every feed. An event's id is its URL on the one-page timeline even once the timeline
is paginated (its link then points at the year or month page that holds it): an id must not
change when the timeline grows past a page, or readers would see every event again. `updated`
comes from the data only: an event's date, or a later correction to it; a correction's own
date; the feed's newest entry (or, for an empty feed, the explainer's last update). XML is
built with `xml.etree`, which escapes all text, so an editor's `</title>`, `]]>` or `&amp;`
stays text; characters XML cannot carry become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import escape

from .. import urls
from ..model import SIDE_LABELS, Correction, Event, Explainer
from ._common import absolute, clean_text, date_label, event_updated, newest_first, site_root

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Feed kinds as `urls.feed_url` names them, and the collection whose records they follow.
FEED_KINDS = {"topics": "topics", "participants": "participants"}
#: A feed carries the newest entries only, as feeds do: readers poll it for what is new, and the
#: whole record is in data/events.json. Without a cap, a long-running explainer's thousands of
#: per-participant and per-topic feeds would repeat every event many times over (144 MB at
#: 1,000 participants).
MAX_ENTRIES = 50


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    updated: dt.date
    link: str
    summary: str
    content: str
    #: The date the entry is filed under: an event's own date, a correction's date.
    filed: dt.date
    categories: tuple[tuple[str, str], ...] = ()
    is_event: bool = False


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


# HTML for entry content is built with f-strings around `escape` (markupsafe): the same escaping
# as Markup.format, several times faster, which matters with thousands of entries per build.

def _sources_html(explainer: Explainer, ids: list[str], site_url: str) -> str:
    items = []
    for source_id in ids:
        source = explainer.sources[source_id]
        href = absolute(site_url, urls.record_url("sources", source_id,
                                                  urls.site_paging(explainer)))
        name = source.title or source.description or source_id
        published = source.published.iso if source.published else "publication date not known"
        items.append(f'<li><a href="{escape(href)}">{escape(name)}</a>, '
                     f"{escape(source.publisher)}, {published}</li>")
    return f"<p>Sources:</p><ul>{''.join(items)}</ul>"


def _event_entry(explainer: Explainer, event: Event, site_url: str) -> _Entry:
    entry_id = absolute(site_url, urls.record_url("events", event.id, urls.UNPAGINATED))
    link = absolute(site_url, urls.record_url("events", event.id,
                                              urls.timeline_paging(explainer.timeline)))
    facts = [date_label(event), SIDE_LABELS[event.side]]
    if event.place:
        place = explainer.places[event.place]
        facts.append(", ".join(filter(None, [place.name, place.locality])))
    parts = [f"<p>{escape(' · '.join(facts))}</p>", f"<p>{escape(event.summary)}</p>"]
    if event.outcome:
        parts.append(f"<p>Outcome: {escape(event.outcome)}</p>")
    if event.participants:
        names = ", ".join(
            f'<a href="{escape(absolute(site_url, urls.record_url("participants", p)))}">'
            f"{escape(explainer.participants[p].name)}</a>" for p in event.participants)
        parts.append(f"<p>Participants: {names}</p>")
    parts.append(_sources_html(explainer, event.sources, site_url))
    categories = tuple((t, explainer.topics[t].title) for t in event.topics)
    return _Entry(entry_id, f"{event.title} ({date_label(event)})",
                  event_updated(explainer, event),
                  link, event.summary, "".join(parts), event.date.earliest, categories,
                  is_event=True)


def _correction_entry(explainer: Explainer, correction: Correction, site_url: str) -> _Entry:
    link = absolute(site_url, urls.record_url("corrections", correction.id))
    affected = ", ".join(_affected_link(explainer, ref, site_url) for ref in correction.affects)
    parts = [f"<p>{escape(correction.text)}</p>", f"<p>Why: {escape(correction.reason)}</p>",
             f"<p>Corrects: {affected}</p>"]
    if correction.sources:
        parts.append(_sources_html(explainer, correction.sources, site_url))
    return _Entry(link, f"Correction: {correction.text}"[:300], correction.date.earliest, link,
                  correction.text, "".join(parts), correction.date.earliest)


def _affected_link(explainer: Explainer, ref: str, site_url: str) -> str:
    collection, _, record_id = ref.partition("/")
    record = explainer.collection(collection).get(record_id)
    label = getattr(record, "title", None) or getattr(record, "name", None) or ref
    href = absolute(site_url, urls.record_url(collection, record_id,
                                              urls.site_paging(explainer)))
    return f'<a href="{escape(href)}">{escape(label)}</a>'


class _Entries:
    """Each entry built once per build: an event appears in the main feed and in the feeds of
    each of its topics and participants."""

    def __init__(self, explainer: Explainer, site_url: str):
        self.explainer, self.site_url = explainer, site_url
        self._built: dict[tuple[str, str], _Entry] = {}
        self._xml: dict[str, str] = {}

    def event(self, event: Event) -> _Entry:
        key = ("events", event.id)
        if key not in self._built:
            self._built[key] = _event_entry(self.explainer, event, self.site_url)
        return self._built[key]

    def correction(self, correction: Correction) -> _Entry:
        key = ("corrections", correction.id)
        if key not in self._built:
            self._built[key] = _correction_entry(self.explainer, correction, self.site_url)
        return self._built[key]

    def xml(self, entry: _Entry) -> str:
        """The entry in full."""
        if entry.id not in self._xml:
            self._xml[entry.id] = _entry_xml(entry, self.site_url, full=True)
        return self._xml[entry.id]

    def brief_xml(self, entry: _Entry) -> str:
        """An event without its full content (topic and participant feeds); a correction in
        full."""
        if not entry.is_event:
            return self.xml(entry)
        key = f"brief {entry.id}"
        if key not in self._xml:
            self._xml[key] = _entry_xml(entry, self.site_url, full=False)
        return self._xml[key]


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = clean_text(text)
    return element


def _feed(explainer: Explainer, site_url: str, path: str, title: str, alternate: str,
          entries: list[_Entry], xml_of: Callable[[_Entry], str]) -> bytes:
    feed_id = absolute(site_url, path)
    updated = max((e.updated for e in entries), default=explainer.info.updated.earliest)
    root = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: "en"})
    _text(root, "id", feed_id)
    _text(root, "title", title)
    _text(root, "subtitle", explainer.info.standfirst)
    _text(root, "updated", _stamp(updated))
    ET.SubElement(root, "link", {"rel": "self", "type": ATOM_TYPE, "href": feed_id})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html",
                                 "href": clean_text(alternate)})
    author = ET.SubElement(root, "author")
    _text(author, "name", explainer.info.title)
    _text(author, "uri", site_root(site_url))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    # Entries are serialised once per build (see _Entries.xml) and spliced in before the end tag.
    head = body.removesuffix("</feed>")
    xml = "".join(xml_of(entry) for entry in entries[:MAX_ENTRIES])
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{xml}</feed>\n'.encode()


def _entry_xml(entry: _Entry, site_url: str, full: bool) -> str:
    """One `<entry>`, indented as a child of `<feed>`, with its line end; `full`: with its
    HTML content, else with its summary only."""
    node = ET.Element("entry")
    _text(node, "id", entry.id)
    _text(node, "title", entry.title, type="text")
    _text(node, "updated", _stamp(entry.updated))
    ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html", "href": entry.link})
    for term, label in entry.categories:
        ET.SubElement(node, "category", {
            "term": term, "label": clean_text(label),
            "scheme": absolute(site_url, urls.INDEX_PAGES["topics"])})
    _text(node, "summary", entry.summary, type="text")
    if full:
        _text(node, "content", entry.content, type="html")
    ET.indent(node, space="  ", level=1)
    return "  " + ET.tostring(node, encoding="unicode") + "\n"


def _order(entries: list[_Entry]) -> list[_Entry]:
    """Newest first by the date each entry is filed under (a corrected event keeps its place in
    time); entries of the same day keep the order they were given in."""
    return sorted(entries, key=lambda e: e.filed, reverse=True)


def _corrections_for(explainer: Explainer, refs: set[str]) -> list[Correction]:
    ids = sorted({c for ref in refs for c in explainer.corrections_by_record.get(ref, ())})
    return [explainer.corrections[c] for c in ids]


def events_feed(explainer: Explainer, site_url: str, entries: _Entries | None = None) -> bytes:
    """`feeds/events.atom`: every event newest first, and every correction."""
    entries = entries or _Entries(explainer, site_url)
    events = [entries.event(e) for e in newest_first(explainer.timeline)]
    corrections = [entries.correction(c)
                   for c in sorted(explainer.corrections.values(), key=lambda c: c.id)]
    timeline = absolute(site_url, urls.INDEX_PAGES["timeline"])
    return _feed(explainer, site_url, urls.feed_url("events"), f"{explainer.info.title}: events",
                 timeline, _order(corrections + events), entries.xml)


def record_feed(explainer: Explainer, kind: str, record_id: str, site_url: str,
                entries: _Entries | None = None) -> bytes:
    """`feeds/<kind>/<id>.atom` for a topic or participant: its events (without their full
    content) and their corrections."""
    entries = entries or _Entries(explainer, site_url)
    collection = FEED_KINDS[kind]
    index = explainer.events_by_topic if kind == "topics" else explainer.events_by_participant
    events = [explainer.events[e] for e in index.get(record_id, ())]
    refs = {f"{collection}/{record_id}", *(f"events/{e.id}" for e in events)}
    found = [entries.event(e) for e in newest_first(events)]
    found += [entries.correction(c) for c in _corrections_for(explainer, refs)]
    return _feed(explainer, site_url, urls.feed_url(kind, record_id),
                 f"{explainer.info.title}: {feed_subject(explainer, kind, record_id)}",
                 absolute(site_url, urls.record_url(collection, record_id)), _order(found),
                 entries.brief_xml)


def feed_subject(explainer: Explainer, kind: str, record_id: str) -> str:
    """What a topic's or participant's feed is about: its title or name."""
    record = explainer.collection(FEED_KINDS[kind])[record_id]
    return str(getattr(record, "title", None) or getattr(record, "name", record_id))


def feed_paths(explainer: Explainer) -> Iterator[tuple[str, str | None]]:
    """Every feed as (kind, record id): ("events", None) first, then each topic's and each
    participant's (`urls.feed_url(kind, record_id)` is its path). What `iter_files` writes and
    the /data/ page lists (`catalogue`)."""
    yield "events", None
    for kind, collection in FEED_KINDS.items():
        for record_id in explainer.collection(collection):
            yield kind, record_id


def iter_files(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    """Every Atom feed, as (site-relative path, bytes), one at a time: a feed per participant
    adds up to hundreds of megabytes at scale, so the build writes each as it comes."""
    entries = _Entries(explainer, site_url)
    for kind, record_id in feed_paths(explainer):
        feed = (events_feed(explainer, site_url, entries) if record_id is None
                else record_feed(explainer, kind, record_id, site_url, entries))
        yield urls.feed_url(kind, record_id), feed


def build(explainer: Explainer, site_url: str) -> dict[str, bytes]:
    """Every Atom feed, as site-relative path -> bytes."""
    return dict(iter_files(explainer, site_url))
