"""The Content-Security-Policy on the built sites, and the scan of the repository's own build.

The policy lives in `overrides/partials/csp.html` with the hashes of the theme's inline scripts
written out there (committed, never computed from the output). These tests read that file,
recompute the hash of every inline script in the repository's strict build and in the hostile
fixture build, and fail on any the file does not list: a theme upgrade that changes an inline
script must be looked at and its new hash committed. They also check that the policy is the
first thing in every page's <head> and says what it must.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixture_data import REPO

from .sitebuild import html_pages, load_scan_site

pytestmark = pytest.mark.build

scan = load_scan_site()
CSP_PARTIAL = REPO / "overrides" / "partials" / "csp.html"
COMMITTED = set(re.findall(r'"(sha256-[A-Za-z0-9+/=]+)"', CSP_PARTIAL.read_text(encoding="utf-8")))
REQUIRED = {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],  # Material sets inline styles
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the search worker
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def policy(csp: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in csp.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def inline_script_hashes(site: Path) -> dict[str, str]:
    """hash -> first page it occurs on, for every executable inline script of a built site."""
    found: dict[str, str] = {}
    for page in html_pages(site):
        root = scan.parse_html(page.read_text(encoding="utf-8"))
        for script in root.iter("script"):
            kind = (script.get("type") or "").strip().lower()
            if "src" in script.attrib or kind in scan.DATA_SCRIPT_TYPES:
                continue
            found.setdefault(scan.script_hash(script.text or ""), page.relative_to(site).as_posix())
    return found


def test_the_partial_lists_hashes() -> None:
    assert len(COMMITTED) >= 2


@pytest.mark.parametrize("which", ["repo_site", "hostile_site"])
def test_every_inline_script_hash_is_committed(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    found = inline_script_hashes(site)
    assert found, "the theme writes inline scripts: none found means this test looks wrongly"
    missing = {digest: page for digest, page in found.items() if digest not in COMMITTED}
    assert missing == {}, (
        "inline scripts whose hash overrides/partials/csp.html does not list (a theme upgrade?): "
        "review each script and add its hash")


def test_policy_is_first_in_head_and_complete(repo_site: Path) -> None:
    problems = []
    for page in html_pages(repo_site):
        raw = page.read_bytes()
        root = scan.parse_html(raw.decode("utf-8"))
        head = root.find("head")
        assert head is not None
        first = head[0]
        rel = page.relative_to(repo_site).as_posix()
        if first.tag != "meta" or first.get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{rel}: <head> starts with <{first.tag} {dict(first.attrib)}>")
            continue
        rules = policy(first.get("content", ""))
        for name, values in REQUIRED.items():
            if rules.get(name) != values:
                problems.append(f"{rel}: {name} is {rules.get(name)}, expected {values}")
        script = rules.get("script-src", [])
        hashes = {v.strip("'") for v in script[1:]}
        if script[:1] != ["'self'"] or hashes != COMMITTED:
            problems.append(f"{rel}: script-src is not 'self' plus the committed hashes")
        # The policy is long: the charset must still be declared within the first 1024 bytes.
        if b'<meta charset="utf-8">' not in raw[:1024]:
            problems.append(f"{rel}: <meta charset> is not within the first 1024 bytes")
    assert problems == []


def test_scan_of_the_repository_build_is_clean(repo_site: Path) -> None:
    assert [str(f) for f in scan.scan_site(repo_site, "https://tradetalks.example/")] == []
