"""Plain helpers for the browser suite: which Chromium to drive, which pages to visit, and a
recorder of what went wrong on a page (console errors, uncaught exceptions, failed requests).

The suite sits at the very end of the flow: data/ -> tradetalks package -> MkDocs build -> a
static site, served on 127.0.0.1 and read by a real Chromium through Playwright. `conftest.py`
owns the fixtures; this module holds what the fixtures and the tests both need, so tests can
import it by name (this folder is on sys.path; a conftest is not importable by name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from chromium import CHROMIUM_ARGS, INSTALL_HINT, find_chromium  # noqa: F401 - re-exported

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"

# The WCAG 2.2 A and AA rule sets of axe-core (2.0, 2.1 and 2.2 tags: each adds rules).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# One page of every kind, by site path.
PAGE_KINDS: dict[str, str] = {
    "home": "/",
    "timeline": "/timeline/",
    "timeline-filtered": "/timeline/?topic=rare-earths&participant=he-lifeng",
    "participants": "/participants/",
    "profile": "/participants/he-lifeng/",
    "organisation": "/participants/china-delegation/",
    "topics": "/topics/",
    "topic": "/topics/rare-earths/",
    "places": "/places/",
    "place": "/places/lancaster-house/",
    "quotes": "/quotes/",
    "sources": "/sources/",
    "corrections": "/corrections/",
    "data": "/data/",
    "about": "/about/",
    "guide": "/guide/",
    "not-found": "/404.html",
}


@dataclass
class Trouble:
    """Everything a page reported as broken while a test used it."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda m: self.console.append(f"{m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error"
            else None,
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # net::ERR_ABORTED is a request the page itself cancelled by navigating away (a reload
        # while the search worker still fetches its index): not something a reader sees fail.
        page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                else self.requests.append(f"{r.url}: {r.failure}"))
        page.on(
            "response",
            lambda r: self.requests.append(f"{r.url}: HTTP {r.status}")
            if r.status >= 400
            else None,
        )

    def all(self) -> list[str]:
        return self.console + self.errors + self.requests


def open_page(browser, trouble: Trouble, **options):
    """A fresh context and page (Playwright's context `options`: viewport, colour scheme,
    JavaScript...) whose trouble is recorded in `trouble`; the caller closes the context."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    trouble.watch(page)
    return context, page
