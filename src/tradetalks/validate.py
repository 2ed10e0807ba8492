"""Validation: raw YAML values -> the `Explainer` graph, or every problem at once.

Second step of the flow (load -> **validate** -> model -> plan -> render), and the only code that
builds model objects. It finds the data files, loads each strictly (`load`), checks every record
against its class in `model` (types, required and unknown fields), then checks what needs the
whole data set: unique ids, references that resolve to the right kind of record, dates in order,
sources actually cited. Pydantic's errors are translated here into editors' language, each with
the file, line and column of the value it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from .dates import PartialDate
from .errors import DataError, Problem, did_you_mean, errors_in
from .load import LoadedFile, Loc, load_file
from .model import (
    COLLECTIONS,
    NESTED_CITING,
    OPTIONAL_COLLECTIONS,
    PLACEHOLDER,
    SINGLETONS,
    Agreement,
    Correction,
    Deadline,
    Entity,
    Event,
    Explainer,
    ExplainerInfo,
    Origin,
    Participant,
    Quote,
    Record,
    Source,
    Topic,
    cited_sources,
)

YAML_SUFFIXES = (".yml", ".yaml")
#: A file or folder name under data/: nothing that means something to a shell or a URL.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
#: Folders under data/ that hold no records (generated JSON Schemas).
IGNORED_DIRS = frozenset({"schema"})
#: Where portraits live, next to the facts that name them; the build copies them to the site.
PORTRAITS_DIR = "portraits"
SINGULAR = {"sources": "source", "participants": "participant", "places": "place",
            "events": "event", "topics": "topic", "quotes": "quote", "agreements": "agreement",
            "deadlines": "deadline", "corrections": "correction"}


@dataclass
class _Entry:
    """A record as written: its file, where it sits in the file, and its raw fields."""

    collection: str
    id: str
    file: LoadedFile
    loc: Loc
    raw: Any
    record: Any = None


@dataclass
class _State:
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, dict[str, _Entry]] = field(default_factory=dict)
    singletons: dict[str, _Entry] = field(default_factory=dict)
    #: Collections with a file that could not be read: references into them are not judged.
    unreadable: set[str] = field(default_factory=set)

    def add(self, file: LoadedFile, loc: Loc, path: str, message: str, hint: str = "", *,
            code: str, key: bool = False, severity: str = "error") -> None:
        line, col = file.key_mark(loc) if key else file.mark(loc)
        self.problems.append(Problem(file.display, line, col, path, message, hint, code=code,
                                     severity=severity))  # type: ignore[arg-type]


def _label(base: str, loc: Iterable[str | int]) -> str:
    text = base
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# --- finding files -----------------------------------------------------------------------------

def discover(data_dir: Path) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """The YAML files under `data_dir` as (collection, path, display name), and path problems."""
    problems: list[Problem] = []
    found: list[tuple[str, Path, str]] = []
    known = [*COLLECTIONS, *SINGLETONS]
    seen_lower: dict[str, str] = {}
    root_name = data_dir.resolve().name  # `check .` names the folder, not ''

    def display(path: Path) -> str:
        # Percent-encoded so that a newline or ':1:1:' in a file name cannot forge a problem line.
        return quote(f"{root_name}/{path.relative_to(data_dir).as_posix()}", safe="/")

    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        name = display(path)
        if any(p.startswith(".") for p in rel.parts):
            if path.suffix.lower() in YAML_SUFFIXES and not path.is_dir():
                problems.append(Problem(name, 1, 1, "", "hidden files are not read",
                                        "remove the leading '.' from the name, or delete it",
                                        code="unknown-collection"))
            continue
        if rel.parts[0] in IGNORED_DIRS or (rel.parts[0] == PORTRAITS_DIR
                                            and path.suffix.lower() not in YAML_SUFFIXES
                                            and not path.is_symlink()):  # copied to the site
            continue
        if path.is_symlink():
            problems.append(Problem(name, 1, 1, "", "symbolic links are not allowed under data/",
                                    "commit the file itself", code="unsafe-path"))
            continue
        if not _SAFE_NAME.fullmatch(rel.parts[-1]):
            # Reported, but still read: the content is not at fault, and skipping it would
            # turn every reference into it into a problem of its own.
            problems.append(Problem(name, 1, 1, "", "the name may only use a-z, A-Z, 0-9, '.', "
                                    "'_' and '-'", "rename it, e.g. to lowercase-with-hyphens.yml",
                                    code="unsafe-path"))
        lower = name.lower()
        if lower in seen_lower:  # reported, not skipped: which of the two is right is unknown
            problems.append(Problem(name, 1, 1, "",
                                    f"name differs only by letter case from {seen_lower[lower]}",
                                    "rename one; they collide on Windows and macOS",
                                    code="unsafe-path"))
        seen_lower.setdefault(lower, name)
        if not path.is_file():
            continue
        if path.suffix.lower() not in YAML_SUFFIXES:  # a stray copy must not vanish silently
            problems.append(Problem(name, 1, 1, "", "not a YAML data file (.yml)",
                                    "data/ holds only .yml files; move or delete it",
                                    code="unknown-collection"))
            continue
        collection = rel.parts[0] if len(rel.parts) > 1 else path.stem
        if len(rel.parts) > 1 and collection in SINGLETONS:
            problems.append(Problem(name, 1, 1, "", f"'{collection}' is one file, not a folder",
                                    f"write it as {root_name}/{collection}.yml",
                                    code="unknown-collection"))
            continue
        if collection not in known:
            hint = did_you_mean(collection, known) or f"collections are: {', '.join(known)}"
            problems.append(Problem(name, 1, 1, "", f"'{collection}' is not a collection", hint,
                                    code="unknown-collection"))
            continue
        found.append((collection, path, name))
    present = {c for c, _, _ in found}
    for collection in known:
        if collection not in present and collection not in OPTIONAL_COLLECTIONS:
            problems.append(Problem(f"{root_name}/{collection}.yml", 1, 1, "",
                                    f"no data for '{collection}'",
                                    f"create {root_name}/{collection}.yml",
                                    code="missing-collection"))
    return found, problems


# --- one record against its class ---------------------------------------------------------------

def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    if value is None:
        return "nothing"
    return "text"


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items() if name != "id"]


def _nested_model(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model class that owns the last element of `loc` (for unknown-field suggestions)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = {f.alias or n: f for n, f in current.model_fields.items()}.get(part)
        if info is None:
            break
        annotation = info.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            inner = getattr(candidate, "__args__", (candidate,))
            found = [c for c in (candidate, *inner)
                     if isinstance(c, type) and issubclass(c, BaseModel)]
            if found:
                current = found[0]
                break
    return current  # type: ignore[no-any-return]


def _translate(state: _State, entry: _Entry, model: type[BaseModel], base: str,
               error: Any) -> None:
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    file, at = entry.file, (*entry.loc, *loc)
    path = _label(base, loc)
    raw = file.raw.get(at, str(value))
    if kind == "missing" and loc[-1] == "sources":
        state.add(file, at[:-1], path, "cites no source", _NO_SOURCE_HINT, code="no-source",
                  key=not loc[:-1])
    elif kind == "missing":
        state.add(file, at[:-1] if loc else entry.loc, path, "required field is missing",
                  code="missing", key=not loc[:-1])
    elif kind == "extra_forbidden":
        owner = _nested_model(model, loc)
        name = str(loc[-1])
        hint = _RENAMED.get((owner.__name__, name)) or did_you_mean(name, _field_names(owner)) or (
            "the id is the key above the record, not a field" if name == "id"
            else f"fields are: {', '.join(_field_names(owner))}")
        state.add(file, at, _label(base, loc[:-1]), f"unknown field '{name}'", hint,
                  code="unknown-key", key=True)
    elif kind == "blank":
        hint = (error.get("ctx") or {}).get("hint") or "give it a value, or remove the line"
        state.add(file, at, path, "is empty", hint, code="blank")
    elif kind == "string_too_short" or (value is None and kind in _EMPTY_KINDS):
        state.add(file, at, path, "is empty", "give it a value, or remove the line",
                  code="blank")
    elif kind == "string_type":
        hint = f'quote it: "{raw}"' if not isinstance(value, list | dict) else ""
        state.add(file, at, path, f"expected text, got {_describe(value)}", hint,
                  code="wrong-type")
    elif kind in {"list_type"}:
        hint = f"write it as a list: [{value}]" if isinstance(value, str) else ""
        state.add(file, at, path, f"expected a list, got {_describe(value)}", hint,
                  code="wrong-shape")
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        state.add(file, at, path, f"expected a mapping of fields, got {_describe(value)}",
                  code="wrong-shape")
    elif kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), choices) or f"use one of: {', '.join(choices)}"
        state.add(file, at, path, f"'{raw}' is not an allowed value", hint,
                  code="invalid-choice")
    elif kind == "too_short":
        if loc and loc[-1] == "sources":
            state.add(file, at, path, "cites no source", _NO_SOURCE_HINT, code="no-source")
        else:
            state.add(file, at, path, "needs at least one item", code="missing")
    elif kind == "too_long" and isinstance(value, list):
        state.add(file, at, path, f"lists {error['ctx'].get('actual_length', len(value))} items; "
                  f"at most {error['ctx'].get('max_length')} are allowed",
                  "split the record, or check for a pasted list", code="too-long")
    elif kind in {"string_too_long", "too_long"}:
        state.add(file, at, path, f"is too long (at most {error['ctx'].get('max_length')})",
                  code="too-long")
    elif kind in {"bool_type", "int_type", "float_type"}:
        state.add(file, at, path, f"expected {kind.split('_')[0]}, got {_describe(value)}",
                  code="wrong-type")
    elif kind in _CUSTOM:
        hint = (error.get("ctx") or {}).get("hint") or _CUSTOM[kind]
        state.add(file, at, path, error["msg"], hint, code=kind)
    else:  # a pydantic error we have no wording for yet: still located, never a traceback
        state.add(file, at, path, error["msg"], code="wrong-type")


#: Errors that, on an empty value (`field:` with nothing after it), mean "fill this in".
_EMPTY_KINDS = frozenset({"string_type", "list_type", "model_type", "dict_type", "literal_error",
                          "invalid-date"})
_NO_SOURCE_HINT = "add 'sources: [source-id]'; every claim needs at least one source"

#: Fields that an earlier version of the data format had, and how to write them now.
_RENAMED = {
    ("Event", "precision"): "write the date at its precision instead: 'date: 2025-06' for a "
                            "month, 'date: 2025' for a year; then delete this line",
}

_CUSTOM = {
    "invalid-date": "use YYYY-MM-DD, e.g. 2025-06-10",
    "date-out-of-range": "check the year for a typo",
    "unsafe-url": "cite the public address of the page",
    "invalid-id": "",
    "blank": "give it a value, or remove the line",
    "placeholder": "replace it with the real text",
    "invalid-url": "use a full https:// address",
    "invalid-language": "",
    "invalid-country": "",
    "invalid-file-name": "put the image in data/portraits/ and give its plain file name",
}


def _validate_record(state: _State, entry: _Entry, model: type[Record], base: str) -> Any:
    if not isinstance(entry.raw, dict):
        state.add(entry.file, entry.loc, base, f"expected a mapping of fields, got "
                  f"{_describe(entry.raw)}", "write 'field: value' lines under the id",
                  code="wrong-shape", key=True)
        return None
    data = dict(entry.raw)
    if issubclass(model, Entity):
        if "id" in data:
            state.add(entry.file, (*entry.loc, "id"), base, "unknown field 'id'",
                      "the id is the key above the record, not a field",
                      code="unknown-key", key=True)
            del data["id"]
        data["id"] = entry.id
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if tuple(error["loc"][:1]) == ("id",):
                state.add(entry.file, entry.loc, base, error["msg"], code="invalid-id",
                          key=True)
            else:
                _translate(state, entry, model, base, error)
        return None


#: Parsed files kept between builds by a long-running process (`mkdocs serve`), keyed by path,
#: modification time and size, so a rebuild re-reads only the files that changed.
LoadCache = dict[tuple[str, int, int], tuple[LoadedFile, list[Problem]]]


def _load(path: Path, display: str, cache: LoadCache | None) -> tuple[LoadedFile, list[Problem]]:
    if cache is None:
        return load_file(path, display)
    try:
        stat = path.stat()
    except OSError:
        return load_file(path, display)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in cache:
        for stale in [k for k in cache if k[0] == key[0]]:
            del cache[stale]
        cache[key] = load_file(path, display)
    return cache[key]


def _load_collections(state: _State, files: list[tuple[str, Path, str]],
                      cache: LoadCache | None = None) -> None:
    for collection, path, display in files:
        loaded, problems = _load(path, display, cache)
        state.problems.extend(problems)
        if problems:
            state.unreadable.add(collection)
            continue
        if not isinstance(loaded.data, dict):
            what = "a mapping of fields" if collection in SINGLETONS else "a mapping of id: record"
            state.add(loaded, (), "", f"the file must hold {what}, not {_describe(loaded.data)}",
                      code="wrong-shape")
            state.unreadable.add(collection)  # so references into it are not all reported
            continue
        if collection in SINGLETONS:
            if collection in state.singletons:
                state.add(loaded, (), collection, f"'{collection}' is already defined in "
                          f"{state.singletons[collection].file.display}", code="duplicate-id")
                continue
            state.singletons[collection] = _Entry(collection, collection, loaded, (), loaded.data)
            continue
        bucket = state.entries.setdefault(collection, {})
        for record_id, raw in loaded.data.items():
            entry = _Entry(collection, record_id, loaded, (record_id,), raw)
            if record_id in bucket:
                first = bucket[record_id].file
                line = first.key_mark((record_id,))[0]
                state.add(loaded, (record_id,), f"{collection}.{record_id}",
                          f"duplicate id '{record_id}'",
                          f"also defined at {first.display}:{line}", code="duplicate-id",
                          key=True)
                continue
            bucket[record_id] = entry


# --- rules across records -----------------------------------------------------------------------

class _Refs:
    """Checks that references resolve, to the right collection, with a did-you-mean."""

    def __init__(self, state: _State):
        self.state = state
        self.ids = {name: set(state.entries.get(name, {})) for name in COLLECTIONS}

    def check(self, entry: _Entry, loc: Loc, value: str, target: str) -> bool:
        if value in self.ids[target] or target in self.state.unreadable:
            return value in self.ids[target]
        base = f"{entry.collection}.{entry.id}"
        elsewhere = [name for name, ids in self.ids.items() if value in ids]
        if value.startswith(PLACEHOLDER):
            self.state.add(entry.file, (*entry.loc, *loc), _label(base, loc),
                           f"still holds the placeholder '{value}'",
                           f"replace the placeholder with {_a(SINGULAR[target])} id",
                           code="placeholder")
        elif elsewhere:
            self.state.add(entry.file, (*entry.loc, *loc), _label(base, loc),
                           f"'{value}' is {_a(SINGULAR[elsewhere[0]])}, not "
                           f"{_a(SINGULAR[target])}",
                           code="wrong-reference")
        else:
            hint = did_you_mean(value, self.ids[target])
            self.state.add(entry.file, (*entry.loc, *loc), _label(base, loc),
                           f"unknown {SINGULAR[target]} '{value}'", hint,
                           code="unknown-reference")
        return False

    def each(self, entry: _Entry, name: str, values: Iterable[str], target: str,
             prefix: Loc = ()) -> None:
        seen: dict[str, int] = {}
        for index, value in enumerate(values):
            if value in seen:
                loc = (*prefix, name, index)
                self.state.add(entry.file, (*entry.loc, *loc),
                               _label(f"{entry.collection}.{entry.id}", loc),
                               f"'{value}' is listed twice (also at [{seen[value]}])",
                               "delete the repeated id", code="duplicate-reference")
                continue
            seen[value] = index
            self.check(entry, (*prefix, name, index), value, target)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _check_references(state: _State) -> None:
    refs = _Refs(state)
    for entries in state.entries.values():
        for entry in entries.values():
            record = entry.record
            if record is None:
                continue
            refs.each(entry, "sources", getattr(record, "sources", []), "sources")
            for name in NESTED_CITING:
                for i, nested in enumerate(getattr(record, name, ())):
                    refs.each(entry, "sources", nested.sources, "sources", (name, i))
            if isinstance(record, Participant):
                _check_membership(state, refs, entry, record)
            if isinstance(record, Event):
                if record.place:
                    refs.check(entry, ("place",), record.place, "places")
                refs.each(entry, "participants", record.participants, "participants")
                refs.each(entry, "topics", record.topics, "topics")
            if isinstance(record, Topic):
                for i, position in enumerate(record.positions):
                    if position.by:
                        refs.check(entry, ("positions", i, "by"), position.by, "participants")
            if isinstance(record, Quote):
                refs.check(entry, ("speaker",), record.speaker, "participants")
                if record.event:
                    refs.check(entry, ("event",), record.event, "events")
                refs.each(entry, "topics", record.topics, "topics")
            if isinstance(record, Agreement):
                refs.each(entry, "events", record.events, "events")
                refs.each(entry, "topics", record.topics, "topics")
                for i, change in enumerate(record.changes):
                    if change.event:
                        refs.check(entry, ("changes", i, "event"), change.event, "events")
            if isinstance(record, Deadline):
                if record.agreement:
                    refs.check(entry, ("agreement",), record.agreement, "agreements")
                refs.each(entry, "topics", record.topics, "topics")
            if isinstance(record, Correction):
                for i, target in enumerate(record.affects):
                    name, _, ident = target.partition("/")
                    if name not in COLLECTIONS:
                        hint = did_you_mean(name, COLLECTIONS) or "write collection/id"
                        state.add(entry.file, (*entry.loc, "affects", i),
                                  f"corrections.{entry.id}.affects[{i}]",
                                  f"'{target}' does not name a collection/id", hint,
                                  code="unknown-reference")
                    else:
                        refs.check(entry, ("affects", i), ident, name)
    for entry in state.singletons.values():
        if entry.record is not None:
            refs.each(entry, "sources", entry.record.sources, "sources")
            refs.each(entry, "key_topics", entry.record.key_topics, "topics")
    _check_cycles(state)


def _check_membership(state: _State, refs: _Refs, entry: _Entry, record: Participant) -> None:
    """`member_of` names delegations or organisations; `led_by` names their own members."""
    participants = state.entries.get("participants", {})
    base = f"participants.{entry.id}"
    for i, org in enumerate(record.member_of):
        if org == entry.id:
            state.add(entry.file, (*entry.loc, "member_of", i), f"{base}.member_of[{i}]",
                      f"'{org}' cannot be a member of itself", "delete this id",
                      code="reference-cycle")
            continue
        if not refs.check(entry, ("member_of", i), org, "participants"):
            continue
        target = participants[org].record
        if target is not None and target.kind == "person":
            state.add(entry.file, (*entry.loc, "member_of", i), f"{base}.member_of[{i}]",
                      f"'{org}' is a person, not a delegation or organisation",
                      code="wrong-reference")
    _duplicates(state, entry, "member_of", record.member_of)
    if record.led_by and record.kind == "person":
        state.add(entry.file, (*entry.loc, "led_by"), f"{base}.led_by",
                  "only a delegation or organisation is led by someone",
                  "move led_by to the delegation's record", code="wrong-reference")
        return
    _duplicates(state, entry, "led_by", record.led_by)
    for i, leader in enumerate(dict.fromkeys(record.led_by)):
        if not refs.check(entry, ("led_by", i), leader, "participants"):
            continue
        member = participants[leader].record
        if member is not None and entry.id not in member.member_of:
            state.add(entry.file, (*entry.loc, "led_by", i), f"{base}.led_by[{i}]",
                      f"'{leader}' is not a member of '{entry.id}'",
                      f"add '{entry.id}' to the member_of list of '{leader}'",
                      code="wrong-reference")


def _duplicates(state: _State, entry: _Entry, name: str, values: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            state.add(entry.file, (*entry.loc, name, index),
                      f"{entry.collection}.{entry.id}.{name}[{index}]",
                      f"'{value}' is listed twice (also at [{seen[value]}])",
                      "delete the repeated id", code="duplicate-reference")
        seen.setdefault(value, index)


def _check_cycles(state: _State) -> None:
    """`member_of` may not loop back (a delegation inside a delegation inside the first):
    the chain is named, reported once at the record where the loop is found first."""
    participants = state.entries.get("participants", {})
    parents = {pid: [org for org in entry.record.member_of if org in participants and org != pid]
               for pid, entry in participants.items() if entry.record is not None}
    reported: set[frozenset[str]] = set()
    for start in sorted(parents):
        path = [start]
        stack = [(start, iter(parents.get(start, ())))]
        on_path = {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.discard(node)
                path.pop()
                continue
            if child == start:
                cycle = frozenset(path)
                if cycle not in reported:
                    reported.add(cycle)
                    entry = participants[start]
                    index = entry.record.member_of.index(path[1] if len(path) > 1 else child)
                    chain = " → ".join([*path, start])
                    state.add(entry.file, (*entry.loc, "member_of", index),
                              f"participants.{start}.member_of[{index}]",
                              f"membership goes round in a circle: {chain}",
                              "a delegation cannot be inside one of its own members; remove "
                              "one link", code="reference-cycle")
                continue
            if child in on_path or child not in parents:
                continue
            on_path.add(child)
            path.append(child)
            stack.append((child, iter(parents[child])))


def _order(state: _State, entry: _Entry, loc: Loc, what: str, later: PartialDate,
           earlier: PartialDate, earlier_name: str, code: str = "date-order") -> None:
    """Report `later` when it certainly falls before `earlier`."""
    if later.certainly_before(earlier):
        state.add(entry.file, (*entry.loc, *loc), _label(f"{entry.collection}.{entry.id}", loc),
                  f"{what} ({later}) before {earlier_name} ({earlier})", code=code)


def _check_dates(state: _State) -> None:
    for entry in _all_entries(state):
        record = entry.record
        if isinstance(record, Event) and record.end is not None:
            base = f"events.{entry.id}"
            if record.date.precision != "day" or record.end.precision != "day":
                state.add(entry.file, (*entry.loc, "end"), f"{base}.end",
                          "an end date needs the start and the end to the day",
                          "give both days, or leave out 'end' and date the event by its month",
                          code="date-precision")
            else:
                _order(state, entry, ("end",), "ends", record.end, record.date, "it starts")
        for i, role in enumerate(getattr(record, "roles", [])):
            if role.start and role.end:
                _order(state, entry, ("roles", i, "to"), "ends", role.end, role.start,
                       "it starts")
            if role.start and role.as_of:
                _order(state, entry, ("roles", i, "as_of"), "is held as of a date",
                       role.as_of, role.start, "it starts")
            if role.end and role.as_of:
                _order(state, entry, ("roles", i, "as_of"), "ends", role.end, role.as_of,
                       "the date it is shown held", code="date-order")
        if isinstance(record, Source) and record.published and record.accessed:
            _order(state, entry, ("accessed",), "was read", record.accessed, record.published,
                   "it was published")
        if isinstance(record, Agreement):
            _check_agreement_dates(state, entry, record)
        if isinstance(record, Deadline) and record.agreement:
            agreement = state.entries.get("agreements", {}).get(record.agreement)
            if agreement is not None and agreement.record is not None:
                _order(state, entry, ("date",), "falls", record.date, agreement.record.date,
                       f"its agreement '{record.agreement}' was made")
        if isinstance(record, ExplainerInfo):
            if record.updated.precision != "day":
                state.add(entry.file, (*entry.loc, "updated"), "explainer.updated",
                          "the date of the last update needs the day",
                          f"write the day, e.g. {record.updated.earliest.isoformat()}",
                          code="date-precision")
            if record.period and record.period.end:
                _order(state, entry, ("period", "to"), "ends", record.period.end,
                       record.period.start, "it starts")


def _check_agreement_dates(state: _State, entry: _Entry, record: Agreement) -> None:
    start = record.takes_effect or record.date
    if record.takes_effect:
        _order(state, entry, ("takes_effect",), "takes effect", record.takes_effect, record.date,
               "it was agreed")
    if record.expires:
        _order(state, entry, ("expires",), "expires", record.expires, start,
               "it takes effect" if record.takes_effect else "it was agreed")
    expiry = record.expires
    previous = record.date
    for i, change in enumerate(record.changes):
        loc = ("changes", i)
        _order(state, entry, (*loc, "date"), "a change is dated", change.date, record.date,
               "the agreement")
        if i:
            _order(state, entry, (*loc, "date"), "a change is dated", change.date, previous,
                   "the change before it")
        previous = max(previous, change.date)
        if change.status == "extended":
            if change.expires is None:
                state.add(entry.file, (*entry.loc, *loc), f"agreements.{entry.id}.changes[{i}]",
                          "an extension needs its new expiry",
                          "add 'expires: YYYY-MM-DD', as the source gives it", code="missing")
            elif expiry is not None and not expiry.certainly_before(change.expires):
                state.add(entry.file, (*entry.loc, *loc, "expires"),
                          f"agreements.{entry.id}.changes[{i}].expires",
                          f"an extension must end later than before ({change.expires} is not "
                          f"after {expiry})",
                          "a change that ends it sooner is a new status (suspended, abandoned) "
                          "or a new agreement", code="extension-shortens")
        if change.expires is not None:
            _order(state, entry, (*loc, "expires"), "expires", change.expires, change.date,
                   "the change")
            expiry = change.expires


def _check_record_rules(state: _State) -> None:
    """Rules between fields of one record that no single field can state."""
    participants = state.entries.get("participants", {})
    for entry in _all_entries(state):
        record, base = entry.record, f"{entry.collection}.{entry.id}"
        if isinstance(record, Source):
            if (record.title is None) == (record.description is None):
                both = record.title is not None
                state.add(entry.file, (*entry.loc, "description") if both else entry.loc, base,
                          "has both a title and a description" if both
                          else "needs a title (the headline) or a description",
                          "keep the title when the page has a headline; describe the page only "
                          "when it has none" if both else
                          "add 'title:' with the headline as published, or 'description:' "
                          "when the page has no usable headline",
                          code="contradiction" if both else "missing", key=not both)
            if record.published is None and record.accessed is None:
                state.add(entry.file, (*entry.loc, "published"), f"{base}.published",
                          "the publication date is unknown and no reading date is given",
                          "add 'accessed:' with the day you read the page", code="missing")
        if isinstance(record, Quote):
            if record.translated_from and not record.translated_by:
                state.add(entry.file, (*entry.loc, "translated_from"), base,
                          "says the text is a translation but not who translated it",
                          "add 'translated_by: source' (the page's translation) or "
                          "'translated_by: editors'", code="missing", key=True)
            if record.translated_by and not record.translated_from:
                state.add(entry.file, (*entry.loc, "translated_by"), base,
                          "says who translated the text but not from which language",
                          "add 'translated_from:' with the language spoken, e.g. zh",
                          code="missing", key=True)
            if record.translated_from and record.translated_from == record.language:
                state.add(entry.file, (*entry.loc, "translated_from"), f"{base}.translated_from",
                          "is the language of the text itself",
                          "translated_from is the language the words were spoken in; language "
                          "is the language of the text as published", code="contradiction")
            if record.translation and record.language.split("-")[0] == "en":
                state.add(entry.file, (*entry.loc, "translation"), f"{base}.translation",
                          "the text is already in English",
                          "delete the translation, or set 'language' to the text's language",
                          code="contradiction")
        if isinstance(record, Topic):
            for i, position in enumerate(record.positions):
                loc = ("positions", i)
                if position.side == "third-party" and not position.by:
                    state.add(entry.file, (*entry.loc, *loc), f"{base}.positions[{i}]",
                              "a third party's position needs who holds it",
                              "add 'by:' with the participant's id", code="missing", key=False)
                holder = participants.get(position.by) if position.by else None
                if holder is not None and holder.record is not None \
                        and holder.record.side != position.side:
                    state.add(entry.file, (*entry.loc, *loc, "side"), f"{base}.positions[{i}].side",
                              f"'{position.by}' is on the {holder.record.side} side, not "
                              f"{position.side}", "make the two agree", code="contradiction")
        if isinstance(record, Agreement):
            for i, commitment in enumerate(record.commitments):
                if commitment.side not in record.parties:
                    state.add(entry.file, (*entry.loc, "commitments", i, "side"),
                              f"{base}.commitments[{i}].side",
                              f"'{commitment.side}' is not a party to this agreement",
                              f"parties are: {', '.join(record.parties)}", code="not-a-party")
            _duplicates(state, entry, "parties", list(record.parties))
        if isinstance(record, ExplainerInfo) and record.key_topics \
                and len(record.key_topics) < 3 and len(state.entries.get("topics", {})) >= 3:
            state.add(entry.file, (*entry.loc, "key_topics"), "explainer.key_topics",
                      f"names {len(record.key_topics)} key topic"
                      f"{'s' if len(record.key_topics) != 1 else ''}; the home page shows three "
                      "to five", "add the topics readers most need", code="too-few",
                      severity="warning")


def _check_against_sources(state: _State) -> None:
    """What the sources can report: an event dated after every one of its sources was
    published cannot be reported by them as held; a scheduled event or a deadline whose date
    has passed by the explainer's last update needs its outcome (warnings)."""
    sources = state.entries.get("sources", {})
    info = state.singletons.get("explainer")
    updated = info.record.updated if info is not None and info.record is not None else None
    for entry in state.entries.get("events", {}).values():
        event = entry.record
        if event is None:
            continue
        published = [date for s in event.sources if s in sources
                     and sources[s].record is not None
                     and (date := sources[s].record.published or sources[s].record.accessed)]
        if event.status == "held" and published and len(published) == len(event.sources) \
                and all(p.certainly_before(event.date) for p in published):
            newest = max(published)
            state.add(entry.file, (*entry.loc, "status"), f"events.{entry.id}.status",
                      f"is 'held', but every source was published ({newest}) before the event "
                      f"({event.date})",
                      "a source published before an event can only announce it: use "
                      "'scheduled', or cite a page that reports it held", code="held-after-sources")
        if event.status == "scheduled" and updated is not None \
                and (event.end or event.date).certainly_before(updated):
            state.add(entry.file, (*entry.loc, "status"), f"events.{entry.id}.status",
                      f"is still 'scheduled' for {event.end or event.date}, before the "
                      f"explainer's last update ({updated})",
                      "cite a page reporting it held (status: held) or called off "
                      "(status: cancelled); if no source says, write status: unconfirmed",
                      code="scheduled-in-past", severity="warning")
    for entry in state.entries.get("deadlines", {}).values():
        deadline = entry.record
        if deadline is None or updated is None:
            continue
        if deadline.outcome is None and deadline.date.certainly_before(updated):
            state.add(entry.file, (*entry.loc, "date"), f"deadlines.{entry.id}",
                      f"passed on {deadline.date}, before the explainer's last update "
                      f"({updated}), and has no outcome",
                      "add 'outcome:' (met, missed, extended or unknown)",
                      code="deadline-passed", severity="warning")
        if deadline.outcome is not None and updated.certainly_before(deadline.date):
            state.add(entry.file, (*entry.loc, "outcome"), f"deadlines.{entry.id}.outcome",
                      f"the deadline ({deadline.date}) has not come yet",
                      "leave out the outcome until the date has passed", code="contradiction")


