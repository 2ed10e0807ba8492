"""head: the escaped <head> extras of each page (social tags, feed and calendar links, JSON-LD)."""

from __future__ import annotations

import json
import re

import pytest

from fixture_data import VALID_DATA
from tradetalks.head import page_head
from tradetalks.model import Explainer
from tradetalks.pages import plan
from tradetalks.validate import check

SITE = "https://example.org/talks/"


@pytest.fixture(scope="module")
def fixture() -> Explainer:
    explainer, _ = check(VALID_DATA)
    assert explainer is not None
    return explainer


def _spec(explainer: Explainer, url: str):  # type: ignore[no-untyped-def]
    return next(s for s in plan(explainer, SITE) if s.url == url)


def test_a_profile_has_its_feed_the_calendar_and_a_person_node(fixture: Explainer) -> None:
    spec = _spec(fixture, "participants/bo-li/")
    head = str(page_head(fixture, spec, spec.url, SITE, "Site", spec.description))
    assert '<meta property="og:type" content="website">' in head
    assert ('<link rel="alternate feed" type="application/atom+xml" title="Events with Bo Li" '
            'href="../../feeds/participants/bo-li.atom">') in head
    assert '<link rel="alternate feed" type="text/calendar"' in head
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    nodes = json.loads(data)
    assert nodes[0]["@context"] == "https://schema.org" and nodes[0]["name"] == "Bo Li"


def test_the_home_page_is_an_article(fixture: Explainer) -> None:
    spec = _spec(fixture, "")
    head = str(page_head(fixture, spec, "", SITE, "Site", spec.description))
    assert '<meta property="og:type" content="article">' in head
    assert '"NewsArticle"' in head


def test_a_hand_written_page_has_no_structured_data_of_its_own(fixture: Explainer) -> None:
    head = str(page_head(fixture, None, "about/", SITE, "Site", 'About <"us">'))
    assert "application/ld+json" not in head
    assert 'content="About &lt;&#34;us&#34;&gt;"' in head


def test_pages_without_a_fitting_schema_type_have_none(fixture: Explainer) -> None:
    spec = _spec(fixture, "agreements/london-framework/")
    head = str(page_head(fixture, spec, spec.url, SITE, "Site", spec.description))
    assert "application/ld+json" not in head and 'content="article"' in head
