"""Shared fixtures for every test folder: `make_data` builds a small, changed data folder.

`make_data({...})` copies the minimal valid data set (`tests/fixtures/valid/data`) into a fresh
temporary `data/` folder and lays the given files over it (see `fixture_data.overlay_data`).
Tests then change one thing and assert the exact problem it causes. Import paths and helpers from
`fixture_data`, not from here: `conftest` is an ambiguous module name across test folders.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from fixture_data import REPO, VALID_DATA, Overlay, overlay_data

__all__ = ["REPO", "VALID_DATA", "overlay_data"]  # kept for tests that import them from here


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """A factory: `make_data({"places.yml": "..."})` -> a data/ folder with that change."""
    counter = itertools.count()

    def make(files: Overlay | None = None) -> Path:
        return overlay_data(tmp_path / f"d{next(counter)}" / "data", files or {})

    return make
