"""Fixtures of the browser suite: the repo's site built once, served on 127.0.0.1, one Chromium.

Flow: `site_dir` runs a strict MkDocs build of the repository into a temporary folder (once per
session), `site_url` serves that folder with a threaded `http.server` on a free port, `browser`
uses the session's one Chromium (`tests/conftest.py`, never a downloaded browser),
and `page` / `nojs_page` / `axe_page` give each test a fresh context and page whose console
errors and failed requests are recorded in `trouble`. A missing browser fails the suite with how
to install one: in CI (`CI=true`) and locally alike, it is never a silent skip.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import REPO, Trouble, open_page


def pytest_collection_modifyitems(items):
    """Every test in this folder drives (or checks the output for) a real browser."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _build(site: Path) -> None:
    """Strict build of the repository's own site, as CI builds it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1749513600"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("browser") / "site"
    _build(site)
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def trouble() -> Trouble:
    return Trouble()


@pytest.fixture
def page(browser, trouble: Trouble):
    context, page = open_page(browser, trouble, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser, trouble: Trouble):
    context, page = open_page(browser, trouble, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, trouble: Trouble):
    """A page where axe-core can be injected even if the site sends a CSP that forbids it."""
    context, page = open_page(
        browser, trouble, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    yield page
    context.close()


@pytest.fixture
def axe_dark_page(browser, trouble: Trouble):
    """`axe_page` for a reader whose system asks for dark mode (Material's "slate" scheme)."""
    context, page = open_page(
        browser, trouble, bypass_csp=True, viewport={"width": 1280, "height": 900},
        color_scheme="dark")
    yield page
    context.close()
