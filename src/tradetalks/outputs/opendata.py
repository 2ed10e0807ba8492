"""Open data: every collection as JSON and CSV, the whole explainer as one JSON document, a
Frictionless Data Package describing the files, and the JSON Schema the JSON follows.

Last step of the flow for reusers (model -> **outputs**): researchers and newsrooms get the same
facts the pages show, as files under `/data/`. Everything is derived from the record classes in
`model`, so a field added there appears here, in the CSV header, in the package's field list and
in the schema without further edits.

Shapes, and why:

* `<collection>.json` is an array of records shaped exactly as in `explainer.json`: the model's
  fields (references as ids, dates as `YYYY-MM-DD`, `from`/`to` as editors write them) plus
  `page_url`, the record's absolute URL on the site. Missing optional values are `null`, so every
  record has every key.
* `<collection>.csv` has one row per record and a stable column order (the model's field order,
  then `page_url`). A nested record becomes prefixed columns (`native_name_text`,
  `native_name_lang`). Lists of records cannot fit a cell, so they get their own files, one row
  per item with the parent's id and the item's `index` (from 0, in data-file order):
  `positions` (flattened from topics) and `roles` (flattened from participants). Topics and
  participants' CSV rows leave them out; their JSON keeps them nested.
* **List cells** (ids, authors) join their values with `;`. A `;` or `\\` inside a value is
  preceded by a `\\` (`split_list` undoes it); ids never contain either. In the Data Package these
  columns are Table Schema v2 `list` fields with `"delimiter": ";"`.
* CSV files are UTF-8 without a BOM, comma-separated, `"`-quoted only when needed, with `\\n` line
  endings and a header row. Empty cells are missing values.
* **Licence**: the data is published under CC-BY-4.0 (Creative Commons Attribution 4.0); the
  package says so (with `LICENCE_CARVE_OUT`: quotations and linked articles stay their owners'),
  and `explainer.json` carries the licence id.
* The schema is versioned in its file name (`schema/explainer-1.json`); a change that could break
  a consumer publishes `explainer-2.json` next to it.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .. import urls
from ..dates import PRECISIONS, UNKNOWN, PartialDate, parse_or_unknown
from ..model import COLLECTIONS, Entity, Explainer, ExplainerInfo, Record
from ._common import absolute, json_bytes, site_root

SCHEMA_VERSION = 1
SCHEMA_PATH = f"{urls.DATA_DIR_URL}schema/explainer-{SCHEMA_VERSION}.json"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
#: What the licence does not cover (stated in the Data Package and on the /data/ page).
LICENCE_CARVE_OUT = ("Quotations and the articles they link to belong to their authors and "
                     "publishers: the licence covers the facts as compiled here, not the words "
                     "quoted or the articles cited.")
LIST_DELIMITER = ";"
LIST_NOTE = ("Several values are separated by ';'; a ';' or '\\' inside a value is preceded by "
             "'\\'.")
PAGE_URL_NOTE = "The record's page (or its anchor on a list page) on the explainer site."
#: Dates are published as precisely as the sources give them, never padded to a day.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PRECISION_NOTE = ("How much of the date the sources give: year (YYYY), month (YYYY-MM) or day "
                  "(YYYY-MM-DD); unknown when they do not say.")
PRECISION_VALUES = (*PRECISIONS, UNKNOWN)
#: Lists of records flattened into their own files: name -> (parent collection, parent field,
#: parent key column).
CHILD_TABLES = {
    "roles": ("participants", "roles", "participant"),
    "positions": ("topics", "positions", "topic"),
}
#: Scalar references, declared as Data Package foreign keys (list references cannot be).
FOREIGN_KEYS = {
    ("events", "place"): "places",
    ("quotes", "speaker"): "participants",
    ("quotes", "event"): "events",
    ("roles", "participant"): "participants",
    ("positions", "topic"): "topics",
}
_ESCAPE = re.compile(r"([\\;])")
_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*);")


@dataclass(frozen=True)
class Column:
    """One CSV column / table field: its name, Table Schema type, and how to read it from a row's
    source object."""

    name: str
    type: Literal["string", "date", "integer", "list"]
    get: Callable[[Any], Any]
    description: str | None = None
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None

    def field(self) -> dict[str, Any]:
        """The Table Schema (v2) field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type == "list":
            out.update(delimiter=LIST_DELIMITER, itemType="string")
        description = " ".join(filter(None, [self.description,
                                              LIST_NOTE if self.type == "list" else None]))
        if description:
            out["description"] = description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            out["constraints"] = constraints
        return out

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of this column's value in a flattened JSON row."""
        schema: dict[str, Any]
        if self.type == "list":
            schema = {"type": "array", "items": {"type": "string"}}
        elif self.type == "integer":
            schema = {"type": "integer", "minimum": 0}
        else:
            schema = {"type": "string"}
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.pattern:
            schema["pattern"] = self.pattern
        return schema if self.required else {"anyOf": [schema, {"type": "null"}]}

    def value(self, row: Any) -> Any:
        """The column's value for JSON: dates as ISO text, lists as arrays, missing as None."""
        value = self.get(row)
        if isinstance(value, PartialDate):
            return value.iso
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return value

    def cell(self, row: Any) -> str:
        """The column's value as CSV text."""
        value = self.value(row)
        if value is None:
            return ""
        if isinstance(value, list):
            return LIST_DELIMITER.join(_ESCAPE.sub(r"\\\1", v) for v in value)
        return str(value)


