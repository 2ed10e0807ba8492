"""Scaffolding: `make new <collection> "Name"` (`tradetalks new ...`) appends a record to fill in.

An editors' tool beside the flow (load -> validate -> model -> ...): it writes YAML that `load`
and `validate` then read like any other. The new record has a correct id (a slug of the name, in
ASCII), every required field, and `TODO` placeholders that `check` keeps flagging until they are
filled: text fields are refused as `placeholder`, choices as `invalid-choice`, dates as
`invalid-date`, references such as `TODO-source` as `placeholder` ("replace the placeholder with a
source id"). Optional fields appear as comments to copy from.

The existing file is never re-dumped: the record is appended as text, so comments, folding and
quoting stay byte-for-byte as the editor left them. A duplicate id is refused (never a silent
`-2`), and so is an existing file of the same name when the collection is stored one record per
file. After writing, the file is read back; if it no longer parses, the original bytes are put
back.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from .errors import Problem, format_problems
from .load import load_file, load_text
from .model import COLLECTIONS, ID_MAX, Id
from .validate import SINGULAR, check, discover

PLURAL = {singular: plural for plural, singular in SINGULAR.items()}
#: Letters NFKD does not decompose into ASCII; everything else Latin loses its accents.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d",
    "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "NG",
})
_APOSTROPHES = re.compile(r"[’'ʼ`´]")
MAX_SLUG_WORDS = 8

#: The field each collection's positional argument fills.
MAIN_FIELD = {"sources": "title", "participants": "name", "places": "name", "events": "title",
              "topics": "title", "quotes": "text", "agreements": "title", "deadlines": "title",
              "corrections": "text"}

# One template per collection: required fields with placeholders, optional ones as comments.
# `{main}` is the name or title given on the command line, already written as a YAML scalar.
TEMPLATES = {
    "sources": """\
  publisher: TODO
  title: {main}
  published: TODO
  # published: as precisely as the page gives it (2025-06-10, 2025-06 or 2025), or unknown
  # (then add 'accessed:' with the day you read it). A page without a usable headline: replace
  # 'title:' with 'description:' and describe the page in your own words.
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # authors: [Jill Lawless]
  # url: https://apnews.com/...
  # archive_url: https://web.archive.org/...
  # accessed: 2025-06-10
  # language: en
  # note: Anything a reader should know about the source itself.
""",
    "participants": """\
  kind: TODO
  name: {main}
  side: TODO
  roles:
    - title: TODO
      as_of: TODO
      sources: [TODO-source]
  bio: TODO
  sources: [TODO-source]
  # kind: person, delegation, government, organisation, company, court or international-body
  # side: united-states, china, or third-party for an actor on neither side
  # roles: give 'from:' (and 'to:' once it ended) as precisely as a source says (2023, 2023-03),
  # or 'as_of:' with a date a source shows the role held; leave out what no source gives.
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # native_name: {{text: 何立峰, lang: zh-Hans}}
  # country: CH
  # member_of: [us-delegation]
  # led_by: [he-lifeng]   (on a delegation: who heads it)
""",
    "places": """\
  name: {main}
  locality: TODO
  country: TODO
  sources: [TODO-source]
  # Optional: remove the '# ' if you fill it in.
  # description: A historic mansion near Buckingham Palace.
""",
    "events": """\
  title: {main}
  date: TODO
  status: TODO
  side: TODO
  participants: [TODO-participant]
  topics: [TODO-topic]
  summary: TODO
  sources: [TODO-source]
  # date: as precisely as the source gives it: 2025-06-10, 2025-06 or 2025.
  # status: held, scheduled (a source says it will happen), announced or cancelled.
  # side: united-states, china, both (jointly) or third-party.
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # end: 2025-06-10
  # date_basis: The article, published on 10 June 2025, says "last Thursday".
  # place: lancaster-house
  # outcome: What the event led to.
  # note: Where sources disagree, what each says.
""",
    "topics": """\
  title: {main}
  summary: TODO
  sources: [TODO-source]
  # Optional: each side's position, as the sources state it. Remove the '# ' to use it.
  # positions:
  #   - side: united-states
  #     kind: demand   (statement, demand, offer or red-line)
  #     statement: What this side says or does about the topic.
  #     date: 2025-06-10
  #     sources: [ap-london-talks-2025]
""",
    "quotes": """\
  speaker: TODO-participant
  date: TODO
  text: {main}
  kind: TODO
  context: TODO
  sources: [TODO-source]
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # event: london-talks-day-2
  # topics: [market-access]
  # language: zh-Hans
  # translation: The English translation, when the text is in another language.
  # translated_from: zh   (the words were spoken in Chinese and the text is a translation)
  # translated_by: source   (source: the page's own translation; editors: yours)
  # reported_by: Xinhua   (the page relays another outlet's account of the words)
