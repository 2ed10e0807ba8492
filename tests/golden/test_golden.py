"""Golden files for our own HTML: every fragment and every generated page body.

Rendered from the small fixture data set (`tests/fixtures/valid/data`), so a change to a
template or to the renderer shows up as a reviewable diff. Only our fragments are covered, never
whole theme pages (those churn with every Material release). Regenerate after an intended change:

    TRADETALKS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from fixture_data import VALID_DATA
from tradetalks import render
from tradetalks.pages import plan
from tradetalks.validate import check

GOLDEN = Path(__file__).parent
UPDATE = os.environ.get("TRADETALKS_UPDATE_GOLDEN") == "1"
#: The build date the pages are rendered on ("in 5 days" depends on it): 2025-06-10.
BUILD_EPOCH = "1749513600"


@pytest.fixture(autouse=True)
def _built_on_a_fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)

_explainer, _ = check(VALID_DATA)
assert _explainer is not None, "the fixture data must be valid"
EXPLAINER = _explainer
SPECS = {spec.src_uri: spec for spec in plan(EXPLAINER)}


def _compare(path: Path, actual: str) -> None:
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} is missing: run with TRADETALKS_UPDATE_GOLDEN=1 to create it")
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(path), tofile="rendered"))
        pytest.fail(f"rendered HTML differs from {path.name} "
                    f"(TRADETALKS_UPDATE_GOLDEN=1 to accept):\n{diff}", pytrace=False)


@pytest.mark.parametrize("name", [n for n in render.FRAGMENTS if n != "references"])
def test_fragment(name: str) -> None:
    body = render.render_markers(f"<!-- tradetalks:{name} -->", EXPLAINER, "")
    _compare(GOLDEN / "fragments" / f"{name}.html", body.strip() + "\n")


@pytest.mark.parametrize("src_uri", sorted(SPECS))
def test_page_body(src_uri: str) -> None:
    rendered = render.render_page(SPECS[src_uri], EXPLAINER)
    name = src_uri.removesuffix(".md").replace("/", "--")
    _compare(GOLDEN / "pages" / f"{name}.html", rendered.html.strip() + "\n")
