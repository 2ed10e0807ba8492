"""Hazards in docs/ that would publish the wrong thing, refused before anything is built.

Beside the flow, at the point where hand-written files meet generated ones (the hooks' `on_files`,
before MkDocs writes a page): given what docs/ holds and what the build generates, each as the
site path it is written to, this module lists every problem at once.

* A symbolic link anywhere under docs/: MkDocs follows it and publishes its target, which can
  be any file on the building machine (`docs/x.txt -> ~/.ssh/id_rsa`).
* A docs/ file written where a generated output goes (`docs/feeds/events.atom`,
  `docs/participants/he-lifeng.md`): one of the two would silently replace the other.
* Two outputs whose site paths differ only by letter case (`docs/About.md` and `docs/about.md`,
  or `docs/Timeline.md` and the generated `timeline/`): on a case-insensitive disk (macOS,
  Windows, many hosts' storage) one overwrites the other, so the published site depends on
  where it was built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def symlinks(docs_dir: Path) -> list[str]:
    """Every symbolic link under `docs_dir` (files and folders, not followed), as messages."""
    found = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs) + sorted(files):
            path = Path(folder) / name
            if path.is_symlink():
                rel = path.relative_to(docs_dir.parent).as_posix()
                found.append(f"{rel}: is a symbolic link; MkDocs would publish whatever it "
                             "points to (commit the file itself)")
    return sorted(found)


def collisions(docs: Mapping[str, str], generated: Mapping[str, str]) -> list[str]:
    """Problems between hand-written and generated outputs, sorted.

    `docs`: docs/-relative source path -> the site path it is written to;
    `generated`: site path -> what is generated there ('page', 'file')."""
    written_by = {dest: f"docs/{source}" for source, dest in docs.items()}

    def label(dest: str) -> str:
        return written_by.get(dest) or f"the generated {generated[dest]} {dest}"

    found = [f"docs/{source} would replace the generated {generated[dest]} {dest}; rename or "
             "remove it" for source, dest in docs.items() if dest in generated]
    by_case: dict[str, set[str]] = {}
    for dest in set(docs.values()) | set(generated):
        by_case.setdefault(dest.casefold(), set()).add(dest)
    for spellings in by_case.values():
        first, *others = sorted(spellings)
        found += [f"{label(other)} is published at {other}, which differs only by letter case "
                  f"from {first} ({label(first)}); rename one of them" for other in others]
    return sorted(found)
