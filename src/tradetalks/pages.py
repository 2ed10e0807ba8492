"""The page plan: the validated `Explainer` -> one `PageSpec` per generated page.

Fourth step of the flow (load -> validate -> model -> **plan** -> render). A spec says everything
about a page except its HTML: where it lives (from `urls`), its plain-text title and description,
which template renders it and with what records, which data file it comes from (for "Edit this
page") and whether it belongs in the sidebar. Index pages go in the navigation; the many record
pages do not (a sidebar with a thousand profiles makes every page heavy), index pages list them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import urls
from .model import SIDE_LABELS, Event, Explainer, Origin


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
        month = None if event.precision == "year" else event.date.month
        years.setdefault(event.date.year, {}).setdefault(month, []).append(event)
    return [(year, sorted(months.items(), key=lambda m: (m[0] is not None, m[0] or 0)))
            for year, months in sorted(years.items())]


def plan(explainer: Explainer) -> list[PageSpec]:
    """Every generated page, sorted by source path so builds are reproducible."""
    info = explainer.info
    specs = [
        _index("timeline", "Timeline", f"Every event of {info.title}, in date order.",
               "timeline.html", timeline_groups=timeline_groups(explainer.timeline)),
        _index("participants", "Participants",
               "The people, delegations and organisations in the talks, by side.",
               "participants.html"),
        _index("topics", "Topics", "The trade issues at stake and where each side stands.",
               "topics.html"),
        _index("places", "Places", "Where the talks have taken place.", "places.html"),
        _index("quotes", "Quotes", "What the participants said, exactly as published.",
               "quotes.html"),
        _index("sources", "Sources", "Every source behind the explainer, and what cites it.",
               "sources.html"),
        _index("corrections", "Corrections", "Corrections to the explainer, newest first.",
               "corrections.html"),
    ]
    for person in explainer.participants.values():
        side = SIDE_LABELS[person.side]
        native = f" ({person.native_name.text})" if person.native_name else ""
        specs.append(PageSpec(
            kind="participant", src_uri=urls.record_src_uri("participants", person.id),
            url=urls.record_url("participants", person.id), title=person.name,
            description=_clip(person.bio or f"{person.name}{native}: {side}."),
            template="participant.html",
            context={"p": person, "record_key": f"participants/{person.id}"},
            origin=explainer.origins.get(("participants", person.id)), record_id=person.id,
            feeds=((f"Events with {person.name}", urls.feed_url("participants", person.id)),)))
    for topic in explainer.topics.values():
        specs.append(PageSpec(
            kind="topic", src_uri=urls.record_src_uri("topics", topic.id),
            url=urls.record_url("topics", topic.id), title=topic.title,
            description=_clip(topic.summary), template="topic.html",
            context={"t": topic, "record_key": f"topics/{topic.id}"},
            origin=explainer.origins.get(("topics", topic.id)), record_id=topic.id,
            feeds=((f"Events about {topic.title}", urls.feed_url("topics", topic.id)),)))
    for place in explainer.places.values():
        specs.append(PageSpec(
            kind="place", src_uri=urls.record_src_uri("places", place.id),
            url=urls.record_url("places", place.id), title=place.name,
            description=_clip(place.description or f"{place.name}, {place.locality or ''}"),
            template="place.html",
            context={"pl": place, "record_key": f"places/{place.id}"},
            origin=explainer.origins.get(("places", place.id)), record_id=place.id))
    return sorted(specs, key=lambda s: s.src_uri)
