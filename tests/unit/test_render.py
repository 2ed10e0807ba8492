"""render: the escaping environment, the inline Markdown subset, dates and citations."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from markupsafe import Markup
from material.plugins.search.plugin import Parser as SearchParser

from fixture_data import REPO, generated_explainer
from tradetalks.model import Explainer, Role
from tradetalks.pages import plan
from tradetalks.render import (
    date_attr,
    date_label,
    inline,
    paragraphs,
    render_page,
    role_at,
    search_text,
)
from tradetalks.validate import check


@pytest.mark.parametrize(("text", "html"), [
    ("plain", "plain"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a *stressed* word", "a <em>stressed</em> word"),
    ("a **strong** word", "a <strong>strong</strong> word"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("[AP](https://apnews.com/x)", '<a href="https://apnews.com/x" rel="nofollow noopener">AP</a>'),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](http://example.com)", "[x](http://example.com)"),
    ("[x](https://user@evil.com/)", "[x](https://user@evil.com/)"),
    # The quote stays an entity inside the attribute value: no attribute can break out.
    ('[x](https://a.com/"onmouseover="y)',
     '<a href="https://a.com/&#34;onmouseover=&#34;y" rel="nofollow noopener">x</a>'),
    ("{{ 7*7 }}", "{{ 7*7 }}"),
    ("Tom & Jerry's", "Tom &amp; Jerry&#39;s"),
])
def test_inline_escapes_then_allows_a_tiny_subset(text: str, html: str) -> None:
    assert inline(text) == Markup(html)


def test_paragraphs_split_on_blank_lines_and_keep_the_citation_inside() -> None:
    assert paragraphs("one\n\ntwo", Markup("<sup>1</sup>")) == Markup(
        "<p>one</p><p>two <sup>1</sup></p>")
    assert paragraphs(None) == Markup("")


@pytest.mark.parametrize(("date", "precision", "end", "label", "attr"), [
    (dt.date(2025, 6, 10), "day", None, "10 June 2025", "2025-06-10"),
    (dt.date(2025, 6, 1), "month", None, "June 2025", "2025-06"),
    (dt.date(2025, 1, 1), "year", None, "2025", "2025"),
    (dt.date(2025, 6, 9), "day", dt.date(2025, 6, 10), "9–10 June 2025", "2025-06-09"),
    (dt.date(2025, 6, 30), "day", dt.date(2025, 7, 2), "30 June – 2 July 2025", "2025-06-30"),
    (dt.date(2024, 12, 30), "day", dt.date(2025, 1, 2), "30 December 2024 – 2 January 2025",
     "2024-12-30"),
])
def test_dates_are_shown_at_their_precision(date, precision, end, label, attr) -> None:
    assert date_label(date, precision, end) == label
    assert date_attr(date, precision) == attr


def _role(title: str, **dates: object) -> Role:
    return Role.model_validate({"title": title, "sources": ["s"], **dates})


def test_role_at_prefers_a_dated_period_then_an_undated_role() -> None:
    roles = [_role("Minister", **{"from": dt.date(2020, 1, 1), "to": dt.date(2024, 12, 31)}),
             _role("Vice Premier", as_of=dt.date(2025, 6, 10))]
    assert role_at(roles, dt.date(2022, 5, 1)).title == "Minister"
    assert role_at(roles, dt.date(2025, 6, 10)).title == "Vice Premier"
    assert role_at(roles[:1], dt.date(2025, 6, 10)) is None


def _generated(tmp: Path) -> Explainer:
    return generated_explainer(tmp, participants=70, seed=3)


def _hostile(tmp: Path) -> Explainer:
    sys.path.insert(0, str(Path(__file__).parent / "outputs"))
    try:
        from outputs_data import build_hostile
    finally:
        sys.path.pop(0)
    return build_hostile(tmp)


def _indexed(html: str) -> list[tuple[str, str, str]]:
    """What Material's search makes of a page body: (section id, title, text) per section
    with anything to find (a heading inside a left-out list gives an empty one)."""
    parser = SearchParser()
    parser.feed(html)
    parser.close()
    sections = [(section.id or "", "".join(section.title), "".join(section.text))
                for section in parser.data]
    return [s for s in sections if s[1].strip() or s[2].strip()]


@pytest.mark.parametrize("model", ["shipped", "generated", "hostile"])
def test_search_text_is_indexed_exactly_as_the_whole_body(model: str, tmp_path: Path) -> None:
    explainer = {"shipped": lambda: check(REPO / "data")[0],
                 "generated": lambda: _generated(tmp_path / "data"),
                 "hostile": lambda: _hostile(tmp_path / "data")}[model]()
    assert explainer is not None
    shrunk = 0
    for spec in plan(explainer):
        html = render_page(spec, explainer).html
        text = search_text(html)
        assert "data-search-exclude" not in text, spec.url
        assert _indexed(text) == _indexed(html), spec.url
        shrunk += len(text) < len(html)
    assert shrunk > 0
