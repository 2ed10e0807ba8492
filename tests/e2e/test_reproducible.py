"""Reproducible, contained builds, and the ProperDocs canary.

* Two strict builds of this commit with the same SOURCE_DATE_EPOCH are byte-identical: what CI
  publishes can be rebuilt and checked by anyone.
* `make build` writes into a fresh folder and moves it to site/ only when the build succeeded: bad
  data leaves no site/ (not even yesterday's) that a deploy step could publish.
* ProperDocs, the maintained fork of MkDocs 1.x, builds the same site from the same config. The
  only difference allowed is the generator <meta> tag each tool writes into every page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixture_data import REPO

pytestmark = pytest.mark.build

# What a build reads, so a copy of them builds (and fails) like the repository itself.
SITE_INPUTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data", "src", "Makefile",
               "pyproject.toml", "requirements.lock", "package.json", "package-lock.json",
               "tools")
BuildSite = Callable[..., Path]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    only_a = [f"only in the first: {name}" for name in sorted(a.keys() - b.keys())]
    only_b = [f"only in the second: {name}" for name in sorted(b.keys() - a.keys())]
    changed = [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return only_a + only_b + changed


def test_two_builds_of_the_same_commit_are_byte_identical(
        built_site: Path, build_another: BuildSite, tmp_path: Path) -> None:
    first = _files(built_site)
    second = _files(build_another(tmp_path / "site"))
    assert "index.html" in first and len(first) > 10
    assert _differences(first, second) == []


def test_the_comparison_sees_a_changed_byte(built_site: Path) -> None:
    files = _files(built_site)
    changed = {**files, "index.html": files["index.html"] + b" "}
    del changed["404.html"]
    assert _differences(files, changed) == ["only in the first: 404.html", "differs: index.html"]


def _copy_repo(dest: Path) -> Path:
    dest.mkdir()
    for name in SITE_INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def _make_build(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Use this interpreter's environment as the Makefile's venv, and tell make the install stamp
    # is up to date (-o) so it builds without installing anything.
    bin_dir = Path(sys.executable).parent
    args = ["make", "-s", "build", f"VENV={bin_dir.parent}", f"BIN={bin_dir}",
            "STAMP=.installed", "-o", ".installed"]
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_build_moves_a_site_into_place_only_when_the_build_succeeds(
        tmp_path: Path, site_build_env: dict[str, str]) -> None:
    repo = _copy_repo(tmp_path / "repo")
    guide = repo / "docs" / "guide.md"
    if not guide.exists():  # not written yet (see conftest.build_site); the Makefile is strict
        guide.write_text("# Editor's guide\n", encoding="utf-8")
    good = _make_build(repo, site_build_env)
    assert good.returncode == 0, good.stderr
    assert (repo / "site" / "index.html").is_file()

    with (repo / "data" / "events.yml").open("a", encoding="utf-8") as events:
        events.write("\nbroken-event:\n  title: [unclosed\n")
    bad = _make_build(repo, site_build_env)
    assert bad.returncode != 0
    assert "Invalid data: 1 problem (nothing was built)" in bad.stderr
    assert "data/events.yml:" in bad.stderr
    assert "build failed: no site/ was written" in bad.stderr
    # Neither the failed build nor the earlier good one is left to be published.
    assert sorted(p.name for p in repo.iterdir()) == sorted(SITE_INPUTS)


def test_properdocs_builds_the_same_pages(built_site: Path, build_another: BuildSite,
                                         tmp_path: Path) -> None:
    mkdocs = _files(built_site)
    properdocs = _files(build_another(tmp_path / "site", tool="properdocs"))
    generators = {m.group() for content in properdocs.values()
                  for m in GENERATOR.finditer(content)}
    assert all(g.startswith(b'<meta name="generator" content="mkdocs-ProperDocs ')
               for g in generators), generators

    def without_generator(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name: GENERATOR.sub(b"", content) for name, content in files.items()}

    assert sorted(properdocs) == sorted(mkdocs)
    assert _differences(without_generator(mkdocs), without_generator(properdocs)) == []
