"""Reading the explainer as a reader would (issue #15): a timeline that can be scanned, newest
first, with a year bar one tap away; events whose details fold away and open from a link;
citation marks that open the original and name it on focus; search that finds the explainer,
not the editors' guide; a chart with every year labelled and no marks on top of each other;
a page that prints with its sources' addresses; the same pages readable in dark mode.
"""

from __future__ import annotations

import re

import pytest
import yaml
from browser_support import REPO, Trouble, open_page
from playwright.sync_api import expect

WIDTHS = {"phone": 375, "desktop": 1280}
EVENT = "london-talks-day-2"  # has an outcome, participants and topics to fold away


def _sized(browser, trouble: Trouble, width: int, **options):
    return open_page(browser, trouble, viewport={"width": width, "height": 800}, **options)


def _dates(page) -> list[str]:
    return page.eval_on_selector_all(".tt-timeline .tt-event__when time",
                                     "els => els.map(e => e.getAttribute('datetime'))")


def _sort_key(iso: str) -> str:
    # Newest first, an event known only to the month closes its month, and one known only to
    # the year closes its year (as the page groups them): pad them below the first day.
    return iso + "-00" if len(iso) == 7 else (iso + "-00-00" if len(iso) == 4 else iso)


def test_the_timeline_is_newest_first_and_oldest_first_is_one_click_away(page, site_url,
                                                                         trouble: Trouble):
    page.goto(site_url + "/timeline/")
    newest = _dates(page)
    assert len(newest) > 20
    assert [_sort_key(d) for d in newest] == sorted(map(_sort_key, newest), reverse=True)
    page.get_by_role("link", name="Oldest first").click()
    expect(page).to_have_url(site_url + "/timeline/oldest-first/")
    oldest = _dates(page)
    assert sorted(oldest) == sorted(newest) and oldest[0] == min(oldest)
    assert trouble.all() == []


def test_an_event_folds_its_details_without_javascript(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + "/timeline/")
    event = page.locator(f"#event-{EVENT}")
    outcome = event.locator(".tt-outcome")
    expect(event.locator(".tt-summary")).to_be_visible()
    expect(outcome).to_be_hidden()
    event.locator("summary").click()
    expect(outcome).to_be_visible()
    event.locator("summary").click()
    expect(outcome).to_be_hidden()


def test_a_link_to_an_event_opens_its_details(nojs_page, page, site_url):
    for reader in (nojs_page, page):  # the stylesheet without JavaScript, the script with it
        reader.goto(f"{site_url}/timeline/#event-{EVENT}")
        event = reader.locator(f"#event-{EVENT}")
        expect(event.locator(".tt-outcome")).to_be_visible()
        expect(event).to_be_in_viewport()
    # Jumping to another event on the same page opens that one too (the script).
    page.locator(".tt-overview__event").first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    more = page.locator(f"[id='{target}'] details.tt-event__more")
    if more.count():
        expect(more).to_have_attribute("open", "")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_year_bar_reaches_any_year_in_one_tap(browser, site_url, trouble: Trouble, width):
    context, page = _sized(browser, trouble, WIDTHS[width])
    page.goto(site_url + "/timeline/")
    years = page.locator(".tt-yearnav .tt-yearnav__year")
    assert years.count() >= 2
    for i in range(years.count()):
        year = years.nth(i).inner_text()
        page.locator(".tt-yearnav").get_by_role("link", name=year, exact=True).click()
        expect(page).to_have_url(re.compile(rf"#y{year}$"))
        expect(page.locator(f"#y{year}")).to_be_in_viewport()
        # The bar stays in view wherever the page has scrolled to.
        expect(page.locator(".tt-yearnav")).to_be_in_viewport()
    context.close()
    assert trouble.all() == []


def _source_urls() -> set[str]:
    urls = set()
    for path in sorted((REPO / "data" / "sources").glob("*.yml")):
        urls |= {s["url"] for s in yaml.safe_load(path.read_text("utf-8")).values() if "url" in s}
    return urls


