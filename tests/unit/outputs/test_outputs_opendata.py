"""Open data: JSON against the published schema, CSV through the csv module, the Data Package
against the files it describes, and the content of each against the model."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from outputs_data import SITE, outputs_of
from referencing import Registry, Resource

from tradetalks import urls
from tradetalks.model import COLLECTIONS, Explainer
from tradetalks.outputs import opendata
from tradetalks.outputs.opendata import Column, split_list

SCHEMA_URL = SITE + "data/schema/explainer-1.json"


def files_of(explainer: Explainer) -> dict[str, bytes]:
    return outputs_of(explainer)


def load(files: dict[str, bytes], path: str) -> Any:
    return json.loads(files[path].decode("utf-8"))


def read_csv(files: dict[str, bytes], path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[path].decode("utf-8"), newline="")))


def validator(files: dict[str, bytes], ref: str = "") -> Draft202012Validator:
    """A validator for the published schema, or for a part of it named by a JSON pointer."""
    schema = load(files, opendata.SCHEMA_PATH)
    Draft202012Validator.check_schema(schema)
    registry = Registry().with_resource(SCHEMA_URL, Resource.from_contents(schema))
    target = {"$ref": f"{SCHEMA_URL}#{ref}"} if ref else schema
    return Draft202012Validator(target, registry=registry, format_checker=FormatChecker())


# --- JSON ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["shipped", "rich", "hostile"])
def test_explainer_json_follows_the_published_schema(model: str,
                                                     request: pytest.FixtureRequest) -> None:
    files = files_of(request.getfixturevalue(model))
    doc = load(files, "data/explainer.json")
    errors = [e.message for e in validator(files).iter_errors(doc)]
    assert errors == []
    assert doc["$schema"] == SCHEMA_URL and doc["version"] == 1 and doc["licence"] == "CC-BY-4.0"


def test_the_schema_rejects_what_the_model_would(rich: Explainer) -> None:
    files = files_of(rich)
    doc = load(files, "data/explainer.json")
    check = validator(files)
    bad_date = copy.deepcopy(doc)
    bad_date["events"][0]["date"] = "10 June 2025"
    unknown = copy.deepcopy(doc)
    unknown["quotes"][0]["speeker"] = "donald-trump"
    bad_side = copy.deepcopy(doc)
    bad_side["participants"][0]["side"] = "france"
    no_page = copy.deepcopy(doc)
    del no_page["topics"][0]["page_url"]
    for broken in (bad_date, unknown, bad_side, no_page):
        assert not check.is_valid(broken)


def test_explainer_json_holds_every_record_with_references_as_ids(rich: Explainer) -> None:
    doc = load(files_of(rich), "data/explainer.json")
    for name in COLLECTIONS:
        assert [r["id"] for r in doc[name]] == list(rich.collection(name)), name
    event = next(r for r in doc["events"] if r["id"] == "next-round")
    assert event["place"] == "geneva"
    assert event["participants"] == ["he-lifeng", "scott-bessent"]
    assert (event["date"], event["date_precision"], event["end"], event["end_precision"]) == (
        "2025-07-14", "day", "2025-07-16", "day")
    pause = next(r for r in doc["events"] if r["id"] == "pause-deadline")
    assert (pause["date"], pause["date_precision"], pause["end"], pause["end_precision"]) == (
        "2025-08", "month", None, None)
    assert event["page_url"] == SITE + "timeline/#event-next-round"
    he = next(r for r in doc["participants"] if r["id"] == "he-lifeng")
    assert he["native_name"] == {"text": "何立峰", "lang": "zh-Hans"}
    assert he["roles"][0]["from"] is None and he["roles"][0]["as_of"] == "2025-06-10"
    assert he["roles"][0]["as_of_precision"] == "day" and he["roles"][0]["from_precision"] is None
    assert doc["corrections"][0]["affects"] == ["participants/howard-lutnick",
                                                "events/london-talks-day-1"]
    assert doc["explainer"]["updated"] == "2025-06-10"
    assert doc["explainer"]["page_url"] == SITE


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_each_collection_json_follows_its_part_of_the_schema(rich: Explainer, name: str) -> None:
    files = files_of(rich)
    records = load(files, f"data/{name}.json")
    assert [e.message for e in validator(files, f"/properties/{name}").iter_errors(records)] == []
    assert records == load(files, "data/explainer.json")[name]


@pytest.mark.parametrize(("name", "ref"), [("positions", "/$defs/PositionRow"),
                                           ("roles", "/$defs/RoleRow")])
def test_flattened_json_rows_follow_the_schema(rich: Explainer, name: str, ref: str) -> None:
    files = files_of(rich)
    rows = load(files, f"data/{name}.json")
    check = validator(files, ref)
    assert [e.message for row in rows for e in check.iter_errors(row)] == []


def test_positions_are_flattened_from_topics(rich: Explainer) -> None:
    rows = load(files_of(rich), "data/positions.json")
    expected = [(t.id, i, p.side, p.statement, p.date.iso, p.sources)
                for t in rich.topics.values() for i, p in enumerate(t.positions)]
    assert [(r["topic"], r["index"], r["side"], r["statement"], r["date"], r["sources"])
            for r in rows] == expected
    assert len(rows) == 6  # the shipped topics state six positions


# --- CSV -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [*COLLECTIONS, "positions", "roles"])
def test_csv_has_a_header_unix_line_ends_and_one_row_per_record(rich: Explainer,
                                                                name: str) -> None:
    files = files_of(rich)
    raw = files[f"data/{name}.csv"]
    assert b"\r" not in raw and raw.endswith(b"\n") and not raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(files, f"data/{name}.csv")
    assert len(rows) == len(load(files, f"data/{name}.json"))
    header = raw.decode("utf-8").split("\n", 1)[0].split(",")
    package = load(files, "data/datapackage.json")
    resource = next(r for r in package["resources"] if r["path"] == f"{name}.csv")
    assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_events_csv_matches_the_model(rich: Explainer) -> None:
    rows = {r["id"]: r for r in read_csv(files_of(rich), "data/events.csv")}
    assert list(rows) == list(rich.events)
    for event in rich.events.values():
        row = rows[event.id]
        assert row["title"] == event.title
        assert row["date"] == event.date.iso
        assert row["date_precision"] == event.date.precision
        assert row["end"] == (event.end.iso if event.end else "")
        assert split_list(row["participants"]) == event.participants
        assert split_list(row["topics"]) == event.topics
        assert row["place"] == (event.place or "")
        assert row["page_url"] == SITE + urls.record_url("events", event.id)


def test_participants_csv_flattens_nested_records(seed: Explainer) -> None:
    rows = {r["id"]: r for r in read_csv(files_of(seed), "data/participants.csv")}
    he = rows["he-lifeng"]
    assert (he["native_name_text"], he["native_name_lang"]) == ("何立峰", "zh-Hans")
    assert he["member_of"] == "china-delegation" and he["portrait_file"] == ""
    assert "roles" not in he
    roles = read_csv(files_of(seed), "data/roles.csv")
    assert [(r["participant"], r["index"], r["title"]) for r in roles
            if r["participant"] == "he-lifeng"] == [
        ("he-lifeng", "0", "Vice Premier"), ("he-lifeng", "1", "Head of the Chinese delegation")]


def test_column_order_is_the_model_field_order() -> None:
    names = [c.name for c in opendata.collection_columns("quotes", SITE)]
    assert names == ["id", "speaker", "date", "date_precision", "text", "kind", "language",
                     "translated_from", "translated_by", "reported_by", "translation", "context",
                     "event", "topics", "note", "sources", "page_url"]


@pytest.mark.parametrize("values", [["a", "b"], ["A; B", "C"], ["back\\slash;", "\\"], ["x"], []])
def test_list_cells_round_trip(values: list[str]) -> None:
    column = Column("x", "list", lambda row: row)
    assert split_list(column.cell(values)) == values


def test_list_cells_escape_the_delimiter() -> None:
    assert Column("x", "list", lambda row: row).cell(["A; B", "C\\D"]) == "A\\; B;C\\\\D"


def test_hostile_text_comes_back_exactly_from_csv(hostile: Explainer) -> None:
    files = files_of(hostile)
    event = read_csv(files, "data/events.csv")[0]
    assert event["id"] == "evil-day"
    assert event["title"] == hostile.events["evil-day"].title  # CR, LF, quotes, commas intact
    assert event["summary"] == hostile.events["evil-day"].summary
    source = read_csv(files, "data/sources.csv")[0]
    assert split_list(source["authors"]) == hostile.sources["evil-source"].authors
    assert source["url"] == "https://example.com/a?b=1&c=%3Cscript%3E"
    quote = read_csv(files, "data/quotes.csv")[0]
    assert quote["text"] == hostile.quotes["evil-quote"].text


# --- Data Package --------------------------------------------------------------------------------

def _conforms(field: dict[str, Any], cell: str) -> bool:
    if cell == "":
        return not field.get("constraints", {}).get("required", False)
    kind = field["type"]
    pattern = field.get("constraints", {}).get("pattern")
    if pattern and not re.fullmatch(pattern, cell):
        return False
    if kind == "date":
        return dt.date.fromisoformat(cell).isoformat() == cell
    if kind == "integer":
        return cell.isdigit()
    values = split_list(cell) if kind == "list" else [cell]
    return all(v in field.get("constraints", {}).get("enum", [v]) for v in values)


def test_datapackage_describes_every_file_and_the_licence(rich: Explainer) -> None:
    files = files_of(rich)
    package = load(files, "data/datapackage.json")
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"] == [{"name": "CC-BY-4.0",
                                    "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International"}]
    paths = {f"data/{r['path']}" for r in package["resources"]}
    assert paths == {p for p in files if p.startswith("data/")} - {"data/datapackage.json"}
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))


def test_datapackage_tables_match_their_csv(rich: Explainer) -> None:
    files = files_of(rich)
    package = load(files, "data/datapackage.json")
    tables = [r for r in package["resources"] if r.get("type") == "table"]
    assert {r["name"] for r in tables} == {*COLLECTIONS, "positions", "roles"}
    ids = {r["name"]: {row.get("id") for row in read_csv(files, f"data/{r['path']}")}
           for r in tables}
    for resource in tables:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert {f["type"] for f in fields.values()} <= {"string", "date", "integer", "list"}
        for row in read_csv(files, f"data/{resource['path']}"):
            bad = [name for name, cell in row.items() if not _conforms(fields[name], cell)]
            assert bad == [], (resource["name"], row)
            for key in resource["schema"].get("foreignKeys", []):
                (column,) = key["fields"]
                assert row[column] == "" or row[column] in ids[key["reference"]["resource"]]


def test_datapackage_field_descriptions_come_from_the_model(shipped: Explainer) -> None:
    package = load(files_of(shipped), "data/datapackage.json")
    events = next(r for r in package["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["date"] == {
        "name": "date", "type": "string",
        "description": "As precisely as the source gives it: 2025-06-10, 2025-06 or 2025.",
        "constraints": {"required": True, "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}}
    assert fields["date_precision"] == {
        "name": "date_precision", "type": "string",
        "description": opendata.PRECISION_NOTE,
        "constraints": {"required": True, "enum": ["year", "month", "day"]}}
    sources = next(r for r in package["resources"] if r["name"] == "sources")
    published = {f["name"]: f for f in sources["schema"]["fields"]}["published_precision"]
    assert published["constraints"]["enum"] == ["year", "month", "day", "unknown"]
    assert fields["topics"]["delimiter"] == ";" and fields["topics"]["type"] == "list"
    assert fields["id"]["constraints"] == {"required": True}


# --- purity --------------------------------------------------------------------------------------

def test_same_model_same_bytes(rich: Explainer) -> None:
    assert opendata.build(rich, SITE) == opendata.build(rich, SITE)


def test_the_site_url_is_checked(shipped: Explainer) -> None:
    with pytest.raises(ValueError, match="site_url must be an absolute http"):
        opendata.build(shipped, "/talks/")
