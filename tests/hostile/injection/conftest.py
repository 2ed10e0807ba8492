"""Fixtures of the injection tests: the hostile data set and the sites built from it.

Builds are slow (seconds), so each site is built once per test session and shared by the site,
scan and browser tests: `hostile_site` from the data in `payloads.py`, `plain_site` from its
harmless twin (same records, plain text), `repo_site` from the repository's own data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
