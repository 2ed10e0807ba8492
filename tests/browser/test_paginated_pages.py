"""Accessibility and valid HTML on the page kinds only a large explainer has: the pages of a
paginated timeline (a year, a month, the parts of a busy month, a year's month-unknown records),
quotes/ and sources/ split by year, their indexes, a topic page that names only the most involved
participants, and the home page's "N more on the participants page" links.

The suite's other checks (test_a11y, test_html_valid) read the shipped data/, where nothing
paginates. Here one strict build of `bench/generate.py` data (90 participants, seed 11, as in
tests/e2e/test_paginated_site.py) is served on 127.0.0.1, then axe-core (WCAG 2.2 A/AA, the same
`_violations` as test_a11y) and the Nu HTML Checker (one JVM, the same theme excuse as
test_html_valid) run on one page of each kind. At that size quotes and sources paginate and
topics list at most 50 participants, but no year is busy enough to split by month: the data
are changed on disk (no code is patched) so that 300 of the 350 events fall in January 2024,
which makes the timeline split 2024 by month, January into two parts and the undated 2024
events into a month-unknown page. The build takes about 3 s.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import REPO, VNU_JAR
from playwright.sync_api import expect
from test_a11y import _report, _violations
from test_html_valid import _excused, _where

from fixture_data import generate_data
from tradetalks import pages, urls
from tradetalks.validate import check

pytestmark = pytest.mark.build

#: Events event-00000 .. event-00299 are moved into January 2024 (see `_crowd_january`).
CROWDED = 400
_EVENT = re.compile(r"^event-(\d{5}):\n(?:  .*\n)*", re.M)


def _crowd_january(data: Path) -> None:
    """Move the first CROWDED events into January 2024, keeping each one's day (month- and
    year-precision dates stay as they are); their end dates go, as they could now fall before
    the start."""

    def move(match: re.Match[str]) -> str:
        # Scheduled events stay after the explainer's last update, where check wants them.
        if int(match.group(1)) >= CROWDED or "  status: scheduled\n" in match.group(0):
            return match.group(0)
        block = re.sub(r"^  end: .*\n", "", match.group(0), flags=re.M)
        # Moved later than its sources, a held event would be one they could not report.
        block = block.replace("  status: held\n", "  status: announced\n")
        return re.sub(r"^  date: \d{4}-\d{2}-(\d{2})$", r"  date: 2024-01-\1", block, flags=re.M)

    for path in sorted((data / "events").glob("*.yml")):
        path.write_text(_EVENT.sub(move, path.read_text("utf-8")), encoding="utf-8")


def _pick(list_pages: tuple[urls.ListPage, ...], what: str, test) -> str:
    found = [p.url for p in list_pages if test(p)]
    assert found, f"the generated data no longer have a {what}: adjust _crowd_january"
    return "/" + found[0]


def _page_kinds(explainer) -> dict[str, str]:
    """One site path per page kind that only a paginated site has, found from the data."""
    paging = urls.site_paging(explainer)
    events = paging.events.pages
    noted = [t for t in sorted(explainer.topics)
             if pages.topic_people(explainer, t)[1] > pages.TOPIC_PEOPLE_LIMIT]
    assert noted, "no topic has more than TOPIC_PEOPLE_LIMIT participants"
    assert paging.quotes.pages and paging.sources.pages, "quotes/ or sources/ does not paginate"
    return {
        "home-all-members": "/",
        "timeline-index": "/timeline/",
        "timeline-year": _pick(events, "year page", lambda p: p.month is None and not p.undated),
        "timeline-month": _pick(events, "month page", lambda p: p.month and not p.part),
        "timeline-part-1": _pick(events, "first part of a month", lambda p: p.part == 1),
        "timeline-part-2": _pick(events, "second part of a month", lambda p: p.part == 2),
        "timeline-month-unknown": _pick(events, "month-unknown page", lambda p: p.undated),
        "quotes-index": "/quotes/",
        "quotes-page": "/" + paging.quotes.pages[-1].url,
        "sources-index": "/sources/",
        "sources-page": "/" + paging.sources.pages[-1].url,
        "topic-most-involved": "/" + urls.record_url("topics", noted[0]),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(built site, site path per page kind) for the generated, January-crowded data."""
    root = tmp_path_factory.mktemp("paginated-pages")
    generate_data(root / "data", participants=90, seed=11)
    _crowd_january(root / "data")
    explainer, problems = check(root / "data")
    assert explainer is not None and not problems, problems
    kinds = _page_kinds(explainer)
    site = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1749513600",
           "TRADETALKS_DATA_DIR": str(root / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}", pytrace=False)
    return site, kinds


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="module")
def served(built: tuple[Path, dict[str, str]]) -> Iterator[str]:
    """The built site on a free port (conftest's `site_url` serves the shipped site only)."""
    handler = functools.partial(_QuietHandler, directory=str(built[0]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


KINDS = ["home-all-members", "timeline-index", "timeline-year", "timeline-month",
         "timeline-part-1", "timeline-part-2", "timeline-month-unknown", "quotes-index",
         "quotes-page", "sources-index", "sources-page", "topic-most-involved"]
#: What makes each page the kind it is: checked before axe runs, so a page that no longer shows
#: the feature cannot pass by having nothing to check.
MARKERS = {
    "home-all-members": re.compile(r"\d+ more on the participants page"),
    "timeline-index": re.compile(r"\b2024\b"),
    "timeline-part-2": re.compile(r"\d{1,2}–\d{1,2} January 2024"),
    "timeline-month-unknown": re.compile(r"month not known"),
    "topic-most-involved": re.compile(r"\d+ participants took part .* the 50 most involved"),
}
PAGERS = ["timeline-year", "timeline-month", "timeline-part-1", "timeline-part-2",
          "timeline-month-unknown", "quotes-page", "sources-page"]


def test_the_data_have_every_kind(built):
    assert sorted(built[1]) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_no_wcag_violations(axe_page, served, built, kind):
    axe_page.goto(served + built[1][kind], wait_until="networkidle")
    if kind in MARKERS:
        expect(axe_page.locator("article.md-content__inner")).to_contain_text(MARKERS[kind])
    violations = _violations(axe_page)
    assert not violations, _report(violations)


def test_every_kind_is_valid_html(built):
    site, kinds = built
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is needed for the Nu HTML Checker: "
                    "`sudo apt-get install default-jre-headless`", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does)", pytrace=False)
    files = sorted({str(site / path.lstrip("/") / "index.html") for path in kinds.values()})
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(done.stderr)  # vnu writes its JSON report to stderr

    errors = [m for m in report["messages"]
              if m["type"] in ("error", "non-document-error") and not _excused(m)]
    lines = [f"{_where(m, site)}:{m.get('lastLine', '?')}: "
             f"{m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in errors]
    assert not errors, "\n".join(lines)
    # Every page did reach the checker: each carries the theme's one excused message.
    assert {str(site) + _where(m, site) for m in report["messages"]} >= set(files)


@pytest.mark.parametrize("kind", PAGERS)
def test_pagers_are_named_landmarks(page, served, built, kind):
    """Both pagers of a list page are navigation landmarks with names of their own, distinct
    from each other and from every other navigation on the page (axe's landmark-unique is a
    best practice, outside the WCAG tags run above, so it is checked here)."""
    page.goto(served + built[1][kind])
    pagers = page.locator("nav.tt-pager")
    expect(pagers).to_have_count(2)
    names = [pagers.nth(i).get_attribute("aria-label") or "" for i in range(2)]
    assert all(name.strip() for name in names), names
    every_nav = page.locator("nav, [role=navigation]")
    labels = [every_nav.nth(i).evaluate(
        "n => n.getAttribute('aria-label') || (n.getAttribute('aria-labelledby') || '')"
        ".split(' ').map(id => document.getElementById(id)?.textContent.trim()).join(' ')")
        for i in range(every_nav.count())]
    assert len(set(labels)) == len(labels), labels
    for name in names:
        expect(page.get_by_role("navigation", name=name, exact=True)).to_have_count(1)


def test_the_pager_works_from_the_keyboard(page, served, built):
    """Tab reaches the top pager's links in reading order, and Enter follows the one focused."""
    page.goto(served + built[1]["timeline-part-2"])
    top = page.locator("nav.tt-pager").first
    links = top.get_by_role("link")
    expect(links).to_have_count(3)  # all years, earlier (part 1), later (part 3)
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.closest('nav.tt-pager') ? "
                             "document.activeElement.textContent : null")
        if text is not None:
            reached.append(text)
            if len(reached) == 3:
                break
    assert reached == [links.nth(i).inner_text() for i in range(3)]
    assert reached[1] == "Earlier: 1–12 January 2024"
    page.keyboard.press("Shift+Tab")  # back from "Later" to "Earlier"
    page.keyboard.press("Enter")
    expect(page).to_have_url(served + built[1]["timeline-part-1"])


def _moved(site: Path, base: str) -> dict[str, str]:
    return json.loads((site / base / "anchors.json").read_text("utf-8"))


def test_a_link_to_where_an_event_was_goes_on_to_its_page(page, served, built):
    """A link shared while the timeline was one page (`timeline/#event-...`) lands on the part
    of January that holds the event now, scrolled to it."""
    site, kinds = built
    part_2 = kinds["timeline-part-2"].removeprefix("/timeline/")
    event_id = next(e for e, where in sorted(_moved(site, "timeline").items()) if where == part_2)
    page.goto(f"{served}/timeline/#event-{event_id}")
    expect(page).to_have_url(f"{served}{kinds['timeline-part-2']}#event-{event_id}")
    expect(page.locator(f"#event-{event_id}")).to_be_in_viewport()


def test_a_link_to_a_quote_on_another_years_page_goes_on_to_its_year(page, served, built):
    site, kinds = built
    moved = _moved(site, "quotes")
    first_year = min(moved.values())
    quote_id = next(q for q, where in sorted(moved.items()) if where != first_year)
    page.goto(f"{served}/quotes/{first_year}#quote-{quote_id}")
    expect(page).to_have_url(f"{served}/quotes/{moved[quote_id]}#quote-{quote_id}")


def test_an_anchor_no_record_has_stays_where_it_is(page, served):
    page.goto(f"{served}/sources/#source-no-such-source", wait_until="networkidle")
    assert page.url == f"{served}/sources/#source-no-such-source"
