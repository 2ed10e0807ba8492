"""Paths to the fixture data, and `overlay_data` to build a changed copy of it, for any test.

A plain module with a unique name (not `conftest`) so tests can import it directly: several
folders have a `conftest.py`, and `from conftest import ...` finds whichever was loaded first.
`overlay_data(target, files)` copies the minimal valid data set (`tests/fixtures/valid/data`) to
`target` and lays `files` over it: str or bytes replace or add a file, `None` deletes one.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID_DATA = FIXTURES / "valid" / "data"
INVALID = FIXTURES / "invalid"

Overlay = Mapping[str, str | bytes | None]


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
