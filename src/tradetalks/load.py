"""Strict YAML loading: the first step of the flow (load -> validate -> model -> plan -> render).

Editors' files are read as a safe subset of YAML and turned into plain Python values (dicts,
lists, str, int, float, bool, None) together with the line and column of every value, so that the
validator can say exactly where a problem is. Nothing here raises on bad input: every problem
becomes a `Problem`. Rules, and why:

* UTF-8 only (a BOM is tolerated); control and bidirectional-override characters are refused
  because they hide text from reviewers.
* No tags, anchors, aliases or merge keys: they can execute code (`!!python/...`), explode in size
  (alias bombs) or make a value come from somewhere the editor is not looking.
* One document per file, no duplicate keys, limited size and depth.
* Scalars follow YAML 1.2's core schema, not PyYAML's YAML 1.1 one: `NO`, `yes`, `on`, `0777`,
  `12:30` and `2025-06-10` stay the text the editor typed; only `true`/`false`, `null`/`~`, and
  plain decimal numbers become non-strings. The validator then rejects a number or yes/no value
  where text is expected, with a hint to quote it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 12

#: The location of one value: (line, column), both 1-based.
Mark = tuple[int, int]
#: A path to a value inside a file: keys and list indexes from the top.
Loc = tuple[str | int, ...]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
# Characters that make text render differently from how it reads in a diff.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Invisible characters that hide or smuggle text: zero-width space, word joiners, Unicode "tag"
# characters (invisible ASCII look-alikes), and the line/paragraph separators that YAML counts
# as line breaks while editors do not (every line number after them would be wrong), and the
# "filler" letters that draw nothing (Hangul fillers, the blank Braille pattern): a name made of
# them looks empty on the page and passes every "is it blank?" test.
_INVISIBLE = ("\u200b\u2060-\u2064\u2028\u2029\U000e0000-\U000e007f"
              "\u115f\u1160\u3164\uffa0\u2800")
# One compiled pass instead of a Python loop per character: C0/C1 controls (category Cc) except
# tab, LF and CR, DEL, the characters above, a BOM anywhere after the start, and a CR that does
# not end a line (YAML reads it as a line break, so positions after it would be off by a line).
_BAD_CLASS = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}\ufeff]"
_BAD_CHAR = re.compile(f"{_BAD_CLASS}|\r(?!\n)")
#: The same characters written as escapes inside double quotes ("\r" alone is harmless there).
_BAD_ESCAPED = re.compile(_BAD_CLASS)
# PyYAML reports `!!x` as its expanded form; editors typed the short one.
_CORE_TAG_PREFIX = "tag:yaml.org,2002:"
# Spaces then '#' right after a plain scalar: YAML read the rest of the line as a comment.
_COMMENT_AFTER = re.compile(r" +#")


@dataclass
class LoadedFile:
    """One file's data, the position of every value, and the raw text of non-string scalars."""

    display: str
    data: Any = None
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    comment_after: set[Loc] = field(default_factory=set)

    def mark(self, loc: Loc) -> Mark:
        """The position of `loc`, or of its nearest located parent."""
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def key_mark(self, loc: Loc) -> Mark:
        return self.key_marks.get(loc) or self.mark(loc)


