"""`.pre-commit-hooks.yaml`: another repository runs the check through pre-commit.

`pre-commit try-repo` is what a repository adopting the hook does, minus the tag: from a separate
git repository holding only a data folder, pre-commit installs this package into an environment
of its own (from the package index, as it would anywhere) and runs the `tradetalks` entry point.
It passes on valid data and fails, with the located problem, on broken data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fixture_data import REPO, VALID_DATA

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_the_published_hook_needs_no_virtual_environment_of_ours() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "tradetalks-check", "tradetalks check", "python")
    assert hook["args"] == ["data"] and hook["pass_filenames"] is False


@pytest.fixture(scope="module")
def other_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("other-repo")
    _git(repo, "init", "-q")
    shutil.copytree(VALID_DATA, repo / "data")
    _git(repo, "add", "data")
    return repo


def _try_repo(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "tradetalks-check",
                           "--all-files", "--color", "never"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def test_try_repo_checks_another_repository_s_data(other_repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    good = _try_repo(other_repo, home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "check the explainer's data (tradetalks check)" in good.stdout
    assert "Passed" in good.stdout

    places = other_repo / "data" / "places.yml"
    places.write_text(places.read_text("utf-8").replace("country: GB", "country: NO_SUCH"),
                      encoding="utf-8")
    _git(other_repo, "add", "data")
    bad = _try_repo(other_repo, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "data/places.yml:" in bad.stdout
