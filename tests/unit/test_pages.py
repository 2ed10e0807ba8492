"""pages: the page plan and relative links."""

from __future__ import annotations

import posixpath

import pytest

from fixture_data import VALID_DATA
from tradetalks.pages import plan, relative_url
from tradetalks.validate import check


@pytest.mark.parametrize(("source", "target", "link"), [
    ("participants/he-lifeng/", "timeline/#event-x", "../../timeline/#event-x"),
    ("", "participants/x/", "participants/x/"),
    ("timeline/", "timeline/#event-x", "./#event-x"),
    ("participants/", "", "../"),
    ("", "", "./"),
    ("quotes/", "feeds/events.atom", "../feeds/events.atom"),
])
def test_relative_url(source: str, target: str, link: str) -> None:
    assert relative_url(source, target) == link


_URLS = ("", "./", "timeline/", "participants/", "participants/a/", "participants/b/",
         "participants/a", "topics/x/", "a/b/c/", "a/b/c/d.png", "feeds/events.atom",
         "feeds/participants/a.atom", "participants//a/", "../up/", "/abs/")


@pytest.mark.parametrize("source", _URLS)
def test_relative_url_path_part_matches_posixpath_relpath(source: str) -> None:
    # relative_url computes paths itself (posixpath.relpath calls os.getcwd per link): the same
    # answers as relpath for every pair, fragment or not.
    for target in _URLS:
        expected = posixpath.relpath(target or ".", source.rstrip("/") or ".")
        expected = "./" if expected == "." else expected + ("/" if target.endswith("/")
                                                              or not target else "")
        assert relative_url(source, target) == expected
        assert relative_url(source, f"{target}#f") == f"{expected}#f"


def test_plan_has_one_page_per_record_and_index_sorted() -> None:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    specs = plan(explainer)
    assert [s.src_uri for s in specs] == sorted(s.src_uri for s in specs)
    uris = {s.src_uri for s in specs}
    assert {f"participants/{pid}.md" for pid in explainer.participants} <= uris
    assert {f"topics/{tid}.md" for tid in explainer.topics} <= uris
    assert {"timeline/index.md", "quotes/index.md", "sources/index.md"} <= uris
    in_nav = {s.src_uri for s in specs if s.in_nav}
    # Every index is in the navigation but the timeline's other order, linked from the timeline.
    assert in_nav == {s.src_uri for s in specs if s.src_uri.endswith("index.md")} - {
        "timeline/oldest-first/index.md"}
    for spec in specs:
        if spec.record_id:
            assert spec.source_file is not None and spec.source_file.startswith("data/")


def test_every_page_kind_is_defined_once_and_jsonld_agrees() -> None:
    from tradetalks.outputs import jsonld
    from tradetalks.pages import KINDS, LIST_PAGE_KINDS, RECORD_KINDS
    assert {k for k, kind in KINDS.items() if kind.jsonld} == set(jsonld.PAGE_KINDS)
    assert RECORD_KINDS == {"participant": "participants", "topic": "topics",
                            "agreement": "agreements", "place": "places"}
    assert set(LIST_PAGE_KINDS) == {"timeline-page", "quotes-page", "sources-page"}
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    assert {s.kind for s in plan(explainer)} == set(KINDS) - {"page", *LIST_PAGE_KINDS}
