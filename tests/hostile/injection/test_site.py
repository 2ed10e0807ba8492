"""The hostile fixture site: every payload in every text field, built strictly, stays inert text.

`payloads.py` puts markup, script URLs, Markdown and Jinja syntax into every text field of every
collection; `check` accepts it all (it is only text). The site built from it is compared, page
by page, with the site built from the same records holding plain text: parsed as a browser
parses them, the hostile pages may not contain any element or attribute the plain pages lack,
except what the renderer's inline Markdown subset makes (em, strong, an https link with rel,
paragraphs from blank lines). Each text must be on the site as typed, `{{ 7*7 }}` must stay
literal, no file from outside the site may leak in, and `<title>` and the meta tags must hold
the text escaped. The scan of `tools/scan_site.py` must find nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from fixture_data import REPO
from tradetalks import pages, render
from tradetalks.outputs.social import card_description
from tradetalks.validate import check

from .payloads import PAYLOADS, placed_texts
from .sitebuild import html_pages, load_scan_site

pytestmark = pytest.mark.build

scan = load_scan_site()
SITE_URL = "https://tradetalks.example/"
SITE_NAME = re.search(r"^site_name: (.+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.M).group(1).strip()  # type: ignore[union-attr]
#: What `render.inline` may add to editor text: emphasis, strong, https links, paragraphs.
INLINE_EXTRA = {("em", ()), ("strong", ()), ("a", ("href", "rel")), ("p", ())}
#: Attributes whose value a reader sees or hears (or a search engine or a share card shows).
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "content", "label")

Signature = set[tuple[str, tuple[str, ...]]]


def signature(root: Element) -> Signature:
    """Every (element, sorted attribute names) pair in a parsed page."""
    return {(scan.local_name(el.tag), tuple(sorted(scan.attr_name(a) for a in el.attrib)))
            for el in root.iter() if isinstance(el.tag, str)}


def parsed(site: Path) -> dict[str, Element]:
    return {p.relative_to(site).as_posix(): scan.parse_html(p.read_text(encoding="utf-8"))
            for p in html_pages(site)}


def squash(text: str) -> str:
    """Text without any whitespace: paragraphs, line breaks and indentation differ by context."""
    return "".join(text.split())


def shown_text(root: Element) -> str:
    parts = list(root.itertext())
    for el in root.iter():
        if isinstance(el.tag, str):
            parts.extend(el.get(name, "") for name in SHOWN_ATTRIBUTES)
    return squash(" ".join(parts))


@pytest.fixture(scope="module")
def hostile_pages(hostile_site: Path) -> dict[str, Element]:
    return parsed(hostile_site)


def test_check_accepts_every_payload_unchanged(hostile_data: Path) -> None:
    explainer, problems = check(hostile_data)
    assert problems == []
    assert explainer is not None
    records = [explainer.info, *(r for name in ("sources", "participants", "places", "events",
               "topics", "quotes", "corrections") for r in explainer.collection(name).values())]
    kept = repr([r.model_dump() for r in records])
    missing = [t for t in placed_texts() if repr(t)[1:-1] not in kept]
    assert missing == []


def test_no_element_or_attribute_beyond_the_templates(hostile_pages: dict[str, Element],
                                                      plain_site: Path) -> None:
    plain = parsed(plain_site)
    assert sorted(hostile_pages) == sorted(plain)
    extra = {rel: sorted(signature(root) - signature(plain[rel]) - INLINE_EXTRA)
             for rel, root in hostile_pages.items()}
    assert {rel: found for rel, found in extra.items() if found} == {}


def _external_links(pages: dict[str, Element]) -> set[tuple[str, str, str]]:
    return {(rel, a.get("href", ""), a.get("rel", "")) for rel, root in pages.items()
            for a in root.iter("a") if scan.url_scheme(a.get("href", "")) is not None}


def test_every_added_link_is_https_with_rel(hostile_pages: dict[str, Element],
                                            plain_site: Path) -> None:
    # Beyond the links of the plain twin (the theme's, the hand-written pages'), an editor's
    # Markdown may only add https links carrying rel="nofollow noopener".
    added = _external_links(hostile_pages) - _external_links(parsed(plain_site))
    assert added, "the corpus has https links: some must come through"
    assert [link for link in added if not (link[1].startswith("https://")
                                           and link[2] == "nofollow noopener")] == []


def test_the_scan_finds_nothing(hostile_site: Path) -> None:
    assert [str(f) for f in scan.scan_site(hostile_site, SITE_URL)] == []


def test_every_text_is_shown_as_typed(hostile_pages: dict[str, Element]) -> None:
    site_text = "".join(shown_text(root) for root in hostile_pages.values())
    missing = []
    for text in placed_texts():
        as_typed = squash(text)
        with_inline = squash("".join(scan.parse_html(str(render.inline(text))).itertext()))
        if as_typed not in site_text and with_inline not in site_text:
            missing.append(text[:60])
    assert missing == []


def test_templates_are_not_evaluated_and_nothing_is_included(hostile_site: Path) -> None:
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in hostile_site.rglob("*") if p.is_file()
                         and p.suffix in {".html", ".json", ".xml", ".atom", ".ics", ".csv"})
    assert "{{ 7*7 }}" in everything
    assert re.search(r"P2[01] [a-z_.]+: 49", everything) is None
    assert "root:x:0:0" not in everything
    # A line of mkdocs.yml: a snippet include of it would bring this into a page.
    assert "CI sets SITE_URL to the Pages address" not in everything


def test_title_and_meta_tags_hold_the_escaped_text(hostile_data: Path,
                                                   hostile_pages: dict[str, Element]) -> None:
    explainer, _ = check(hostile_data)
    assert explainer is not None
    wrong = []
    for spec in pages.plan(explainer):
        if spec.record_id is None:
            continue
        root = hostile_pages[f"{spec.url}index.html"]
        head = root.find("head")
        assert head is not None
        title = " ".join(spec.title.split())
        meta = {(m.get("name") or m.get("property")): m.get("content")
                for m in head.iter("meta") if m.get("content") is not None}
        found = {"title": "".join(head.find("title").itertext()),  # type: ignore[union-attr]
                 "description": meta.get("description"), "og:title": meta.get("og:title"),
                 "twitter:title": meta.get("twitter:title"),
                 "og:description": meta.get("og:description")}
        expected = {"title": f"{title} - {SITE_NAME}", "description": spec.description,
                    "og:title": title, "twitter:title": title,
                    "og:description": card_description(spec.description)}
        if found != expected:
            wrong.append((spec.url, found, expected))
    assert wrong == []


def test_every_payload_reached_a_page() -> None:
    # Guards the corpus itself: a payload renamed away from its record ids would go unchecked.
    assert len(PAYLOADS) >= 25
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in PAYLOADS)