def split_list(cell: str) -> list[str]:
    """The values of a list cell, undoing the `\\` escapes (the inverse of `Column.cell`)."""
    if cell == "":
        return []
    return [re.sub(r"\\(.)", r"\1", part) for part in _split_unescaped(cell)]


def _split_unescaped(cell: str) -> Iterator[str]:
    start = 0
    for match in _SPLIT.finditer(cell):
        yield cell[start:match.end() - 1]
        start = match.end()
    yield cell[start:]


# --- columns from the model ----------------------------------------------------------------------

def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(The inner type, whether None is allowed), looking through Optional and Annotated
    (in either order: `Annotated[PartialDate | None, ...]` is a date that may be unknown)."""
    optional = False
    while True:
        if get_origin(annotation) in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) != len(get_args(annotation))
            annotation = args[0]
        elif get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation, optional


def date_fields(model: type[BaseModel]) -> list[tuple[str, str]]:
    """(attribute, data-file name) of every date field of `model` (`dates.PartialDate`)."""
    return [(attr, info.alias or attr) for attr, info in model.model_fields.items()
            if _unwrap(info.annotation)[0] is PartialDate]


def precision_of(value: PartialDate | None, unknown_allowed: bool) -> str | None:
    """'year', 'month' or 'day'; 'unknown' for a date a source does not give; None when the
    field is simply empty."""
    if value is not None:
        return value.precision
    return UNKNOWN if unknown_allowed else None


def _unknown_allowed(model: type[BaseModel], attr: str) -> bool:
    """Whether a date field may say `unknown` (`model.DateOrUnknown`) rather than be empty."""
    info = model.model_fields[attr]
    return any(getattr(m, "func", None) is parse_or_unknown for m in info.metadata) or any(
        getattr(m, "func", None) is parse_or_unknown
        for m in getattr(info.annotation, "__metadata__", ()))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_columns(model: type[BaseModel], get: Callable[[Any], Any], prefix: str = "",
                   parent_required: bool = True) -> list[Column]:
    """Columns for every scalar, list and nested-record field of `model`, in field order."""
    columns: list[Column] = []
    for attr, info in model.model_fields.items():
        name = info.alias or attr
        inner, optional = _unwrap(info.annotation)
        required = parent_required and info.is_required() and not optional

        def getter(row: Any, attr: str = attr) -> Any:
            owner = get(row)
            return None if owner is None else getattr(owner, attr)

        if get_origin(inner) is list:
            item, _ = _unwrap(get_args(inner)[0])
            if _is_model(item):
                continue  # a child table of its own (CHILD_TABLES)
            columns.append(Column(prefix + name, "list", getter, info.description, False))
        elif _is_model(inner):
            columns.extend(_model_columns(inner, getter, f"{prefix}{name}_", required))
        elif get_origin(inner) is Literal:
            columns.append(Column(prefix + name, "string", getter, info.description, required,
                                  tuple(str(a) for a in get_args(inner))))
        elif inner is PartialDate:
            unknown = _unknown_allowed(model, attr)
            columns.append(Column(prefix + name, "string", getter, info.description,
                                  required and not unknown, pattern=DATE_PATTERN))
            columns.append(Column(
                f"{prefix}{name}_precision", "string",
                lambda row, getter=getter, unknown=unknown: precision_of(getter(row), unknown),
                PRECISION_NOTE, required, PRECISION_VALUES if unknown else PRECISIONS))
        else:
            columns.append(Column(prefix + name, "string", getter, info.description, required))
    return columns


def _identity(row: Any) -> Any:
    return row


def collection_columns(name: str, site_url: str,
                       paging: urls.SitePaging | None = None) -> list[Column]:
    """The columns of `<name>.csv`: the record's fields, then its page URL (events, quotes and
    sources need the site's `paging` once their lists are paginated)."""
    columns = _model_columns(COLLECTIONS[name], _identity)
    columns.append(Column("page_url", "string",
                          lambda r: absolute(site_url, urls.record_url(name, r.id, paging)),
                          PAGE_URL_NOTE, True))
    return columns


