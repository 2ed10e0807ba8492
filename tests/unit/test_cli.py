"""Tests for `tradetalks.cli`: `python -m tradetalks check [DATA_DIR]`, its output and exit codes.

Golden cases: each folder `tests/fixtures/invalid/<case>/data/` holds the bad file(s) of one case.
The test lays them over a copy of the valid fixture data (`tests/fixtures/valid/data`; an empty
`<name>.delete` file removes `<name>`), runs `check` on the result and compares its exact output
with `tests/fixtures/invalid/<case>/expected.txt`. Every case must exit 1.

To rewrite the expected files after a deliberate change of wording, run

    TRADETALKS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_cli.py

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tradetalks.cli import main

REPO = Path(__file__).resolve().parents[2]
VALID_DATA = REPO / "tests" / "fixtures" / "valid" / "data"
INVALID = REPO / "tests" / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "data").is_dir())
UPDATE = os.environ.get("TRADETALKS_UPDATE_GOLDEN") == "1"


def _case_overlay(case: str) -> dict[str, bytes | None]:
    root = INVALID / case / "data"
    files: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            if rel.endswith(".delete"):
                files[rel.removesuffix(".delete")] = None
            else:
                files[rel] = path.read_bytes()
    return files


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_output(case: str, make_data, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(_case_overlay(case))
    code, out, _ = run(capsys, "check", str(data))
    expected_file = INVALID / case / "expected.txt"
    if UPDATE:
        expected_file.write_text(out, encoding="utf-8")
    assert out == expected_file.read_text(encoding="utf-8")
    assert code == 1


def test_golden_cases_cover_every_code_the_checker_emits() -> None:
    seen = set()
    for case in CASES:
        for line in (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines():
            seen.add(line)
    text = "\n".join(seen)
    # Codes that need a huge file, a symlink or case-colliding names (which some file systems
    # cannot hold in a checkout) are tested in test_load / test_validate instead.
    elsewhere = {"file-too-large", "unsafe-path", "unused-source"}
    from tradetalks.errors import CODES

    markers = {
        "encoding": "not UTF-8", "control-character": "invisible character",
        "empty-file": "the file is empty", "yaml-syntax": "YAML syntax:",
        "tab-indent": "a tab is used for indentation",
        "multiple-documents": "a second YAML document", "yaml-tag": "YAML tag",
        "yaml-anchor": "YAML anchor", "merge-key": "merge keys", "duplicate-key": "duplicate key",
        "complex-key": "a key must be plain text", "too-deep": "nested more than",
        "wrong-shape": "expected a mapping of fields", "unknown-key": "unknown field",
        "missing": "required field is missing", "blank": "is empty",
        "wrong-type": "expected text, got", "invalid-choice": "is not an allowed value",
        "invalid-date": "is not a calendar date", "date-precision": "to the day",
        "date-out-of-range": "is outside the years", "unsafe-url": "not a public page",
        "text-cut-short": "the text is cut at ' #'", "duplicate-reference": "is listed twice",
        "reference-cycle": "goes round in a circle", "contradiction": "has both a title and",
        "not-a-party": "is not a party", "extension-shortens": "an extension must end later",
        "held-after-sources": "but every source was published",
        "scheduled-in-past": "is still 'scheduled'", "deadline-passed": "and has no outcome",
        "too-few": "names 1 key topic",
        "date-order": "before it starts", "invalid-id": "is not a valid id",
        "duplicate-id": "duplicate id", "invalid-url": "http(s) URL",
        "url-cut-short": "followed by ' #'", "invalid-language": "is not a language tag",
        "invalid-country": "ISO 3166 two-letter country code", "too-long": "is too long",
        "unknown-reference": "unknown participant", "wrong-reference": "is a place, not",
        "no-source": "cites no source", "unknown-collection": "is not a collection",
        "missing-collection": "no data for", "placeholder": "still holds the placeholder",
        "invalid-file-name": "is not an image file name", "missing-file": "in data/portraits/",
    }
    assert set(markers) | elsewhere == set(CODES)
    missing = [code for code, marker in markers.items() if marker not in text]
    assert missing == []


def test_valid_fixture_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(VALID_DATA))
    assert (code, out) == (0, "")
    assert err == f"{VALID_DATA}: no problems\n"


def test_default_data_dir_is_data_in_the_working_directory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(VALID_DATA.parent)
    assert run(capsys, "check") == (0, "", "data: no problems\n")


def test_warnings_pass_unless_strict(make_data, capsys: pytest.CaptureFixture[str]) -> None:
    sources = (VALID_DATA / "sources.yml").read_text(encoding="utf-8")
    data = make_data({"sources.yml": sources + "\nspare:\n  publisher: P\n  title: T\n"
                                              "  published: 2025-01-01\n"})
    expected = ("Data: 1 warning\n"
                "  data/sources.yml:16:1: sources.spare: warning: source is never cited "
                "(cite it from a record, or delete it)\n")
    assert run(capsys, "check", str(data)) == (0, expected, "")
    assert run(capsys, "check", "--strict", str(data)) == (1, expected, "")


def test_formats(make_data, capsys: pytest.CaptureFixture[str]) -> None:
    places = (VALID_DATA / "places.yml").read_text(encoding="utf-8")
    data = make_data({"places.yml": places.replace("country: GB", "country: UK")})
    code, out, _ = run(capsys, "check", "--format", "json", str(data))
    assert code == 1
    assert json.loads(out) == [{
        "file": "data/places.yml", "line": 4, "col": 12, "path": "places.lancaster-house.country",
        "message": "'UK' is not an ISO 3166 two-letter country code such as 'GB'", "hint": "",
        "code": "invalid-country", "severity": "error"}]
    code, out, _ = run(capsys, "check", "--format", "github", str(data))
    assert (code, out) == (1, "::error file=data/places.yml,line=4,col=12,title=invalid-country::"
                              "places.lancaster-house.country: 'UK' is not an ISO 3166 two-letter "
                              "country code such as 'GB'\n")
    assert run(capsys, "check", "--format", "json", str(VALID_DATA)) == (0, "[]\n", "")
    assert run(capsys, "check", "--format", "github", str(VALID_DATA)) == (0, "", "")


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["check", "--format", "xml"],
                                  ["check", "a", "b"]])
def test_usage_mistakes_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: tradetalks" in capsys.readouterr().err


def test_missing_data_folder_is_a_usage_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert run(capsys, "check", str(missing)) == (
        2, "", f"tradetalks check: error: no data folder at {missing}\n")


def test_module_entry_point_runs_as_a_program() -> None:
    """The real command, in a subprocess: exit code and output reach the shell."""
    case = INVALID / "invalid-language-and-country"
    result = subprocess.run(
        [sys.executable, "-m", "tradetalks", "check", str(VALID_DATA)],
        capture_output=True, text=True, cwd=REPO, check=False)
    assert (result.returncode, result.stdout) == (0, "")
    assert case.is_dir()


# --- the command as installed ---------------------------------------------------------------

@pytest.mark.parametrize(("argv0", "name"), [
    ("/home/me/.venv/bin/tradetalks", "tradetalks"),
    ("/root/.cache/pre-commit/repo/py_env/bin/tradetalks", "tradetalks"),
    ("/work/src/tradetalks/__main__.py", "python -m tradetalks"),
    ("", "python -m tradetalks"),
])
def test_program_name_is_the_command_as_invoked(argv0: str, name: str) -> None:
    from tradetalks.cli import program_name

    assert program_name(argv0) == name


@pytest.mark.parametrize("command", [[str(Path(sys.executable).with_name("tradetalks"))],
                                     [sys.executable, "-m", "tradetalks"]])
def test_version_and_help_name_the_command(command: list[str]) -> None:
    from tradetalks import __version__

    name = "tradetalks" if len(command) == 1 else "python -m tradetalks"
    version = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             check=False, timeout=60)
    assert (version.returncode, version.stdout) == (0, f"{name} {__version__}\n")
    usage = subprocess.run([*command, "check", "--help"], capture_output=True, text=True,
                           check=False, timeout=60)
    assert usage.stdout.startswith(f"usage: {name} check ")


def test_the_version_is_the_package_s() -> None:
    from importlib.metadata import version

    from tradetalks import __version__

    assert __version__ == version("tradetalks")
