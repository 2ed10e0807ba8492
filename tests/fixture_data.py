"""Paths to the fixture data, and `overlay_data` to build a changed copy of it, for any test.

A plain module with a unique name (not `conftest`) so tests can import it directly: several
folders have a `conftest.py`, and `from conftest import ...` finds whichever was loaded first.
`overlay_data(target, files)` copies the minimal valid data set (`tests/fixtures/valid/data`) to
`target` and lays `files` over it: str or bytes replace or add a file, `None` deletes one.
`generate_data` and `generated_explainer` give the benchmark's synthetic data (`bench/generate.py`)
at a scale where lists paginate.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tradetalks.model import Explainer

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID_DATA = FIXTURES / "valid" / "data"
INVALID = FIXTURES / "invalid"

Overlay = Mapping[str, str | bytes | None]


def generate_data(target: Path, participants: int, seed: int) -> Path:
    """Write `bench/generate.py`'s data for `participants` to `target`; returns `target`."""
    sys.path.insert(0, str(REPO))  # bench/ is not part of the installed package
    try:
        from bench.generate import generate
    finally:
        sys.path.remove(str(REPO))
    generate(target, participants=participants, seed=seed)
    return target


def generated_explainer(target: Path, participants: int, seed: int) -> Explainer:
    """`generate_data`, checked: the `Explainer` (the data have no problems)."""
    from tradetalks.validate import check

    explainer, problems = check(generate_data(target, participants, seed))
    assert explainer is not None, problems
    return explainer


def overlay_data(target: Path, files: Overlay, base: Path = VALID_DATA) -> Path:
    """Copy `base` to `target` and apply `files` (relative paths) over it; returns `target`."""
    shutil.copytree(base, target)
    for rel, content in files.items():
        path = target / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return target