@dataclass(frozen=True)
class _Child:
    """One flattened item: the parent's id, the item's index, and the item itself."""

    parent: str
    index: int
    item: Record


def child_columns(name: str) -> list[Column]:
    """The columns of a flattened child table (`positions`, `roles`)."""
    parent, attr, key = CHILD_TABLES[name]
    item_type, _ = _unwrap(get_args(COLLECTIONS[parent].model_fields[attr].annotation)[0])
    return [
        Column(key, "string", lambda c: c.parent, f"Id of the {key} this row belongs to.", True),
        Column("index", "integer", lambda c: c.index,
               f"Position in the {key}'s list of {attr} in the data file, from 0.", True),
        *_model_columns(item_type, lambda c: c.item),
    ]


def child_rows(explainer: Explainer, name: str) -> list[_Child]:
    parent, attr, _ = CHILD_TABLES[name]
    return [_Child(record.id, i, item)
            for record in explainer.collection(parent).values()
            for i, item in enumerate(getattr(record, attr))]


# --- files ---------------------------------------------------------------------------------------

def to_csv(columns: list[Column], rows: list[Any]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([c.cell(row) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _dump(record: BaseModel) -> dict[str, Any]:
    """A record's fields by their data-file names, each date followed by its precision
    (`published` then `published_precision`), nested records likewise."""
    return _with_precisions(type(record), record, record.model_dump(mode="json", by_alias=True))


def _with_precisions(model: type[BaseModel], record: BaseModel,
                     dumped: dict[str, Any]) -> dict[str, Any]:
    shape = _shape(model)
    if not shape:
        return dumped
    data: dict[str, Any] = {}
    for key, value in dumped.items():
        data[key] = value
        kind = shape.get(key)
        if kind is None:
            continue
        attr, what, nested = kind
        if what == "date":
            data[f"{key}_precision"] = precision_of(getattr(record, attr), nested is not None)
        elif what == "one" and value is not None:
            data[key] = _with_precisions(nested, getattr(record, attr), value)
        elif what == "many":
            data[key] = [_with_precisions(nested, item, item_value)
                         for item, item_value in zip(getattr(record, attr), value, strict=True)]
    return data


@functools.cache
def _shape(model: type[BaseModel]) -> dict[str, tuple[str, str, Any]]:
    """Data-file name -> (attribute, 'date' | 'one' | 'many', detail) for the fields of `model`
    that hold dates or records with dates ('date' detail: not None when it may be unknown)."""
    shape: dict[str, tuple[str, str, Any]] = {}
    for attr, info in model.model_fields.items():
        key = info.alias or attr
        inner, _ = _unwrap(info.annotation)
        if inner is PartialDate:
            shape[key] = (attr, "date", True if _unknown_allowed(model, attr) else None)
        elif _is_model(inner) and _shape(inner):
            shape[key] = (attr, "one", inner)
        elif get_origin(inner) is list:
            item, _ = _unwrap(get_args(inner)[0])
            if _is_model(item) and _shape(item):
                shape[key] = (attr, "many", item)
    return shape


def record_json(name: str, record: Entity, site_url: str,
                paging: urls.SitePaging | None = None) -> dict[str, Any]:
    """One record as published in JSON: the model's fields by their data-file names (each date
    with its precision), then `page_url`."""
    data = _dump(record)
    data["page_url"] = absolute(site_url, urls.record_url(name, record.id, paging))
    return data


def explainer_json(explainer: Explainer, site_url: str) -> dict[str, Any]:
    """Everything in one document, references as ids (the shape `schema/explainer-1.json`
    describes)."""
    info = _dump(explainer.info)
    info["page_url"] = site_root(site_url)
    doc: dict[str, Any] = {
        "$schema": absolute(site_url, SCHEMA_PATH),
        "version": SCHEMA_VERSION,
        "licence": LICENCE["name"],
        "explainer": info,
    }
    paging = urls.site_paging(explainer)
    for name in COLLECTIONS:
        doc[name] = [record_json(name, r, site_url, paging)
                     for r in explainer.collection(name).values()]
    return doc


def _all_models() -> list[type[BaseModel]]:
    """Every record class the JSON holds, nested ones included."""
    found: dict[str, type[BaseModel]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = model
        for info in model.model_fields.values():
            inner, _ = _unwrap(info.annotation)
            if get_origin(inner) is list:
                inner, _ = _unwrap(get_args(inner)[0])
            if _is_model(inner):
                visit(inner)

    for cls in (ExplainerInfo, *COLLECTIONS.values()):
        visit(cls)
    return list(found.values())


def _row_schema(title: str, columns: list[Column]) -> dict[str, Any]:
    return {"title": title, "type": "object", "additionalProperties": False,
            "required": [c.name for c in columns],
            "properties": {c.name: c.json_schema() for c in columns}}


def json_schema(site_url: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `explainer.json`, generated from the model classes.
    Each collection's own JSON file follows `#/properties/<collection>`, and the flattened
    tables follow `#/$defs/<Name>Row`."""
    models = [(ExplainerInfo, "serialization"),
              *((cls, "serialization") for cls in COLLECTIONS.values())]
    _, top = models_json_schema(models, by_alias=True, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = top["$defs"]
    page_url = {"type": "string", "format": "uri", "description": PAGE_URL_NOTE}
    for cls in _all_models():
        if cls.__name__ not in defs:
            continue
        definition = defs[cls.__name__]
        properties = {}
        for key, prop in definition["properties"].items():  # each date, then its precision
            if key in dict((alias, attr) for attr, alias in date_fields(cls)):
                attr = next(a for a, k in date_fields(cls) if k == key)
                unknown = _unknown_allowed(cls, attr)
                required = cls.model_fields[attr].is_required() and not unknown
                date = {"type": "string", "pattern": DATE_PATTERN}
                properties[key] = {**{k: v for k, v in prop.items()
                                      if k in ("title", "description")},
                                   **(date if required else {"anyOf": [date, {"type": "null"}]})}
                values = list(PRECISION_VALUES if unknown else PRECISIONS)
                precision = {"type": "string", "enum": values}
                properties[f"{key}_precision"] = {
                    "description": PRECISION_NOTE,
                    **(precision if required or unknown
                       else {"anyOf": [precision, {"type": "null"}]})}
            else:
                properties[key] = prop
        definition["properties"] = properties
        definition["required"] = list(properties)
    for cls in (ExplainerInfo, *COLLECTIONS.values()):
        definition = defs[cls.__name__]
        definition["properties"]["page_url"] = page_url
        # Every key is always written (missing values as null), so every key is required.
        definition["required"] = list(definition["properties"])
    for name in CHILD_TABLES:
        defs[f"{name[:-1].capitalize()}Row"] = _row_schema(f"One of {name}, flattened",
                                                           child_columns(name))
    properties: dict[str, Any] = {
        "$schema": {"const": absolute(site_url, SCHEMA_PATH)},
        "version": {"const": SCHEMA_VERSION},
        "licence": {"const": LICENCE["name"]},
        "explainer": {"$ref": "#/$defs/ExplainerInfo"},
    }
    for name, cls in COLLECTIONS.items():
        properties[name] = {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, SCHEMA_PATH),
        "title": "The U.S.-China trade talks explainer, as data",
        "description": ("Every record of the explainer, references as ids. Version "
                        f"{SCHEMA_VERSION}: a breaking change publishes explainer-"
                        f"{SCHEMA_VERSION + 1}.json."),
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
        "$defs": dict(sorted(defs.items())),
    }


def _table_resource(name: str, columns: list[Column], primary_key: list[str],
                    title: str) -> dict[str, Any]:
    foreign = [{"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
               for (table, column), target in FOREIGN_KEYS.items() if table == name]
    schema: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": [c.field() for c in columns],
        "missingValues": [""],
        "primaryKey": primary_key,
    }
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": name,
        "type": "table",
        "path": f"{name}.csv",
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                    "header": True, "delimiter": ",", "lineTerminator": "\n",
                    "quoteChar": '"', "doubleQuote": True},
        "schema": schema,
    }


def _json_resource(name: str, path: str, title: str, description: str,
                   mediatype: str = "application/json") -> dict[str, Any]:
    return {"name": name, "path": path, "title": title, "description": description,
            "format": "json", "mediatype": mediatype, "encoding": "utf-8"}


def datapackage(explainer: Explainer, site_url: str) -> dict[str, Any]:
    """The Frictionless Data Package (v2) descriptor for everything under `/data/`."""
    schema_note = f"Follows the JSON Schema {SCHEMA_PATH.removeprefix(urls.DATA_DIR_URL)}"
    resources: list[dict[str, Any]] = [
        _json_resource("explainer", "explainer.json", "Everything, in one document",
                       f"Every record, references as ids. {schema_note}."),
        _json_resource("explainer-schema", SCHEMA_PATH.removeprefix(urls.DATA_DIR_URL),
                       "JSON Schema of the JSON files",
                       "Describes explainer.json and, under properties/<collection>, each "
                       "collection's JSON file.", "application/schema+json"),
    ]
    for name in COLLECTIONS:
        resources.append(_table_resource(name, collection_columns(name, site_url), ["id"],
                                         name.capitalize()))
        resources.append(_json_resource(f"{name}-json", f"{name}.json",
                                        f"{name.capitalize()} (JSON)",
                                        f"{schema_note}, #/properties/{name}."))
    for name, (parent, _, key) in CHILD_TABLES.items():
        resources.append(_table_resource(name, child_columns(name), [key, "index"],
                                         f"{name.capitalize()}, flattened from {parent}"))
        resources.append(_json_resource(f"{name}-json", f"{name}.json",
                                        f"{name.capitalize()} (JSON)",
                                        f"{schema_note}, #/$defs/{name[:-1].capitalize()}Row."))
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "tradetalks",
        "title": explainer.info.title,
        "description": (f"{explainer.info.standfirst} Licensed {LICENCE['title']} "
                        f"({LICENCE['name']}). {LICENCE_CARVE_OUT}"),
        "homepage": site_root(site_url),
        "version": f"{SCHEMA_VERSION}.0.0",
        "licenses": [LICENCE],
        "sources": [{"title": explainer.info.title, "path": site_root(site_url)}],
        "resources": resources,
    }


def iter_files(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    """Every file under `data/`, as (site-relative path, bytes), one at a time (the build
    writes each as it comes rather than hold the whole open data in memory)."""
    base = urls.DATA_DIR_URL
    paging = urls.site_paging(explainer)
    yield f"{base}explainer.json", json_bytes(explainer_json(explainer, site_url))
    yield f"{base}datapackage.json", json_bytes(datapackage(explainer, site_url))
    yield SCHEMA_PATH, json_bytes(json_schema(site_url))
    for name in COLLECTIONS:
        records = list(explainer.collection(name).values())
        yield f"{base}{name}.json", json_bytes([record_json(name, r, site_url, paging)
                                                for r in records])
        yield f"{base}{name}.csv", to_csv(collection_columns(name, site_url, paging), records)
    for name in CHILD_TABLES:
        columns, rows = child_columns(name), child_rows(explainer, name)
        yield f"{base}{name}.json", json_bytes([{c.name: c.value(r) for c in columns}
                                                for r in rows])
        yield f"{base}{name}.csv", to_csv(columns, rows)


def build(explainer: Explainer, site_url: str) -> dict[str, bytes]:
    """Every file under `data/`, as site-relative path -> bytes."""
    return dict(iter_files(explainer, site_url))
