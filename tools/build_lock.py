"""Write requirements-build.lock: the entries of requirements.lock that the site build needs.

Beside the flow, in the dependency tooling: CI's build-and-deploy job installs only what
`make build` runs (MkDocs, Material, this package's dependencies, the build's scan), not the
test tools, from a hash-locked file of its own. It is cut from requirements.lock rather than
resolved again, so its versions and hashes are those the tests ran with: an entry is kept when
it is required by `requirements.in` (uv writes `# via -r requirements.in`) or, transitively, by
a kept entry (`# via <name>`). `make lock` runs this after re-pinning; a test checks the result
against the installed packages' own metadata.

    python tools/build_lock.py [--check]    # --check: exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "requirements.lock"
BUILD = ROOT / "requirements-build.lock"
ROOTS = "-r requirements.in"
HEADER = ("# The site build's share of requirements.lock (same versions, same hashes), written by\n"
          "# tools/build_lock.py from the '# via' lines there: what requirements.in needs.\n"
          "# Do not edit: run `make lock`.\n")
_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", re.M)


def entries(lock: str) -> dict[str, str]:
    """Package name -> its whole entry (requirement, hashes, `# via` lines), in file order."""
    starts = [(m.start(), m.group(1).lower()) for m in _ENTRY.finditer(lock)]
    out = {}
    for i, (start, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lock)
        out[name] = lock[start:end].rstrip("\n") + "\n"
    return out


def required_by(entry: str) -> set[str]:
    """What an entry says requires it: `# via x` or a `# via` block of `#   x` lines."""
    via: set[str] = set()
    lines = entry.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("# via"):
            rest = stripped.removeprefix("# via").strip()
            if rest:
                via.add(rest)
            for follow in lines[i + 1:]:
                if not follow.strip().startswith("#   "):
                    break
                via.add(follow.strip().removeprefix("#").strip())
    return {v.lower() for v in via}


def build_closure(lock: str) -> dict[str, str]:
    """The entries requirements.in needs, directly or through another kept entry."""
    all_entries = entries(lock)
    kept: set[str] = set()
    grew = True
    while grew:
        grew = False
        for name, entry in all_entries.items():
            if name not in kept and required_by(entry) & (kept | {ROOTS}):
                kept.add(name)
                grew = True
    return {name: entry for name, entry in all_entries.items() if name in kept}


def render(lock: str) -> str:
    return HEADER + "".join(build_closure(lock).values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    wanted = render(FULL.read_text(encoding="utf-8"))
    if args.check:
        current = BUILD.read_text(encoding="utf-8") if BUILD.exists() else ""
        if current != wanted:
            print(f"{BUILD.name}: out of date (run: make lock)", file=sys.stderr)
            return 1
        return 0
    BUILD.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
