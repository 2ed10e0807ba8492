"""Structured data (schema.org as JSON-LD) for every page, from the model.

Part of the outputs (model -> **outputs**): the lead's page templates put `jsonld_script(
page_jsonld(kind, explainer, record_id, site_url))` in each page's `<head>`, so search engines and
newsroom tools read the same facts the page shows. Which nodes each page kind gets:

=============== ===========================================================================
home            the explainer as one node typed `NewsArticle` and `WebPage` (`headline`,
                `dateModified` = `info.updated`, topics as `about`, sources as `citation`)
timeline        an `ItemList` of every `Event` in timeline order; once the timeline is
                paginated (`urls.timeline_paging`), of its year and month pages
timeline-page   an `ItemList` of the events on one page (a year, a month, part of a month)
participant     a `Person` (or `Organization` for delegations and organisations)
participants    an `ItemList` of every participant
topic           a `WebPage` about the topic, and an `ItemList` of its events
topics          an `ItemList` of the topics
place           a `Place`, with the events held there
places          an `ItemList` of the places
quotes          an `ItemList` of `Quotation`s, newest first; once paginated, of its pages
quotes-page     an `ItemList` of the quotes on one page of a paginated quotes/
sources         an `ItemList` of `CreativeWork`s, one per source, newest first; once
                paginated, of its pages
sources-page    an `ItemList` of the sources on one page of a paginated sources/
corrections     an `ItemList` of `CorrectionComment`s
=============== ===========================================================================

A list of more than `FULL_ITEMS_LIMIT` items is a summary list: each `ListItem` carries only
the record's `url` and `name`, not the whole record (a timeline of 500 events embedded in full
weighed a megabyte in every page's `<head>`); the full records are in the open data. And no
list grows with the data: an `ItemList` carries at most `LIST_ITEMS_LIMIT` items, the first in the
page's own order, while its `numberOfItems` counts them all (as schema.org allows for a list
described in part); an organisation's `member`, a place's `event` and the explainer's `about` stop
at the same limit. Without it a topic's events or a delegation's members, thousands at scale, put
hundreds of kilobytes of JSON-LD in one page's `<head>`.

Each returned node carries `"@context": "https://schema.org"`, the form search engines'
structured-data readers expect (they know it without fetching it; a JSON-LD processor fetches
schema.org's context document, whose vocabulary is `http://schema.org/`). `@id`s are
absolute URLs from `tradetalks.urls` (a record page's URL plus `#participant`, `#topic` or
`#place`; an anchored record's own URL), so nodes on different pages describe the same things.
Dates keep their precision: an event known to the month starts `2025-06`.

`jsonld_script` serialises for a `<script type="application/ld+json">` block with `<`, `>` and
`&` written as `\\u003c`, `\\u003e` and `\\u0026`, so no text (not even `</script>` or `<!--`) can
end the block or start markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any, get_args

from markupsafe import Markup

from .. import urls
from ..model import Correction, Event, Explainer, Participant, Place, Quote, Side, Source, Topic
from ..pages import LIST_PAGE_KINDS, RECORD_KINDS, clip, list_page_title
from ._common import absolute, iso_at_precision, site_root

CONTEXT = "https://schema.org"
PAGE_KINDS = ("home", "timeline", "timeline-page", "participant", "participants", "topic",
              "topics", "place", "places", "quotes", "quotes-page", "sources", "sources-page",
              "corrections")
#: Lists longer than this carry ListItems with a url and name only, not the records in full.
FULL_ITEMS_LIMIT = 30
#: No list carries more items than this (an ItemList's `numberOfItems` still counts them all).
LIST_ITEMS_LIMIT = 100
_FRAGMENT = {"participants": "participant", "topics": "topic", "places": "place"}
STATUS_LABELS = {"being-updated": "Being updated", "no-longer-updated": "No longer updated"}


def node_id(collection: str, record_id: str, site_url: str,
            paging: urls.ListPaging | urls.SitePaging | None = None) -> str:
    """The `@id` of a record: its page URL plus a fragment, or its anchor on a list page (for
    events, on the timeline page `paging` puts them on)."""
    url = absolute(site_url, urls.record_url(collection, record_id, paging))
    return f"{url}#{_FRAGMENT[collection]}" if collection in _FRAGMENT else url


def _url(collection: str, record_id: str, site_url: str,
         paging: urls.ListPaging | urls.SitePaging | None = None) -> str:
    return absolute(site_url, urls.record_url(collection, record_id, paging))


def _participant_ref(p: Participant, site_url: str) -> dict[str, Any]:
    return {"@type": "Person" if p.kind == "person" else "Organization",
            "@id": node_id("participants", p.id, site_url), "name": p.name,
            "url": _url("participants", p.id, site_url)}


def _topic_ref(t: Topic, site_url: str) -> dict[str, Any]:
    return {"@type": "Thing", "@id": node_id("topics", t.id, site_url), "name": t.title,
            "url": _url("topics", t.id, site_url)}


def participant_node(explainer: Explainer, p: Participant, site_url: str) -> dict[str, Any]:
    node = _participant_ref(p, site_url)
    if p.native_name:
        node["alternateName"] = {"@value": p.native_name.text, "@language": p.native_name.lang}
    if p.bio:
        node["description"] = p.bio
    groups = [_participant_ref(explainer.participants[o], site_url) for o in p.member_of]
    if p.kind == "person":
        titles = list(dict.fromkeys(r.title for r in p.roles))
        if titles:
            node["jobTitle"] = titles
        named = list(dict.fromkeys(r.organisation for r in p.roles if r.organisation))
        affiliation = groups + [{"@type": "Organization", "name": n} for n in named]
        if affiliation:
            node["affiliation"] = affiliation
    else:
        if groups:
            node["memberOf"] = groups
        members = [_participant_ref(explainer.participants[m], site_url)
                   for m in _first(explainer.members.get(p.id, ()))]
        if members:
            node["member"] = members
    return node


def place_node(place: Place, site_url: str) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": place.country}
    if place.locality:
        address["addressLocality"] = place.locality
    node: dict[str, Any] = {"@type": "Place", "@id": node_id("places", place.id, site_url),
                            "name": place.name, "url": _url("places", place.id, site_url),
                            "address": address}
    if place.description:
        node["description"] = place.description
    return node


def event_node(explainer: Explainer, event: Event, site_url: str) -> dict[str, Any]:
    paging = urls.site_paging(explainer).events
    node: dict[str, Any] = {"@type": "Event", "@id": node_id("events", event.id, site_url, paging),
                            "name": event.title,
                            "url": _url("events", event.id, site_url, paging),
                            "startDate": iso_at_precision(event)}
    if event.end:
        node["endDate"] = event.end.iso
    node["description"] = event.summary
    if event.place:
        node["location"] = place_node(explainer.places[event.place], site_url)
    if event.participants:
        node["attendee"] = [_participant_ref(explainer.participants[p], site_url)
                            for p in event.participants]
    if event.topics:
        node["about"] = [_topic_ref(explainer.topics[t], site_url) for t in event.topics]
    return node


def source_node(source: Source, site_url: str,
                paging: urls.SitePaging | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork",
                            "@id": node_id("sources", source.id, site_url, paging),
                            "name": source.title or source.description}
    if source.title:  # a description of a page without a headline is no headline
        node["headline"] = source.title
    if source.authors:
        node["author"] = [{"@type": "Person", "name": a} for a in source.authors]
    node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        node["datePublished"] = source.published.iso
    node["inLanguage"] = source.language
    if source.url:
        node["url"] = source.url
    if source.archive_url:
        node["archivedAt"] = source.archive_url
    return node


def quote_node(explainer: Explainer, quote: Quote, site_url: str) -> dict[str, Any]:
    speaker = explainer.participants[quote.speaker]
    paging = urls.site_paging(explainer)
    node: dict[str, Any] = {
        "@type": "Quotation", "@id": node_id("quotes", quote.id, site_url, paging),
        "url": _url("quotes", quote.id, site_url, paging), "text": quote.text,
        "inLanguage": quote.language, "dateCreated": quote.date.iso,
        # A paraphrase is the source's wording, not the speaker's: say so where a reader of the
        # data will see it, rather than leave it out of the structured data.
        "description": ("Direct quotation" if quote.kind == "direct"
                        else "Paraphrase: the source's summary, not the speaker's own words"),
        "creator": _participant_ref(speaker, site_url),
        "citation": [source_node(explainer.sources[s], site_url, paging) for s in quote.sources],
    }
    if quote.translated_from:
        node["translationOfWork"] = {"@type": "CreativeWork",
                                     "inLanguage": quote.translated_from}
        node["translator"] = (
            {"@type": "Organization", "name": explainer.info.title}
            if quote.translated_by == "editors" else
            [{"@type": "Organization", "name": explainer.sources[s].publisher}
             for s in quote.sources])
    if quote.translation:
        node["workTranslation"] = {"@type": "CreativeWork", "text": quote.translation,
                                   "inLanguage": "en"}
    if quote.topics:
        node["about"] = [_topic_ref(explainer.topics[t], site_url) for t in quote.topics]
    return node


def correction_node(correction: Correction, site_url: str,
                    paging: urls.SitePaging | None = None) -> dict[str, Any]:
    about = []
    for ref in correction.affects:
        collection, _, record_id = ref.partition("/")
        about.append({"@id": node_id(collection, record_id, site_url, paging)})
    return {"@type": "CorrectionComment",
            "@id": node_id("corrections", correction.id, site_url),
            "url": _url("corrections", correction.id, site_url), "text": correction.text,
            "description": correction.reason, "dateCreated": correction.date.iso,
            "about": about}


def explainer_node(explainer: Explainer, site_url: str) -> dict[str, Any]:
    info = explainer.info
    node: dict[str, Any] = {
        "@type": ["NewsArticle", "WebPage"], "@id": f"{site_root(site_url)}#explainer",
        "url": site_root(site_url), "headline": info.title, "name": info.title,
        "description": info.standfirst, "dateModified": info.updated.iso,
        "inLanguage": "en", "creativeWorkStatus": STATUS_LABELS[info.status],
        "about": [_topic_ref(t, site_url) for t in _first(explainer.topics.values())],
    }
    if info.sources:
        node["citation"] = [source_node(explainer.sources[s], site_url,
                                        urls.site_paging(explainer)) for s in info.sources]
    return node


def _first(records: Iterable[Any]) -> list[Any]:
    """The first LIST_ITEMS_LIMIT records, taken before any node is built from them."""
    return list(islice(records, LIST_ITEMS_LIMIT))


def item_list(name: str, page: str, items: Sequence[dict[str, Any]], site_url: str,
              total: int | None = None) -> dict[str, Any]:
    """An ItemList of whole nodes, or of summaries: a summary (a dict with only `url` and
    `name`, from `_listing`) becomes a ListItem carrying those two, as schema.org's summary
    lists do. At most LIST_ITEMS_LIMIT items are listed; `numberOfItems` is `total` (the whole
    list, when `items` holds only its first ones) or else the number of `items`."""
    url = absolute(site_url, page)
    return {"@type": "ItemList", "@id": f"{url}#list", "name": name, "url": url,
            "numberOfItems": len(items) if total is None else total,
            "itemListElement": [
                {"@type": "ListItem", "position": i, **item} if "@type" not in item
                else {"@type": "ListItem", "position": i, "item": item}
                for i, item in enumerate(items[:LIST_ITEMS_LIMIT], start=1)]}


def _listing(records: Sequence[Any], full: Callable[[Any], dict[str, Any]],
             summary: Callable[[Any], tuple[str, str]],
             total: int | None = None) -> list[dict[str, Any]]:
    """The items of a list: whole nodes for a short list, {url, name} beyond FULL_ITEMS_LIMIT,
    for its first LIST_ITEMS_LIMIT records only (built lazily, so a long list never builds its
    full nodes, nor any node it would not list). `total`: the whole list's length, when
    `records` already holds only its first ones."""
    if (len(records) if total is None else total) <= FULL_ITEMS_LIMIT:
        return [full(r) for r in _first(records)]
    return [dict(zip(("url", "name"), summary(r), strict=True)) for r in _first(records)]


def _listed(name: str, page: str, records: Sequence[Any], full: Callable[[Any], dict[str, Any]],
            summary: Callable[[Any], tuple[str, str]], site_url: str) -> dict[str, Any]:
    """The ItemList of `records` (see `_listing`), counting them all."""
    return item_list(name, page, _listing(records, full, summary), site_url, len(records))


def _nodes(kind: str, explainer: Explainer, record_id: str | None,
           site_url: str) -> list[dict[str, Any]]:
    pages = urls.INDEX_PAGES
    site_paging = urls.site_paging(explainer)
    paging = site_paging.events

    def events(name: str, page: str, ids: Sequence[str], total: int) -> dict[str, Any]:
        # `ids` may hold only the first of `total` events (a timeline page's, found lazily).
        return item_list(name, page, _listing(
            [explainer.events[e] for e in _first(ids)],
            lambda e: event_node(explainer, e, site_url),
            lambda e: (_url("events", e.id, site_url, paging), e.title), total), site_url, total)

    if kind == "home":
        return [explainer_node(explainer, site_url)]
    if kind in ("timeline", "quotes", "sources"):
        list_paging = site_paging.of("events" if kind == "timeline" else kind)
        if list_paging and list_paging.pages:
            # The index of a paginated list lists its pages, newest first as the index shows.
            shown = list_paging.pages[::-1]
            noun = "events" if kind == "timeline" else kind
            return [item_list(kind.capitalize(), pages[kind], [
                {"url": absolute(site_url, p.url),
                 "name": f"{list_page_title(p)}: {p.count} {noun}"}
                for p in _first(shown)], site_url, len(shown))]
    if kind == "timeline":
        ids = [e.id for e in explainer.timeline[::-1]]  # newest first, as the page
        return [events("Timeline", pages["timeline"], ids, len(ids))]
    if kind == "timeline-page":
        assert record_id is not None  # checked by page_jsonld
        on_page = paging.ids_on(record_id)[::-1]
        return [events("Timeline", record_id, on_page, len(on_page))]
    if kind == "participants":
        # The page's order: by side, then by name (as Jinja's `sort` compares, ignoring case).
        sides = get_args(Side)
        ordered = sorted(explainer.participants.values(),
                         key=lambda p: (sides.index(p.side), p.name.lower()))
        return [_listed("Participants", pages["participants"], ordered,
                        lambda p: participant_node(explainer, p, site_url),
                        lambda p: (_url("participants", p.id, site_url), p.name), site_url)]
    if kind == "places":
        ordered = sorted(explainer.places.values(), key=lambda p: p.name.lower())
        return [item_list("Places", pages["places"],
                          [place_node(p, site_url) for p in _first(ordered)], site_url,
                          len(ordered))]
    if kind == "topics":
        ordered = sorted(explainer.topics.values(), key=lambda t: t.title.lower())
        return [item_list("Topics", pages["topics"],
                          [_topic_ref(t, site_url) for t in _first(ordered)], site_url,
                          len(ordered))]
    if kind in ("quotes", "quotes-page"):
        # Newest first, as the page shows them.
        on_page = (explainer.quotes_in_order[::-1] if kind == "quotes" else
                   [explainer.quotes[q] for q in site_paging.quotes.ids_on(record_id)[::-1]])
        return [_listed("Quotes", record_id or pages["quotes"], on_page,
                        lambda q: quote_node(explainer, q, site_url),
                        lambda q: (_url("quotes", q.id, site_url, site_paging),
                                   f"{explainer.participants[q.speaker].name}: {clip(q.text)}"),
                        site_url)]
    if kind in ("sources", "sources-page"):
        # Newest first, as the page shows them; sources without a publication date last.
        in_order = explainer.sources_in_order
        on_page = ([s for s in in_order[::-1] if s.published] + [s for s in in_order
                                                                 if not s.published]
                   if kind == "sources" else
                   [explainer.sources[s] for s in site_paging.sources.ids_on(record_id)[::-1]])
        return [_listed("Sources", record_id or pages["sources"], on_page,
                        lambda s: source_node(s, site_url, site_paging),
                        lambda s: (_url("sources", s.id, site_url, site_paging), s.title),
                        site_url)]
    if kind == "corrections":
        # The page's order: newest first (a stable sort, as the page's).
        ordered = sorted(explainer.corrections.values(), key=lambda c: c.date, reverse=True)
        return [_listed("Corrections", pages["corrections"], ordered,
                        lambda c: correction_node(c, site_url, site_paging),
                        lambda c: (_url("corrections", c.id, site_url), clip(c.text)),
                        site_url)]
    assert record_id is not None  # checked by page_jsonld
    if kind == "participant":
        return [participant_node(explainer, explainer.participants[record_id], site_url)]
    if kind == "place":
        place = place_node(explainer.places[record_id], site_url)
        held = explainer.events_by_place.get(record_id, ())
        if held:
            place["event"] = [{"@type": "Event", "@id": node_id("events", e, site_url, paging),
                               "name": explainer.events[e].title} for e in _first(held)]
        return [place]
    topic = explainer.topics[record_id]
    page = urls.record_url("topics", record_id)
    about = _topic_ref(topic, site_url) | {"description": topic.summary}
    webpage = {"@type": "WebPage", "@id": absolute(site_url, page), "url": absolute(site_url, page),
               "name": topic.title, "description": topic.summary, "about": about,
               "isPartOf": {"@id": f"{site_root(site_url)}#explainer"}}
    held = explainer.events_by_topic.get(record_id, ())
    return [webpage, events(f"Events: {topic.title}", page, held, len(held))]


def page_jsonld(page_kind: str, explainer: Explainer, record_id: str | None,
                site_url: str) -> list[dict[str, Any]]:
    """The JSON-LD nodes for one page, each a self-contained document with its `@context`.
    `record_id` is required for participant, topic and place pages, and is the page's URL for a
    timeline page (`timeline/2025/`); it is ignored otherwise."""
    if page_kind not in PAGE_KINDS:
        raise ValueError(f"unknown page kind '{page_kind}' (kinds are: {', '.join(PAGE_KINDS)})")
    if page_kind in LIST_PAGE_KINDS:
        list_paging = urls.site_paging(explainer).of(LIST_PAGE_KINDS[page_kind])
        if list_paging is None or not list_paging.ids_on(record_id or ""):
            raise ValueError(f"no {page_kind.replace('-', ' ')} '{record_id}'")
    if page_kind in RECORD_KINDS:
        collection = RECORD_KINDS[page_kind]
        if record_id is None or record_id not in explainer.collection(collection):
            raise ValueError(f"no {page_kind} with id '{record_id}'")
    return [{"@context": CONTEXT, **node} for node in _nodes(page_kind, explainer, record_id,
                                                               site_url)]


def jsonld_json(data: Any) -> str:
    """Compact JSON whose text cannot close or open markup inside a `<script>` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # These characters only occur inside JSON strings, where \\uXXXX means the same character.
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def jsonld_script(data: Any) -> Markup:
    """A complete `<script type="application/ld+json">` element, safe to insert unescaped."""
    # Safe by construction: jsonld_json leaves no '<', '>' or '&' in the text.
    return Markup(f'<script type="application/ld+json">{jsonld_json(data)}</script>')  # noqa: S704
