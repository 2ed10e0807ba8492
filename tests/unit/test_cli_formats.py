"""`check --format github|json`: the machine-readable channels of the one problem formatter.

`github` lines are GitHub Actions workflow commands, so problems show on a pull request's diff:
`::error file=…,line=…,col=…,title=<code>::<field>: <message> (<hint>)`. GitHub's escaping rules
(`%`, CR and LF everywhere; `:` and `,` also inside properties) keep a hostile file name or key
from ending the command early or injecting a second one. `json` must round-trip to the very
`Problem` values `validate.check` returns. Exit codes: 0 clean (warnings allowed), 1 problems
(or warnings under --strict), 2 usage mistakes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_data import REPO, VALID_DATA
from tradetalks.cli import main
from tradetalks.errors import Problem, format_problems
from tradetalks.validate import check

PLACES = (VALID_DATA / "places.yml").read_text(encoding="utf-8")
SOURCES = (VALID_DATA / "sources.yml").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


@pytest.fixture
def hostile(make_data) -> Path:
    """A data folder with unknown keys holding '%', a line break, ',' and ':'."""
    places = PLACES.replace("  country: GB\n",
                            '  country: GB\n  "50%\\nhalf": x\n  "ab,c:d": y\n', 1)
    return make_data({"places.yml": places})


def test_github_annotations_escape_the_message(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (hostile / "places.yml").read_text(encoding="utf-8")
    line = _line_of(text, '  "50%\\nhalf": x')
    fields = "(fields are: name, locality, country, description, sources)"
    code, out, err = run(capsys, "check", "--format", "github", str(hostile))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"::error file=data/places.yml,line={line},col=3,title=unknown-key::"
        f"places.lancaster-house: unknown field '50%25%0Ahalf' {fields}",
        f"::error file=data/places.yml,line={line + 1},col=3,title=unknown-key::"
        f"places.lancaster-house: unknown field 'ab,c:d' {fields}",
    ]
    # One annotation per problem: no raw line break can split one into two commands.
    assert len(out.splitlines()) == len(check(hostile)[1])


def test_github_warning_annotation_and_strict(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data({"sources.yml": SOURCES + "\nspare:\n  publisher: P\n  title: T\n"
                                               "  published: 2025-01-01\n"})
    line = _line_of((data / "sources.yml").read_text(encoding="utf-8"), "spare:")
    expected = (f"::warning file=data/sources.yml,line={line},col=1,title=unused-source::"
                "sources.spare: source is never cited (cite it from a record, or delete it)\n")
    assert run(capsys, "check", "--format", "github", str(data)) == (0, expected, "")
    assert run(capsys, "check", "--format", "github", "--strict", str(data)) == (1, expected, "")


def test_github_properties_escape_colon_comma_percent_and_line_breaks() -> None:
    problem = Problem("data/events/a:b,c%d\n.yml", 3, 7, "events.x.title", "50% done:\r\nyes, no",
                      "hint: a, b", code="too-long")
    assert format_problems([problem], "github") == (
        "::error file=data/events/a%3Ab%2Cc%25d%0A.yml,line=3,col=7,title=too-long::"
        "events.x.title: 50%25 done:%0D%0Ayes, no (hint: a, b)")


def test_github_problem_without_field_path_has_no_leading_colon() -> None:
    problem = Problem("data/people.yml", 1, 1, "", "'people' is not a collection",
                      "did you mean 'participants'?", code="unknown-collection")
    assert format_problems([problem], "github") == (
        "::error file=data/people.yml,line=1,col=1,title=unknown-collection::"
        "'people' is not a collection (did you mean 'participants'?)")


def test_github_annotations_are_sorted_like_the_text_report() -> None:
    later = Problem("data/quotes.yml", 9, 3, "quotes.a.kind", "m", code="invalid-choice")
    earlier = Problem("data/events.yml", 20, 1, "events.b.date", "m", code="invalid-date")
    assert [line.split("::")[1] for line in format_problems([later, earlier], "github").split(
        "\n")] == ["error file=data/events.yml,line=20,col=1,title=invalid-date",
                   "error file=data/quotes.yml,line=9,col=3,title=invalid-choice"]


def test_json_round_trips_to_the_problems_check_returns(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--format", "json", str(hostile))
    assert (code, err) == (1, "")
    decoded = json.loads(out)
    assert [set(item) for item in decoded] == [
        {"file", "line", "col", "path", "message", "hint", "code", "severity"}] * 2
    assert [Problem(**item) for item in decoded] == check(hostile)[1]
    assert decoded[0]["file"] == "data/places.yml"
    assert decoded[0]["message"] == "unknown field '50%\nhalf'"
    assert decoded[1]["message"] == "unknown field 'ab,c:d'"


def test_json_keeps_non_ascii_text_readable(make_data, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data({"places.yml": PLACES.replace("country: GB", "country: 英国", 1)})
    code, out, _ = run(capsys, "check", "--format", "json", str(data))
    assert code == 1
    assert "'英国' is not" in out  # kept readable, not \u-escaped
    assert json.loads(out)[0]["code"] == "invalid-country"


def test_json_warnings_carry_their_severity(make_data, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data({"sources.yml": SOURCES + "\nspare:\n  publisher: P\n  title: T\n"
                                               "  published: 2025-01-01\n"})
    code, out, _ = run(capsys, "check", "--format", "json", str(data))
    assert code == 0
    assert [(p["code"], p["severity"]) for p in json.loads(out)] == [("unused-source", "warning")]


@pytest.mark.parametrize("fmt, stdout", [("text", ""), ("github", ""), ("json", "[]\n")])
def test_clean_data_exits_0_in_every_format(fmt: str, stdout: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", fmt, str(VALID_DATA))
    assert (code, out) == (0, stdout)


@pytest.mark.parametrize("argv, message", [
    (["check", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["check", "--format"], "argument --format: expected one argument"),
    (["check", "--fromat", "json"], "unrecognized arguments: --fromat"),
])
def test_format_usage_mistakes_exit_2(argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("argv, returncode", [
    (["check", "--format", "github", str(VALID_DATA)], 0),
    (["check", "--format", "json", "--strict", str(VALID_DATA)], 0),
    (["check", "--format", "yaml", str(VALID_DATA)], 2),
])
def test_exit_codes_reach_the_shell(argv: list[str], returncode: int) -> None:
    result = subprocess.run([sys.executable, "-m", "tradetalks", *argv], capture_output=True,
                            text=True, cwd=REPO, check=False)
    assert result.returncode == returncode, result.stderr


def test_github_exit_code_1_reaches_the_shell(hostile: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tradetalks", "check", "--format", "github",
                             str(hostile)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert [line[:9] for line in result.stdout.splitlines()] == ["::error f"] * 2


def test_github_annotations_name_the_real_file_not_its_encoded_display(
        make_data, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data({"events/part 2.yml": "x-event:\n  title: [not, text]\n"})
    code = main(["check", str(data), "--format", "github"])
    out = capsys.readouterr().out
    assert code == 1
    assert "file=data/events/part 2.yml," in out and "part%202" not in out


def test_check_of_the_current_folder_names_it(
        make_data, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data({"places.yml": "x: [1]\n"})
    monkeypatch.chdir(data)
    assert main(["check", "."]) == 1
    assert "\n  data/places.yml:1:1: places.x: " in capsys.readouterr().out
