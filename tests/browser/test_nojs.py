"""Without JavaScript: every page kind shows its content, and the per-topic and per-participant
timelines (the no-JS stand-in for /timeline/'s filters) are reachable by following links.

Runs in a Chromium context with `java_script_enabled=False`, so neither Material's bundle nor
timeline-filter.js runs: what a reader sees is the static HTML the build wrote.
"""

from __future__ import annotations

import pytest
from browser_support import PAGE_KINDS, Trouble
from playwright.sync_api import expect

# Text each page kind must show as visible content (from the shipped data/ and docs/).
EXPECTED_TEXT = {
    "home": "Who is at the table",
    "timeline": "London talks end with a framework agreed in principle",
    "timeline-filtered": "London talks end with a framework agreed in principle",
    "participants": "He Lifeng",
    "profile": "何立峰",
    "organisation": "He Lifeng",
    "topics": "Rare earths and critical minerals",
    "topic": "London talks open at Lancaster House",
    "places": "Lancaster House",
    "place": "London talks open at Lancaster House",
    "quotes": "If we don’t open up China, maybe we won’t do anything.",
    "sources": "Publication date not known",
    "corrections": "Corrections",
    "data": "How to cite",
    "about": "About",
    "guide": "participants.yml",
    "not-found": "Page not found",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_shows_its_content(nojs_page, site_url, trouble: Trouble, kind):
    page = nojs_page
    response = page.goto(site_url + PAGE_KINDS[kind])
    assert response is not None and response.ok
    content = page.locator("article.md-content__inner")
    expect(content.locator("h1")).to_be_visible()
    expect(content.get_by_text(EXPECTED_TEXT[kind]).filter(visible=True).first).to_be_visible()
    assert trouble.all() == []


def test_the_timeline_lists_every_event_and_hides_the_js_filter(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + "/timeline/?topic=rare-earths")  # the query needs JS: ignored
    expect(page.locator("#tt-filter")).to_be_hidden()
    events = page.locator(".tt-timeline .tt-event")
    assert events.count() > 0
    for i in range(events.count()):
        expect(events.nth(i)).to_be_visible()


def _event_ids(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.id)")


def _full_timeline(page, site_url) -> dict[str, tuple[set[str], set[str]]]:
    page.goto(site_url + "/timeline/")
    return {
        e["id"]: (set(e["topics"].split()), set(e["participants"].split()))
        for e in page.eval_on_selector_all(
            ".tt-timeline .tt-event",
            "els => els.map(e => ({id: e.id, topics: e.dataset.topics,"
            " participants: e.dataset.participants}))",
        )
    }


def test_a_topics_timeline_is_reachable_by_links(nojs_page, site_url):
    page = nojs_page
    everything = _full_timeline(page, site_url)
    page.locator(".tt-noscript-hint").get_by_role("link", name="topic").click()
    expect(page).to_have_url(site_url + "/topics/")
    topic = page.locator("article").get_by_role("link", name="Rare earths and critical minerals")
    topic.first.click()
    expect(page).to_have_url(site_url + "/topics/rare-earths/")
    shown = _event_ids(page, ".tt-timeline .tt-event")
    expected = [eid for eid, (topics, _) in everything.items() if "rare-earths" in topics]
    assert sorted(shown) == sorted(expected) and shown


def test_a_participants_timeline_is_reachable_by_links(nojs_page, site_url):
    page = nojs_page
    everything = _full_timeline(page, site_url)
    page.locator(".tt-noscript-hint").get_by_role("link", name="participant").click()
    expect(page).to_have_url(site_url + "/participants/")
    page.locator("article").get_by_role("link", name="He Lifeng").first.click()
    expect(page).to_have_url(site_url + "/participants/he-lifeng/")
    shown = _event_ids(page, ".tt-timeline .tt-event")
    expected = [eid for eid, (_, people) in everything.items() if "he-lifeng" in people]
    assert sorted(shown) == sorted(expected) and shown


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_skip_to_content_lands_on_something_visible(nojs_page, site_url, kind):
    """Material's skip link targets the first table-of-contents entry: it must be shown even
    without JavaScript (the timeline's filter heading, hidden then, used to be that entry)."""
    page = nojs_page
    page.goto(site_url + PAGE_KINDS[kind])
    skip = page.locator("a.md-skip")
    if skip.count() == 0:
        return  # a page without headings has no skip link
    target = skip.get_attribute("href")
    assert target.startswith("#")
    expect(page.locator(f"[id='{target[1:]}']")).to_be_visible()
