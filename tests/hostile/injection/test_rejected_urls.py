"""URL fields and portrait file names with hostile values are refused by `check`, located.

A source's `url` and `archive_url` end up in an `href` and a portrait's `file` in a `src`, so
unlike text they are not shown inert but refused: every case in `rejected/<case>/` (the hostile
base data with `sources.yml` or `participants.yml` replaced) must make `python -m tradetalks
check` exit 1 and print exactly `expected.txt`. After a deliberate change of wording,
`TRADETALKS_UPDATE_GOLDEN=1` rewrites the files; review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from tradetalks.cli import main

from ..datasets import make_data

HERE = Path(__file__).resolve().parent / "rejected"
CASES = sorted(path for path in HERE.iterdir() if path.is_dir())
UPDATE = os.environ.get("TRADETALKS_UPDATE_GOLDEN") == "1"
LOCATED = re.compile(r"^  data/(sources|participants)\.yml:[1-9]\d*:[1-9]\d*: [a-z]+\.[a-z-]+\."
                     r"(url|archive_url|portrait\.file): ")


def test_there_are_cases() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_url_is_refused(case: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path, case)
    capsys.readouterr()
    code = main(["check", str(data)])
    out = capsys.readouterr().out
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(out, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                        "expected.txt", "check output"))
    assert out == expected, f"{case.name}: output differs\n{diff}"
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("Invalid data: ") and lines[0].endswith("(nothing was built)")
    # One problem per hostile URL in the file, each pointing at its line and column.
    hostile = sum(len(re.findall(r"^\s+(?:url|archive_url|file):", path.read_text(
        encoding="utf-8"), re.M)) for path in (case / "data").glob("*.yml"))
    assert [line for line in lines[1:] if LOCATED.match(line)] == lines[1:]
    assert len(lines) - 1 == hostile
