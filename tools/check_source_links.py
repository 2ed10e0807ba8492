"""Check that every source link in data/ still answers (the weekly links.yml workflow).

It sits beside the flow, not in it: the build never touches the network, so a source page that
moves or disappears is only noticed here. Every `url` and `archive_url` value in the YAML under
`data/` is read with the project's strict loader (so each link keeps its file:line:col), asked for
with HEAD, and with GET when HEAD fails (many servers refuse or mishandle HEAD). A broken link is
printed as a GitHub `::warning` annotation pointing at the line to fix. The exit code is 0 whatever
is found: a site being down must never block editors' merges; the annotations are the report.

    python tools/check_source_links.py [DATA_DIR] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import http.client
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from tradetalks.load import load_file
from tradetalks.validate import discover

#: The keys whose values are links to check.
LINK_KEYS = ("url", "archive_url")
#: Some publishers answer 403 to clients that do not say who they are.
USER_AGENT = "tradetalks-link-check/1 (+https://github.com/; weekly source link check)"
WORKERS = 8


@dataclass(frozen=True, order=True)
class Link:
    """One link value in the data and where it is written."""

    file: str
    line: int
    col: int
    path: str
    url: str


def _label(collection: str, loc: tuple[str | int, ...]) -> str:
    parts = [collection]
    for key in loc:
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
        else:
            parts.append(key)
    return ".".join(parts)


def _walk(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LINK_KEYS and isinstance(item, str):
                yield (*loc, key), item
            else:
                yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))


def find_links(data_dir: Path) -> list[Link]:
    """Every link in the data, in file and line order. Unreadable files are `check`'s business."""
    files, _ = discover(data_dir)
    links = []
    for collection, path, display in files:
        loaded, problems = load_file(path, display)
        if problems:
            continue
        for loc, url in _walk(loaded.data, ()):
            line, col = loaded.mark(loc)
            links.append(Link(display, line, col, _label(collection, loc), url))
    return sorted(links)


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else OSError(str(exc.reason))
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, OSError):
        return f"cannot connect: {exc.strerror or exc}"
    return f"bad answer: {exc.__class__.__name__}"


def probe(url: str, timeout: float = 15.0) -> str | None:
    """None when `url` answers with a success (after redirects); otherwise why it does not."""
    if urlsplit(url).scheme not in ("http", "https"):
        return "not an http(s) URL"
    reason = None
    for method in ("HEAD", "GET"):
        request = Request(url, method=method,  # noqa: S310 - scheme checked above
                          headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urlopen(request, timeout=timeout):  # noqa: S310 - scheme checked above
                return None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            reason = _reason(exc, timeout)
    return reason


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub workflow-command escaping: %, CR, LF always; ':' and ',' inside properties too.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(link: Link, reason: str) -> str:
    """The `::warning` line GitHub shows on the file and line of a broken link."""
    props = (f"file={_escape(link.file, prop=True)},line={link.line},col={link.col},"
             f"title={_escape('broken source link', prop=True)}")
    return f"::warning {props}::{_escape(f'{link.path}: {link.url}: {reason}')}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data", type=Path)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    args = parser.parse_args(argv)
    links = find_links(args.data_dir)
    unique = sorted({link.url for link in links})
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = dict(zip(unique, pool.map(lambda u: probe(u, args.timeout), unique),
                           strict=True))
    broken = [(link, results[link.url]) for link in links if results[link.url]]
    for link, reason in broken:
        print(annotation(link, reason))
    print(f"{len(links)} source links checked, {len(broken)} broken", file=sys.stderr)
    return 0  # never block a merge: the annotations are the report


if __name__ == "__main__":
    sys.exit(main())
