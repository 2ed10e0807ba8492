"""Scan a built site for anything that could run code, load third-party content or leak files.

A guard after the flow (data -> ... -> render -> MkDocs -> **site/**), defence in depth behind the
escaping renderer: whatever a template or an editor's text got wrong, the published files are
checked for what matters to a reader's browser. Every HTML page is parsed the way a browser does
(html5lib) and must have:

* no inline script other than those its own Content-Security-Policy allows by hash (the build
  computes each page's policy from the scripts the theme's templates wrote on it, `tradetalks.csp`,
  so an inline script from anywhere else, editor data included, is a finding here);
  `application/json` and `application/ld+json` blocks are data and must parse as JSON;
* no event-handler attribute (`on*=`), no `<base>`, no `<meta http-equiv="refresh">`;
* no URL with a scheme other than http, https, mailto or webcal in any URL attribute (the value is
  decoded and stripped of the tabs, newlines and controls browsers ignore before the check);
* no loaded resource (script, style sheet, icon, image, frame, media, CSS `url()`) from another
  host: the site loads nothing from third parties; and no relative URL that climbs above the root;

and every file under the root must be a regular file or folder inside it (no symlinks).

    python tools/scan_site.py SITE_DIR [--site-url URL]   # exit 0 clean, 1 with one line each
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import posixpath
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import html5lib

#: webcal: is the open-data page's calendar subscription (it opens a calendar app, runs nothing).
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "webcal"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
#: Attributes holding a URL (srcset is handled apart: it is a list of them).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data",
                            "background", "longdesc", "usemap", "codebase", "xlink:href",
                            "manifest", "ping"})
#: Elements whose URL the browser loads by itself (as opposed to links a reader may follow).
LOADING = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
           "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
           "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
           "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href")}
LOADING_LINK_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "prefetch",
                               "manifest", "apple-touch-icon", "mask-icon"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
_CSP_SCRIPT_HASH = re.compile(r"'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'")


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong in the built site: the file (relative to the root) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def script_hash(text: str) -> str:
    """The CSP source expression for an inline script: `sha256-<base64 of its UTF-8 bytes>`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: leading/trailing spaces and controls and any tab or
    newline inside are ignored by URL parsers, so `java\\tscript:` is `javascript:`."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n"
                                                  "\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15"
                                                  "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def parse_html(text: str) -> Element:
    """A page parsed the way browsers parse it (HTML5 algorithm), without namespaces on HTML."""
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def local_name(tag: object) -> str:
    """`{http://www.w3.org/2000/svg}image` -> `image` (SVG and MathML keep their namespace)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr_name(name: str) -> str:
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + name.rsplit("}", 1)[-1]
    return name.rsplit("}", 1)[-1].lower()


def page_csp(root: Element) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-security-policy":
            return meta.get("content") or ""
    return None


def allowed_hashes(csp: str | None) -> set[str]:
    """The `'sha256-...'` sources of a policy's script-src directive."""
    for directive in (csp or "").split(";"):
        name, _, value = directive.strip().partition(" ")
        if name == "script-src":
            return set(_CSP_SCRIPT_HASH.findall(value))
    return set()


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


