"""Helpers shared by the open-data outputs: absolute URLs, dates at their precision, JSON bytes.

Every output module (`opendata`, `atom`, `ical`, `jsonld`) is a pure function of the validated
`Explainer`; these helpers keep the few rules they share in one place, so that a date shown as
"June 2025" in a feed is also `2025-06` in JSON-LD and left out of the calendar for the same
reason. Paths always come from `tradetalks.urls`; this module only joins them to the site URL.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any
from urllib.parse import urlsplit

from .. import dates
from ..model import Event, Explainer, Source

#: Characters XML 1.0 and RFC 5545 TEXT cannot carry (C0 controls except tab, LF and CR, plus
#: C1 controls, surrogates and the two non-characters). The loader already refuses most of
#: them in raw files, but YAML escapes such as "\x01" in a quoted string could still reach us.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@functools.lru_cache(maxsize=8)  # called for every link; parsing the URL each time adds up
def site_root(site_url: str) -> str:
    """`site_url` checked (absolute http(s) with a host) and ending in exactly one slash."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")
    return site_url.rstrip("/") + "/"


def absolute(site_url: str, path: str) -> str:
    """The absolute URL of a site-relative path from `tradetalks.urls`."""
    return site_root(site_url) + path.lstrip("/")


def host(site_url: str) -> str:
    return urlsplit(site_root(site_url)).hostname or ""


def clean_text(text: str) -> str:
    """Text with characters that XML and iCalendar cannot carry replaced by U+FFFD."""
    return _INVALID_CHARS.sub("\ufffd", text)


def iso_at_precision(event: Event) -> str:
    """The start date in ISO 8601 at its known precision: 2025, 2025-06 or 2025-06-10."""
    return event.date.iso


def date_label(event: Event) -> str:
    """The date as readers see it: '2025', 'June 2025', '10 June 2025', '9–10 June 2025'."""
    return dates.label(event.date, event.end)


def source_text(source: Source) -> str:
    """A source in one line of plain text: '“Headline” (Reuters, 2025-05-12)'; a description of
    a page without a headline is not put in quotation marks."""
    name = f"“{source.title}”" if source.title else (source.description or source.id)
    published = source.published.iso if source.published else "publication date not known"
    return f"{name} ({source.publisher}, {published})"


def record_updated(explainer: Explainer, collection: str, record_id: str, base: dt.date) -> dt.date:
    """`base`, or the (first) day of the latest correction to the record when that is later."""
    corrected = [explainer.corrections[c].date.earliest
                 for c in explainer.corrections_by_record.get(f"{collection}/{record_id}", ())]
    return max([base, *corrected])


def event_updated(explainer: Explainer, event: Event) -> dt.date:
    """When an event's entry last changed, from the data alone: the first day its date can mean,
    or a later correction."""
    return record_updated(explainer, "events", event.id, event.date.earliest)


def newest_first(events: list[Event] | tuple[Event, ...]) -> list[Event]:
    """Events in reverse timeline order (`Explainer.timeline`'s key, so ties break the same way)."""
    return sorted(events, key=lambda e: (e.date, e.end or e.date, e.id), reverse=True)


def json_bytes(value: Any) -> bytes:
    """JSON as published: UTF-8 (not \\u escapes), two-space indent, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
