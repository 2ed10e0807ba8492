"""Data sets for the hostile-input tests: the shared valid base, with one case laid over it.

The corpus (`test_corpus.py`) and the properties (`test_properties.py`) both start from
`_base/data/`, the smallest data set that passes `check`, so that each hostile case only has to
hold the file it changes and `check` gets as far as the rule under test. A case folder may hold:

* `data/...`: files copied over the base (a file of the same name replaces the base's);
* `prepare.py`: a `prepare(data: Path)` function run afterwards, for what must not be committed
  (megabyte files, symlinks, names colliding by case, invisible or non-UTF-8 bytes written with
  escapes so that a reviewer can read them);
* `expected.txt`: the exact output of `python -m tradetalks check data`, or `accepted.txt`: text
  that must come through validation as typed (one text per line; the rendering tests use it too).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = HERE / "_base" / "data"
CLASSES = ("yaml", "schema", "paths")


def case_dirs() -> list[Path]:
    """Every case folder, `<class>/<case>/`, in a stable order."""
    return sorted(path for cls in CLASSES for path in (HERE / cls).iterdir() if path.is_dir())


def make_data(dest: Path, case: Path | None = None) -> Path:
    """A fresh `dest/data/` holding the base with `case` laid over it; returns its path."""
    data = dest / "data"
    shutil.copytree(BASE, data)
    if case is None:
        return data
    if (case / "data").is_dir():
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    if (case / "prepare.py").is_file():
        spec = importlib.util.spec_from_file_location(f"prepare_{case.name}", case / "prepare.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.prepare(data)
    return data