def test_a_citation_mark_opens_the_original_and_names_it_on_focus(page, site_url,
                                                                  trouble: Trouble):
    page.goto(site_url + "/timeline/")
    mark = page.locator(".tt-summary a.tt-cite__mark[href^='http']").first
    href = mark.get_attribute("href")
    assert href in _source_urls()
    tip = mark.locator("xpath=following-sibling::span[1]")
    expect(tip).to_be_hidden()
    mark.focus()
    expect(tip).to_be_visible()
    name = mark.get_attribute("aria-label")
    assert name.startswith(f"Source {mark.inner_text()}: ")
    expect(tip).to_have_text(name.split(": ", 1)[1])
    assert trouble.all() == []


@pytest.mark.parametrize("query", ["rare earth", "He Lifeng"])
def test_search_finds_the_explainer_not_the_editors_guide(page, site_url, query):
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Search")
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert hrefs and not [h for h in hrefs if "/guide/" in h]
    # The guide is still one click away, from every page's footer.
    footer = page.locator(".tt-site-links")
    expect(footer.get_by_role("link", name="Editor's guide")).to_be_visible()


def test_the_chart_labels_every_year_and_no_mark_sits_on_another(browser, site_url,
                                                                 trouble: Trouble):
    context, page = _sized(browser, trouble, WIDTHS["phone"])
    page.goto(site_url + "/timeline/")
    years = page.locator(".tt-overview__year").all_inner_texts()
    event_years = {d[:4] for d in _dates(page)}
    assert sorted(years) == sorted(event_years)
    boxes = page.eval_on_selector_all(
        ".tt-overview__event", "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })")
    assert boxes
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5
                and b[1] < a[3] - 0.5]
    assert overlaps == []
    assert max(box[2] for box in boxes) <= WIDTHS["phone"]  # nothing clipped at the edge
    context.close()


