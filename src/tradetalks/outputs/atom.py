"""Atom feeds (RFC 4287): all events, and the events of each topic and each participant.

Part of the open-data outputs (model -> **outputs**): feed readers and newsroom tools follow the
talks without visiting the site. Feeds live at `urls.feed_url(...)`:

* `feeds/events.atom`: every event, newest first, plus every correction as its own entry (a
  correction is news too, and readers who saw the original deserve to see it);
* `feeds/topics/<id>.atom` and `feeds/participants/<id>.atom`: that topic's or participant's
  events, plus the corrections to them or to those events. Every topic and participant gets a
  feed, even an empty one, so a page can always link its feed.

Entries are newest first by their own date (an event's date, a correction's date). Entry ids are
the entries' stable absolute URLs (`urls.record_url`), so the same event has the
same id in every feed. `updated` comes from the data only: an event's date, or a later correction
to it; a correction's own date; the feed's newest entry (or, for an empty feed, the explainer's
last update). XML is built with `xml.etree`, which escapes all text, so an editor's `</title>`,
`]]>` or `&amp;` stays text; characters XML cannot carry become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it
from dataclasses import dataclass

from markupsafe import Markup

from .. import urls
from ..model import SIDE_LABELS, Correction, Event, Explainer
from ._common import absolute, clean_text, date_label, event_updated, newest_first, site_root

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Feed kinds as `urls.feed_url` names them, and the collection whose records they follow.
FEED_KINDS = {"topics": "topics", "participants": "participants"}


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    updated: dt.date
    link: str
    summary: str
    content: Markup
    #: The date the entry is filed under: an event's own date, a correction's date.
    filed: dt.date
    categories: tuple[tuple[str, str], ...] = ()


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sources_html(explainer: Explainer, ids: list[str], site_url: str) -> Markup:
    items = []
    for source_id in ids:
        source = explainer.sources[source_id]
        href = absolute(site_url, urls.record_url("sources", source_id))
        items.append(Markup('<li><a href="{}">{}</a>, {}, {}</li>').format(
            href, source.title, source.publisher, source.published.isoformat()))
    return Markup("<p>Sources:</p><ul>{}</ul>").format(Markup("").join(items))


def _event_entry(explainer: Explainer, event: Event, site_url: str) -> _Entry:
    link = absolute(site_url, urls.record_url("events", event.id))
    facts = [date_label(event), SIDE_LABELS[event.side]]
    if event.place:
        place = explainer.places[event.place]
        facts.append(", ".join(filter(None, [place.name, place.locality])))
    parts = [Markup("<p>{}</p>").format(" · ".join(facts)),
             Markup("<p>{}</p>").format(event.summary)]
    if event.outcome:
        parts.append(Markup("<p>Outcome: {}</p>").format(event.outcome))
    if event.participants:
        names = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(
                absolute(site_url, urls.record_url("participants", p)),
                explainer.participants[p].name)
            for p in event.participants)
        parts.append(Markup("<p>Participants: {}</p>").format(names))
    parts.append(_sources_html(explainer, event.sources, site_url))
    categories = tuple((t, explainer.topics[t].title) for t in event.topics)
    return _Entry(link, f"{event.title} ({date_label(event)})", event_updated(explainer, event),
                  link, event.summary, Markup("").join(parts), event.date, categories)


def _correction_entry(explainer: Explainer, correction: Correction, site_url: str) -> _Entry:
    link = absolute(site_url, urls.record_url("corrections", correction.id))
    affected = Markup(", ").join(_affected_link(explainer, ref, site_url)
                                 for ref in correction.affects)
    parts = [Markup("<p>{}</p>").format(correction.text),
             Markup("<p>Why: {}</p>").format(correction.reason),
             Markup("<p>Corrects: {}</p>").format(affected)]
    if correction.sources:
        parts.append(_sources_html(explainer, correction.sources, site_url))
    return _Entry(link, f"Correction: {correction.text}"[:300], correction.date, link,
                  correction.text, Markup("").join(parts), correction.date)


def _affected_link(explainer: Explainer, ref: str, site_url: str) -> Markup:
    collection, _, record_id = ref.partition("/")
    record = explainer.collection(collection).get(record_id)
    label = getattr(record, "title", None) or getattr(record, "name", None) or ref
    return Markup('<a href="{}">{}</a>').format(
        absolute(site_url, urls.record_url(collection, record_id)), label)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = clean_text(text)
    return element


def _feed(explainer: Explainer, site_url: str, path: str, title: str, alternate: str,
          entries: list[_Entry]) -> bytes:
    feed_id = absolute(site_url, path)
    updated = max((e.updated for e in entries), default=explainer.info.updated)
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
    for entry in entries:
        node = ET.SubElement(root, "entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title, type="text")
        _text(node, "updated", _stamp(entry.updated))
        ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html",
                                     "href": entry.link})
        for term, label in entry.categories:
            ET.SubElement(node, "category", {
                "term": term, "label": clean_text(label),
                "scheme": absolute(site_url, urls.INDEX_PAGES["topics"])})
        _text(node, "summary", entry.summary, type="text")
        _text(node, "content", str(entry.content), type="html")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _order(entries: list[_Entry]) -> list[_Entry]:
    """Newest first by the date each entry is filed under (a corrected event keeps its place in
    time); entries of the same day keep the order they were given in."""
    return sorted(entries, key=lambda e: e.filed, reverse=True)


def _corrections_for(explainer: Explainer, refs: set[str]) -> list[Correction]:
    ids = sorted({c for ref in refs for c in explainer.corrections_by_record.get(ref, ())})
    return [explainer.corrections[c] for c in ids]


def events_feed(explainer: Explainer, site_url: str) -> bytes:
    """`feeds/events.atom`: every event newest first, and every correction."""
    events = [_event_entry(explainer, e, site_url)
              for e in newest_first(explainer, explainer.timeline)]
    corrections = [_correction_entry(explainer, c, site_url)
                   for c in sorted(explainer.corrections.values(), key=lambda c: c.id)]
    timeline = absolute(site_url, urls.INDEX_PAGES["timeline"])
    return _feed(explainer, site_url, urls.feed_url("events"), f"{explainer.info.title}: events",
                 timeline, _order(corrections + events))


def record_feed(explainer: Explainer, kind: str, record_id: str, site_url: str) -> bytes:
    """`feeds/<kind>/<id>.atom` for a topic or participant: its events and their corrections."""
    collection = FEED_KINDS[kind]
    record = explainer.collection(collection)[record_id]
    index = explainer.events_by_topic if kind == "topics" else explainer.events_by_participant
    events = [explainer.events[e] for e in index.get(record_id, ())]
    refs = {f"{collection}/{record_id}", *(f"events/{e.id}" for e in events)}
    entries = [_event_entry(explainer, e, site_url) for e in newest_first(explainer, events)]
    entries += [_correction_entry(explainer, c, site_url) for c in _corrections_for(explainer,
                                                                                   refs)]
    name = getattr(record, "title", None) or getattr(record, "name", record_id)
    return _feed(explainer, site_url, urls.feed_url(kind, record_id),
                 f"{explainer.info.title}: {name}",
                 absolute(site_url, urls.record_url(collection, record_id)), _order(entries))


def build(explainer: Explainer, site_url: str) -> dict[str, bytes]:
    """Every Atom feed, as site-relative path -> bytes."""
    files = {urls.feed_url("events"): events_feed(explainer, site_url)}
    for kind, collection in FEED_KINDS.items():
        for record_id in explainer.collection(collection):
            files[urls.feed_url(kind, record_id)] = record_feed(explainer, kind, record_id,
                                                                site_url)
    return files


def feed_links(page_kind: str, record_id: str | None, title: str, site_url: str) -> Markup:
    """The `<link rel="alternate">` tags a page's `<head>` carries: the events feed on every
    page, plus its own feed on a topic or participant page."""
    links = [(absolute(site_url, urls.feed_url("events")), "All events")]
    collection = {"topic": "topics", "participant": "participants"}.get(page_kind)
    if collection and record_id is not None:
        links.append((absolute(site_url, urls.feed_url(collection, record_id)),
                      f"Events: {title}"))
    return Markup("\n").join(
        Markup('<link rel="alternate" type="{}" href="{}" title="{}">').format(
            ATOM_TYPE, href, label) for href, label in links)
