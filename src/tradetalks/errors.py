"""Problems found in the data, and the one formatter that reports them.

Every stage before the model (load, validate) reports what is wrong as `Problem` values instead of
raising: they are collected across all files, sorted, and printed once, compiler-style
(`data/quotes.yml:42:5: quotes.trump-not-easy.speaker: unknown participant ...`). The build, the
`check` command, GitHub annotations and the tests all go through `format_problems`, so an editor
sees the same line wherever a mistake surfaces. `CODES` names every kind of problem with a short
explanation; the editor's guide documents each one and a test keeps the two in step.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal
from urllib.parse import unquote

Severity = Literal["error", "warning"]

#: Every problem code the loader and validator can emit, with what it means for an editor.
CODES: dict[str, str] = {
    "encoding": "The file is not UTF-8 text.",
    "control-character": "The file contains an invisible control or bidirectional character.",
    "file-too-large": "The file is larger than the loader accepts.",
    "empty-file": "The file has no data in it.",
    "yaml-syntax": "The YAML cannot be read (indentation, a missing colon, an unclosed quote).",
    "tab-indent": "A line is indented with a tab; YAML needs spaces.",
    "multiple-documents": "The file holds more than one YAML document (a `---` line inside).",
    "yaml-tag": "An explicit YAML tag such as `!!python/object` or `!!str` is used.",
    "yaml-anchor": "A YAML anchor (`&name`) or alias (`*name`) is used.",
    "merge-key": "A YAML merge key (`<<:`) is used.",
    "duplicate-key": "The same key appears twice in one mapping.",
    "complex-key": "A key is a list or a mapping instead of plain text.",
    "too-deep": "Data is nested deeper than any record needs.",
    "wrong-shape": "A file, record or field has the wrong container type (a list for a mapping).",
    "unknown-key": "A field name that the record does not have (often a typo).",
    "missing": "A required field is absent.",
    "blank": "A text field is empty or only spaces.",
    "placeholder": "A placeholder left by `tradetalks new` has not been filled in.",
    "wrong-type": "A value has the wrong type (a number or yes/no value where text is expected).",
    "invalid-choice": "A value is not one of the allowed choices.",
    "invalid-date": "A date is not a real calendar date in the form YYYY-MM-DD.",
    "date-precision": "A date does not match its precision (month dates fall on the 1st...).",
    "date-order": "Two dates are in an impossible order (a period ends before it starts).",
    "date-out-of-range": "A date is outside the years 1900–2100 (a typo such as 9999).",
    "invalid-id": "An id is not a lowercase slug, is too long, or is a reserved word.",
    "duplicate-id": "Two records in one collection share an id.",
    "invalid-url": "A URL is not a plain http(s) address with a host.",
    "url-cut-short": "A URL is followed by ` #` on its line: YAML read the rest as a comment.",
    "text-cut-short": "Text is followed by ` #` on its line: YAML read the rest as a comment.",
    "unsafe-url": "A URL points at a private or local address, or at a look-alike host name.",
    "invalid-language": "A language tag is not a BCP 47 tag such as `en` or `zh-Hans`.",
    "invalid-country": "A country is not an ISO 3166 two-letter code such as `GB`.",
    "too-long": "A text is longer than the field allows.",
    "unknown-reference": "A reference names a record that does not exist.",
    "wrong-reference": "A reference names a record of the wrong kind.",
    "duplicate-reference": "A list names the same record twice.",
    "reference-cycle": "Memberships go round in a circle (or a record is a member of itself).",
    "contradiction": "Two fields of a record say things that cannot both be true.",
    "not-a-party": "An agreement's commitment names a side that is not a party to it.",
    "extension-shortens": "An agreement's extension ends no later than the expiry it extends.",
    "held-after-sources": "An event is 'held' but dated after every source was published.",
    "scheduled-in-past": "An event is still 'scheduled' for a date before the last update "
                         "(a warning).",
    "deadline-passed": "A deadline passed before the last update and has no outcome "
                       "(a warning).",
    "too-few": "A list names fewer items than the page needs (a warning).",
    "no-source": "A claim cites no source.",
    "unused-source": "A source is not cited by anything (a warning).",
    "invalid-file-name": "A portrait's file name is not a plain lowercase image name (.jpg...).",
    "missing-file": "A record names a file (a portrait) that is not in data/portraits/.",
    "unknown-collection": "A file under data/ does not belong to any collection.",
    "missing-collection": "A collection the site needs has no file.",
    "unsafe-path": "A data path is a symlink, or two names differ only by letter case.",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: where it is, which field, what is wrong, and how to fix it."""

    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str = ""
    code: str = "wrong-shape"
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, caught by the tests
            raise ValueError(f"unknown problem code {self.code!r}")

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.path}:" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        label = "warning: " if self.severity == "warning" else ""
        # One problem, one line: a newline in an id or a value quoted back must not be able to
        # forge a second, fake problem line (or recolour the terminal).
        return _UNPRINTABLE.sub(_escape, f"{where}:{field} {label}{self.message}{hint}")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


class DataError(Exception):
    """Raised when the data has at least one hard problem; carries all of them, sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__(format_problems(self.problems))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or '' when nothing is close enough to help."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else ""


def _summary(problems: Sequence[Problem]) -> str:
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} problem{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    verdict = " (nothing was built)" if errors else ""
    return f"Invalid data: {', '.join(parts)}{verdict}" if errors else f"Data: {', '.join(parts)}"


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping: %, CR and LF always; ':' and ',' in properties too.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problems(
    problems: Iterable[Problem], fmt: Literal["text", "github", "json"] = "text"
) -> str:
    """Render problems for a channel: `text` for people, `github` annotations, or `json`."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = []
        for p in ordered:
            props = ",".join(
                f"{k}={_github_escape(str(v), property_value=True)}"
                # The display name is percent-encoded (see validate.discover); GitHub needs the
                # real path to attach the annotation to the file in the pull request.
                for k, v in (("file", unquote(p.file)), ("line", p.line), ("col", p.col),
                             ("title", p.code))
            )
            body = f"{p.path}: {p.message}" if p.path else p.message
            if p.hint:
                body += f" ({p.hint})"
            lines.append(f"::{p.severity} {props}::{_github_escape(body)}")
        return "\n".join(lines)
    if not ordered:
        return ""
    return "\n".join([_summary(ordered), *(f"  {p.format()}" for p in ordered)])
