"""Live preview: `mkdocs serve` on a copy of the repo picks up data edits and survives bad data.

Editors keep `make serve` open while they edit YAML. These tests start a real server on a free
port, edit a data file and poll the page the way the live-reload script makes the browser do:
the edit shows up; a template edit shows up; a mistake keeps every page as it was with a banner
naming the problems (and a page with one card per problem), and fixing the file brings the site
back without restarting the server; a page that does not exist yet reloads once it does. How fast
that happens is measured by `bench/run.py`, not asserted here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fixture_data import REPO

pytestmark = pytest.mark.build

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data", "src")
TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def _wait_for(check: Callable[[], bool], what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    pytest.fail(f"timed out after {TIMEOUT:.0f}s waiting for {what}")


@pytest.fixture(params=["full", "dirty"])
def served_site(tmp_path: Path, request: pytest.FixtureRequest
                ) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """A running `mkdocs serve` (as `make serve` runs it, --dirty, and without)."""
    root = tmp_path / "site-src"
    root.mkdir()
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / part)
    port = _free_port()
    # The copy's package comes first: its templates are the ones a test edits.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root / "src")}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         *(["--dirty"] if request.param == "dirty" else [])],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: _get(base)[0] == 200, "the first build to be served")
        yield base, root / "data", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_to_a_data_file_is_served(served_site: tuple[str, Path, subprocess.Popen[str]],
                                          tmp_path: Path):
    base, data, _ = served_site
    page = base + "participants/he-lifeng/"
    html = _get(page)[1]
    assert "<h1>He Lifeng</h1>" in html
    # The live-reload script is injected inline: the built site's CSP would block it.
    assert "livereload" in html and "Content-Security-Policy" not in html
    _edit(data / "participants" / "2025-h1.yml", "name: He Lifeng", "name: He Lifeng (edited)")
    _wait_for(lambda: "<h1>He Lifeng (edited)</h1>" in _get(page)[1], "the edited name")
    # Pages that show him follow; the home page (whole-data fragments) too.
    _wait_for(lambda: "He Lifeng (edited)" in _get(base + "topics/tariffs/")[1], "a topic page")
    _wait_for(lambda: "He Lifeng (edited)" in _get(base)[1], "the home page")
    # Search still covers every page: a dirty rebuild's partial index must not replace it.
    index = json.loads(_get(base + "search/search_index.json")[1])
    pages = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert {"", "about/", "timeline/", "participants/he-lifeng/",
            "participants/xi-jinping/", "places/geneva/"} <= pages
    # The open data stays served, and hand-written links to it still resolve.
    status, explainer_json = _get(base + "data/explainer.json")
    assert status == 200 and json.loads(explainer_json)["participants"]
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "but the target is not found" not in log


def test_bad_data_keeps_the_pages_names_the_problems_and_recovers(
        served_site: tuple[str, Path, subprocess.Popen[str]]):
    base, data, process = served_site
    page = base + "participants/he-lifeng/"
    _edit(data / "quotes" / "2025-h1.yml", "lutnick-going-well:\n  speaker: howard-lutnick",
          "lutnick-going-well:\n  speaker: lutnik")
    lines = (data / "quotes" / "2025-h1.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  speaker: lutnik") + 1
    expected = (f"data/quotes/2025-h1.yml:{line}:12: quotes.lutnick-going-well.speaker: unknown "
                "participant 'lutnik' (did you mean 'howard-lutnick'?)")

    def named() -> bool:
        status, text = _get(base + "_preview/problems.json")
        return status == 200 and expected in json.loads(text)["problems"]

    _wait_for(named, "the problem in the banner's data")
    cards = _get(base + "_preview/problems/")[1]
    assert f"<code>data/quotes/2025-h1.yml:{line}:12</code>" in cards
    assert "unknown participant &#39;lutnik&#39;" in cards
    assert "How to fix it: did you mean &#39;howard-lutnick&#39;?" in cards
    status, html = _get(page)  # the last good page, with the preview's banner script
    assert status == 200 and "<h1>He Lifeng</h1>" in html and "_preview/preview.js" in html
    assert _get(base)[0] == 200
    assert process.poll() is None, "serve must keep running on bad data"

    _edit(data / "quotes" / "2025-h1.yml", "  speaker: lutnik\n", "  speaker: howard-lutnick\n")
    _wait_for(lambda: json.loads(_get(base + "_preview/problems.json")[1])["problems"] == [],
              "the problems to clear")
    assert "<h1>He Lifeng</h1>" in _get(page)[1]
    assert process.poll() is None


def test_a_template_edit_and_a_data_edit_together_reach_every_page(
        served_site: tuple[str, Path, subprocess.Popen[str]]):
    base, data, _ = served_site
    root = data.parent
    template = root / "src" / "tradetalks" / "templates" / "pages" / "participant.html"
    # A template edit alone: the data did not change, every profile still shows it.
    _edit(template, '<div class="tt-profile">', '<div class="tt-profile" data-edited="1">')
    for person in ("he-lifeng", "xi-jinping"):
        _wait_for(lambda person=person: 'data-edited="1"' in _get(
            f"{base}participants/{person}/")[1], f"the edited template on {person}'s page")
    # Both at once: every page affected by either.
    _edit(template, 'data-edited="1"', 'data-edited="2"')
    _edit(data / "participants" / "2025-h1.yml", "name: Xi Jinping", "name: Xi Jinping (edited)")
    _wait_for(lambda: 'data-edited="2"' in _get(base + "participants/he-lifeng/")[1],
              "the template on an unrelated profile")
    _wait_for(lambda: "Xi Jinping (edited)" in _get(base + "participants/xi-jinping/")[1]
              and 'data-edited="2"' in _get(base + "participants/xi-jinping/")[1],
              "both edits on the edited profile")


def test_a_page_that_does_not_exist_yet_waits_for_it(
        served_site: tuple[str, Path, subprocess.Popen[str]]):
    base, _, _ = served_site
    status, html = _get(base + "participants/someone-new/")
    assert status == 404
    assert "data-tt-not-found" in html and "_preview/preview.js" in html
