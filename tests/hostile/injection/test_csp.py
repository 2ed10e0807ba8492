"""The Content-Security-Policy of the built sites: computed per page, right in any folder.

Nothing is committed per site path: each page's policy is computed when it is written
(`tradetalks.csp`) from the inline scripts the theme's templates wrote on it. These tests build
the repository's site at a server's root, under two GitHub project paths and at a custom
domain's root, plus a site whose sources/ splits one month into parts and the hostile fixture
site, and check on every page that the policy comes first in <head>, says what it must, and
allows exactly the hashes of that page's own inline scripts; and that `tools/scan_site.py` finds
nothing in any of them (it fails on any inline script a page's policy does not allow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradetalks import csp

from .conftest import BUSY_MONTH_SOURCES, SITE_URLS
from .sitebuild import html_pages, load_scan_site

pytestmark = pytest.mark.build

scan = load_scan_site()
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


def policy(text: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in text.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def inline_script_hashes(page: Path) -> list[str]:
    """The hash of every executable inline script of a page, parsed as a browser parses it."""
    root = scan.parse_html(page.read_text(encoding="utf-8"))
    return [scan.script_hash(script.text or "") for script in root.iter("script")
            if "src" not in script.attrib
            and (script.get("type") or "").strip().lower() not in scan.DATA_SCRIPT_TYPES]


def policy_problems(site: Path) -> list[str]:
    """Every way a page's policy falls short, one line each."""
    problems = []
    for page in html_pages(site):
        raw = page.read_bytes()
        root = scan.parse_html(raw.decode("utf-8"))
        head = root.find("head")
        assert head is not None
        first = head[0]
        rel = page.relative_to(site).as_posix()
        if first.tag != "meta" or first.get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{rel}: <head> starts with <{first.tag} {dict(first.attrib)}>")
            continue
        rules = policy(first.get("content", ""))
        for name, values in REQUIRED.items():
            if rules.get(name) != values:
                problems.append(f"{rel}: {name} is {rules.get(name)}, expected {values}")
        script = rules.get("script-src", [])
        allowed = [v.strip("'") for v in script[1:]]
        if script[:1] != ["'self'"] or sorted(allowed) != sorted(set(inline_script_hashes(page))):
            problems.append(f"{rel}: script-src {script} is not 'self' plus the hashes of the "
                            "page's own inline scripts")
        # The policy is long: the charset must still be declared within the first 1024 bytes.
        if b'<meta charset="utf-8">' not in raw[:1024]:
            problems.append(f"{rel}: <meta charset> is not within the first 1024 bytes")
    return problems


@pytest.mark.parametrize("where", SITE_URLS)
def test_every_page_allows_exactly_its_own_inline_scripts(where: str, site_at) -> None:
    site = site_at(where)
    assert inline_script_hashes(site / "index.html"), "the theme writes inline scripts"
    assert policy_problems(site) == []


@pytest.mark.parametrize("where", SITE_URLS)
def test_the_scan_finds_nothing_wherever_the_site_is_published(where: str, site_at) -> None:
    assert [str(f) for f in scan.scan_site(site_at(where), SITE_URLS[where])] == []


def test_the_404_page_allows_the_script_of_its_own_folder(site_at) -> None:
    """The 404 page's base URL is the site's absolute path: a hash per folder, computed."""
    hashes = {where: set(inline_script_hashes(site_at(where) / "404.html"))
              for where in ("root", "tradetalks", "another-name")}
    assert hashes["root"] != hashes["tradetalks"] != hashes["another-name"] != hashes["root"]
    for where, page_hashes in hashes.items():
        rules = policy(scan.page_csp(scan.parse_html(
            (site_at(where) / "404.html").read_text("utf-8"))) or "")
        assert {v.strip("'") for v in rules["script-src"][1:]} == page_hashes, where


def test_a_month_of_more_sources_than_a_page_holds(busy_month_site: Path) -> None:
    parts = sorted(p.relative_to(busy_month_site).as_posix()
                   for p in (busy_month_site / "sources").rglob("index.html"))
    assert "sources/2025/06/part-2/index.html" in parts, parts
    assert BUSY_MONTH_SOURCES > 50
    assert policy_problems(busy_month_site) == []
    assert [str(f) for f in scan.scan_site(busy_month_site, SITE_URLS["another-name"])] == []


@pytest.mark.parametrize("which", ["hostile_site", "plain_site"])
def test_hostile_data_adds_no_inline_script(which: str, request: pytest.FixtureRequest) -> None:
    """Every inline script of the hostile site is one the theme writes: the same texts as on
    its harmless twin, and none holding a payload."""
    site: Path = request.getfixturevalue(which)
    texts = set()
    for page in html_pages(site):
        texts.update(csp.inline_scripts(page.read_text(encoding="utf-8")))
    assert texts and not any("alert" in text or "pwned" in text for text in texts)
    assert policy_problems(site) == []


def test_scan_of_the_repository_build_is_clean(repo_site: Path) -> None:
    assert [str(f) for f in scan.scan_site(repo_site, "https://tradetalks.example/")] == []
