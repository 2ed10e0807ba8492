"""In Chromium: the CSP holds on clean pages, blocks injected code, and hostile data runs nothing.

The repository's build and the hostile fixture build (see `conftest.py`) are served on
127.0.0.1 and opened in the installed Chromium through Playwright. An init script records every
`securitypolicyviolation` event before any page script runs. Every page of the repository's site
must load with no violation and no console error; every page of the hostile site must open no
dialog (each payload calls `alert`), report no violation (escaped text never reaches the policy)
and have no `on*` attribute in its live DOM, also after a search for the payloads. A copy of a
clean page with an inline script and an inline handler added is served in place of a page:
both must be blocked, each with its violation reported, and `window.__pwned` stay undefined.

The policy is computed per page for the folder the site is published in, so the same holds where
GitHub Pages puts a project site and where a custom domain puts it: one page of every kind of a
paginated explainer (generated data) built for and served at `/some-repo/`, its 404 page answering
a missing address deep in the site as Pages does; and every page of the repository's site built
for `https://trade-talks.example/` and opened at that address (the browser reaches the local
server through it as a proxy).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from fixture_data import generate_data
from tradetalks import pages
from tradetalks.validate import check

from .conftest import SITE_URLS
from .sitebuild import build, copy_project, html_pages

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
    """A static site published under `prefix`, answering like GitHub Pages: a missing file
    gets the site's own 404.html. Requests may name the host (a proxy's absolute form)."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(site: Path, prefix: str = "/") -> str:
        handler = type("Handler", (_Quiet,), {"prefix": prefix})
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(handler, directory=str(site)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class Recorder:
    """A page with everything that matters recorded: dialogs, console errors, page errors."""

    def __init__(self, browser: Any, **context: Any):
        self.context = browser.new_context(**context)
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


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(site, path of one page per kind) of a paginated explainer built for /some-repo/."""
    root = tmp_path_factory.mktemp("some-repo")
    data = generate_data(root / "data", participants=70, seed=11)
    explainer, _ = check(data)
    assert explainer is not None
    kinds: dict[str, str] = {}
    for spec in pages.plan(explainer):
        kinds.setdefault(spec.kind, spec.url)
    kinds.update({"home": "", "about": "about/", "guide": "guide/"})
    assert {"timeline-page", "quotes-page", "sources-page"} <= set(kinds), sorted(kinds)
    site = build(copy_project(root / "project", data), root / "site", SITE_URLS["some-repo"])
    return site, kinds


def test_every_page_kind_at_a_sub_path_runs_without_violation(sub_path_site, serve: Any,
                                                              browser: Any) -> None:
    site, kinds = sub_path_site
    base = serve(site, "/some-repo/")
    recorder = Recorder(browser)
    violations = {kind: found for kind, path in kinds.items()
                  if (found := recorder.visit(base + path))}
    assert violations == {}
    assert recorder.errors == []
    assert recorder.dialogs == []
    _check_deep_not_found(browser, base)


#: The one console error a 404 page has: its own status.
NOT_FOUND = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]


def _check_deep_not_found(browser: Any, base: str, **context: Any) -> None:
    """A missing address deep in the site gets the site's 404 page, which runs with no
    violation, its scripts and styles found from the site's own folder."""
    recorder = Recorder(browser, **context)
    assert recorder.visit(base + "no/such/page/") == []
    assert recorder.errors == NOT_FOUND
    assert recorder.page.evaluate("__md_scope.href") == base
    assert recorder.page.evaluate("getComputedStyle(document.body).display") == "flex"


def test_every_page_at_a_custom_domain_root_runs_without_violation(site_at, serve: Any,
                                                                   browser: Any) -> None:
    site = site_at("custom-domain")
    proxy = serve(site)
    recorder = Recorder(browser, proxy={"server": proxy.rstrip("/")})
    base = "http://trade-talks.example/"
    violations = {url: found for url in _urls(site, base) if (found := recorder.visit(url))}
    assert violations == {}
    assert recorder.errors == []
    assert recorder.page.evaluate("location.host") == "trade-talks.example"
    _check_deep_not_found(browser, base, proxy={"server": proxy.rstrip("/")})


@pytest.mark.parametrize("where", ["root", "some-repo"])
def test_injected_script_and_handler_are_blocked(where: str, site_at, serve: Any,
                                                 browser: Any) -> None:
    site = site_at(where)
    base = serve(site, urlsplit(SITE_URLS[where]).path)
    original = (site / "timeline" / "index.html").read_text(encoding="utf-8")
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
