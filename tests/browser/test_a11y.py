"""Accessibility: axe-core's WCAG 2.2 A and AA rules report zero violations on every page kind,
with JavaScript on (the state most readers see), and with Material's search dialog open.

axe-core comes from npm (node_modules/axe-core, pinned in package-lock.json) and is injected
into a context with `bypass_csp=True`, so a Content-Security-Policy meta cannot block it. No rule
is disabled: what axe finds is fixed in overrides/, the stylesheet or the templates.
"""

from __future__ import annotations

import json

import pytest
from browser_support import AXE_JS, PAGE_KINDS, WCAG_TAGS
from playwright.sync_api import expect


def _violations(page) -> list[dict]:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does)", pytrace=False)
    # Colours are judged once CSS transitions have finished: mid-fade (the search dialog opening
    # on a loaded machine) axe measures a blend that no reader sees for longer than a blink.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            why = node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"    {json.dumps(node['target'])}: {why}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_wcag_violations(axe_page, site_url, kind):
    axe_page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    violations = _violations(axe_page)
    assert not violations, _report(violations)


@pytest.mark.parametrize("kind", ["home", "timeline", "profile"])
def test_no_wcag_violations_on_a_phone(axe_page, site_url, kind):
    """At 375 px the layout changes (drawer, stacked sides, a scrolling overview)."""
    axe_page.set_viewport_size({"width": 375, "height": 800})
    axe_page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    violations = _violations(axe_page)
    assert not violations, _report(violations)


@pytest.mark.parametrize("kind", ["home", "timeline", "profile", "topic", "quotes", "sources"])
def test_no_wcag_violations_in_dark_mode(axe_dark_page, site_url, kind):
    """Colours chosen for a white page must keep their contrast on Material's dark one."""
    page = axe_dark_page
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    violations = _violations(page)
    assert not violations, _report(violations)


@pytest.mark.parametrize("query", ["", "He Lifeng"])
def test_no_wcag_violations_with_the_search_dialog_open(axe_page, site_url, query):
    page = axe_page
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    # Named dialog (axe's aria-dialog-name is a best practice, not a WCAG rule: checked here).
    expect(page.get_by_role("dialog", name="Search")).to_be_visible()
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    if query:
        box.press_sequentially(query)
        expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    violations = _violations(page)
    assert not violations, _report(violations)
