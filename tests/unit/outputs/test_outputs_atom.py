"""Atom feeds: parsed by feedparser (and strictly by an XML parser), checked against the model."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in a test
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from outputs_data import SITE, outputs_of

from fixture_data import generated_explainer
from tradetalks import urls
from tradetalks.model import Explainer
from tradetalks.outputs import atom
from tradetalks.outputs._common import date_label

NS = {"a": "http://www.w3.org/2005/Atom"}


def parse(explainer: Explainer, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(outputs_of(explainer)[path])
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def event_url(event_id: str) -> str:
    return SITE + urls.record_url("events", event_id)


def test_events_feed_lists_every_event_newest_first(seed: Explainer) -> None:
    feed = parse(seed, "feeds/events.atom")
    assert feed.version == "atom10"
    ids = [e.id for e in feed.entries]
    assert ids == [event_url(e.id) for e in reversed(seed.timeline)]
    assert ids[0] == event_url("london-talks-day-2")
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.entries[0].updated == "2025-06-10T00:00:00Z"
    assert feed.entries[-1].updated == "2025-01-01T00:00:00Z"  # Geneva: known only to the year
    assert feed.feed.id == SITE + "feeds/events.atom"
    assert feed.feed.updated == "2025-06-10T00:00:00Z"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": SITE + "feeds/events.atom", "alternate": SITE + "timeline/"}


def test_entries_carry_title_link_topics_and_summary(seed: Explainer) -> None:
    entry = next(e for e in parse(seed, "feeds/events.atom").entries
                 if e.id == event_url("trump-xi-call"))
    event = seed.events["trump-xi-call"]
    assert entry.title == "Trump and Xi speak by phone (5 June 2025)"
    assert entry.link == event_url("trump-xi-call")
    assert [t.term for t in entry.tags] == event.topics
    assert entry.summary == event.summary
    assert "Xi Jinping" in entry.content[0].value and "Associated Press" in entry.content[0].value


def test_corrections_are_entries_of_the_main_feed(rich: Explainer) -> None:
    feed = parse(rich, "feeds/events.atom")
    assert len(feed.entries) == len(rich.events) + len(rich.corrections) == 8
    # Filed under its own date: the correction (12 June) sits between the planned rounds and
    # the talks; the event it corrects keeps its place in time.
    assert [e.id.rsplit("#", 1)[1] for e in feed.entries] == [
        "event-pause-deadline", "event-next-round", "correction-lutnick-title",
        "event-london-talks-day-2", "event-london-talks-day-1", "event-trump-xi-call",
        "event-tariff-pause", "event-geneva-talks"]  # same date: reverse timeline order
    correction = feed.entries[2]
    assert correction.id == SITE + "corrections/#correction-lutnick-title"
    assert correction.updated == "2025-06-12T00:00:00Z"
    assert correction.title.startswith("Correction: An earlier version")
    assert "Howard Lutnick" in correction.content[0].value


def test_a_correction_updates_the_event_it_corrects(rich: Explainer) -> None:
    feed = parse(rich, "feeds/events.atom")
    day1 = next(e for e in feed.entries if e.id == event_url("london-talks-day-1"))
    assert day1.updated == "2025-06-12T00:00:00Z"


def test_every_topic_and_participant_has_a_feed_of_its_events(rich: Explainer) -> None:
    files = outputs_of(rich)
    for kind, index in (("topics", rich.events_by_topic),
                        ("participants", rich.events_by_participant)):
        for record_id in rich.collection(kind):
            feed = parse(rich, urls.feed_url(kind, record_id))
            events = [e.id for e in feed.entries if "#event-" in e.id]
            assert sorted(events) == sorted(event_url(e) for e in index.get(record_id, ()))
            assert feed.feed.links[0].href == SITE + urls.feed_url(kind, record_id)
    assert sum(p.startswith("feeds/") and p.endswith(".atom") for p in files) == (
        1 + len(rich.topics) + len(rich.participants))


def test_record_feeds_include_corrections_to_the_record_or_its_events(rich: Explainer) -> None:
    def corrections(kind: str, record_id: str) -> list[str]:
        feed = parse(rich, urls.feed_url(kind, record_id))
        return [e.id for e in feed.entries if "corrections/" in e.id]

    expected = [SITE + "corrections/#correction-lutnick-title"]
    assert corrections("participants", "howard-lutnick") == expected  # the record itself
    assert corrections("participants", "wang-wentao") == expected  # via london-talks-day-1
    assert corrections("participants", "xi-jinping") == []
    assert corrections("topics", "market-access") == expected
    assert corrections("topics", "student-visas") == expected


def test_record_feeds_give_events_in_brief_and_corrections_in_full(rich: Explainer) -> None:
    feed = parse(rich, urls.feed_url("participants", "howard-lutnick"))
    event = next(e for e in feed.entries if e.id == event_url("london-talks-day-1"))
    assert event.summary == rich.events["london-talks-day-1"].summary
    assert event.link == event_url("london-talks-day-1") and "content" not in event
    correction = next(e for e in feed.entries if "corrections/" in e.id)
    assert "Howard Lutnick" in correction.content[0].value
    full = next(e for e in parse(rich, "feeds/events.atom").entries
                if e.id == event_url("london-talks-day-1"))
    assert "Sources:" in full.content[0].value


def test_an_empty_feed_is_valid_and_dated_by_the_explainer(rich: Explainer) -> None:
    empty = parse(rich, "feeds/topics/agriculture.atom")
    assert empty.entries == []
    assert empty.feed.updated == "2025-06-10T00:00:00Z"
    assert empty.feed.title == "The U.S.–China trade talks, explained: Farm purchases"
    with pytest.raises(KeyError):
        atom.record_feed(rich, "places", "geneva", SITE)


# --- hostile text --------------------------------------------------------------------------------

def _xml_text(text: str) -> str:
    """What an XML parser reports for text we wrote: line ends normalised to LF (XML 1.0 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def test_hostile_text_is_inert_in_atom(hostile: Explainer) -> None:
    raw = outputs_of(hostile)["feeds/events.atom"]
    root = ET.fromstring(raw)  # noqa: S314 - our own output; strict XML well-formedness
    assert len(root.findall("a:entry", NS)) == 4
    event = hostile.events["evil-day"]
    entry = next(e for e in root.findall("a:entry", NS)
                 if e.findtext("a:id", namespaces=NS) == event_url("evil-day"))
    assert entry.findtext("a:title", namespaces=NS) == _xml_text(
        f"{event.title} ({date_label(event)})")
    assert entry.findtext("a:summary", namespaces=NS) == _xml_text(event.summary)
    assert root.findtext("a:title", namespaces=NS) == _xml_text(hostile.info.title + ": events")
    # The HTML content, once unescaped from XML, is our markup only: editors' tags are text.
    html = _Tags()
    html.feed(entry.findtext("a:content", namespaces=NS) or "")
    assert set(html.tags) <= {"p", "a", "ul", "li"}
    assert "</script><script>alert(1)</script> ]]> <b>bold</b> &amp;" in html.text
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert [e.id for e in feed.entries if "#event-" in e.id] == [
        event_url("evil-range"), event_url("evil-day"), event_url("evil-month")]



def test_a_feed_carries_only_the_newest_entries(tmp_path: Path) -> None:
    explainer = generated_explainer(tmp_path / "data", participants=12, seed=3)
    assert len(explainer.events) > atom.MAX_ENTRIES
    parsed = feedparser.parse(atom.events_feed(explainer, SITE))
    assert len(parsed.entries) == atom.MAX_ENTRIES
    by_id = {e.id: e for e in explainer.events.values()}
    first = by_id[parsed.entries[0].id.rsplit("#event-", 1)[1]]
    assert first.date == max(e.date for e in explainer.events.values())