""",
    "agreements": """\
  title: {main}
  terms: TODO
  parties: [united-states, china]
  date: TODO
  status: TODO
  sources: [TODO-source]
  # status: its status on that date: proposed, agreed or in-force.
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # takes_effect: 2025-05-14
  # expires: 2025-08-12
  # commitments:
  #   - side: china
  #     text: What this side undertook.
  #     sources: [TODO-source]
  # changes:   (later dated changes, oldest first: an extension is a change, not a rewrite)
  #   - date: 2025-08-11
  #     status: extended   (agreed, in-force, extended, suspended, expired or abandoned)
  #     expires: 2025-11-10
  #     sources: [TODO-source]
  # events: [geneva-talks]
  # topics: [tariffs]
""",
    "deadlines": """\
  title: {main}
  date: TODO
  what: TODO
  sources: [TODO-source]
  # Optional: delete what you do not need, remove the '# ' from what you fill in.
  # agreement: geneva-truce
  # topics: [tariffs]
  # outcome: met   (once the date has passed: met, missed, extended or unknown)
  # outcome_note: What happened.
""",
    "corrections": """\
  date: TODO
  text: {main}
  reason: TODO
  affects: [TODO-collection/id]
  # Optional: remove the '# ' if you fill it in.
  # sources: [ap-london-talks-2025]
