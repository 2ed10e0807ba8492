"""Properties of the rendering half: no text an editor types adds an element or an attribute.

For arbitrary text in any text field of the small base data set (`tests/hostile/_base/data`),
validated by `check` and rendered the way the hooks render it (every planned page through
`render.render_page`, the home page's fragments through `render.render_markers` and Markdown,
and each page's head extras through `head.page_head`), the parsed HTML holds no (element,
attribute names) pair that the same field with a plain placeholder does not give, apart from
what the inline Markdown subset makes. `render.inline` alone only ever makes em, strong and
https links with rel, and shows everything else exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import html5lib
import markdown
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from tradetalks import head, pages, render
from tradetalks.validate import check

from ..datasets import BASE
from .payloads import PAYLOADS, PNG
from .test_site import INLINE_EXTRA

EXAMPLES = settings(max_examples=100, deadline=None)
PLACEHOLDER = "Placeholder text"
#: MkDocs' own extensions and those mkdocs.yml adds.
MARKDOWN_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list"]
HOME_MARKDOWN = "\n\n".join(f"<!-- tradetalks:{name} -->" for name in render.FRAGMENTS)

#: Every text field of the base data: (file stem, path to the value). Paths that the base file
#: lacks are added (an optional field), with the placeholder when it is not under test.
FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("explainer", ("title",)), ("explainer", ("standfirst",)),
    ("sources", ("wire-report", "publisher")), ("sources", ("wire-report", "title")),
    ("sources", ("wire-report", "authors", 0)), ("sources", ("wire-report", "note")),
    ("participants", ("us-delegation", "name")), ("participants", ("he-lifeng", "name")),
    ("participants", ("he-lifeng", "native_name", "text")),
    ("participants", ("he-lifeng", "roles", 0, "title")),
    ("participants", ("he-lifeng", "roles", 0, "organisation")),
    ("participants", ("he-lifeng", "bio")), ("participants", ("scott-bessent", "bio")),
    ("participants", ("scott-bessent", "portrait", "alt")),
    ("participants", ("scott-bessent", "portrait", "credit")),
    ("places", ("lancaster-house", "name")), ("places", ("lancaster-house", "locality")),
    ("places", ("lancaster-house", "description")),
    ("events", ("london-talks", "title")), ("events", ("london-talks", "summary")),
    ("events", ("london-talks", "outcome")), ("events", ("london-talks", "date_basis")),
    ("topics", ("tariffs", "title")), ("topics", ("tariffs", "summary")),
    ("topics", ("tariffs", "positions", 0, "statement")),
    ("quotes", ("bessent-good-meeting", "text")), ("quotes", ("bessent-good-meeting", "context")),
    ("quotes", ("bessent-good-meeting", "translation")),
    ("corrections", ("fixed-date", "text")), ("corrections", ("fixed-date", "reason")),
]

#: Text a person could type, plus the corpus's payloads and the pieces they are made of, so
#: that examples mix markup, Markdown, entities and line breaks with arbitrary characters.
PIECES = [*PAYLOADS.values(), "<", ">", "&", '"', "'", "`", "```", "\n", "\n\n", "*", "**", "[",
          "](", ")", "https://", "javascript:", "&#", ";", "{:", "}", "{{", "}}", "--8<--", "#"]
CHARACTERS = st.characters(exclude_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"),
                           include_characters="\n\t")
TEXT = st.lists(st.one_of(st.text(CHARACTERS, min_size=1, max_size=20), st.sampled_from(PIECES)),
                min_size=1, max_size=6).map("".join)


def _plain(value: Any) -> Any:
    """YAML-loaded values back to what editors write: dates as text (no `!!timestamp` tags)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@cache
def _base_files() -> dict[str, Any]:
    files = {p.stem: _plain(yaml.safe_load(p.read_text(encoding="utf-8")))
             for p in BASE.glob("*.yml")}
    for stem, path in FIELDS:  # add the optional fields the base lacks, with the placeholder
        _put(files[stem], path, PLACEHOLDER, only_if_missing=True)
    bessent = files["participants"]["scott-bessent"]
    bessent["portrait"] = {"file": "bessent.png", "alt": PLACEHOLDER, "credit": PLACEHOLDER}
    files["quotes"]["bessent-good-meeting"]["language"] = "zh"
    files["events"]["london-talks"].pop("end")
    files["events"]["london-talks"]["date"] = "2025-06"
    return files


def _put(tree: Any, path: tuple[Any, ...], value: str, only_if_missing: bool = False) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {}) if isinstance(tree, dict) else tree[key]
    if isinstance(tree, list) or not only_if_missing or path[-1] not in tree:
        tree[path[-1]] = value


def _render_all(field: tuple[str, tuple[Any, ...]], text: str) -> dict[str, str] | None:
    """Every rendered page of the base data with `field` set to `text`; None if refused."""
    files = yaml.safe_load(yaml.safe_dump(_base_files()))  # a deep copy
    _put(files[field[0]], field[1], text)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        (data / "portraits").mkdir(parents=True)
        (data / "portraits" / "bessent.png").write_bytes(PNG)
        for stem, content in files.items():
            (data / f"{stem}.yml").write_text(
                yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000),
                encoding="utf-8")
        explainer, _ = check(data)
    if explainer is None:
        return None
    # The home page's fragments go through Markdown, as MkDocs runs it on docs/index.md.
    out = {"": markdown.markdown(render.render_markers(HOME_MARKDOWN, explainer, ""),
                                 extensions=MARKDOWN_EXTENSIONS)}
    site_url = "https://tradetalks.example/"
    for spec in pages.plan(explainer):
        out[spec.url] = render.render_page(spec, explainer).html + head.page_head(
            explainer, spec, spec.url, site_url, "Site", str(escape(spec.description)))
    return out


def _signature(html: str) -> set[tuple[str, tuple[str, ...]]]:
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return {(el.tag.rsplit("}", 1)[-1], tuple(sorted(a.rsplit("}", 1)[-1] for a in el.attrib)))
            for el in root.iter() if isinstance(el.tag, str)}


@cache
def _placeholder_signatures(field: tuple[str, tuple[Any, ...]]) -> dict[str, Any]:
    rendered = _render_all(field, PLACEHOLDER)
    assert rendered is not None, f"the placeholder data set was refused ({field})"
    return {url: _signature(html) for url, html in rendered.items()}


@EXAMPLES
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_no_text_adds_an_element_or_attribute(field: tuple[str, tuple[Any, ...]],
                                              text: str) -> None:
    rendered = _render_all(field, text)
    assume(rendered is not None)  # refused text (too long, blank, a placeholder) has no page
    assert rendered is not None
    expected = _placeholder_signatures(field)
    assert sorted(rendered) == sorted(expected)
    extra = {url: sorted(_signature(html) - expected[url] - INLINE_EXTRA)
             for url, html in rendered.items()}
    assert {url: found for url, found in extra.items() if found} == {}


def _fragment(html: str) -> Any:
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXT, st.text()))
def test_inline_makes_only_emphasis_and_https_links(text: str) -> None:
    root = _fragment(str(render.inline(text)))
    elements = [el for el in root.iter() if el is not root]
    assert {el.tag for el in elements} <= {"em", "strong", "a"}
    for a in (el for el in elements if el.tag == "a"):
        assert set(a.attrib) == {"href", "rel"}
        assert a.get("href", "").startswith("https://")
        assert a.get("rel") == "nofollow noopener"


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="*[\r\x00")))
def test_inline_shows_text_without_markdown_exactly_as_typed(text: str) -> None:
    assert "".join(_fragment(str(render.inline(text))).itertext()) == text
