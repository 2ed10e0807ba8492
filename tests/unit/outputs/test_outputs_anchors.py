"""anchors: each anchored list's map of where its records are now (read by moved-anchors.js)."""

from __future__ import annotations

import json
import re

import pytest
from outputs_data import SITE

from fixture_data import REPO, generated_explainer
from tradetalks import pages, render, urls
from tradetalks.model import Explainer
from tradetalks.outputs import anchors, build_outputs


@pytest.fixture(scope="module")
def paginated(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return generated_explainer(tmp_path_factory.mktemp("anchors") / "data", participants=70,
                               seed=5)


def _maps(explainer: Explainer) -> dict[str, dict[str, str]]:
    files = build_outputs(explainer, SITE)
    return {collection: json.loads(files[urls.anchors_url(collection)])
            for collection in urls.PAGED_LISTS}


def test_on_one_page_lists_every_record_is_on_the_list_page(seed: Explainer) -> None:
    maps = _maps(seed)
    assert maps["events"] == {event_id: "" for event_id in sorted(seed.events)}
    assert maps["sources"] == {"ap-london-talks-2025": ""}
    assert list(maps["quotes"]) == sorted(seed.quotes)


def test_on_paginated_lists_each_record_maps_to_the_page_that_shows_it(
        paginated: Explainer) -> None:
    maps = _maps(paginated)
    shown: dict[str, set[str]] = {}  # page URL -> ids of the records it shows (its anchors)
    for spec in pages.plan(paginated):
        if spec.kind in pages.LIST_PAGE_KINDS:
            html = render.render_page(spec, paginated).html
            shown[spec.url] = set(re.findall(r'<(?:article|figure|li) [^>]*?id="(?:event|quote|'
                                             r'source)-([a-z0-9-]+)"', html))
    for collection, by_id in maps.items():
        base = urls.RECORD_ANCHORS[collection][0]
        assert sorted(by_id) == sorted(paginated.collection(collection))
        assert all(page for page in by_id.values()), f"{collection} should be paginated"
        for record_id, page in by_id.items():
            assert record_id in shown[base + page], (collection, record_id, page)


def test_the_map_is_compact_json(paginated: Explainer) -> None:
    path, content = next(anchors.iter_files(paginated, SITE))
    assert path == "timeline/anchors.json"
    assert content.startswith(b'{"event-') and content.endswith(b'"}\n')
    assert b" " not in content and b"\n" not in content[:-1]


def test_the_script_knows_each_list_where_urls_puts_it() -> None:
    """moved-anchors.js cannot import `urls`: its prefix -> list map is checked against it."""
    script = (REPO / "docs" / "javascripts" / "moved-anchors.js").read_text("utf-8")
    lists = json.loads(re.search(r"var lists = (\{[^}]*\});", script).group(1))
    assert lists == {urls.RECORD_ANCHORS[c][1]: urls.RECORD_ANCHORS[c][0]
                     for c in urls.PAGED_LISTS}
