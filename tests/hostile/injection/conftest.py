"""Fixtures of the injection tests: the hostile data set and the sites built from it.

Builds are slow (seconds), so each site is built once per test session and shared by the site,
scan and browser tests: `hostile_site` from the data in `payloads.py`, `plain_site` from its
harmless twin (same records, plain text), `repo_site` from the repository's own data;
`site_at(name)` the repository's site for each folder in `SITE_URLS`, and `busy_month_site` one
whose sources/ splits a month into parts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fixture_data import VALID_DATA, overlay_data

from .payloads import write_hostile_data
from .sitebuild import build, copy_project


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_data(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, hostile_data: Path) -> Path:
    root = tmp_path_factory.mktemp("hostile-build")
    return build(copy_project(root / "project", hostile_data), root / "site")


@pytest.fixture(scope="session")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plain-build")
    data = write_hostile_data(root / "data", plain=True)
    return build(copy_project(root / "project", data), root / "site")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo-build")
    return build(copy_project(root / "project", None), root / "site")


#: The folders a site is published in that the policy must hold for: a server's root, GitHub
#: project sites under two repository names, and a custom domain's root.
SITE_URLS = {
    "root": "http://127.0.0.1:8000/",
    "tradetalks": "https://owner.github.io/tradetalks/",
    "another-name": "https://owner.github.io/another-name/",
    "some-repo": "https://owner.github.io/some-repo/",
    "custom-domain": "https://trade-talks.example/",
}
#: More sources in one month than a page of sources/ holds, so the month splits into parts.
BUSY_MONTH_SOURCES = 60


@pytest.fixture(scope="session")
def site_at(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`site_at(name)`: the repository's site built for `SITE_URLS[name]` (once per session)."""
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(f"site-{name}")
            built[name] = build(copy_project(root / "project", None), root / "site",
                                SITE_URLS[name])
        return built[name]

    return get


def write_busy_month(data: Path) -> Path:
    """The fixture data plus BUSY_MONTH_SOURCES sources published in June 2025, all cited by
    one event (an uncited source is a warning, fatal under --strict)."""
    ids = [f"busy-{n:03d}" for n in range(BUSY_MONTH_SOURCES)]
    sources = "".join(
        f"\n{source_id}:\n  publisher: Busy Wire\n  title: Report number {n}\n"
        f"  published: 2025-06-{1 + n % 28:02d}\n  language: en\n"
        for n, source_id in enumerate(ids))
    event = ("busy-month-roundup:\n  title: A month of reports\n  date: 2025-06-20\n"
             "  status: held\n  side: both\n  summary: Everything reported that month.\n"
             f"  sources: [{', '.join(ids)}]\n")
    overlay_data(data, {"sources.yml": (VALID_DATA / "sources.yml").read_text("utf-8") + sources,
                        "events/part-003.yml": event})
    return data


@pytest.fixture(scope="session")
def busy_month_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose sources/ splits June 2025 into parts, built under a GitHub project path."""
    root = tmp_path_factory.mktemp("busy-month")
    data = write_busy_month(root / "data")
    return build(copy_project(root / "project", data), root / "site",
                 SITE_URLS["another-name"])
