"""Reader journeys through the built site in Chromium, with JavaScript on.

A reader follows links from the home page down to a quote's source; searches in Material's
search dialog (which loads search/search_index.json in a web worker) for a name in both scripts
and for a word from a quote; shares and reloads a filtered timeline; drives the filters with the
keyboard alone. Every page kind is also loaded once to prove it logs no console error, throws
nothing and requests nothing that fails.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_support import PAGE_KINDS, Trouble
from playwright.sync_api import expect


def _visible_event_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#tt-filter ~ ol .tt-event, .tt-timeline .tt-event",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.id)",
    )


def test_home_to_a_quotes_source(page, site_url, trouble: Trouble):
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Timeline").click()
    expect(page).to_have_url(site_url + "/timeline/")

    page.get_by_label("Topic", exact=True).select_option("tariffs")
    expect(page).to_have_url(site_url + "/timeline/?topic=tariffs")
    expect(page.locator(".tt-filter__status")).to_contain_text("Showing")
    shown = _visible_event_ids(page)
    assert "event-london-talks-day-2" in shown
    assert all(
        "tariffs" in page.get_attribute(f"#{eid}", "data-topics").split() for eid in shown
    )

    event = page.locator("#event-london-talks-day-2")
    event.get_by_role("link", name="London talks end with a framework agreed in principle").click()
    expect(page).to_have_url(re.compile(r"/timeline/\?topic=tariffs#event-london-talks-day-2$"))
    expect(event).to_be_in_viewport()

    event.get_by_role("link", name="Howard Lutnick").click()
    expect(page).to_have_url(site_url + "/participants/howard-lutnick/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Howard Lutnick")

    quote = page.locator("#quote-lutnick-going-well")
    expect(quote).to_contain_text("going well")
    quote.get_by_role("link", name="Link to this quote").click()
    expect(page).to_have_url(site_url + "/quotes/#quote-lutnick-going-well")

    on_quotes = page.locator("#quote-lutnick-going-well")
    # The seed article has no public link: its mark says so and opens the page's reference.
    mark = on_quotes.get_by_role("link", name=re.compile(r"^Source \d+: Associated Press, "
                                                         r"“U\.S\.-China Trade Talks"))
    expect(mark).to_contain_text(re.compile(r"^\d+$"))
    mark.click()
    expect(page).to_have_url(re.compile(r"/quotes/#tt-ref-\d+$"))
    ref = page.locator(page.evaluate("location.hash"))
    expect(ref).to_contain_text("U.S.-China Trade Talks Continue in London")
    ref.get_by_role("link", name="About this source").click()
    expect(page).to_have_url(site_url + "/sources/2025/06/#source-ap-london-talks-2025")
    source = page.locator("#source-ap-london-talks-2025")
    expect(source).to_contain_text("Jill Lawless")
    expect(source).to_contain_text("Associated Press")
    assert trouble.all() == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("He Lifeng", "/participants/he-lifeng/"),
        ("何立峰", "/participants/he-lifeng/"),
        ("anticipated", "/quotes/"),
        ("anticipated", "/participants/howard-lutnick/"),
    ],
)
def test_search_finds_the_right_pages(page, site_url, trouble: Trouble, query, expected):
    page.goto(site_url + "/", wait_until="networkidle")  # the worker has its index
    page.keyboard.press("/")  # Material's shortcut for the search dialog
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    # Material reads the query on keyup, so type it as a reader would. Characters outside the
    # keyboard layout (何立峰) arrive as text input without a keyup; an IME user commits them with
    # a key, which the final End press stands for.
    box.press_sequentially(query, delay=20)
    box.press("End")
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    hrefs = {
        urlsplit(h).path
        for h in page.locator(".md-search-result__item a").evaluate_all(
            "els => els.map(a => a.href)"
        )
    }
    assert expected in hrefs, sorted(hrefs)
    assert trouble.all() == []


def test_a_filtered_timeline_url_reloads_with_its_filter(page, site_url, trouble: Trouble):
    url = site_url + "/timeline/?topic=rare-earths&participant=he-lifeng"
    page.goto(url)
    expect(page.get_by_label("Topic", exact=True)).to_have_value("rare-earths")
    expect(page.get_by_label("Participant", exact=True)).to_have_value("he-lifeng")
    shown = _visible_event_ids(page)
    total = page.locator(".tt-timeline .tt-event").count()
    assert 0 < len(shown) < total
    expect(page.locator(".tt-filter__status")).to_have_text(
        f"Showing {len(shown)} of {total} events."
    )
    page.reload()
    expect(page).to_have_url(url)
    expect(page.get_by_label("Topic", exact=True)).to_have_value("rare-earths")
    expect(page.get_by_label("Participant", exact=True)).to_have_value("he-lifeng")
    assert _visible_event_ids(page) == shown
    for eid in shown:
        article = page.locator(f"#{eid}")
        assert "rare-earths" in article.get_attribute("data-topics").split()
        assert "he-lifeng" in article.get_attribute("data-participants").split()
    assert trouble.all() == []


def _tab_to(page, selector: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reachable with Tab")


def test_the_filters_work_with_the_keyboard_alone(page, site_url, trouble: Trouble):
    page.goto(site_url + "/timeline/")
    total = page.locator(".tt-timeline .tt-event").count()
    _tab_to(page, "#tt-filter-topic")
    page.keyboard.press("ArrowDown")  # the first topic after "All topics"
    first_topic = page.eval_on_selector("#tt-filter-topic", "s => s.options[1].value")
    expect(page).to_have_url(f"{site_url}/timeline/?topic={first_topic}")
    shown = _visible_event_ids(page)
    assert len(shown) < total
    expect(page.locator(".tt-filter__status")).to_have_text(
        f"Showing {len(shown)} of {total} events."
    )
    # The focus ring must be visible on the control the keyboard is on.
    outline = page.eval_on_selector(
        "#tt-filter-topic",
        "s => getComputedStyle(s).outlineStyle + ' ' + s.matches(':focus-visible')",
    )
    assert outline.split()[0] != "none" and outline.endswith("true"), outline

    _tab_to(page, "#tt-filter button[type=reset]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "/timeline/")
    expect(page.locator(".tt-filter__status")).to_have_text(f"Showing all {total} events.")
    assert len(_visible_event_ids(page)) == total
    assert trouble.all() == []


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_console_error_or_failed_request(page, site_url, trouble: Trouble, kind):
    response = page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert response is not None and response.ok
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    assert trouble.all() == []
