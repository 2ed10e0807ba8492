"""iCalendar: parsed by the `icalendar` package, checked byte by byte for RFC 5545's line rules,
and against the model."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from outputs_data import SITE, outputs_of

from tradetalks.model import Explainer
from tradetalks.outputs import ical


def calendar(explainer: Explainer) -> tuple[bytes, icalendar.Calendar]:
    raw = outputs_of(explainer)["feeds/events.ics"]
    return raw, icalendar.Calendar.from_ical(raw)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _physical_lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines)  # CRLF only, never bare
    return lines


def assert_rfc5545_lines(raw: bytes) -> None:
    for line in _physical_lines(raw):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never cuts a multi-byte character


def test_day_precision_events_are_all_day_events(rich: Explainer) -> None:
    raw, cal = calendar(rich)
    assert_rfc5545_lines(raw)
    found = events(cal)
    expected = [e for e in rich.timeline if e.date.precision == "day"]
    assert list(found) == [f"{e.id}@example.org" for e in expected]
    for event in expected:
        vevent = found[f"{event.id}@example.org"]
        assert vevent.decoded("DTSTART") == event.date.earliest
        assert vevent.decoded("DTEND") == (event.end or event.date).latest + dt.timedelta(days=1)
        assert vevent["DTSTART"].params["VALUE"] == "DATE"
        assert str(vevent["SUMMARY"]) == event.title
        assert str(vevent["URL"]) == f"{SITE}timeline/#event-{event.id}"
        assert vevent.decoded("DTSTAMP") == dt.datetime(2025, 6, 10, tzinfo=dt.UTC)


def test_ranges_and_scheduled_events_are_included(rich: Explainer) -> None:
    _, cal = calendar(rich)
    round_ = events(cal)["next-round@example.org"]
    assert (round_.decoded("DTSTART"), round_.decoded("DTEND")) == (dt.date(2025, 7, 14),
                                                                    dt.date(2025, 7, 17))
    assert str(round_["LOCATION"]) == "Geneva, Geneva, CH"
    assert [str(c) for c in round_["CATEGORIES"].cats] == ["Tariffs", "Rare earth minerals"]


def test_month_and_year_precision_events_are_left_out(rich: Explainer) -> None:
    uids = set(events(calendar(rich)[1]))
    for left_out in ("pause-deadline", "geneva-talks", "tariff-pause"):
        assert rich.events[left_out].date.precision != "day"
        assert f"{left_out}@example.org" not in uids
    assert len(uids) == 4


def test_last_modified_follows_corrections(rich: Explainer) -> None:
    found = events(calendar(rich)[1])
    assert found["london-talks-day-1@example.org"].decoded("LAST-MODIFIED") == dt.datetime(
        2025, 6, 12, tzinfo=dt.UTC)
    assert found["london-talks-day-2@example.org"].decoded("LAST-MODIFIED") == dt.datetime(
        2025, 6, 10, tzinfo=dt.UTC)


def test_calendar_properties(shipped: Explainer) -> None:
    raw, cal = calendar(shipped)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tradetalks//")
    # icalendar leaves these (RFC 7986 and de facto) properties raw: read them as TEXT by
    # handing the raw value to the parser as a SUMMARY, a property it knows to be TEXT.
    for name in ("NAME", "X-WR-CALNAME"):
        value = cal[name].to_ical()
        wrapped = b"BEGIN:VEVENT\r\nSUMMARY:" + value + b"\r\nEND:VEVENT\r\n"
        assert str(icalendar.Event.from_ical(wrapped)["SUMMARY"]) == shipped.info.title
    assert str(cal["METHOD"]) == "PUBLISH"


@pytest.mark.parametrize(("text", "escaped"), [
    ("a;b,c\\d", "a\\;b\\,c\\\\d"),
    ("one\r\ntwo\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
    ("bell\x07", "bell\ufffd"),
    ("何立峰 😀", "何立峰 😀"),
])
def test_escape_text(text: str, escaped: str) -> None:
    assert ical.escape_text(text) == escaped


def test_fold_splits_at_75_octets_between_characters() -> None:
    line = "DESCRIPTION:" + "x" * 62 + "何" * 30 + "😀" * 10
    folded = ical.fold(line)
    physical = folded[:-2].split(b"\r\n")
    # 74 octets (a 3-octet character would make 77), then a space and 24 three-octet characters
    # (73; one more would make 76), then the rest.
    assert physical == [("DESCRIPTION:" + "x" * 62).encode(), (" " + "何" * 24).encode(),
                        (" " + "何" * 6 + "😀" * 10).encode()]
    assert_rfc5545_lines(folded)
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"


def test_short_lines_are_not_folded() -> None:
    assert ical.fold("SUMMARY:" + "x" * 67) == b"SUMMARY:" + b"x" * 67 + b"\r\n"
    assert ical.fold("SUMMARY:" + "x" * 68).count(b"\r\n") == 2


def test_hostile_text_is_inert_in_icalendar(hostile: Explainer) -> None:
    raw, cal = calendar(hostile)
    assert_rfc5545_lines(raw)
    # Exactly the components we wrote: the text's "BEGIN:VEVENT" and "END:VCALENDAR" are data.
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == 2
    assert raw.count(b"\r\nEND:VCALENDAR\r\n") == 1 and raw.endswith(b"\r\nEND:VCALENDAR\r\n")
    found = events(cal)
    assert list(found) == ["evil-day@example.org", "evil-range@example.org"]
    day = hostile.events["evil-day"]
    vevent = found["evil-day@example.org"]
    assert str(vevent["SUMMARY"]) == day.title
    assert str(vevent["DESCRIPTION"]).startswith(day.summary + "\n\nOutcome: ")
    assert len(vevent["CATEGORIES"].cats) == 1  # the topic title's commas are escaped
