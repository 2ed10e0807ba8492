"""tools/check_repo.py: no symlinks, no paths equal but for letter case, in this repository.

The checker runs as the command CI would run, on the real repository and on a throwaway git
repository that has each kind of problem.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "check_repo.py"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _check(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), str(repo)], capture_output=True, text=True,
                          timeout=60, check=False)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("hi\n", encoding="utf-8")
    return tmp_path


def test_this_repository_is_clean() -> None:
    result = _check(ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_clean_repository_passes(repo: Path) -> None:
    _git(repo, "add", ".")
    assert _check(repo).returncode == 0


def test_symlinks_are_refused_committed_or_not(repo: Path) -> None:
    os.symlink("events.yml", repo / "data" / "linked.yml")
    os.symlink("/etc", repo / "outside")
    _git(repo, "add", "data")
    result = _check(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/linked.yml: is a symbolic link (commit the file itself)",
        "outside: is a symbolic link (commit the file itself)",
    ]


def test_a_symlink_recorded_in_git_is_refused_even_if_checked_out_as_a_file(repo: Path) -> None:
    # With core.symlinks=false (Windows) git writes the link as a text file; the index knows.
    blob = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"],
                          input="events.yml", capture_output=True, text=True,
                          check=True).stdout.strip()
    _git(repo, "update-index", "--add", "--cacheinfo", f"120000,{blob},data/alias.yml")
    (repo / "data" / "alias.yml").write_text("events.yml", encoding="utf-8")
    assert _check(repo).stdout == "data/alias.yml: is a symbolic link (commit the file itself)\n"


def test_names_equal_but_for_case_are_refused_for_files_and_folders(repo: Path) -> None:
    (repo / "data" / "Events.yml").write_text("a: 1\n", encoding="utf-8")
    (repo / "Data").mkdir()
    (repo / "Data" / "other.yml").write_text("b: 2\n", encoding="utf-8")
    (repo / "readme.md").write_text("hi\n", encoding="utf-8")
    _git(repo, "add", "data", "README.md")  # the others are found while still untracked
    result = _check(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/events.yml: differs only by letter case from data/Events.yml",
        "data: differs only by letter case from Data",
        "readme.md: differs only by letter case from README.md",
    ]


def test_ignored_files_are_not_looked_at(repo: Path) -> None:
    (repo / ".gitignore").write_text("/build/\n", encoding="utf-8")
    (repo / "build").mkdir()
    os.symlink("/etc", repo / "build" / "link")
    _git(repo, "add", ".")
    assert _check(repo).returncode == 0
