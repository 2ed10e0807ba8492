"""The built site, end to end: pages, links, anchors, search entries and reachability.

Uses the session's strict build of the repository (`built_site`) and one strict build of the
small fixture data set (`tests/fixtures/valid/data`) with "Edit this page" links turned on.
Links are checked by parsing every HTML page: MkDocs only validates links written in Markdown,
and generated pages are rendered straight to HTML.
"""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import sys
from collections import deque
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from fixture_data import REPO, VALID_DATA
from tradetalks import urls
from tradetalks.validate import check

pytestmark = pytest.mark.build


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "nav" and "md-nav--primary" in (attributes.get("class") or ""):
            self._nav_depth = 1
        elif tag == "nav" and self._nav_depth:
            self._nav_depth += 1
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and tag in {"a", "link", "script", "img"}:
                self.links.append(value)
                if self._nav_depth and tag == "a":
                    self.nav_links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _resolve(site: Path, page_path: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = page_path.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else \
        page_path.relative_to(site).as_posix()
    resolved = site / target
    if resolved.is_dir() or parts.path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved, parts.fragment


def _html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _check_links(site: Path) -> list[str]:
    broken = []
    for page_path in _html_pages(site):
        for href in _parse(page_path).links:
            resolved = _resolve(site, page_path, href)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page_path.relative_to(site)} -> {href}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(f"{where}: no element with id {fragment!r}")
    return broken


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strict build of the fixture data set, with edit links pointing at a repository."""
    dest = tmp_path_factory.mktemp("fixture-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1749513600",
           "TRADETALKS_DATA_DIR": str(VALID_DATA),
           "TRADETALKS_REPO_EDIT_URL": "https://github.com/example/tradetalks/edit/main/"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return dest


def test_every_planned_page_is_built(built_site: Path) -> None:
    explainer, _ = check(REPO / "data")
    assert explainer is not None
    expected = {"index.html", "about/index.html", "guide/index.html"}
    expected |= {f"{url}index.html" for name, url in urls.INDEX_PAGES.items() if url}
    for collection in urls.RECORD_PAGES:
        expected |= {f"{urls.record_url(collection, rid)}index.html"
                     for rid in explainer.collection(collection)}
    built = {p.relative_to(built_site).as_posix() for p in _html_pages(built_site)}
    assert expected <= built, sorted(expected - built)


@pytest.mark.parametrize("site_name", ["built_site", "fixture_site"])
def test_no_broken_internal_links_or_anchors(site_name: str,
                                             request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(site_name)
    assert _check_links(site) == []


def test_everything_is_reachable_from_home_within_two_clicks(built_site: Path) -> None:
    explainer, _ = check(REPO / "data")
    assert explainer is not None
    seen: dict[str, int] = {}
    queue = deque([(built_site / "index.html", 0)])
    reached_targets: set[str] = set()
    while queue:
        page_path, depth = queue.popleft()
        key = page_path.relative_to(built_site).as_posix()
        if key in seen or depth > 2:
            continue
        seen[key] = depth
        for href in _parse(page_path).links:
            resolved = _resolve(built_site, page_path, href)
            if resolved is None or not resolved[0].is_file():
                continue
            target, fragment = resolved
            rel = target.relative_to(built_site).as_posix().removesuffix("index.html")
            reached_targets.add(f"{rel}#{fragment}" if fragment else rel)
            if target.suffix == ".html" and depth < 2:
                queue.append((target, depth + 1))
    wanted = {urls.record_url(c, rid) for c in ("participants", "topics", "events", "quotes")
              for rid in explainer.collection(c)}
    assert wanted - reached_targets == set()


def test_record_pages_stay_out_of_the_sidebar(built_site: Path) -> None:
    nav = _parse(built_site / "about" / "index.html").nav_links
    assert any(link.rstrip("/").endswith("timeline") for link in nav)
    assert not [link for link in nav if "participants/" in link and link.count("/") > 2]


@pytest.mark.parametrize(("words", "location"), [
    ("He Lifeng", "participants/he-lifeng/"),
    ("何立峰", "participants/he-lifeng/"),
    ("rare earths", "topics/rare-earths/"),
    ("If we don’t open up China", "quotes/"),
    ("Lancaster House", "places/lancaster-house/"),
])
def test_search_index_holds_the_generated_text(built_site: Path, words: str,
                                               location: str) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]
                 if words in doc["text"] or words in doc["title"]}
    assert location in locations


def test_search_leaves_out_lists_that_repeat_other_pages(built_site: Path) -> None:
    """Every page lists its sources and the timeline repeats them; search finds a source's
    title on sources/ alone, not on every page that cites it."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    title = "U.S.-China Trade Talks Continue in London"
    locations = {doc["location"].split("#")[0] for doc in index["docs"]
                 if title in doc["text"] or title in doc["title"]}
    # The sources list holds its entry (on the page of its month once the list is long enough
    # to split); the editor's guide, which quotes it as an example, is not in search at all.
    assert len(locations) == 1
    assert all(loc.startswith("sources/") for loc in locations)


def test_search_is_for_readers_the_editors_guide_is_left_out(built_site: Path) -> None:
    """The guide quotes records as examples: a reader searching "rare earth" or a name must
    land on the explainer's pages, not on YAML for editors (and the timeline's second order
    would only repeat the first)."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "guide/" not in locations and "timeline/oldest-first/" not in locations
    for words in ("rare earth", "He Lifeng"):
        found = {doc["location"].split("#")[0] for doc in index["docs"]
                 if words.lower() in (doc["title"] + " " + doc["text"]).lower()}
        assert found and not any(loc.startswith("guide/") for loc in found), words
    assert (built_site / "guide" / "index.html").is_file()  # still published, from the footer
    assert 'href="guide/">Editor\'s guide</a>' in (built_site / "index.html").read_text("utf-8")


def test_a_build_leaves_no_scratch_files(tmp_path: Path,
                                         site_build_env: dict[str, str]) -> None:
    """The open data is written to a scratch folder as it is made (not held in memory), and
    the folder goes when the build ends."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO, env={**site_build_env, "TMPDIR": str(scratch)}, capture_output=True,
        text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "data" / "events.csv").stat().st_size > 0
    assert list(scratch.iterdir()) == []


def test_generated_pages_edit_their_data_file(fixture_site: Path) -> None:
    html = (fixture_site / "participants" / "bo-li" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/example/tradetalks/edit/main/data/participants.yml"' in html
    about = (fixture_site / "about" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/example/tradetalks/edit/main/docs/about.md"' in about


def test_pages_load_nothing_from_third_parties(built_site: Path) -> None:
    for page_path in _html_pages(built_site):
        text = page_path.read_text("utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
        for href in _parse(page_path).links:
            if href.startswith(("http://", "https://")):
                # Only links a reader clicks may leave the site, never loaded resources.
                assert f'src="{href}"' not in text, (page_path, href)