def test_a_page_prints_with_its_details_open_and_its_sources_addresses(page, site_url):
    page.goto(site_url + "/topics/rare-earths/")
    page.emulate_media(media="print")
    event = page.locator(".tt-event").first
    expect(event.locator("details.tt-event__more > :not(summary)").first).to_be_visible()
    expect(page.locator(".tt-filter, .tt-yearnav, .md-sidebar--primary").first).to_be_hidden()
    link = page.locator(".tt-references a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after


def test_the_page_not_found_offers_a_way_on(page, site_url):
    page.goto(site_url + "/404.html")  # what GitHub Pages serves for an unknown address
    content = page.locator("article")
    for name in ("home page", "timeline"):
        expect(content.get_by_role("link", name=re.compile(name, re.I)).first).to_be_visible()


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_the_light_dark_switch_changes_colours_and_remembers_the_choice(page, site_url,
                                                                       trouble: Trouble):
    page.goto(site_url + "/timeline/")
    # Our switch, not Material's palette component (whose start-up restyles the whole page
    # three times: overrides/partials/palette.html).
    assert page.locator("[data-md-component='palette']").count() == 0
    assert _scheme(page) == "default"
    switch = page.locator("header").get_by_role("button", name="Switch to dark mode")
    expect(switch).to_be_visible()
    expect(page.locator("header").get_by_role("button", name="Switch to light mode")).to_be_hidden()
    switch.focus()
    page.keyboard.press("Enter")
    assert _scheme(page) == "slate"
    back = page.locator("header").get_by_role("button", name="Switch to light mode")
    expect(back).to_be_visible()
    expect(back).to_be_focused()  # the keyboard stays on the switch
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    page.goto(site_url + "/participants/")  # the choice holds on every page
    assert _scheme(page) == "slate"
    page.locator("header").get_by_role("button", name="Switch to light mode").click()
    assert _scheme(page) == "default"
    page.goto(site_url + "/")
    assert _scheme(page) == "default"
    assert trouble.all() == []  # the switch's inline script is allowed by the page's policy


def test_a_dark_system_gets_dark_pages_until_the_reader_chooses(browser, site_url,
                                                                trouble: Trouble):
    context, page = _sized(browser, trouble, WIDTHS["phone"], color_scheme="dark")
    page.goto(site_url + "/timeline/")
    assert _scheme(page) == "slate"
    page.emulate_media(color_scheme="light")  # the system switches to light: so does the page
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.locator("header").get_by_role("button", name="Switch to dark mode").click()
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")  # a choice made outranks the system from now on
    page.reload()
    assert _scheme(page) == "slate"
    context.close()
    assert trouble.all() == []


def test_without_javascript_there_is_no_switch_that_does_nothing(nojs_page, site_url):
    nojs_page.goto(site_url + "/")
    assert nojs_page.locator(".tt-palette__switch").count() == 2
    expect(nojs_page.locator(".tt-palette__switch").first).to_be_hidden()
    expect(nojs_page.locator(".tt-palette__switch").last).to_be_hidden()



def test_quotes_filter_by_speaker_and_by_topic_without_javascript(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + "/quotes/")
    page.locator("summary", has_text="By speaker").click()
    page.locator(".tt-quotes-by").get_by_role("link", name="Howard Lutnick").click()
    expect(page).to_have_url(site_url + "/participants/howard-lutnick/#quotes")
    quotes = page.locator(".tt-quote")
    assert quotes.count() > 0
    # Only his: his name is the page's, and no quote on it names another speaker.
    assert page.locator(".tt-quote .tt-quote__who a").count() == 0
    page.goto(site_url + "/quotes/")
    page.locator("summary", has_text="By topic").click()
    by = page.locator(".tt-quotes-by")
    by.get_by_role("link", name="Rare earths and critical minerals").click()
    expect(page).to_have_url(site_url + "/topics/rare-earths/#quotes")
    expect(page.locator("#quotes")).to_be_visible()


def test_a_topic_opens_with_each_side_s_newest_position(page, site_url):
    page.goto(site_url + "/topics/rare-earths/")
    for side in ("united-states", "china"):
        column = page.locator(f".tt-side--{side}")
        latest = column.locator(".tt-position--latest")
        expect(latest).to_be_in_viewport()
        newest = latest.locator("time").get_attribute("datetime")
        earlier = column.locator(".tt-positions time").evaluate_all(
            "els => els.map(e => e.getAttribute('datetime'))")
        assert all(d <= newest for d in earlier) and earlier == sorted(earlier, reverse=True)


def _box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_the_home_page_says_where_things_stand_before_anything_else(browser, site_url,
                                                                     trouble: Trouble):
    """Issue #14: at 1280×800 without scrolling, the latest development, an agreement with its
    status, the next deadline and the update date; on a phone, all of them before the chart."""
    essentials = [".tt-latest", ".tt-next-deadline", ".tt-standing dd:not(.tt-next-deadline) a",
                  ".tt-dateline time"]
    context, page = _sized(browser, trouble, WIDTHS["desktop"])
    page.goto(site_url + "/")
    for selector in essentials:
        box = _box(page, selector)
        assert box and box["y"] + box["height"] <= 800, selector
    status = page.locator(".tt-standing dd:not(.tt-next-deadline)").first
    expect(status.locator("xpath=preceding-sibling::dt[1]")).to_have_text(
        re.compile(r"In force|Agreed or proposed|Suspended|Expiry passed"))
    # The latest development and the next deadline each cite a source that opens.
    for selector in (".tt-latest", ".tt-next-deadline"):
        expect(page.locator(f"{selector} a.tt-cite__mark").first).to_have_attribute(
            "href", re.compile(r"^(https?://|#tt-ref-)"))
    context.close()
    context, page = _sized(browser, trouble, WIDTHS["phone"])
    page.goto(site_url + "/")
    chart = _box(page, ".tt-overview")
    for selector in essentials:
        assert _box(page, selector)["y"] < chart["y"], selector
    context.close()
    assert trouble.all() == []


def test_what_each_side_wants_is_on_the_home_page_without_a_click(page, site_url):
    page.goto(site_url + "/")
    wants = page.locator(".tt-wants__topic").first
    for side in ("united-states", "china"):
        position = wants.locator(f".tt-side--{side} p:not(.tt-side__name)").first
        expect(position).to_be_visible()
        expect(position).not_to_have_text("")
    expect(wants.locator("h3 a")).to_have_attribute("href", re.compile(r"topics/"))
    assert wants.locator("a.tt-cite__mark").count() >= 1
