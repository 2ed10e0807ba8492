"""Real multi-year data builds and reads right: tests/fixtures/multiyear holds eight years of the
trade war and talks (2018–2025: 95 events, 146 sources, 22 quotes), researched from public pages
and fact-checked like data/, with what such data really has: dates known to the month or the year,
sources without a headline or a publication date, actors on neither side, quotes in translation,
people whose titles change.

One strict MkDocs build of it; each test reads what a reader would see on one page.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_data import REPO

MULTIYEAR = REPO / "tests" / "fixtures" / "multiyear" / "data"
BUILD_DAY = "1796601600"  # 7 December 2026, the fixture's `updated`


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("multiyear") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DAY,
           "TRADETALKS_DATA_DIR": str(MULTIYEAR)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def _element(page: str, element_id: str) -> str:
    """The HTML of the <article> or <figure> (an event or a quote) with this id."""
    match = re.search(rf'<(article|figure) [^>]*id="{re.escape(element_id)}".*?</\1>', page, re.S)
    assert match, element_id
    return match.group(0)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_home_page_leads_with_the_data_s_own_headline(site: Path) -> None:
    home = (site / "index.html").read_text("utf-8")
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", home, re.S)
    assert headline and _text(headline.group(1)) == "The U.S.–China trade war and talks, 2018–2025"
    assert "No longer updated" in _text(home)


def test_a_profile_gives_the_role_held_at_the_time_of_each_event(site: Path) -> None:
    profile = _page(site, "participants/liu-he")
    signing = _text(_element(profile, "event-phase-one-signed-2020"))
    assert "Liu He, then Vice Premier" in signing
    # The person whose page it is is not listed again among who took part.
    assert "Who else took part: Donald Trump" in signing
    assert "Liu He 劉鶴" not in signing
    # The profile opens with the title the sources last show him in, dated: no "current" guess.
    lead = _text(profile.split('<h2 id="roles"', 1)[0])
    assert "(as of 11 October 2021)" in lead


def test_dates_appear_at_the_precision_the_sources_give(site: Path) -> None:
    timeline = _page(site, "timeline")
    def date_line(event_id: str) -> str:
        found = re.search(r'<p class="tt-event__when">(.*?)</p>', _element(timeline, event_id))
        assert found, event_id
        return found.group(1)

    # No day invented for an event the sources date to the month, or only to the year.
    assert date_line("event-piie-purchase-tally-2020") == (
        '<time datetime="2020-11">November 2020</time>')
    assert date_line("event-wto-metals-ruling-2022") == '<time datetime="2022">2022</time>'
    assert date_line("event-phase-one-signed-2020") == (
        '<time datetime="2020-01-15">15 January 2020</time>')


def test_a_description_is_never_dressed_up_as_a_headline(site: Path) -> None:
    description = ("Statement from the press secretary on the February 2019 U.S.–China talks in "
                   "Beijing; the text read shows no headline or date")
    pages = [p.read_text("utf-8") for p in (site / "sources").rglob("index.html")]
    shown = [p for p in pages if html.escape(description, quote=False) in p
             or description in _text(p)]
    assert shown, "the source is listed"
    for page in shown:
        assert f"“{description}”" not in _text(page)
    # It has no publication date: it is filed apart, not under the day it was read.
    undated = _page(site, "sources/date-unknown")
    assert 'id="source-whitehouse-statement-beijing-talks-2019"' in undated


def test_a_quote_in_translation_says_so_and_a_paraphrase_is_not_quoted(site: Path) -> None:
    quotes = "".join(p.read_text("utf-8") for p in (site / "quotes").rglob("index.html"))
    translated = _text(_element(quotes, "quote-liu-he-fruitful-visit-2018"))
    assert "Translated from Chinese by " in translated
    assert "as reported by Xinhua" in translated
    paraphrase = _text(_element(quotes, "quote-shu-jueting-legal-purposes-2023"))
    assert "Paraphrase" in paraphrase
    assert "“The export control" not in paraphrase
    assert "The export control is to make sure" in paraphrase


def test_an_actor_on_neither_side_is_shown_as_a_third_party(site: Path) -> None:
    wto = _text(_page(site, "participants/wto"))
    assert "Third party · International body" in wto
    timeline = _page(site, "timeline")
    assert 'class="tt-event tt-event--third-party" id="event-wto-metals-ruling-2022"' in timeline
