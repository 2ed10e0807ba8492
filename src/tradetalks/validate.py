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

from .errors import DataError, Problem, did_you_mean, errors_in
from .load import LoadedFile, Loc, load_file
from .model import (
    COLLECTIONS,
    OPTIONAL_COLLECTIONS,
    SINGLETONS,
    Correction,
    Entity,
    Event,
    Explainer,
    ExplainerInfo,
    Origin,
    Participant,
    Quote,
    Record,
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
            "events": "event", "topics": "topic", "quotes": "quote", "corrections": "correction"}


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
        hint = did_you_mean(name, _field_names(owner)) or (
            "the id is the key above the record, not a field" if name == "id"
            else f"fields are: {', '.join(_field_names(owner))}")
        state.add(file, at, _label(base, loc[:-1]), f"unknown field '{name}'", hint,
                  code="unknown-key", key=True)
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
    elif kind in {"string_too_long", "too_long"}:
        state.add(file, at, path, f"is too long (at most {error['ctx'].get('max_length')})",
                  code="too-long")
    elif kind in {"bool_type", "int_type", "float_type"}:
        state.add(file, at, path, f"expected {kind.split('_')[0]}, got {_describe(value)}",
                  code="wrong-type")
    elif kind in _CUSTOM:
        hint = _CUSTOM[kind]
        state.add(file, at, path, error["msg"], hint, code=kind)
    else:  # a pydantic error we have no wording for yet: still located, never a traceback
        state.add(file, at, path, error["msg"], code="wrong-type")


#: Errors that, on an empty value (`field:` with nothing after it), mean "fill this in".
_EMPTY_KINDS = frozenset({"string_type", "list_type", "model_type", "dict_type", "literal_error",
                          "invalid-date"})
_NO_SOURCE_HINT = "add 'sources: [source-id]'; every claim needs at least one source"

_CUSTOM = {
    "invalid-date": "use YYYY-MM-DD, e.g. 2025-06-10",
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
        if elsewhere:
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
        for index, value in enumerate(values):
            self.check(entry, (*prefix, name, index), value, target)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _check_references(state: _State) -> None:
    refs = _Refs(state)
    participants = state.entries.get("participants", {})
    for entries in state.entries.values():
        for entry in entries.values():
            record = entry.record
            if record is None:
                continue
            refs.each(entry, "sources", getattr(record, "sources", []), "sources")
            for i, role in enumerate(getattr(record, "roles", [])):
                refs.each(entry, "sources", role.sources, "sources", ("roles", i))
            for i, position in enumerate(getattr(record, "positions", [])):
                refs.each(entry, "sources", position.sources, "sources", ("positions", i))
            if isinstance(record, Participant):
                for i, org in enumerate(record.member_of):
                    if not refs.check(entry, ("member_of", i), org, "participants"):
                        continue
                    target = participants[org].record
                    if target is not None and target.kind == "person":
                        state.add(entry.file, (*entry.loc, "member_of", i),
                                  f"participants.{entry.id}.member_of[{i}]",
                                  f"'{org}' is a person, not a delegation or organisation",
                                  code="wrong-reference")
            if isinstance(record, Event):
                if record.place:
                    refs.check(entry, ("place",), record.place, "places")
                refs.each(entry, "participants", record.participants, "participants")
                refs.each(entry, "topics", record.topics, "topics")
            if isinstance(record, Quote):
                refs.check(entry, ("speaker",), record.speaker, "participants")
                if record.event:
                    refs.check(entry, ("event",), record.event, "events")
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


def _check_dates(state: _State) -> None:
    for entry in _all_entries(state):
        record, base = entry.record, f"{entry.collection}.{entry.id}"
        if isinstance(record, Event):
            if record.precision == "month" and record.date.day != 1:
                state.add(entry.file, (*entry.loc, "date"), f"{base}.date",
                          "a month-precision date must fall on the 1st",
                          f"write {record.date.replace(day=1)}", code="date-precision")
            if record.precision == "year" and (record.date.month, record.date.day) != (1, 1):
                state.add(entry.file, (*entry.loc, "date"), f"{base}.date",
                          "a year-precision date must be January 1st",
                          f"write {record.date.replace(month=1, day=1)}", code="date-precision")
            if record.end is not None:
                if record.precision != "day":
                    state.add(entry.file, (*entry.loc, "end"), f"{base}.end",
                              "only day-precision events can have an end date",
                              code="date-precision")
                elif record.end < record.date:
                    state.add(entry.file, (*entry.loc, "end"), f"{base}.end",
                              f"ends ({record.end}) before it starts ({record.date})",
                              code="date-order")
        for i, role in enumerate(getattr(record, "roles", [])):
            if role.start and role.end and role.end < role.start:
                state.add(entry.file, (*entry.loc, "roles", i, "to"), f"{base}.roles[{i}].to",
                          f"ends ({role.end}) before it starts ({role.start})", code="date-order")


def _check_text_quirks(state: _State) -> None:
    """Values that parsed but were probably not meant: a URL cut at ' #'."""
    for entry in _all_entries(state):
        for loc in entry.file.comment_after:
            if loc[: len(entry.loc)] == entry.loc and loc[-1] in {"url", "archive_url"}:
                state.add(entry.file, loc, _label(f"{entry.collection}.{entry.id}",
                                                  loc[len(entry.loc):]),
                          "the URL is followed by ' #' on its line, which YAML reads as a comment",
                          "put the whole URL in quotes", code="url-cut-short")


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
