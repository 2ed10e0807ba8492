"""iCalendar (RFC 5545): the dated events of the talks as one subscribable calendar.

Part of the open-data outputs (model -> **outputs**), published at `urls.CALENDAR_URL`. Written by
hand rather than with a library so that every byte is ours to reason about: CRLF line ends,
content lines folded at 75 octets without splitting a UTF-8 character, and TEXT values escaped
(`\\` `;` `,` and line breaks), so nothing an editor types can start a property or a component.

Which events, and how:

* **Day-precision events** become all-day VEVENTs: `DTSTART;VALUE=DATE` is the first day and
  `DTEND;VALUE=DATE` the day after the last (RFC 5545's end is exclusive). Ranges use `end`.
  Scheduled and announced events are included like held ones: a calendar is where readers want
  the next round or a deadline.
* **Month- and year-precision events are left out.** A calendar can only show them as a block
  covering the whole month or year (or pinned to its first day), which reads as a claim the
  sources do not make. They stay in the JSON, CSV and Atom outputs with their real precision.
* `UID` is `<event-id>@<site host>`, stable across builds and edits. `DTSTAMP` is the explainer's
  last substantive update (`info.updated`) at midnight UTC, and `LAST-MODIFIED` the latest of the
  event's date and its corrections: both from the data, never the build clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import urls
from ..model import Event, Explainer
from ._common import absolute, clean_text, date_label, event_updated, host, source_text

PRODID = "-//tradetalks//Trade talks explainer events//EN"
FOLD_AT = 75  # octets per content line, CRLF excluded (RFC 5545 section 3.1)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma and line breaks
    escaped; characters TEXT cannot carry replaced by U+FFFD."""
    value = clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> bytes:
    """One content line as bytes, folded so no physical line exceeds 75 octets: each
    continuation starts with a space, and a multi-byte character is never cut."""
    data = line.encode("utf-8")
    chunks: list[bytes] = []
    start, limit = 0, FOLD_AT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        chunks.append(data[start:cut])
        start, limit = cut, FOLD_AT - 1  # the leading space counts towards the 75 octets
    chunks.append(data[start:])
    return b"\r\n ".join(chunks) + b"\r\n"


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _stamp(value: dt.date) -> str:
    return f"{_day(value)}T000000Z"


def in_calendar(event: Event) -> bool:
    """Whether an event appears in the calendar: only when its day is known."""
    return event.date.precision == "day"


def _description(explainer: Explainer, event: Event) -> str:
    lines = [event.summary]
    if event.outcome:
        lines.append(f"Outcome: {event.outcome}")
    if event.participants:
        names = ", ".join(explainer.participants[p].name for p in event.participants)
        lines.append(f"Participants: {names}")
    sources = "; ".join(source_text(explainer.sources[i]) for i in event.sources)
    lines.append(f"Sources: {sources}")
    return "\n\n".join(lines)


def _vevent(explainer: Explainer, event: Event, site_url: str) -> list[str]:
    last = (event.end or event.date).latest
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{host(site_url)}",
        f"DTSTAMP:{_stamp(explainer.info.updated.earliest)}",
        f"LAST-MODIFIED:{_stamp(event_updated(explainer, event))}",
        f"DTSTART;VALUE=DATE:{_day(event.date.earliest)}",
        f"DTEND;VALUE=DATE:{_day(last + dt.timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(_description(explainer, event))}",
    ]
    if event.place:
        place = explainer.places[event.place]
        where = ", ".join(filter(None, [place.name, place.locality, place.country]))
        lines.append(f"LOCATION:{escape_text(where)}")
    if event.topics:
        titles = ",".join(escape_text(explainer.topics[t].title) for t in event.topics)
        lines.append(f"CATEGORIES:{titles}")
    paging = urls.timeline_paging(explainer.timeline)
    lines += [
        f"URL:{absolute(site_url, urls.record_url('events', event.id, paging))}",
        "TRANSP:TRANSPARENT",
        "CLASS:PUBLIC",
        f"COMMENT:{escape_text('Date: ' + date_label(event) + '; status: ' + event.status)}",
        "END:VEVENT",
    ]
    return lines


def calendar(explainer: Explainer, site_url: str) -> bytes:
    """The whole calendar: day-precision events in timeline order."""
    name = escape_text(explainer.info.title)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"NAME:{name}", f"X-WR-CALNAME:{name}",
             f"DESCRIPTION:{escape_text(explainer.info.standfirst)}",
             f"SOURCE;VALUE=URI:{absolute(site_url, urls.CALENDAR_URL)}",
             f"URL:{absolute(site_url, urls.INDEX_PAGES['timeline'])}"]
    for event in explainer.timeline:
        if in_calendar(event):
            lines += _vevent(explainer, event, site_url)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def iter_files(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    yield urls.CALENDAR_URL, calendar(explainer, site_url)


def build(explainer: Explainer, site_url: str) -> dict[str, bytes]:
    return dict(iter_files(explainer, site_url))
