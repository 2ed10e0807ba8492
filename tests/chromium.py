"""Finding and launching the Chromium that every browser test drives, once per session.

Used by `tests/conftest.py`'s `browser` fixture, which `tests/browser/` and
`tests/hostile/injection/` share: Playwright's sync API allows one running instance per thread,
so two suites each starting their own collide ("Sync API inside the asyncio loop"). Never a
downloaded browser: $TRADETALKS_CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH.
"""

from __future__ import annotations

import os
import shutil

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
