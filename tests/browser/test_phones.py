"""Phones and desktops: every page kind is photographed at 375 px and 1280 px wide into
test-artifacts/screenshots/ (for people to look at, and for CI to keep), and no page scrolls
sideways at 375 px.

The horizontal-scroll check is on the document (`scrollWidth <= innerWidth`): a wide table,
a long unbroken token or an SVG without max-width would each make a phone reader pan.
"""

from __future__ import annotations

import pytest
from browser_support import ARTIFACTS, PAGE_KINDS, Trouble, open_page
from playwright.sync_api import expect

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture
def sized_page(browser, trouble: Trouble, request):
    width = WIDTHS[request.param]
    context, page = open_page(browser, trouble, viewport={"width": width, "height": 800},
                              device_scale_factor=1)
    yield page
    context.close()


@pytest.mark.parametrize("sized_page", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_screenshot_and_no_sideways_scroll(sized_page, site_url, trouble: Trouble, kind):
    page = sized_page
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    width = page.viewport_size["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{kind}-{width}.png", full_page=True)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if width == WIDTHS["phone"]:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""",
            inner_width,
        )
        assert scroll_width <= inner_width, f"{scroll_width} > {inner_width}: {wide}"
    assert trouble.all() == []
