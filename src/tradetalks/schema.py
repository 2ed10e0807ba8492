"""JSON Schemas for editors: one per collection, generated from the record classes in `model`.

A side branch of the flow (load -> validate -> model -> ...): nothing in the build reads these
files. They are committed under `data/schema/` so that an editor's YAML language server (VS Code
with `redhat.vscode-yaml`, or any editor speaking LSP) offers autocomplete, hover help and inline
errors while typing, before `check` runs. The schemas describe the file shapes: a collection file
is a mapping `id: record`, `explainer.yml` is one record. They express what a single value must
look like; rules that need the whole data set (references resolve, dates in order) stay in
`validate`, so the schemas accept a little more than `check` does, never less.

`make schema` (`tradetalks schema`) rewrites them; `schema --check` (run by a test and by
pre-commit) fails when the committed files no longer match the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import COLLECTIONS, ID_MAX, ID_PATTERN, RESERVED_IDS, SINGLETONS, Entity, Record

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: Bump the major part when a schema starts rejecting data it used to accept.
SCHEMA_VERSION = "1.0.0"
#: A name, not a location: the site publishes the files under /data/schema/ but its address is
#: configuration, and a schema's identity must not change when the site moves.
SCHEMA_ID = "urn:tradetalks:schema:{version}:{name}"
SCHEMA_DIR = "schema"
SUFFIX = ".schema.json"

#: Hover help for fields whose meaning the model does not spell out in a docstring.
FALLBACK_DESCRIPTIONS = {
    "kind": "What sort of record this is; one of the listed values.",
    "side": "Which side: united-states, china or other.",
    "summary": "A few sentences in the explainer's voice, supported by the sources.",
    "title": "The title as readers will see it.",
    "name": "The name as readers will see it.",
    "sources": "Ids of the sources that support this record, from sources.yml.",
    "place": "Id of the place where it happened, from places.yml.",
    "participants": "Ids of the participants involved, from participants.yml.",
    "topics": "Ids of the topics it concerns, from topics.yml.",
    "event": "Id of the event where it was said, from events.yml.",
    "speaker": "Id of the participant who said it, from participants.yml.",
    "outcome": "What the event led to, when the sources say.",
    "description": "A sentence about the place, when it helps readers.",
    "context": "When, where and why it was said, in the explainer's voice.",
    "statement": "The side's position, as the sources state it.",
    "date": "YYYY-MM-DD.",
    "roles": "Titles the participant held, each with its sources.",
    "positions": "Each side's position on the topic over time.",
    "portrait": "A local picture of the participant, with alt text and credit.",
    "text": "The text itself.",
    "lang": "Language tag (BCP 47), such as 'zh-Hans'.",
    "status": "Where things stand; one of the listed values.",
    "standfirst": "The paragraph under the headline.",
    "reason": "Why the correction was made.",
    "language": "Language of the text (BCP 47 tag), such as 'en' or 'zh-Hans'.",
}


def _title(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _describe_fields(model: type[BaseModel], schema: dict[str, Any]) -> None:
    """Titles from the YAML keys and descriptions from the field docstrings (or a fallback)."""
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for key, prop in schema.get("properties", {}).items():
        info = fields.get(key)
        doc = (info.description if info else None) or FALLBACK_DESCRIPTIONS.get(key)
        prop["title"] = _title(key)
        if doc:
            prop["description"] = doc


def _nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                for info in annotation.model_fields.values():
                    visit(info.annotation)
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    for info in model.model_fields.values():
        visit(info.annotation)
    return found


def record_schema(model: type[Record]) -> dict[str, Any]:
    """The schema of one record as written in YAML: keys by alias, no `id` (it is the key)."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    defs = schema.pop("$defs", {})
    for name, nested in _nested_models(model).items():
        if name in defs:
            _describe_fields(nested, defs[name])
    if issubclass(model, Entity):
        schema["properties"].pop("id", None)
        schema["required"] = [key for key in schema.get("required", []) if key != "id"]
    _describe_fields(model, schema)
    schema["title"] = model.__name__
    return {"defs": defs, "record": schema}


def _envelope(name: str, description: str) -> dict[str, Any]:
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID.format(version=SCHEMA_VERSION.split(".")[0], name=name),
        "version": SCHEMA_VERSION,
        "title": f"tradetalks {name}",
        "description": description,
    }


def collection_schema(name: str) -> dict[str, Any]:
    """The schema of one data file: `id: record` pairs for a collection, one record for a
    singleton such as `explainer`."""
    if name in SINGLETONS:
        model: type[Record] = SINGLETONS[name]
        parts = record_schema(model)
        record = parts["record"]
        schema = _envelope(name, f"data/{name}.yml: {record.get('description', '')}".strip())
        schema.update({k: v for k, v in record.items() if k not in {"title", "description"}})
        if parts["defs"]:
            schema["$defs"] = parts["defs"]
        return schema
    model = COLLECTIONS[name]
    parts = record_schema(model)
    record_name = model.__name__
    doc = parts["record"].get("description", "")
    schema = _envelope(name, (
        f"data/{name}.yml, or any file under data/{name}/: a mapping of id -> "
        f"{record_name.lower()} record. {doc}").strip())
    schema.update({
        "type": "object",
        "propertyNames": {"maxLength": ID_MAX, "not": {"enum": sorted(RESERVED_IDS)}},
        "patternProperties": {ID_PATTERN: {"$ref": f"#/$defs/{record_name}"}},
        "additionalProperties": False,
        "$defs": {**parts["defs"], record_name: parts["record"]},
    })
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every collection and singleton."""
    names = [*COLLECTIONS, *SINGLETONS]
    return {f"{name}{SUFFIX}": collection_schema(name) for name in names}


def render(schema: dict[str, Any]) -> str:
    """The committed text of a schema: stable key order, UTF-8, one trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_files(schema_dir: Path) -> list[str]:
    """What `schema --check` complains about: files missing, different, or no longer generated."""
    expected = {name: render(schema) for name, schema in all_schemas().items()}
    problems = []
    for name, text in expected.items():
        path = schema_dir / name
        if not path.is_file():
            problems.append(f"{path.as_posix()}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.as_posix()}: out of date")
    if schema_dir.is_dir():
        for path in sorted(schema_dir.glob(f"*{SUFFIX}")):
            if path.name not in expected:
                problems.append(f"{path.as_posix()}: no longer generated")
    return problems


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write every schema, remove ones no longer generated; returns the files that changed."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    expected = {name: render(schema) for name, schema in all_schemas().items()}
    changed = []
    for name, text in expected.items():
        path = schema_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    for path in sorted(schema_dir.glob(f"*{SUFFIX}")):
        if path.name not in expected:
            path.unlink()
            changed.append(path)
    return changed


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", default="data", type=Path,
                        help="the data folder; schemas go in its schema/ folder (default: data)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when the committed schemas are out of date")


def _run(args: argparse.Namespace) -> int:
    schema_dir = args.data_dir / SCHEMA_DIR
    if args.check:
        stale = stale_files(schema_dir)
        for line in stale:
            print(f"{line} (run: make schema)", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(schema_dir):
        print(f"updated {path.as_posix()}", file=sys.stderr)
    return 0


#: The `schema` sub-command, registered by `cli`.
COMMAND = (_add_arguments, _run)
