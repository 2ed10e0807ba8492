"""`.pre-commit-config.yaml`: local hooks running `make check` and the schema check on data changes.

The test reads the configuration the way pre-commit does (which files trigger each hook) and runs
each hook's command, on the repository and on a broken copy of the data, the way pre-commit
would from the repository root (this interpreter's environment standing for .venv/). The hook
other repositories use, `.pre-commit-hooks.yaml`, is run by pre-commit itself in tests/ci.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fixture_data import REPO

CONFIG = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS = {hook["id"]: hook for repo in CONFIG["repos"] for hook in repo["hooks"]}


def _triggers(hook_id: str, path: str) -> bool:
    return re.search(HOOKS[hook_id]["files"], path) is not None


def test_hooks_are_local_and_run_without_file_names() -> None:
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"]
    assert sorted(HOOKS) == ["tradetalks-check", "tradetalks-schema"]
    for hook in HOOKS.values():
        assert hook["language"] == "system"
        assert ".venv" not in hook["entry"]
        assert hook["pass_filenames"] is False  # one check of the whole data set


@pytest.mark.parametrize("path, check, schema", [
    ("data/participants.yml", True, False),
    ("data/events/part-001.yml", True, False),
    ("data/quotes.yaml", True, False),
    ("data/schema/quotes.schema.json", False, True),
    ("src/tradetalks/model.py", False, True),
    ("src/tradetalks/schema.py", False, True),
    ("src/tradetalks/models.py", False, False),
    ("docs/guide.md", False, False),
    ("olddata/participants.yml", False, False),
])
def test_which_changes_trigger_which_hook(path: str, check: bool, schema: bool) -> None:
    assert (_triggers("tradetalks-check", path), _triggers("tradetalks-schema", path)) == (
        check, schema)


def _run_hook(hook_id: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(HOOKS[hook_id]["entry"])
    assert argv[0] == "make"
    if not (cwd / "Makefile").exists():
        shutil.copy(REPO / "Makefile", cwd / "Makefile")
    bin_dir = Path(sys.executable).parent
    argv += [f"VENV={bin_dir.parent}", f"BIN={bin_dir}", "STAMP=.installed", "-o", ".installed"]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("hook_id", ["tradetalks-check", "tradetalks-schema"])
def test_hooks_pass_on_the_repository(hook_id: str) -> None:
    result = _run_hook(hook_id, REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_hook_blocks_a_commit_of_broken_data(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    quotes = tmp_path / "data" / "quotes" / "2025-h1.yml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace(
        "speaker: howard-lutnick", "speaker: howard-lutnik", 1), encoding="utf-8")
    result = _run_hook("tradetalks-check", tmp_path)
    assert result.returncode == 2  # make's code for a failed command: pre-commit stops on it
    assert "unknown participant 'howard-lutnik' (did you mean 'howard-lutnick'?)" in result.stdout


def test_schema_hook_blocks_stale_schemas(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "data" / "schema" / "topics.schema.json").write_text("{}\n", encoding="utf-8")
    result = _run_hook("tradetalks-schema", tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "data/schema/topics.schema.json: out of date (run: make schema)\n")