""",
}


#: Quotation marks an editor may type around a quote; the site adds its own.
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"),
                ("「", "」"))


def strip_quotation_marks(text: str) -> str:
    """The text without one pair of quotation marks around the whole of it."""
    stripped = text.strip()
    for left, right in _QUOTE_PAIRS:
        inner = stripped[len(left):-len(right)]
        if (len(stripped) > 2 and stripped.startswith(left) and stripped.endswith(right)
                and left not in inner and right not in inner):
            return inner.strip()
    return text


class Refusal(Exception):
    """Why a record was not written; `code` is the exit status (1 data, 2 usage)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def slugify(text: str) -> str:
    """A lowercase ASCII id from a name: accents dropped, apostrophes removed, words hyphenated,
    at most `MAX_SLUG_WORDS` words and `ID_MAX` characters. Empty when nothing is Latin."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = "".join(c for c in ascii_text if not unicodedata.combining(c))
    ascii_text = _APOSTROPHES.sub("", ascii_text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:MAX_SLUG_WORDS]
    slug = ""
    for word in words:  # stop at a word boundary rather than cut a word
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > ID_MAX:
            break
        slug = candidate
    return slug or (words[0][:ID_MAX] if words else "")


def yaml_scalar(value: str) -> str:
    """`value` as YAML: plain when both the strict loader and a YAML 1.1 reader (other tools
    editors use) read it back unchanged, else double-quoted."""
    line = f"k: {value}\n"
    loaded, problems = load_text(line, "<scalar>")
    if not problems and loaded.data == {"k": value} and not loaded.comment_after:
        try:
            if yaml.safe_load(line) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _check_id(record_id: str) -> None:
    try:
        TypeAdapter(Id).validate_python(record_id)
    except ValidationError as exc:
        raise Refusal(f"{exc.errors()[0]['msg']}", 2) from None


def _existing(data_dir: Path, collection: str) -> dict[str, tuple[str, int]]:
    """Ids already in the collection -> (file, line); refuses when a file cannot be read."""
    found, _ = discover(data_dir)
    ids: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for name, path, display in found:
        if name != collection:
            continue
        loaded, trouble = load_file(path, display)
        problems += trouble
        if isinstance(loaded.data, dict):
            for key in loaded.data:
                ids.setdefault(str(key), (display, loaded.key_mark((key,))[0]))
    if problems:
        raise Refusal(format_problems(problems) + "\nFix these first: the new record would be "
                      "added to a file that cannot be read.")
    return ids


def _target(data_dir: Path, collection: str, record_id: str) -> Path:
    for suffix in (".yml", ".yaml"):
        if (data_dir / f"{collection}{suffix}").is_file():
            return data_dir / f"{collection}{suffix}"
    if (data_dir / collection).is_dir():  # stored one record per file
        return data_dir / collection / f"{record_id}.yml"
    return data_dir / f"{collection}.yml"


def _display(data_dir: Path, path: Path) -> str:
    # Named like `check` names files (data/participants.yml), also when run as --data-dir .
    return f"{data_dir.name or data_dir.resolve().name}/{path.relative_to(data_dir).as_posix()}"


def add_record(data_dir: Path, collection: str, main_value: str,
               record_id: str | None = None) -> tuple[str, Path, int]:
    """Append a scaffolded record; returns (id, file, line of the id). Raises `Refusal`."""
    if not main_value.strip():
        raise Refusal(f"give the {MAIN_FIELD[collection]} of the new {SINGULAR[collection]}", 2)
    if any(unicodedata.category(c) == "Cc" for c in main_value):
        raise Refusal("the text holds a control character (a tab or line break?)", 2)
    if record_id is None:
        record_id = slugify(main_value)
        if not record_id:
            raise Refusal(f"cannot make an ASCII id from {main_value!r}; give one with --id "
                          "(for example --id he-lifeng)", 2)
    _check_id(record_id)
    if not data_dir.is_dir():
        raise Refusal(f"no data folder at {data_dir}", 2)
    path = _target(data_dir, collection, record_id)
    if path.exists() and path.parent != data_dir:
        raise Refusal(f"{_display(data_dir, path)} already exists; choose another id with --id")
    existing = _existing(data_dir, collection)
    if record_id in existing:
        where, line = existing[record_id]
        raise Refusal(f"{collection}.{record_id} already exists at {where}:{line}; "
                      "choose another id with --id")
    body = f"{record_id}:\n" + TEMPLATES[collection].format(main=yaml_scalar(main_value))
    if path.exists():
        original = path.read_bytes()
        newline = "\r\n" if b"\r\n" in original else "\n"
        text = original.decode("utf-8-sig")
        lead = ("" if text.endswith("\n") or not text else newline) + (newline if text else "")
        addition = (lead + body.replace("\n", newline)).encode("utf-8")
        with path.open("ab") as handle:
            handle.write(addition)
    else:
        original = None
        schema = "../schema" if path.parent != data_dir else "schema"
        header = f"# yaml-language-server: $schema={schema}/{collection}.schema.json\n"
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(header + body)
    return record_id, path, _verify(data_dir, path, record_id, original)


def _verify(data_dir: Path, path: Path, record_id: str, original: bytes | None) -> int:
    """Read the file back and return the new id's line; undo the change if the file no longer
    parses or does not hold the new record."""
    loaded, problems = load_file(path, _display(data_dir, path))
    if problems or not isinstance(loaded.data, dict) or record_id not in loaded.data:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
        detail = format_problems(problems) if problems else "the record did not read back"
        raise Refusal(f"{_display(data_dir, path)} was left unchanged: appending a record would "
                      f"break it (is the last record written in another style?)\n{detail}")
    return loaded.key_mark((record_id,))[0]


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=[SINGULAR[c] for c in COLLECTIONS],
                        help="what to add: " + ", ".join(SINGULAR[c] for c in COLLECTIONS))
    parser.add_argument("name", help="the name (participant, place), title (event, topic, "
                                     "source) or text (quote, correction) of the new record")
    parser.add_argument("--id", dest="record_id", default=None,
                        help="the id to use instead of one made from the name")
    parser.add_argument("--data-dir", type=Path, default=Path("data"),
                        help="the data folder (default: data)")


def _run(args: argparse.Namespace) -> int:
    collection = PLURAL[args.kind]
    text = args.name
    if collection == "quotes" and strip_quotation_marks(text) != text:
        text = strip_quotation_marks(text)
        print("Left out the quotation marks around the quote: the site adds them.",
              file=sys.stderr)
    try:
        record_id, path, line = add_record(args.data_dir, collection, text, args.record_id)
    except Refusal as refusal:
        print(f"{args.prog} new: {refusal}", file=sys.stderr)
        return refusal.code
    where = f"{_display(args.data_dir, path)}:{line}"
    print(f"Added {collection}.{record_id} at {where}.", file=sys.stderr)
    _, problems = check(args.data_dir)
    mine = [p for p in problems if p.path == f"{collection}.{record_id}"
            or p.path.startswith((f"{collection}.{record_id}.", f"{collection}.{record_id}["))]
    if mine:
        print("Fill in every TODO; until then `make check` reports:", file=sys.stderr)
        print("\n".join(f"  {p.format()}" for p in mine), file=sys.stderr)
    if "TODO-" in TEMPLATES[collection]:
        print("Also replace every reference written TODO-... with the id of a record; `check` "
              "reports those once the lines above are fixed.", file=sys.stderr)
    return 0


#: The `new` sub-command, registered by `cli`.
COMMAND = (_add_arguments, _run)
