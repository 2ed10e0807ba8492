"""Refuse repository paths that break on some machines: symlinks, and names equal but for case.

A guard beside the flow, run by the test suite (tests/test_repo.py) so CI enforces it. A symlink
can point a build or a data file outside the repository, and checks out as a plain text file on
Windows; two paths that differ only by letter case (`data/Events.yml` and `data/events.yml`, or
folders `Docs/` and `docs/`) silently overwrite each other on macOS and Windows, so an editor
there would see a different site from CI's. The validator refuses the same things under data/;
this covers every file git knows of, committed or not yet added (ignored files excepted).

    python tools/check_repo.py [REPO_DIR]      # exit 0 clean, 1 with one line per problem
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

SYMLINK_MODE = "120000"


def _git(root: Path, *args: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def repo_paths(root: Path) -> tuple[list[str], set[str]]:
    """Every path git tracks or would add, and the tracked ones recorded as symlinks."""
    staged = _git(root, "ls-files", "-z", "--stage")
    linked = set()
    for entry in staged:
        meta, path = entry.split("\t", 1)
        if meta.split()[0] == SYMLINK_MODE:
            linked.add(path)
    paths = {entry.split("\t", 1)[1] for entry in staged}
    paths.update(_git(root, "ls-files", "-z", "--others", "--exclude-standard"))
    return sorted(paths), linked


def problems(root: Path) -> list[str]:
    """One line per offending path, sorted; empty when the repository is clean."""
    paths, linked = repo_paths(root)
    found = []
    for path in paths:
        if path in linked or (root / path).is_symlink():
            found.append(f"{path}: is a symbolic link (commit the file itself)")
    # Every file and every folder above it: `Docs/a.md` and `docs/b.md` collide on `docs`.
    spellings: dict[str, set[str]] = {}
    for path in paths:
        pure = PurePosixPath(path)
        for name in [path, *(str(parent) for parent in pure.parents if str(parent) != ".")]:
            spellings.setdefault(name.lower(), set()).add(name)
    for names in spellings.values():
        if len(names) > 1:
            first, *others = sorted(names)
            found.extend(f"{other}: differs only by letter case from {first}" for other in others)
    return sorted(found)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    found = problems(args.root)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
