"""Tests for `tradetalks.load`: strict YAML to plain values with positions, never a traceback.

Each rule of the loader is tested with the exact problem it reports (`Problem.format()`), and the
values it keeps: YAML 1.1 look-alikes (`NO`, `yes`, `on`, `0777`, `12:30`, dates) stay the text
the editor typed; only true/false, null and plain decimal numbers are not text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradetalks import load
from tradetalks.load import LoadedFile, load_file, load_text

NAME = "data/x.yml"


def lines(text: str) -> list[str]:
    _, problems = load_text(text, NAME)
    return [p.format() for p in problems]


def codes(text: str) -> list[str]:
    return [p.code for p in load_text(text, NAME)[1]]


def value(text: str) -> object:
    loaded, problems = load_text(text, NAME)
    assert problems == []
    return loaded.data


# --- values -------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["NO", "no", "yes", "Yes", "on", "off", "y", "n", "0777",
                                   "0o17", "0x1F", "12:30", "1:20:30", "2025-06-10",
                                   "2025-06-10T12:00:00Z", ".inf", "-.inf", ".nan", "1_000",
                                   "+", "=", "<<x"])
def test_yaml_11_look_alikes_stay_the_text_typed(typed: str) -> None:
    assert value(f"a: {typed}\n") == {"a": typed}


@pytest.mark.parametrize(("typed", "expected"), [
    ("true", True), ("False", False), ("TRUE", True), ("~", None), ("null", None), ("", None),
    ("0", 0), ("-12", -12), ("+3", 3), ("1.10", 1.1), (".5", 0.5), ("1e3", 1000.0),
])
def test_core_schema_values_are_typed_and_keep_their_raw_text(typed: str, expected: object) -> None:
    loaded, problems = load_text(f"a: {typed}\n", NAME)
    assert problems == []
    assert loaded.data == {"a": expected}
    assert type(loaded.data["a"]) is type(expected)
    if expected is not None:
        assert loaded.raw[("a",)] == typed  # so a problem can quote what the editor wrote


@pytest.mark.parametrize("quoted", ["'true'", '"12"', "'null'", "|\n  true", ">-\n  12"])
def test_quoted_and_block_scalars_are_always_text(quoted: str) -> None:
    loaded, _ = load_text(f"a: {quoted}\n", NAME)
    assert isinstance(loaded.data["a"], str)


def test_nested_values_and_their_marks() -> None:
    loaded, problems = load_text(
        "he-lifeng:\n  name: He Lifeng\n  native_name: {text: 何立峰, lang: zh-Hans}\n"
        "  roles:\n    - title: Vice Premier\n", NAME)
    assert problems == []
    assert loaded.data == {"he-lifeng": {
        "name": "He Lifeng", "native_name": {"text": "何立峰", "lang": "zh-Hans"},
        "roles": [{"title": "Vice Premier"}]}}
    assert loaded.marks[("he-lifeng", "name")] == (2, 9)
    assert loaded.marks[("he-lifeng", "native_name", "lang")] == (3, 34)
    assert loaded.marks[("he-lifeng", "roles", 0, "title")] == (5, 14)
    assert loaded.key_marks[("he-lifeng",)] == (1, 1)
    assert loaded.key_marks[("he-lifeng", "roles")] == (4, 3)


def test_mark_falls_back_to_the_nearest_located_parent() -> None:
    loaded, _ = load_text("a:\n  b: 1\n", NAME)
    assert loaded.mark(("a", "b", "missing")) == (2, 6)
    assert loaded.key_mark(("a", "zzz")) == (2, 3)
    assert LoadedFile(NAME).mark(("x",)) == (1, 1)


def test_crlf_line_endings_and_a_bom_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    loaded, problems = load_file(path, NAME)
    assert problems == []
    assert loaded.data == {"a": 1, "b": "two"}
    assert loaded.marks[("b",)] == (2, 4)


def test_tabs_inside_values_are_fine() -> None:
    assert value("a: x\ty\nb:\t1\n") == {"a": "x\ty", "b": 1}


def test_a_comment_after_a_plain_value_is_remembered() -> None:
    loaded, _ = load_text("url: https://example.org/a #part\nb: 'x' # ok\nc: y#z\n", NAME)
    assert loaded.data == {"url": "https://example.org/a", "b": "x", "c": "y#z"}
    assert loaded.comment_after == {("url",)}


def test_one_leading_document_marker_is_fine() -> None:
    assert value("---\na: 1\n") == {"a": 1}


# --- encodings and characters -------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("a: é\n".encode("utf-16"),
     "data/x.yml:1:1: the file is UTF-16, not UTF-8 (save it as UTF-8)"),
    ("a: é\n".encode("utf-16-be"),
     "data/x.yml:1:1: the file holds NUL bytes: it is UTF-16 or UTF-32, not UTF-8 "
     "(save it as UTF-8)"),
    ("a: 1\nname: Zoë\n".encode("latin-1"),
     "data/x.yml:2:9: byte 0xEB is not UTF-8 "
     "(save the file as UTF-8; it may be Latin-1 or Windows-1252)"),
    ("a: 何\nb: caf".encode() + b"\xe9\n",
     "data/x.yml:2:7: byte 0xE9 is not UTF-8 "
     "(save the file as UTF-8; it may be Latin-1 or Windows-1252)"),
    ("何立峰: caf".encode() + b"\x92s\n",  # Windows-1252 curly apostrophe, after 3 Han characters
     "data/x.yml:1:9: byte 0x92 is not UTF-8 "
     "(save the file as UTF-8; it may be Latin-1 or Windows-1252)"),
])
def test_only_utf8_is_read(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    loaded, problems = load_file(path, NAME)
    assert [p.format() for p in problems] == [expected]
    assert {p.code for p in problems} == {"encoding"}
    assert loaded.data is None


@pytest.mark.parametrize(("text", "expected"), [
    ("a: x\u202ey\n", "data/x.yml:1:5: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) "
     "in the file (delete it; it can make text read differently from how it shows)"),
    ("a: 1\nb: x\x07\n", "data/x.yml:2:5: invisible character U+0007 (control character) "
     "in the file (delete it; it can make text read differently from how it shows)"),
    ("a: 1\nb: x\ufeff\n", "data/x.yml:2:5: invisible character U+FEFF (ZERO WIDTH NO-BREAK "
     "SPACE) in the file (delete it; it can make text read differently from how it shows)"),
])
def test_control_and_bidi_characters_are_refused(text: str, expected: str) -> None:
    assert lines(text) == [expected]


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 100)
    path = tmp_path / "x.yml"
    path.write_text("a: " + "x" * 98 + "\n", encoding="utf-8")
    _, problems = load_file(path, NAME)
    assert [p.format() for p in problems] == [
        "data/x.yml:1:1: the file is 102 bytes; the limit is 100 "
        "(split the collection into several files in a folder)"]
    assert problems[0].code == "file-too-large"
    path.write_text("a: " + "x" * 96 + "\n", encoding="utf-8")
    assert load_file(path, NAME)[1] == []


def test_the_real_limits() -> None:
    assert load.MAX_FILE_BYTES == 10 * 1024 * 1024
    assert load.MAX_DEPTH == 12


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only a comment\n\n# another\n"])
def test_empty_files(text: str) -> None:
    assert lines(text) == ["data/x.yml:1:1: the file is empty (add records, or delete the file)"]


# --- unsafe YAML ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "code"), [
    ("a:\n\tb: 1\n", "data/x.yml:2:1: a tab is used for indentation (indent with spaces)",
     "tab-indent"),
    ("a: 1\nb: 2\na: 3\n", "data/x.yml:3:1: duplicate key 'a' (it is already set on line 1)",
     "duplicate-key"),
    ("r:\n  name: x\n  sources: [s]\n  name: y\n",
     "data/x.yml:4:3: duplicate key 'name' (it is already set on line 2)", "duplicate-key"),
    ("a: 1\n---\nb: 2\n", "data/x.yml:2:1: a second YAML document starts here "
     "(keep one document per file; remove the '---' line)", "multiple-documents"),
    ("a: &x 1\nb: *x\n",
     "data/x.yml:1:4: YAML anchor '&x' is not allowed (write the value out in full; if it is "
     "text starting with '&', wrap the value in quotes)",
     "yaml-anchor"),
    ("a: *x\n", "data/x.yml:1:4: YAML alias '*x' is not allowed (write the value out in full; "
     "if it is text starting with '*', wrap the value in quotes)", "yaml-anchor"),
    ("text: *bold* words\n", "data/x.yml:1:7: YAML syntax: text starting with '*' is read as an "
     "alias (wrap the value in quotes)", "yaml-syntax"),
    ("text: &c. more\n", "data/x.yml:1:7: YAML syntax: text starting with '&' is read as an "
     "anchor (wrap the value in quotes)", "yaml-syntax"),
    ("name: \u3164\u3164\n", "data/x.yml:1:7: invisible character U+3164 (HANGUL FILLER) in the "
     "file (delete it; it can make text read differently from how it shows)",
     "control-character"),
    ("name: \u2800\n", "data/x.yml:1:7: invisible character U+2800 (BRAILLE PATTERN BLANK) in "
     "the file (delete it; it can make text read differently from how it shows)",
     "control-character"),
    ("a: !!python/object/apply:os.system ['ls']\n", "data/x.yml:1:4: YAML tag "
     "'!!python/object/apply:os.system' is not allowed "
     "(remove the tag; quote the value if it must stay text)", "yaml-tag"),
    ("a: !!str 0777\n", "data/x.yml:1:4: YAML tag '!!str' is not allowed "
     "(remove the tag; quote the value if it must stay text)", "yaml-tag"),
    ("a: !custom x\n", "data/x.yml:1:4: YAML tag '!custom' is not allowed "
     "(remove the tag; quote the value if it must stay text)", "yaml-tag"),
    ("a: !!map {b: 1}\n", "data/x.yml:1:4: YAML tag '!!map' is not allowed "
     "(remove the tag; quote the value if it must stay text)", "yaml-tag"),
    ("a: {x: 1}\nb:\n  <<: {y: 2}\n",
     "data/x.yml:3:3: YAML merge keys ('<<') are not allowed (write every field out in full)",
     "merge-key"),
    ("? [a, b]\n: 1\n", "data/x.yml:1:3: a key must be plain text, not a list or mapping",
     "complex-key"),
    ("a: " + "[" * 13 + "]" * 13 + "\n",
     "data/x.yml:1:16: data is nested more than 12 levels deep (records need only a few levels)",
     "too-deep"),
    ("a: b: c\n", "data/x.yml:1:5: YAML syntax: mapping values are not allowed in this context "
     "(a ': ' inside text needs the whole text in quotes)", "yaml-syntax"),
    ("a: 'x\nb: 1\n",
     "data/x.yml:1:4: YAML syntax: this quoted text is never closed (add the closing quote mark)",
     "yaml-syntax"),
    ("a: @home\n", "data/x.yml:1:4: YAML syntax: found character that cannot start any token "
     "(text starting with this character must be quoted)", "yaml-syntax"),
    ("a:\n  b: 1\n c: 2\n", "data/x.yml:3:2: YAML syntax: did not find expected key",
     "yaml-syntax"),
])
def test_unsafe_or_broken_yaml_is_refused_with_its_position(text: str, expected: str,
                                                            code: str) -> None:
    loaded, problems = load_text(text, NAME)
    assert [p.format() for p in problems] == [expected]
    assert [p.code for p in problems] == [code]


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    assert value("'<<': 1\n") == {"<<": 1}


def test_twelve_levels_are_allowed() -> None:
    assert value("a: " + "[" * 11 + "1" + "]" * 11 + "\n") is not None


def test_alias_bomb_stops_at_the_first_anchor() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    assert codes(bomb) == ["yaml-anchor"]


def test_deep_nesting_far_beyond_the_limit_never_raises() -> None:
    assert codes("a: " + "[" * 5000 + "]" * 5000 + "\n") == ["too-deep"]
    assert codes("a:\n" + "".join(" " * i + "- \n" for i in range(1, 200))) == ["too-deep"]


@pytest.mark.parametrize("text", ["a", "a\n", "'x'\n", "- 1\n- 2\n", "12\n", "{a: 1}\n",
                                  "[a: 1]\n", "\"\\x\"\n", "a: [1, 2\n", "}{\n", "- a\nb: c\n"])
def test_odd_documents_give_values_or_problems_never_exceptions(text: str) -> None:
    loaded, problems = load_text(text, NAME)
    assert problems or loaded.data is not None


def test_load_file_reports_an_unreadable_file(tmp_path: Path) -> None:
    _, problems = load_file(tmp_path / "gone.yml", NAME)
    assert [p.format() for p in problems] == [
        "data/x.yml:1:1: cannot read the file: No such file or directory"]


def test_many_records_keep_exact_positions() -> None:
    """20,000 records in one file: every value read, positions still exact at the end (the speed
    of this is measured by bench/check_bench.py, not here)."""
    text = "".join(f"r{i}:\n  url: https://example.org/{i}\n  n: {i}\n" for i in range(20_000))
    loaded, problems = load_text(text, NAME)
    assert problems == []
    assert len(loaded.data) == 20_000
    assert loaded.marks[("r19999", "n")] == (60_000, 6)