class _Reject(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, Problem(display, 1, 1, "", "the file is UTF-32, not UTF-8",
                             "save it as UTF-8", code="encoding")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(display, 1, 1, "", "the file is UTF-16, not UTF-8",
                             "save it as UTF-8", code="encoding")
    head = raw[:4096]
    # UTF-16/32 without a BOM: every ASCII character comes with NUL bytes. A stray NUL or two in
    # UTF-8 text is reported below as the control character it is, at its own position.
    if b"\x00" in head and head.count(b"\x00") * 4 >= len(head):
        before = raw[: raw.index(b"\x00")].decode("utf-8", "replace")
        line, col = _position(before, len(before))
        return None, Problem(display, line, col, "", "the file holds NUL bytes: it is "
                             "UTF-16 or UTF-32, not UTF-8", "save it as UTF-8", code="encoding")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, col = _position(before, len(before))  # a column in characters, not bytes
        return None, Problem(
            display, line, col, "", f"byte 0x{raw[exc.start]:02X} is not UTF-8",
            "save the file as UTF-8; it may be Latin-1 or Windows-1252", code="encoding")
    return text.removeprefix("\ufeff"), None


def _bad_character(text: str, display: str) -> Problem | None:
    found = _BAD_CHAR.search(text)
    if found is None:
        return None
    char = found.group()
    line, col = _position(text, found.start())
    name = unicodedata.name(char, "control character")
    return Problem(display, line, col, "",
                   f"invisible character U+{ord(char):04X} ({name}) in the file",
                   "delete it; it can make text read differently from how it shows",
                   code="control-character")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = (exc.problem or exc.context or "cannot read this YAML").strip()
    at_mark = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
    if at_mark == "\t" or "'\\t'" in message:
        return Problem(display, line, col, "", "a tab is used for indentation",
                       "indent with spaces", code="tab-indent")
    hint = ""
    if "quoted scalar" in (exc.context or "") and exc.context_mark:
        # libyaml reports the end of the file; the editor needs the quote that was never closed.
        mark = exc.context_mark
        return Problem(display, mark.line + 1, mark.column + 1, "",
                       "YAML syntax: this quoted text is never closed",
                       "add the closing quote mark", code="yaml-syntax")
    if exc.context in ("while scanning an alias", "while scanning an anchor") and exc.context_mark:
        # `text: *bold*` or `&c.`: text that YAML takes for an alias or anchor.
        mark = exc.context_mark
        start = "*" if "alias" in exc.context else "&"
        return Problem(display, mark.line + 1, mark.column + 1, "",
                       f"YAML syntax: text starting with '{start}' is read as an "
                       f"{'alias' if start == '*' else 'anchor'}",
                       "wrap the value in quotes", code="yaml-syntax")
    if "maximum nesting depth" in message:  # libyaml's own limit, far beyond MAX_DEPTH
        return Problem(display, line, col, "", f"data is nested more than {MAX_DEPTH} levels deep",
                       "records need only a few levels", code="too-deep")
    if "mapping values are not allowed" in message:
        hint = "a ': ' inside text needs the whole text in quotes"
    elif "could not find expected ':'" in message and col > 1024:
        hint = "a key (an id or a field name) can be at most 1024 characters long"
    elif "could not find expected ':'" in message:
        hint = "each line needs 'field: value'; check the indentation"
    elif "found character" in message and "cannot start any token" in message:
        hint = "text starting with this character must be quoted"
    return Problem(display, line, col, "", f"YAML syntax: {message}", hint, code="yaml-syntax")


class _Builder:
    """Turns a stream of parser events into values, refusing the unsafe parts of YAML."""

    def __init__(self, text: str, loaded: LoadedFile):
        self.text = text
        self.loaded = loaded
        self.display = loaded.display
        self.lengths = _line_lengths(text)

    def at(self, mark: yaml.Mark) -> Mark:
        return _clamp(mark.line + 1, mark.column + 1, self.lengths)

    def reject(self, mark: yaml.Mark, message: str, hint: str, code: str) -> None:
        line, col = self.at(mark)
        raise _Reject(Problem(self.display, line, col, "", message, hint,
                              code=code))

    def check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            self.reject(event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed",
                        "write the value out in full; if it is text starting with '&', wrap "
                        "the value in quotes", "yaml-anchor")
        tag = getattr(event, "tag", None)
        if tag and not (tag == "!" and isinstance(event, yaml.ScalarEvent)):
            if tag.startswith(_CORE_TAG_PREFIX):
                tag = "!!" + tag.removeprefix(_CORE_TAG_PREFIX)
            self.reject(event.start_mark, f"YAML tag '{tag}' is not allowed",
                        "remove the tag; quote the value if it must stay text", "yaml-tag")
        if isinstance(event, yaml.ScalarEvent) and event.style == '"':
            # Escapes in double quotes ("\u202e", "\x1b", "\0") write the very characters the
            # file check refuses; "\n" and "\t" are ordinary text.
            found = _BAD_ESCAPED.search(event.value)
            if found:
                char = found.group()
                name = unicodedata.name(char, "control character")
                self.reject(event.start_mark, f"invisible character U+{ord(char):04X} ({name}) "
                            "written as an escape in quotes",
                            "delete the escape; it can make text read differently from how it "
                            "shows", "control-character")

    def scalar(self, event: yaml.ScalarEvent, loc: Loc) -> Any:
        value = event.value
        if event.style:  # quoted or block scalar: always text (plain is None or '' by parser)
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            self.loaded.raw[loc] = value
            return _BOOL[value]
        if _INT.fullmatch(value):
            self.loaded.raw[loc] = value
            return int(value)
        if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
            self.loaded.raw[loc] = value
            return float(value)
        # A ' #' after a plain scalar starts a comment: remember it (a URL may have been cut).
        # Matched in place: slicing "the rest of the line" for every scalar was quadratic on a
        # long flow list (a 2 MB one-line file took a minute to load).
        if _COMMENT_AFTER.match(self.text, event.end_mark.index):
            self.loaded.comment_after.add(loc)
        return value

    def build(self, events: Any, first: Any, loc: Loc, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.reject(first.start_mark, f"data is nested more than {MAX_DEPTH} levels deep",
                        "records need only a few levels", "too-deep")
        if isinstance(first, yaml.AliasEvent):
            # Often not meant as an alias at all but text starting with '*' (`text: *bold*`).
            self.reject(first.start_mark, f"YAML alias '*{first.anchor}' is not allowed",
                        "write the value out in full; if it is text starting with '*', wrap "
                        "the value in quotes", "yaml-anchor")
        self.check_node(first)
        self.loaded.marks[loc] = self.at(first.start_mark)
        if isinstance(first, yaml.ScalarEvent):
            return self.scalar(first, loc)
        if isinstance(first, yaml.SequenceStartEvent):
            items: list[Any] = []
            for event in events:
                if isinstance(event, yaml.SequenceEndEvent):
                    return items
                items.append(self.build(events, event, (*loc, len(items)), depth + 1))
        if isinstance(first, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for event in events:
                if isinstance(event, yaml.MappingEndEvent):
                    return mapping
                key = self.key(event, mapping, loc)
                value_event = next(events)
                mapping[key] = self.build(events, value_event, (*loc, key), depth + 1)
        raise AssertionError(f"unexpected YAML event {first!r}")  # pragma: no cover

    def key(self, event: Any, mapping: dict[str, Any], loc: Loc) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            self.reject(event.start_mark, "a key must be plain text, not a list or mapping",
                        "", "complex-key")
        self.check_node(event)
        key = event.value
        if key == "<<" and not event.style:
            self.reject(event.start_mark, "YAML merge keys ('<<') are not allowed",
                        "write every field out in full", "merge-key")
        if key in mapping:
            first_line = self.loaded.key_marks[(*loc, key)][0]
            self.reject(event.start_mark, f"duplicate key '{key}'",
                        f"it is already set on line {first_line}", "duplicate-key")
        self.loaded.key_marks[(*loc, key)] = self.at(event.start_mark)
        return key


def _line_lengths(text: str) -> list[int]:
    lengths = [len(line) for line in text.split("\n")]
    if len(lengths) > 1 and lengths[-1] == 0:  # the file ends with a newline: no line after it
        lengths.pop()
    return lengths


def _clamp(line: int, col: int, lengths: list[int]) -> Mark:
    """Move a position past the end of the text (libyaml's 'end of stream') onto its last line:
    the editor must find the line a problem names."""
    if line > len(lengths):
        line, col = len(lengths), lengths[-1] + 1
    return line, min(col, lengths[line - 1] + 1)


def _within(problem: Problem, text: str) -> Problem:
    line, col = _clamp(problem.line, problem.col, _line_lengths(text))
    return replace(problem, line=line, col=col)


def load_text(text: str, display: str) -> tuple[LoadedFile, list[Problem]]:
    """Parse already-decoded YAML text strictly. Never raises on bad input."""
    loaded = LoadedFile(display)
    bad = _bad_character(text, display)
    if bad:
        return loaded, [bad]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return loaded, [Problem(display, 1, 1, "", "the file is empty",
                                "add records, or delete the file", code="empty-file")]
    builder = _Builder(text, loaded)
    try:
        events = iter(yaml.parse(text, Loader=_Parser))
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.reject(event.start_mark, "a second YAML document starts here",
                                   "keep one document per file; remove the '---' line",
                                   "multiple-documents")
                loaded.data = builder.build(events, next(events), (), 0)
    except _Reject as rejected:
        return loaded, [rejected.problem]
    except yaml.MarkedYAMLError as exc:
        return loaded, [_within(_syntax_problem(exc, text, display), text)]
    except yaml.YAMLError as exc:  # unmarked reader errors
        return loaded, [Problem(display, 1, 1, "", f"YAML: {exc}", code="yaml-syntax")]
    except RecursionError:  # pragma: no cover - depth is limited before this can happen
        return loaded, [Problem(display, 1, 1, "", "data is nested too deeply", code="too-deep")]
    return loaded, []


def load_file(path: Path, display: str) -> tuple[LoadedFile, list[Problem]]:
    """Read and parse one YAML file; `display` is the name used in problems (data/x.yml)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadedFile(display), [Problem(
                display, 1, 1, "", f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                "split the collection into several files in a folder", code="file-too-large")]
        raw = path.read_bytes()
    except OSError as exc:
        return LoadedFile(display), [Problem(display, 1, 1, "", f"cannot read the file: "
                                             f"{exc.strerror}", code="encoding")]
    text, problem = _decode(raw, display)
    if problem:
        return LoadedFile(display), [problem]
    assert text is not None
    return load_text(text, display)
