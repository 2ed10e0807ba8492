"""tools/check_source_links.py against a real HTTP server on 127.0.0.1 (no internet needed)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def links(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("check_source_links")


class _Handler(BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /no-head 405 to HEAD but 200 to GET, /moved 301 to /ok, /slow hangs."""

    def _answer(self, head: bool) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        status = {"/ok": 200, "/gone": 404, "/moved": 301, "/slow": 200}.get(self.path, 500)
        if self.path == "/no-head":
            status = 405 if head else 200
        try:
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/ok")
            self.send_header("Content-Length", "2")
            self.end_headers()
            if not head:
                self.wfile.write(b"hi")
        except OSError:  # /slow: the client gave up before the answer
            pass

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server API
        self.server.seen.append(("HEAD", self.path))  # type: ignore[attr-defined]
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self.server.seen.append(("GET", self.path))  # type: ignore[attr-defined]
        self._answer(head=False)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def _base(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_head_success_needs_no_get(links: ModuleType, server: ThreadingHTTPServer) -> None:
    server.seen.clear()  # type: ignore[attr-defined]
    assert links.probe(f"{_base(server)}/ok", timeout=5) is None
    assert server.seen == [("HEAD", "/ok")]  # type: ignore[attr-defined]


def test_get_is_tried_when_head_is_refused(links: ModuleType, server: ThreadingHTTPServer) -> None:
    server.seen.clear()  # type: ignore[attr-defined]
    assert links.probe(f"{_base(server)}/no-head", timeout=5) is None
    assert server.seen == [("HEAD", "/no-head"), ("GET", "/no-head")]  # type: ignore[attr-defined]


def test_redirect_to_a_live_page_is_fine(links: ModuleType, server: ThreadingHTTPServer) -> None:
    assert links.probe(f"{_base(server)}/moved", timeout=5) is None


def test_reasons(links: ModuleType, server: ThreadingHTTPServer) -> None:
    assert links.probe(f"{_base(server)}/gone", timeout=5) == "HTTP 404"
    assert links.probe(f"{_base(server)}/slow", timeout=0.3) == "no answer within 0.3 s"
    refused = links.probe(f"http://127.0.0.1:{_closed_port()}/", timeout=5)
    assert refused == "cannot connect: Connection refused"
    assert links.probe("file:///etc/passwd") == "not an http(s) URL"


def _write_data(tmp_path: Path, base: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yml").write_text(
        "good:\n"
        "  title: Fine\n"
        f"  url: {base}/ok\n"
        f"  archive_url: {base}/gone\n"
        "no-link:\n"
        "  title: A print source\n"
        "odd:\n"
        f"  url: {base}/no-head\n"
        f"  archive_url: \"{base}/gone\"\n",
        encoding="utf-8")
    (data / "events.yml").write_text(
        "talks:\n"
        "  links:\n"
        f"    - url: {base}/moved\n"
        f"    - url: http://127.0.0.1:{_closed_port()}/x\n",
        encoding="utf-8")
    (data / "broken.yml").write_text("a: [unclosed\n", encoding="utf-8")
    return data


def test_find_links_locates_every_url_in_the_data(links: ModuleType, server: ThreadingHTTPServer,
                                                  tmp_path: Path) -> None:
    base = _base(server)
    data = _write_data(tmp_path, base)
    found = [(f"{x.file}:{x.line}:{x.col}", x.path, x.url) for x in links.find_links(data)]
    refused = found[1][2]
    assert refused.startswith("http://127.0.0.1:") and refused.endswith("/x")
    assert found == [
        ("data/events.yml:3:12", "events.talks.links[0].url", f"{base}/moved"),
        ("data/events.yml:4:12", "events.talks.links[1].url", refused),
        ("data/sources.yml:3:8", "sources.good.url", f"{base}/ok"),
        ("data/sources.yml:4:16", "sources.good.archive_url", f"{base}/gone"),
        ("data/sources.yml:8:8", "sources.odd.url", f"{base}/no-head"),
        ("data/sources.yml:9:16", "sources.odd.archive_url", f"{base}/gone"),
    ]


def test_main_reports_broken_links_as_warnings_and_exits_0(links: ModuleType,
        server: ThreadingHTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = _base(server)
    data = _write_data(tmp_path, base)
    refused = next(x.url for x in links.find_links(data) if x.path.endswith("links[1].url"))
    assert links.main([str(data), "--timeout", "5"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "::warning file=data/events.yml,line=4,col=12,title=broken source link::"
        f"events.talks.links[1].url: {refused}: cannot connect: Connection refused",
        "::warning file=data/sources.yml,line=4,col=16,title=broken source link::"
        f"sources.good.archive_url: {base}/gone: HTTP 404",
        "::warning file=data/sources.yml,line=9,col=16,title=broken source link::"
        f"sources.odd.archive_url: {base}/gone: HTTP 404",
    ]
    assert err == "6 source links checked, 3 broken\n"


def test_annotation_escapes_github_command_characters(links: ModuleType) -> None:
    link = links.Link("data/a,b:c.yml", 1, 2, "sources.x.url", "https://e.org/100%\nx")
    assert links.annotation(link, "HTTP 500") == (
        "::warning file=data/a%2Cb%3Ac.yml,line=1,col=2,title=broken source link::"
        "sources.x.url: https://e.org/100%25%0Ax: HTTP 500")
