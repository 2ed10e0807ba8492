"""The hostile-input corpus: every case in `<class>/<case>/` run through `check`, exactly.

Each case is the valid base data set with one hostile change (see `datasets.py`). A rejected case
must make `python -m tradetalks check` exit 1 and print exactly `expected.txt`, every problem
located as `data/<file>:<line>:<col>: ...`; an accepted case must pass with no problem at all and
keep every line of `accepted.txt` verbatim in the validated model. Nothing may raise. After a
deliberate change of wording, `TRADETALKS_UPDATE_GOLDEN=1 pytest tests/hostile` rewrites the
expected files; review the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tradetalks.cli import main
from tradetalks.validate import check

from .datasets import HERE, case_dirs, make_data

UPDATE = os.environ.get("TRADETALKS_UPDATE_GOLDEN") == "1"
LOCATED = re.compile(r"^  data/[^\s:][^:\n]*:[1-9]\d*:[1-9]\d*: \S")
CASES = case_dirs()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def _run_check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", str(data)])
    return code, capsys.readouterr().out


def test_corpus_has_several_cases_per_class() -> None:
    per_class = {cls: 0 for cls in ("yaml", "schema", "paths")}
    for case in CASES:
        per_class[case.parent.name] += 1
    assert all(count >= 5 for count in per_class.values()), per_class


@pytest.mark.parametrize("case", CASES, ids=[c.relative_to(HERE).as_posix() for c in CASES])
def test_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path, case)
    code, out = _run_check(data, capsys)
    expected_file, accepted_file = case / "expected.txt", case / "accepted.txt"
    assert expected_file.exists() != accepted_file.exists() or UPDATE, \
        f"{case}: needs exactly one of expected.txt or accepted.txt"

    if accepted_file.exists():
        assert (code, out) == (0, ""), f"accepted input was refused:\n{out}"
        explainer, problems = check(data)
        assert explainer is not None and problems == []
        records = [explainer.info, *(r for name in ("sources", "participants", "places",
                   "events", "topics", "quotes", "corrections")
                   for r in explainer.collection(name).values())]
        texts = [s for r in records for s in _strings(r.model_dump())]
        for wanted in accepted_file.read_text(encoding="utf-8").splitlines():
            if wanted:
                assert any(wanted in text for text in texts), f"{wanted!r} did not come through"
        return

    if UPDATE:
        expected_file.write_text(out, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                        "expected.txt", "check output"))
    assert out == expected, f"{case}: output differs\n{diff}"
    lines = out.splitlines()
    assert lines, "rejected input passed check"
    # Exit 1 on any error; a data set with only warnings (an unused source) still passes.
    assert code == (1 if lines[0].startswith("Invalid data: ") else 0), out
    assert lines[0].startswith(("Invalid data: ", "Data: ")), lines[0]
    for line in lines[1:]:
        assert LOCATED.match(line), f"problem without a location: {line!r}"