class _PageScan:
    def __init__(self, rel: str, site_host: str | None):
        self.rel = rel
        self.site_host = site_host
        self.findings: list[Finding] = []
        # The folder a relative URL is resolved from: pages are served as their folder URL.
        self.base_dir = posixpath.dirname(rel)

    def add(self, message: str) -> None:
        self.findings.append(Finding(self.rel, message))

    def check_url(self, element: str, attr: str, value: str, loads: bool) -> None:
        scheme = url_scheme(value)
        shown = value if len(value) <= 80 else value[:77] + "..."
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.add(f"<{element} {attr}> has a '{scheme}:' URL: {shown!r}")
            return
        parts = urlsplit(value.strip())
        absolute = scheme is not None or value.strip().startswith("//")
        if absolute:
            if loads and (parts.hostname or "") != (self.site_host or ""):
                self.add(f"<{element} {attr}> loads from a third-party host: {shown!r}")
            return
        if parts.path.startswith("/"):
            return  # root-relative (the 404 page): inside the site by construction
        if parts.path:
            joined = posixpath.normpath(posixpath.join(self.base_dir, parts.path))
            if joined == ".." or joined.startswith("../"):
                self.add(f"<{element} {attr}> points above the site root: {shown!r}")

    def check_css(self, where: str, css: str) -> None:
        for match in _CSS_URL.finditer(css):
            url = match.group(1) or match.group(2)
            if url_scheme(url) == "data" and url[5:].lower().startswith("image/"):
                continue  # the theme's icons: an image cannot run script (img-src allows data:)
            self.check_url(where, "url()", url, loads=True)

    def element(self, el: Element, csp: str | None) -> None:
        name = local_name(el.tag)
        attrs = {attr_name(k): v for k, v in el.attrib.items()}
        for key, value in attrs.items():
            if key.startswith("on"):
                self.add(f"<{name}> has an event-handler attribute {key}={value[:60]!r}")
            elif key in URL_ATTRIBUTES:
                loads = key in LOADING.get(name, ())
                if name == "link":
                    rels = set((attrs.get("rel") or "").lower().split())
                    loads = bool(rels & LOADING_LINK_RELS)
                self.check_url(name, key, value, loads)
            elif key in ("srcset", "imagesrcset"):
                for url in _srcset_urls(value):
                    self.check_url(name, key, url, loads=True)
            elif key == "style":
                self.check_css(name, value)
        if name == "base":
            self.add("<base> changes where every relative URL points")
        if name == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.add("<meta http-equiv=refresh> redirects the page")
        if name == "style":
            self.check_css("style", el.text or "")
        if name == "script" and "src" not in attrs:
            self.inline_script(el.text or "", (attrs.get("type") or "").strip().lower(), csp)

    def inline_script(self, text: str, kind: str, csp: str | None) -> None:
        if kind in DATA_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError as error:
                self.add(f"<script type={kind}> is not valid JSON: {error}")
            return
        digest = script_hash(text)
        if digest not in allowed_hashes(csp):
            snippet = " ".join(text.split())[:60]
            self.add(f"inline script not allowed by the page's CSP ({digest}): {snippet!r}")


def scan_page(text: str, rel: str, site_host: str | None = None) -> list[Finding]:
    """Every finding in one HTML page; `rel` is its path under the site root (for messages and
    for resolving its relative URLs)."""
    root = parse_html(text)
    scan = _PageScan(rel, site_host)
    csp = page_csp(root)
    for el in root.iter():
        if isinstance(el.tag, str):
            scan.element(el, csp)
    return scan.findings


def _walk(site: Path) -> Iterator[tuple[Path, bool]]:
    """Every entry under `site` without following links: (path, is_symlink)."""
    for folder, dirs, files in os.walk(site, followlinks=False):
        for name in sorted(dirs) + sorted(files):
            path = Path(folder) / name
            yield path, path.is_symlink()


def scan_site(site: Path, site_url: str | None = None) -> list[Finding]:
    """Scan every file under `site`; findings sorted by path."""
    site = site.resolve()
    host = urlsplit(site_url).hostname if site_url else None
    findings: list[Finding] = []
    for path, is_link in _walk(site):
        rel = path.relative_to(site).as_posix()
        if is_link:
            findings.append(Finding(rel, f"is a symbolic link (to {os.readlink(path)!r})"))
            continue
        if not path.resolve().is_relative_to(site):
            findings.append(Finding(rel, "resolves outside the site root"))
            continue
        if path.is_file() and path.suffix == ".html":
            findings.extend(scan_page(path.read_text(encoding="utf-8"), rel, host))
        elif path.is_file() and path.suffix == ".css":
            css = _PageScan(rel, host)
            css.base_dir = posixpath.dirname(rel)
            css.check_css("css", path.read_text(encoding="utf-8"))
            findings.extend(css.findings)
    return sorted(findings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--site-url", help="the site's own URL (its host is not a third party)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: not a folder", file=sys.stderr)
        return 2
    findings = scan_site(args.site, args.site_url)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
