"""Stable URLs: the only place that knows where a record is published.

Other sites link to these paths, so they never change without a redirect. Paths are relative to
the site root with no leading slash, the way MkDocs writes page URLs (`participants/he-lifeng/`).
Ids are lowercase slugs checked by `model.Id`, so they are safe as path segments. `pages` builds
the page plan from these functions; `outputs` uses them for feeds and open data.
"""

from __future__ import annotations

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


def record_url(collection: str, record_id: str) -> str:
    """The URL that shows one record: its own page or an anchor on its list page."""
    if collection in RECORD_PAGES:
        return f"{RECORD_PAGES[collection]}/{record_id}/"
    page, prefix = RECORD_ANCHORS[collection]
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
