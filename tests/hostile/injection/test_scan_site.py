"""tools/scan_site.py on small hand-made sites: each finding it must make, verbatim, and silence
on what is allowed (the page's own hashed scripts, JSON data blocks, https links, data: icons)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .sitebuild import load_scan_site

scan = load_scan_site()
ALLOWED = "console.log(1)"
CSP = (f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
       f"script-src 'self' '{scan.script_hash(ALLOWED)}'\">")


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{CSP}{head}</head><body>{body}</body></html>"


def findings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        path = tmp_path / "site" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [str(f) for f in scan.scan_site(tmp_path / "site", "https://tradetalks.example/")]


def test_allowed_content_gives_no_finding(tmp_path: Path) -> None:
    body = (f"<script>{ALLOWED}</script><script src=\"../assets/x.js\"></script>"
            '<script type="application/ld+json">{"a": 1}</script>'
            '<script id="__config" type="application/json">[1]</script>'
            '<a href="https://example.org/x" rel="nofollow">source</a><a href="#top">top</a>'
            '<a href="mailto:desk@example.org">mail</a><img src="../assets/x.png" alt="">'
            '<img src="https://tradetalks.example/x.png" alt="">'
            '<div style="background: url(data:image/svg+xml;base64,AAAA)"></div>')
    css = "a { mask-image: url(\"data:image/svg+xml;charset=utf-8,<svg/>\") }"
    assert findings(tmp_path, {"topics/index.html": page(body), "a.css": css}) == []


@pytest.mark.parametrize(("body", "message"), [
    ("<script>alert(1)</script>",
     "inline script not allowed by the page's CSP "
     f"({scan.script_hash('alert(1)')}): 'alert(1)'"),
    ('<script type="application/ld+json">{"a": </script>',
     "<script type=application/ld+json> is not valid JSON: Expecting value: line 1 column 7 "
     "(char 6)"),
    ('<img src="x.png" onerror="alert(1)">',
     "<img> has an event-handler attribute onerror='alert(1)'"),
    ('<svg><a onclick="x()"></a></svg>', "<a> has an event-handler attribute onclick='x()'"),
    ('<a href="JaVa&#09;ScRiPt:alert(1)">x</a>',
     "<a href> has a 'javascript:' URL: 'JaVa\\tScRiPt:alert(1)'"),
    ('<a href=" \x01vbscript:msgbox(1)">x</a>',
     "<a href> has a 'vbscript:' URL: ' \\x01vbscript:msgbox(1)'"),
    ('<iframe src="data:text/html,x"></iframe>',
     "<iframe src> has a 'data:' URL: 'data:text/html,x'"),
    ('<img src="https://evil.example/x.png">',
     "<img src> loads from a third-party host: 'https://evil.example/x.png'"),
    ('<img srcset="a.png 1x, //evil.example/b.png 2x">',
     "<img srcset> loads from a third-party host: '//evil.example/b.png'"),
    ('<div style="background:url(https://evil.example/x)"></div>',
     "<div url()> loads from a third-party host: 'https://evil.example/x'"),
    ('<img src="../../../etc/passwd">',
     "<img src> points above the site root: '../../../etc/passwd'"),
    ('<base href="https://evil.example/">', "<base> changes where every relative URL points"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
     "<meta http-equiv=refresh> redirects the page"),
])
def test_each_finding(tmp_path: Path, body: str, message: str) -> None:
    assert findings(tmp_path, {"topics/index.html": page(body)}) == [
        f"topics/index.html: {message}"]


def test_third_party_stylesheet_in_head(tmp_path: Path) -> None:
    head = '<link rel="stylesheet" href="https://fonts.example/css">'
    assert findings(tmp_path, {"index.html": page("", head)}) == [
        "index.html: <link href> loads from a third-party host: 'https://fonts.example/css'"]


def test_a_page_without_a_policy_allows_no_inline_script(tmp_path: Path) -> None:
    text = f"<html><head></head><body><script>{ALLOWED}</script></body></html>"
    assert findings(tmp_path, {"index.html": text}) == [
        f"index.html: inline script not allowed by the page's CSP ({scan.script_hash(ALLOWED)}): "
        f"'{ALLOWED}'"]


def test_symlinks_are_reported_and_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(secret, site / "leak.txt")
    os.symlink(tmp_path, site / "up")
    assert findings(tmp_path, {}) == [
        f"leak.txt: is a symbolic link (to {str(secret)!r})",
        f"up: is a symbolic link (to {str(tmp_path)!r})"]


def test_command_line_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page("<p>fine</p>"), encoding="utf-8")
    assert scan.main([str(site)]) == 0
    (site / "bad.html").write_text(page('<p onclick="x">bad</p>'), encoding="utf-8")
    assert scan.main([str(site)]) == 1
    assert capsys.readouterr().out == "bad.html: <p> has an event-handler attribute onclick='x'\n"
    assert scan.main([str(tmp_path / "missing")]) == 2
