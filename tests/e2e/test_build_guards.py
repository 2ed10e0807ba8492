"""`make build` refuses what would make it run code or publish the wrong thing, before building.

A copy of the repository (as `test_reproducible` makes one) is changed one way at a time and
`make build` must fail with the problem named and leave no site/: a Python tag in mkdocs.yml
(refused before MkDocs reads the file: the command in it never runs), a symlink under docs/, a
docs/ file where a generated output goes, and two pages whose addresses differ only by case.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_reproducible import _copy_repo, _make_build

pytestmark = [pytest.mark.build,
              pytest.mark.skipif(shutil.which("make") is None, reason="needs make")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _copy_repo(tmp_path / "repo")


def _fails(repo: Path, env: dict[str, str]) -> str:
    result = _make_build(repo, env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert not (repo / "site").exists()
    return result.stderr


def test_a_python_tag_in_mkdocs_yml_is_refused_before_mkdocs_reads_it(
        repo: Path, site_build_env: dict[str, str]) -> None:
    flag = repo / "ran"
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f'evil: !!python/object/apply:os.system ["touch {flag}"]\n')
    stderr = _fails(repo, site_build_env)
    assert stderr.startswith("mkdocs.yml:")
    assert ("the Python tag !!python/object/apply:os.system would run code when MkDocs reads "
            "the file; remove it") in stderr
    assert "Building documentation" not in stderr
    assert not flag.exists()


def test_a_symlink_under_docs_is_refused(repo: Path, site_build_env: dict[str, str]) -> None:
    secret = repo.parent / "secret.txt"
    secret.write_text("not for publishing\n", encoding="utf-8")
    (repo / "docs" / "notes").mkdir()
    os.symlink(secret, repo / "docs" / "notes" / "secret.txt")
    stderr = _fails(repo, site_build_env)
    assert ("docs/ cannot be built: 1 problem (nothing was built)\n"
            "  docs/notes/secret.txt: is a symbolic link; MkDocs would publish whatever it "
            "points to (commit the file itself)\n") in stderr
    assert "build failed: no site/ was written" in stderr


def test_a_docs_file_shadowing_a_generated_output_is_refused(
        repo: Path, site_build_env: dict[str, str]) -> None:
    (repo / "docs" / "feeds").mkdir()
    (repo / "docs" / "feeds" / "events.atom").write_text("<feed/>\n", encoding="utf-8")
    stderr = _fails(repo, site_build_env)
    assert ("  docs/feeds/events.atom would replace the generated file feeds/events.atom; "
            "rename or remove it\n") in stderr


def test_pages_differing_only_by_case_are_refused(repo: Path,
                                                  site_build_env: dict[str, str]) -> None:
    (repo / "docs" / "Timeline.md").write_text("# Timeline, by hand\n", encoding="utf-8")
    stderr = _fails(repo, site_build_env)
    assert ("  the generated page timeline/index.html is published at timeline/index.html, "
            "which differs only by letter case from Timeline/index.html (docs/Timeline.md); "
            "rename one of them\n") in stderr
