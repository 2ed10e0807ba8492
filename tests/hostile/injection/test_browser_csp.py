"""In Chromium: the CSP holds on clean pages, blocks injected code, and hostile data runs nothing.

The repository's build and the hostile fixture build (see `conftest.py`) are served on
127.0.0.1 and opened in the installed Chromium through Playwright. An init script records every
`securitypolicyviolation` event before any page script runs. Every page of the repository's site
must load with no violation and no console error; every page of the hostile site must open no
dialog (each payload calls `alert`), report no violation (escaped text never reaches the policy)
and have no `on*` attribute in its live DOM, also after a search for the payloads. A copy of a
clean page with an inline script and an inline handler added is served in place of a page:
both must be blocked, each with its violation reported, and `window.__pwned` stay undefined.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .sitebuild import html_pages

pytestmark = [pytest.mark.browser, pytest.mark.build]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""
HANDLER_ATTRIBUTES = """
() => [...document.querySelectorAll("*")].flatMap((el) =>
  [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on"))
    .map((a) => `${el.tagName} ${a.name}`))
"""
INJECTED = ('<script>window.__pwned=1</script>'
            '<img src="x" onerror="window.__pwned=2" alt="">')


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(site: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(_Quiet, directory=str(site)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class Recorder:
    """A page with everything that matters recorded: dialogs, console errors, page errors."""

    def __init__(self, browser: Any):
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def visit(self, url: str, wait_until: str = "load") -> list[str]:
        """Open `url`; the CSP violations it reported."""
        self.page.goto(url, wait_until=wait_until)
        self.page.wait_for_timeout(20)  # let the theme's deferred work run
        return list(self.page.evaluate("window.__violations"))


def _urls(site: Path, base: str) -> list[str]:
    return [base + p.relative_to(site).as_posix().removesuffix("index.html")
            for p in html_pages(site)]


def test_clean_pages_report_no_violation_and_no_error(repo_site: Path, serve: Any,
                                                      browser: Any) -> None:
    base = serve(repo_site)
    recorder = Recorder(browser)
    urls = _urls(repo_site, base)
    assert len(urls) > 10
    violations = {url: found for url in urls if (found := recorder.visit(url))}
    assert violations == {}
    assert recorder.errors == []
    assert recorder.dialogs == []


def test_hostile_pages_run_nothing(hostile_site: Path, serve: Any, browser: Any) -> None:
    base = serve(hostile_site)
    recorder = Recorder(browser)
    problems: dict[str, Any] = {}
    for url in _urls(hostile_site, base):
        # Injected markup would act while the page is parsed: no need to wait for "load".
        violations = recorder.visit(url, wait_until="domcontentloaded")
        handlers = recorder.page.evaluate(HANDLER_ATTRIBUTES)
        if violations or handlers:
            problems[url] = violations + handlers
    assert problems == {}
    assert recorder.dialogs == []
    assert recorder.page.evaluate("typeof window.__pwned") == "undefined"


def test_hostile_search_results_run_nothing(hostile_site: Path, serve: Any,
                                           browser: Any) -> None:
    recorder = Recorder(browser)
    assert recorder.visit(serve(hostile_site)) == []
    page = recorder.page
    # Material's search is ready once its worker has indexed the site and says so: typing
    # before that (a loaded machine runs the page's scripts late) searches nothing.
    page.wait_for_function(
        "() => (document.querySelector('.md-search-result__meta') || {}).textContent"
        " === 'Type to start searching'", timeout=30_000)
    for query in ("alert", "script", "onerror", "javascript"):
        # Typed key by key, as a reader does: Material searches on key events, and a `fill`
        # that only sets the value raced with them on a loaded machine.
        box = page.locator("input[data-md-component='search-query']")
        box.fill("")
        box.press_sequentially(query)
        # Results rendered into the DOM is what matters (an injected handler or script would be
        # there, visible or not); whether the dialog is shown yet depends on machine load.
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=30_000)
        page.wait_for_timeout(200)
        assert page.evaluate(HANDLER_ATTRIBUTES) == [], query
    page.keyboard.press("Escape")
    assert recorder.dialogs == []
    assert page.evaluate("window.__violations") == []


def test_injected_script_and_handler_are_blocked(repo_site: Path, serve: Any,
                                                 browser: Any) -> None:
    base = serve(repo_site)
    original = (repo_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "<body" in original
    body_at = original.index(">", original.index("<body")) + 1
    tampered = original[:body_at] + INJECTED + original[body_at:]
    recorder = Recorder(browser)
    # Served in place of a page next to the original, so its relative links still work.
    recorder.page.route("**/timeline/pwned.html", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=tampered))
    recorder.visit(base + "timeline/pwned.html")
    recorder.page.wait_for_timeout(200)  # the broken image's error event
    violations = list(recorder.page.evaluate("window.__violations"))
    assert recorder.page.evaluate("typeof window.__pwned") == "undefined"
    directives = sorted(v.split(" ", 1)[0] for v in violations)
    assert directives == ["script-src-attr", "script-src-elem"], violations
    assert recorder.dialogs == []
