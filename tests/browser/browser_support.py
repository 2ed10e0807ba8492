"""Plain helpers for the browser suite: which Chromium to drive, which pages to visit, and a
recorder of what went wrong on a page (console errors, uncaught exceptions, failed requests).

The suite sits at the very end of the flow: data/ -> tradetalks package -> MkDocs build -> a
static site, served on 127.0.0.1 and read by a real Chromium through Playwright. `conftest.py`
owns the fixtures; this module holds what the fixtures and the tests both need, so tests can
import it by name (this folder is on sys.path; a conftest is not importable by name).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"

# Flags for a browser that must not talk to anything but our local server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

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
    "about": "/about/",
    "guide": "/guide/",
    "not-found": "/404.html",
}
INSTALL_HINT = (
    "No Chromium found for the browser tests. Install Debian's browser with "
    "`sudo apt-get install chromium` (the suite looks for /usr/bin/chromium), or point "
    "TRADETALKS_CHROMIUM at a Chromium or Chrome executable."
)


def find_chromium() -> str | None:
    """The browser to drive: $TRADETALKS_CHROMIUM, else Debian's, else one on PATH."""
    configured = os.environ.get("TRADETALKS_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


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
        page.on("requestfailed", lambda r: self.requests.append(f"{r.url}: {r.failure}"))
        page.on(
            "response",
            lambda r: self.requests.append(f"{r.url}: HTTP {r.status}")
            if r.status >= 400
            else None,
        )

    def all(self) -> list[str]:
        return self.console + self.errors + self.requests
