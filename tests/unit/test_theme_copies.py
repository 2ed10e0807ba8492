"""Copies of Material's templates in overrides/ are contracts: each names the file it was copied
from and that file's SHA-256 (`{#- origin: material/templates/<path> sha256:<hex>`). When a
Material upgrade changes the original, this fails and says which copy to redo, instead of the
site silently keeping an old partial."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from fixture_data import REPO

ORIGIN = re.compile(r"\{#- origin: material/templates/(\S+) sha256:([0-9a-f]{64})")
MATERIAL = Path(material.__file__).parent / "templates"
#: overrides/ files that are ours, not copies: they extend the theme or are new.
OWN = {"main.html", "404.html", "partials/csp.html", "partials/palette.html"}


def _overrides() -> list[Path]:
    return sorted(p for p in (REPO / "overrides").rglob("*.html"))


@pytest.mark.parametrize("path", _overrides(), ids=lambda p: p.name)
def test_every_copy_names_its_origin_and_matches_it(path: Path) -> None:
    rel = path.relative_to(REPO / "overrides").as_posix()
    text = path.read_text(encoding="utf-8")
    origin = ORIGIN.search(text)
    if rel in OWN:
        assert origin is None, rel
        return
    assert origin, f"overrides/{rel} copies a Material template: name its origin and hash"
    original = MATERIAL / origin.group(1)
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == origin.group(2), (
        f"Material's {origin.group(1)} changed since it was copied into overrides/{rel}: copy "
        f"the new version, re-apply the change the copy's header describes, and record the new "
        f"hash {digest}")
