"""`outputs.catalogue`: the /data/ page's list is what the outputs write, each with a description.

The list is derived (Data Package resources, `atom.feed_paths`, the calendar), never kept by
hand: these tests hold it to exactly the files `iter_outputs` produces, less the anchors maps.
"""

from __future__ import annotations

import json

import pytest
from outputs_data import SITE

from tradetalks import pages, render, urls
from tradetalks.model import Explainer
from tradetalks.outputs import build_outputs, catalogue


@pytest.mark.parametrize("model", ["shipped", "rich"])
def test_every_published_file_is_listed_once(model: str, request: pytest.FixtureRequest) -> None:
    explainer: Explainer = request.getfixturevalue(model)
    listed = [d.path for d in catalogue.catalogue(explainer, SITE)]
    written = set(build_outputs(explainer, SITE))
    plumbing = {urls.anchors_url(c) for c in urls.PAGED_LISTS}
    assert len(listed) == len(set(listed))
    assert set(listed) == written - plumbing


def test_each_entry_has_a_title_a_format_and_a_one_line_description(shipped: Explainer) -> None:
    for download in catalogue.catalogue(shipped, SITE):
        assert download.title and download.format, download
        assert download.description.strip() and "\n" not in download.description, download
        assert download.group in {"data", "feed", "calendar"}


def test_feeds_name_their_subject(shipped: Explainer) -> None:
    feeds = {d.path: d for d in catalogue.feeds(shipped)}
    assert feeds["feeds/events.atom"].about == "events"
    he = feeds["feeds/participants/he-lifeng.atom"]
    assert (he.title, he.description, he.about) == (
        "He Lifeng", "Events with He Lifeng (summaries), and their corrections.", "participants")
    assert len(feeds) == 1 + len(shipped.topics) + len(shipped.participants)


def test_webcal_address() -> None:
    assert catalogue.webcal_url(SITE) == "webcal://example.org/talks/feeds/events.ics"
    assert catalogue.webcal_url("") is None


def test_the_data_package_states_the_licence_and_what_it_does_not_cover(
        shipped: Explainer) -> None:
    package = json.loads(build_outputs(shipped, SITE)["data/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["description"].endswith(
        "Licensed Creative Commons Attribution 4.0 International (CC-BY-4.0). Quotations and the "
        "articles they link to belong to their authors and publishers: the licence covers the "
        "facts as compiled here, not the words quoted or the articles cited.")


def test_the_data_page_lists_every_entry_with_licence_webcal_and_citation(
        shipped: Explainer) -> None:
    (spec,) = [s for s in pages.plan(shipped, SITE) if s.kind == "data"]
    assert (spec.url, spec.in_nav) == ("data/", True)
    html = render.render_page(spec, shipped).html
    for download in catalogue.catalogue(shipped, SITE):
        assert f'href="{pages.relative_url(spec.url, download.path)}"' in html, download.path
    assert 'href="webcal://example.org/talks/feeds/events.ics"' in html
    assert html.count('href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>') >= 3
    assert catalogue.CARVE_OUT in html.replace("&#39;", "'")
    assert (f"<p>{shipped.info.title}, {SITE}, data licensed CC BY 4.0, retrieved on the date "
            "you downloaded it.</p>") in html