def _check_text_quirks(state: _State) -> None:
    """Values that parsed but were probably not meant: text or a URL cut at ' #' (YAML reads
    the rest of the line as a comment)."""
    for entry in _all_entries(state):
        model = COLLECTIONS.get(entry.collection) or SINGLETONS[entry.collection]
        for loc in entry.file.comment_after:
            if loc[: len(entry.loc)] != entry.loc:
                continue
            inner = loc[len(entry.loc):]
            field = _field_kind(model, inner)
            path = _label(f"{entry.collection}.{entry.id}" if entry.loc else entry.collection,
                          inner)
            if field == "url":
                state.add(entry.file, loc, path,
                          "the URL is followed by ' #' on its line, which YAML reads as a comment",
                          "put the whole URL in quotes", code="url-cut-short")
            elif field == "text":
                state.add(entry.file, loc, path,
                          "the text is cut at ' #': YAML reads the rest of the line as a comment",
                          "wrap the value in quotes to keep the rest of the text",
                          code="text-cut-short")


def _field_kind(model: type[BaseModel], loc: Loc) -> str:
    """'text' for a free-text field at `loc` (Text, ShortText), 'url' for a URL, else ''."""
    owner = _nested_model(model, (*loc, "_")) if loc else model
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return ""
    info = {f.alias or n: f for n, f in owner.model_fields.items()}.get(names[-1])
    if info is None:
        return ""
    validators = [m.func.__name__ for m in info.metadata if hasattr(m, "func")]
    inner = info.annotation
    for arg in getattr(inner, "__args__", ()):  # Optional[...] and list[...]
        validators += [m.func.__name__ for m in getattr(arg, "__metadata__", ())
                       if hasattr(m, "func")]
    if "_check_url" in validators:
        return "url"
    if "_check_text" in validators:
        return "text"
    return ""


