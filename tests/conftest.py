"""Shared fixtures for every test folder: `make_data` builds a small, changed data folder.

`make_data({...})` copies the minimal valid data set (`tests/fixtures/valid/data`) into a fresh
temporary `data/` folder and lays the given files over it (see `fixture_data.overlay_data`).
Tests then change one thing and assert the exact problem it causes. Import paths and helpers from
`fixture_data`, not from here: `conftest` is an ambiguous module name across test folders.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import CHROMIUM_ARGS, INSTALL_HINT, find_chromium
from fixture_data import REPO, VALID_DATA, Overlay, overlay_data

__all__ = ["REPO", "VALID_DATA", "overlay_data"]  # kept for tests that import them from here


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """A factory: `make_data({"places.yml": "..."})` -> a data/ folder with that change."""
    counter = itertools.count()

    def make(files: Overlay | None = None) -> Path:
        return overlay_data(tmp_path / f"d{next(counter)}" / "data", files or {})

    return make


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:  # never a silent skip, in CI or on a developer's machine
        where = " (CI=true: a missing browser is a failure)" if os.environ.get("CI") else ""
        pytest.fail(INSTALL_HINT + where, pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the whole session (see `chromium` for why only one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
