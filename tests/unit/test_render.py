"""render: the escaping environment, the inline Markdown subset, dates and citations."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from markupsafe import Markup
from material.plugins.search.plugin import Parser as SearchParser

from fixture_data import REPO, VALID_DATA, generated_explainer
from tradetalks.dates import PartialDate
from tradetalks.model import Explainer, Role
from tradetalks.pages import plan
from tradetalks.render import (
    date_attr,
    date_label,
    inline,
    latest_role,
    paragraphs,
    render_page,
    role_at,
    role_period,
    search_text,
    source_tip,
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


@pytest.mark.parametrize(("date", "end", "label", "attr"), [
    ("2025-06-10", None, "10 June 2025", "2025-06-10"),
    ("2025-06", None, "June 2025", "2025-06"),
    (2025, None, "2025", "2025"),
    ("2025-06-09", "2025-06-10", "9–10 June 2025", "2025-06-09"),
    ("2025-06-30", "2025-07-02", "30 June – 2 July 2025", "2025-06-30"),
    ("2024-12-30", "2025-01-02", "30 December 2024 – 2 January 2025", "2024-12-30"),
])
def test_dates_are_shown_at_their_precision(date, end, label, attr) -> None:
    start = PartialDate.parse(date)
    assert date_label(start, PartialDate.parse(end) if end else None) == label
    assert date_attr(start) == attr


def test_a_plain_day_and_an_unknown_date_have_labels_too() -> None:
    assert date_label(dt.date(2025, 6, 10)) == "10 June 2025"
    assert date_label(None) == "date not known"


def _role(title: str, **dates: object) -> Role:
    return Role.model_validate({"title": title, "sources": ["s"], **dates})


def test_role_at_names_the_role_held_on_the_date_and_never_guesses() -> None:
    roles = [_role("Chairman", **{"from": 2017, "to": 2023}),
             _role("Vice Premier", **{"from": "2023-03"}),
             _role("Negotiator")]
    assert role_at(roles, dt.date(2020, 5, 1)).title == "Chairman"
    assert role_at(roles, PartialDate.parse("2025-06")).title == "Vice Premier"
    # Within the year a tenure starts or ends, the sources do not say which role was held.
    assert role_at(roles, dt.date(2023, 2, 1)) is None
    assert role_at(roles, PartialDate.parse(2023)) is None
    # An undated role never labels a date.
    assert role_at(roles[2:], dt.date(2025, 6, 10)) is None


def test_a_role_shown_held_as_of_a_day_labels_that_day_only() -> None:
    roles = [_role("Commerce Minister", as_of="2025-06-10")]
    assert role_at(roles, dt.date(2025, 6, 10)).title == "Commerce Minister"
    assert role_at(roles, dt.date(2025, 6, 11)) is None
    started = [_role("Vice Premier", **{"from": "2023-03"}, as_of="2025-06-10")]
    assert role_at(started, dt.date(2024, 1, 1)).title == "Vice Premier"
    assert role_at(started, dt.date(2025, 7, 1)) is None  # not known to be held any more


def test_the_latest_role_is_the_last_one_a_source_shows_and_never_a_former_one() -> None:
    assert latest_role([]) is None
    ended = _role("Chairman", **{"from": 2017, "to": 2023})
    assert latest_role([ended]) is None  # a former title is not shown as a current one
    assert latest_role([_role("Negotiator")]) is None  # undated: nothing says when
    roles = [_role("Vice Premier of the State Council", as_of="2025-06-07"), ended,
             _role("Vice Premier", as_of="2026-03-13"), _role("Politburo member", **{"from": 2022})]
    assert latest_role(roles).title == "Vice Premier"
    assert latest_role(roles[:2]).title == "Vice Premier of the State Council"


@pytest.mark.parametrize(("dates", "period"), [
    ({"from": 2023}, "2023–"),
    ({"from": 2017, "to": 2021}, "2017–2021"),
    ({"from": "2023-03"}, "from March 2023"),
    ({"from": "2023-03-12", "to": "2025-06"}, "12 March 2023 – June 2025"),
    ({"to": 2021}, "until 2021"),
    ({"as_of": "2025-06-10"}, "as of 10 June 2025"),
    ({"from": 2023, "as_of": "2025-06-10"}, "from 2023; as of 10 June 2025"),
    ({}, ""),
])
def test_role_periods_read_as_precisely_as_the_sources(dates: dict[str, object],
                                                       period: str) -> None:
    assert role_period(_role("T", **dates)) == period


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


#: Build days for pages that say where things stand: the fixture's last update, and later.
JUNE_2025, DECEMBER_2026 = "1749513600", "1796601600"  # 10 June 2025, 7 December 2026


def _fixture_page_on(url: str, epoch: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The fixture's page at `url` as built on the day `epoch` (SOURCE_DATE_EPOCH)."""
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    (spec,) = [s for s in plan(explainer) if s.url == url]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    return render_page(spec, explainer).html


def test_an_agreement_past_its_expiry_is_never_shown_in_force(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture's London framework is in force and due to expire in August 2025."""
    before = _fixture_page_on("agreements/london-framework/", JUNE_2025, monkeypatch)
    assert ">In force</span>" in before and "expires <time datetime=\"2025-08\">" in before
    after = _fixture_page_on("agreements/london-framework/", DECEMBER_2026, monkeypatch)
    assert ">In force</span>" not in after
    assert '<span class="tt-status-label tt-status-label--lapsed">Expiry passed</span>' in after
    assert ("was due to expire <time datetime=\"2025-08\">August 2025</time>; our sources, "
            "last checked <time datetime=\"2025-06-10\">10 June 2025</time>, do not say "
            "whether it was extended") in after


def test_event_lists_leave_their_sources_to_the_sources_pages() -> None:
    """The timeline lists no sources of its own: each mark opens its original, and a source with
    no public link is cited by a link to its entry on the Sources pages, which the mark says."""
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    bodies = {s.url: render_page(s, explainer).html for s in plan(explainer)
              if s.url in ("timeline/", "topics/tariffs/")}
    timeline = bodies["timeline/"]
    assert 'class="tt-references"' not in timeline and 'href="#tt-ref-' not in timeline
    assert ('href="../sources/#source-second-source" aria-label="Source 2: Second Wire, '
            '“A call between leaders”, 6 June 2025. No public link: see our page about this '
            'source."') in timeline
    assert 'listed on the <a href="../sources/">Sources</a> pages' in timeline
    # A record page still ends with its numbered list, which the marks point into.
    assert 'class="tt-references"' in bodies["topics/tariffs/"]


def test_an_agreement_page_says_when_a_deadline_passed_with_no_outcome_on_record(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture's tariff review was due on 15 July 2025 and records no outcome."""
    assert "Date passed" not in _fixture_page_on("agreements/", JUNE_2025, monkeypatch)
    assert ('<strong>Tariff review due</strong>. Officials are due to report on the tariffs. '
            '(<a href="london-framework/">London framework</a>) <span class="tt-outcome"><strong>'
            'Date passed</strong>: our sources do not say what happened.</span>'
            ) in _fixture_page_on("agreements/", DECEMBER_2026, monkeypatch)


def test_a_source_tip_is_one_line_whatever_the_title_holds() -> None:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    source = explainer.sources["fixture-source"].model_copy(
        update={"title": "Talks\n```\n{ onfocus=alert(1) }\nend"})
    assert source_tip(source) == ("Fixture Press, “Talks ``` { onfocus=alert(1) } end”, "
                                  "10 June 2025.")