def _check_portraits(state: _State, data_dir: Path) -> None:
    folder = data_dir / PORTRAITS_DIR
    for entry in state.entries.get("participants", {}).values():
        portrait = getattr(entry.record, "portrait", None)
        if portrait is None:
            continue
        path = folder / portrait.file
        if path.is_symlink() or not path.is_file():
            state.add(entry.file, (*entry.loc, "portrait", "file"),
                      f"participants.{entry.id}.portrait.file",
                      f"no file '{portrait.file}' in {data_dir.name}/{PORTRAITS_DIR}/",
                      "add the image there, or fix the name", code="missing-file")


def _check_unused_sources(state: _State) -> None:
    cited: set[str] = set()
    for entry in _all_entries(state):
        if entry.record is not None:
            cited.update(cited_sources(entry.record))
    for entry in state.entries.get("sources", {}).values():
        if entry.id not in cited:
            state.add(entry.file, entry.loc, f"sources.{entry.id}", "source is never cited",
                      "cite it from a record, or delete it", code="unused-source", key=True,
                      severity="warning")


def _all_entries(state: _State) -> Iterator[_Entry]:
    for entries in state.entries.values():
        yield from entries.values()
    yield from state.singletons.values()


# --- the entry point ----------------------------------------------------------------------------

def check(data_dir: Path, cache: LoadCache | None = None) -> tuple[Explainer | None,
                                                                  list[Problem]]:
    """Validate everything under `data_dir`; the graph when there is no hard problem.
    `cache` (see `LoadCache`) lets a long-running process skip re-parsing unchanged files."""
    state = _State()
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), 1, 1, "", "no such data folder", code="missing")]
    files, problems = discover(data_dir)
    state.problems.extend(problems)
    _load_collections(state, files, cache)
    for name, entries in state.entries.items():
        for entry in entries.values():
            entry.record = _validate_record(state, entry, COLLECTIONS[name], f"{name}.{entry.id}")
    for name, entry in state.singletons.items():
        entry.record = _validate_record(state, entry, SINGLETONS[name], name)
    _check_references(state)
    _check_dates(state)
    _check_record_rules(state)
    _check_against_sources(state)
    _check_text_quirks(state)
    _check_portraits(state, data_dir)
    _check_unused_sources(state)
    problems = sorted(set(state.problems))
    if errors_in(problems) or "explainer" not in state.singletons:
        return None, problems
    return _build(state), problems


def _build(state: _State) -> Explainer:
    def collection(name: str) -> Any:
        entries = state.entries.get(name, {})
        return MappingProxyType({k: entries[k].record for k in sorted(entries)})

    origins = {
        (name, entry.id): Origin(entry.file.display, entry.file.key_mark(entry.loc)[0])
        for name, entries in state.entries.items() for entry in entries.values()
    }
    info = state.singletons["explainer"].record
    assert isinstance(info, ExplainerInfo)
    return Explainer(info=info, origins=MappingProxyType(origins),
                     **{name: collection(name) for name in COLLECTIONS})


def load_explainer(data_dir: Path) -> tuple[Explainer, list[Problem]]:
    """The graph and its warnings; raises `DataError` with every problem when there are errors."""
    explainer, problems = check(data_dir)
    if explainer is None:
        raise DataError(problems)
    return explainer, problems


__all__ = ["check", "discover", "load_explainer"]
