"""Refuse a MkDocs configuration that would run code while it is read: Python tags in mkdocs.yml.

A guard before the flow: `make build`, `make serve` and `make test` (and so CI) run it before
MkDocs opens the file. MkDocs reads its configuration with PyYAML's unsafe loader, so a line such
as `x: !!python/object/apply:os.system [...]` (or `!!python/name:`, `!!python/module:`, and the
same tags spelt in full or through a `%TAG` directive) runs code at build time, on a developer's
machine or in CI, from nothing more than a pull request. The file is only parsed here (events,
never objects), so nothing in it runs; files it inherits from (`INHERIT:`) are checked too.

    python tools/check_config.py [mkdocs.yml]    # exit 0 clean, 1 with one line per tag
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

PYTHON_TAG = "tag:yaml.org,2002:python/"


def _shown(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith(PYTHON_TAG) else tag


def _inherits(path: Path) -> Path | None:
    """The file named by a top-level `INHERIT:` key, read without constructing anything else."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # MkDocs reports it; this guard is about tags only
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
                return path.parent / value.value
    return None


def problems(path: Path) -> list[str]:
    """One line per Python tag in `path` and the files it inherits from, in file order."""
    found: list[str] = []
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None and current.resolve() not in seen and current.is_file():
        seen.add(current.resolve())
        try:
            for event in yaml.parse(current.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
                tag = getattr(event, "tag", None)
                if tag and tag.startswith(PYTHON_TAG):
                    mark = event.start_mark
                    found.append(f"{current}:{mark.line + 1}:{mark.column + 1}: the Python tag "
                                 f"{_shown(tag)} would run code when MkDocs reads the file; "
                                 "remove it")
        except yaml.YAMLError as error:
            # A parse error after the tags seen so far: MkDocs stops on it too, before building.
            found.append(f"{current}: not valid YAML, so it cannot be checked: "
                         f"{' '.join(str(error).split())}")
            break
        current = _inherits(current)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    if not args.config.is_file():
        print(f"{args.config}: no such file", file=sys.stderr)
        return 2
    found = problems(args.config)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
