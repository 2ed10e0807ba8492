"""Tests for `tradetalks.errors`: the Problem value, its one-line format, sorting, the summary
line, the github/json channels and did-you-mean hints."""

from __future__ import annotations

import json

import pytest

from tradetalks.errors import (
    CODES,
    DataError,
    Problem,
    did_you_mean,
    errors_in,
    format_problems,
)


def problem(file: str = "data/quotes.yml", line: int = 42, col: int = 14, path: str = "",
            message: str = "unknown participant 'trum'", hint: str = "", *, code: str = "missing",
            severity: str = "error") -> Problem:
    return Problem(file, line, col, path, message, hint, code=code,
                   severity=severity)  # type: ignore[arg-type]


def test_format_has_location_field_message_and_hint() -> None:
    p = problem(path="quotes.trump-not-easy.speaker", hint="did you mean 'trump'?")
    assert p.format() == ("data/quotes.yml:42:14: quotes.trump-not-easy.speaker: "
                          "unknown participant 'trum' (did you mean 'trump'?)")


def test_format_without_field_or_hint() -> None:
    text = problem(message="the file is empty").format()
    assert text == "data/quotes.yml:42:14: the file is empty"


def test_warnings_are_labelled() -> None:
    p = problem(path="sources.x", message="source is never cited", severity="warning")
    assert p.format() == "data/quotes.yml:42:14: sources.x: warning: source is never cited"


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown problem code 'nope'"):
        problem(code="nope")


def test_every_code_is_explained_in_a_sentence() -> None:
    assert len(CODES) >= 30
    for code, text in CODES.items():
        assert code == code.lower() and " " not in code
        assert text[0].isupper() and text.endswith((".", ")")), code


def test_problems_sort_by_file_then_position() -> None:
    later = problem(line=9, col=1)
    earlier_col = problem(line=3, col=20)
    earliest = problem(line=3, col=2)
    other_file = problem(file="data/events.yml", line=50)
    assert sorted([later, earlier_col, earliest, other_file]) == [
        other_file, earliest, earlier_col, later]


def test_text_report_has_a_summary_then_sorted_indented_lines() -> None:
    report = format_problems([
        problem(line=9, message="b"),
        problem(line=2, message="a"),
        problem(file="data/sources.yml", line=1, message="c", severity="warning"),
    ])
    assert report == ("Invalid data: 2 problems, 1 warning (nothing was built)\n"
                      "  data/quotes.yml:2:14: a\n"
                      "  data/quotes.yml:9:14: b\n"
                      "  data/sources.yml:1:14: warning: c")


def test_summary_singular_and_warnings_only() -> None:
    assert format_problems([problem(message="a")]).splitlines()[0] == (
        "Invalid data: 1 problem (nothing was built)")
    assert format_problems([problem(message="a", severity="warning"),
                            problem(message="b", severity="warning")]).splitlines()[0] == (
        "Data: 2 warnings")


def test_no_problems_no_text() -> None:
    assert format_problems([]) == ""
    assert format_problems([], "github") == ""
    assert format_problems([], "json") == "[]"


def test_github_annotations_escape_properties_and_body() -> None:
    p = problem(file="data/a,b:c.yml", path="places.x", message="50% off\nline two",
                hint="fix it", code="invalid-url")
    assert format_problems([p], "github") == (
        "::error file=data/a%2Cb%3Ac.yml,line=42,col=14,title=invalid-url::"
        "places.x: 50%25 off%0Aline two (fix it)")


def test_github_warning_level() -> None:
    p = problem(message="source is never cited", severity="warning", code="unused-source")
    assert format_problems([p], "github") == (
        "::warning file=data/quotes.yml,line=42,col=14,title=unused-source::"
        "source is never cited")


def test_json_round_trips_to_the_same_problems() -> None:
    ps = [problem(line=2, path="a.b", hint="h"), problem(line=1, message="何立峰")]
    out = format_problems(ps, "json")
    assert "何立峰" in out  # not \\u-escaped: editors read this too
    assert [Problem(**d) for d in json.loads(out)] == sorted(ps)


def test_data_error_carries_sorted_problems_and_the_report() -> None:
    ps = [problem(line=5), problem(line=1)]
    error = DataError(ps)
    assert error.problems == tuple(sorted(ps))
    assert str(error) == format_problems(ps)


def test_errors_in_drops_warnings() -> None:
    warning, error = problem(severity="warning"), problem(line=1)
    assert errors_in([warning, error]) == [error]


@pytest.mark.parametrize(("word", "choices", "hint"), [
    ("trum", ["donald-trump", "trump", "xi-jinping"], "did you mean 'trump'?"),
    ("he-lifneg", ["he-lifeng", "wang-wentao"], "did you mean 'he-lifeng'?"),
    ("boi", ["bio", "name", "sources"], "did you mean 'bio'?"),
    ("zzzz", ["bio", "name"], ""),
    ("x", [], ""),
])
def test_did_you_mean(word: str, choices: list[str], hint: str) -> None:
    assert did_you_mean(word, choices) == hint
