"""One strict MkDocs build of a generated explainer whose timeline paginates (350 events).

The in-process tests (tests/unit/test_pagination.py) cover the page plan and the HTML; this one
proves the whole site holds together once built: no broken link or anchor anywhere (hand-written
pages, feeds and the theme included), and every event on exactly one timeline year page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_site import _check_links

from fixture_data import REPO, generate_data
from tradetalks import urls
from tradetalks.validate import check

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data folder, built site) for 70 generated participants."""
    root = tmp_path_factory.mktemp("paginated")
    generate_data(root / "data", participants=70, seed=11)
    dest = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1749513600",
           "TRADETALKS_DATA_DIR": str(root / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    return root / "data", dest


def test_no_broken_links_or_anchors(paginated_site: tuple[Path, Path]) -> None:
    assert _check_links(paginated_site[1]) == []


def test_every_event_is_on_exactly_one_year_page(paginated_site: tuple[Path, Path]) -> None:
    data, site = paginated_site
    explainer, _ = check(data)
    assert explainer is not None and len(explainer.events) > urls.TIMELINE_PAGE_LIMIT
    found: list[str] = []
    for page in sorted((site / "timeline").glob("*/index.html")):
        found += re.findall(r'<article class="tt-event[^"]*" id="event-([^"]+)"',
                            page.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(explainer.events)
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'id="event-' not in timeline
    for page in urls.timeline_paging(explainer.timeline).pages:
        assert f'href="{page.url.removeprefix("timeline/")}"' in timeline


def test_every_quote_and_source_is_on_exactly_one_page(paginated_site: tuple[Path, Path]) -> None:
    data, site = paginated_site
    explainer, _ = check(data)
    assert explainer is not None
    paging = urls.site_paging(explainer)
    for kind, pattern in (("quotes", r'<figure class="tt-quote[^"]*" id="quote-([^"]+)"'),
                          ("sources", r'<li id="source-([^"]+)"')):
        list_paging = paging.of(kind)
        assert list_paging is not None and list_paging.pages, kind
        found: list[str] = []
        for page in list_paging.pages:
            found += re.findall(pattern, (site / page.url / "index.html").read_text("utf-8"))
        assert sorted(found) == sorted(explainer.collection(kind)), kind
        assert not re.findall(pattern, (site / kind / "index.html").read_text("utf-8"))
