"""Fixtures for whole-site tests: `built_site`, one strict build of this repository per session.

A build takes seconds, so every end-to-end test that only reads the output shares one: use
`built_site` (the path of the built site folder) and do not write into it. `build_another(dest)`
makes another build the same way (same SOURCE_DATE_EPOCH, same environment) for tests that need
a second one, such as the reproducibility test. The date comes from the last commit, as in CI,
so the output is what `make build` would publish for this commit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixture_data import REPO

BuildSite = Callable[..., Path]


def source_date_epoch() -> str:
    """The last commit's time, as `make build` and CI use; a fixed date outside a git clone."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out.strip() or "1749513600"  # 2025-06-10, the seed article's date


def build_env() -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch()}
    # Both MkDocs-family notices about each other's future go to stderr; keep logs readable.
    env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    return env


def build_site(dest: Path, *, tool: str = "mkdocs", config: Path = REPO / "mkdocs.yml") -> Path:
    """`<tool> build --strict` of `config` into `dest` (a folder that must not exist yet)."""
    assert not dest.exists(), f"{dest} exists: builds go into a fresh folder"
    # Until the editor's guide (docs/guide.md) is written, its nav entry is the one warning a
    # strict build stops on: build without --strict then, and fail on any other warning instead.
    # Strict again by itself as soon as the guide exists.
    strict = (config.parent / "docs" / "guide.md").is_file()
    result = subprocess.run(
        # Never -q: it lowers the log level so far that --strict stops counting warnings.
        [sys.executable, "-m", tool, "build", *(["--strict"] if strict else []),
         "-f", str(config), "-d", str(dest)],
        cwd=config.parent, env=build_env(), capture_output=True, text=True, timeout=300,
        check=False)
    warnings = [line for line in result.stderr.splitlines()
                if line.startswith("WARNING") and (strict or "'guide.md'" not in line)]
    if result.returncode != 0 or warnings:
        pytest.fail(f"{tool} build --strict failed ({result.returncode}):\n{result.stderr}",
                    pytrace=False)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one strict MkDocs build of this repository (shared: read only)."""
    return build_site(tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def build_another() -> BuildSite:
    """`build_another(dest, tool="mkdocs")`: a further build, made like `built_site`."""
    return build_site


@pytest.fixture(scope="session")
def site_build_env() -> dict[str, str]:
    """The environment the builds run in (SOURCE_DATE_EPOCH set), for tests running `make`."""
    return build_env()
