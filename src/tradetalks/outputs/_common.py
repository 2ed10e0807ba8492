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

from ..model import Event, Explainer

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
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
    if event.precision == "year":
        return f"{event.date.year:04d}"
    if event.precision == "month":
        return f"{event.date.year:04d}-{event.date.month:02d}"
    return event.date.isoformat()


def date_label(event: Event) -> str:
    """The date as readers see it: '2025', 'June 2025', '10 June 2025', '9–10 June 2025'."""
    d = event.date
    if event.precision == "year":
        return str(d.year)
    if event.precision == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    end = event.end
    if end is None or end == d:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if (end.year, end.month) == (d.year, d.month):
        return f"{d.day}–{end.day} {MONTHS[d.month - 1]} {d.year}"
    if end.year == d.year:
        return f"{d.day} {MONTHS[d.month - 1]} – {end.day} {MONTHS[end.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year} – {end.day} {MONTHS[end.month - 1]} {end.year}"


def record_updated(explainer: Explainer, collection: str, record_id: str, base: dt.date) -> dt.date:
    """`base`, or the date of the latest correction to the record when that is later."""
    dates = [explainer.corrections[c].date
             for c in explainer.corrections_by_record.get(f"{collection}/{record_id}", ())]
    return max([base, *dates])


def event_updated(explainer: Explainer, event: Event) -> dt.date:
    """When an event's entry last changed, from the data alone: its date or a later correction."""
    return record_updated(explainer, "events", event.id, event.date)


def newest_first(events: list[Event] | tuple[Event, ...]) -> list[Event]:
    """Events in reverse timeline order (`Explainer.timeline`'s key, so ties break the same way)."""
    return sorted(events, key=lambda e: (e.date, e.end or e.date, e.id), reverse=True)


def json_bytes(value: Any) -> bytes:
    """JSON as published: UTF-8 (not \\u escapes), two-space indent, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
