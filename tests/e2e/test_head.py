"""Every page's <head>: one canonical link, and feeds and the calendar where readers look.

Feed readers find feeds by autodiscovery: a `<link>` whose `rel` holds the token `alternate`
and whose `type` is a feed's (Atom, RSS), and calendar apps the same with `text/calendar`. Each
link found on the built pages must lead to a file the matching parser reads.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

pytestmark = pytest.mark.build

FEED_TYPES = {"application/atom+xml", "application/rss+xml"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self._in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._in_head = False
        if tag == "link" and self._in_head:
            self.links.append({k: v or "" for k, v in attrs})


def head_links(page: Path) -> list[dict[str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def discovered(page: Path, types: set[str]) -> list[str]:
    """What autodiscovery finds: site paths of `<link rel~=alternate type=...>` in <head>."""
    base = posixpath.dirname(page.as_posix())
    return [posixpath.normpath(posixpath.join(base, link["href"]))
            for link in head_links(page)
            if "alternate" in link.get("rel", "").lower().split()
            and link.get("type", "").lower() in types]


def test_every_page_has_exactly_one_canonical_link(built_site: Path) -> None:
    counts = {p.relative_to(built_site).as_posix():
              sum(1 for link in head_links(p) if "canonical" in link.get("rel", "").split())
              for p in built_site.rglob("*.html")}
    assert counts.pop("404.html") == 0  # a missing page has no address of its own
    assert counts and set(counts.values()) == {1}, {p: n for p, n in counts.items() if n != 1}


@pytest.mark.parametrize(("page", "feeds"), [
    ("index.html", ["feeds/events.atom"]),
    ("participants/he-lifeng/index.html",
     ["feeds/events.atom", "feeds/participants/he-lifeng.atom"]),
    ("topics/rare-earths/index.html", ["feeds/events.atom", "feeds/topics/rare-earths.atom"]),
])
def test_feeds_are_discovered_and_read(built_site: Path, page: str, feeds: list[str]) -> None:
    found = discovered(built_site / page, FEED_TYPES)
    assert [Path(f).relative_to(built_site).as_posix() for f in found] == feeds
    for feed in found:
        parsed = feedparser.parse(Path(feed).read_bytes())
        assert not parsed.bozo and parsed.version == "atom10" and parsed.entries, feed


def test_the_calendar_is_discovered_on_every_page_and_read(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        (calendar,) = discovered(page, {"text/calendar"})
        assert Path(calendar) == built_site / "feeds" / "events.ics", page
    events = icalendar.Calendar.from_ical((built_site / "feeds" / "events.ics").read_bytes())
    assert events.walk("VEVENT")
