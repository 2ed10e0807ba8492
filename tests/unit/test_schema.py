"""The editors' JSON Schemas: committed and current, valid 2020-12, and in agreement with `check`.

The shipped data and every valid fixture must pass an independent validator (the `jsonschema`
package, and the `check-jsonschema` command line tool an editor or CI might use on its own).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tradetalks import schema as schema_module
from tradetalks.cli import main
from tradetalks.load import load_file
from tradetalks.model import COLLECTIONS, SINGLETONS
from tradetalks.schema import all_schemas, render, stale_files
from tradetalks.validate import discover

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SCHEMA_DIR = DATA / "schema"
#: The shipped data and every valid fixture (`tests/fixtures/valid*/data/`).
VALID_DIRS = [DATA, *sorted(p / "data" if (p / "data").is_dir() else p
                            for p in (REPO / "tests" / "fixtures").glob("valid*") if p.is_dir())]

KINDS = ("['person', 'delegation', 'government', 'organisation', 'company', 'court', "
         "'international-body']")


def _validator(collection: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    schema = json.loads((schema_dir / f"{collection}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _data_files(data_dir: Path) -> list[tuple[str, Path]]:
    found, problems = discover(data_dir)
    assert problems == []
    return [(collection, path) for collection, path, _ in found]


def _errors(collection: str, value: object) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in _validator(collection).iter_errors(value))


def test_committed_schemas_are_up_to_date() -> None:
    # When this fails: run `make schema` and commit data/schema/.
    assert stale_files(SCHEMA_DIR) == []


def test_schema_check_reports_stale_missing_and_extra_files(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(SCHEMA_DIR, data / "schema")
    (data / "schema" / "quotes.schema.json").write_text("{}\n", encoding="utf-8")
    (data / "schema" / "places.schema.json").unlink()
    (data / "schema" / "people.schema.json").write_text("{}\n", encoding="utf-8")

    assert main(["schema", "--check", str(data)]) == 1
    root = (data / "schema").as_posix()
    assert capsys.readouterr().err.splitlines() == [
        f"{root}/places.schema.json: missing (run: make schema)",
        f"{root}/quotes.schema.json: out of date (run: make schema)",
        f"{root}/people.schema.json: no longer generated (run: make schema)",
    ]

    assert main(["schema", str(data)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"updated {root}/places.schema.json",
        f"updated {root}/quotes.schema.json",
        f"updated {root}/people.schema.json",
    ]
    assert main(["schema", "--check", str(data)]) == 0
    assert sorted(p.name for p in (data / "schema").iterdir()) == sorted(all_schemas())


def test_a_model_change_makes_the_committed_schemas_stale(monkeypatch) -> None:
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", "9.0.0")
    assert stale_files(SCHEMA_DIR) == [
        f"{(SCHEMA_DIR / name).as_posix()}: out of date" for name in all_schemas()]


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_schema_is_valid_draft_2020_12_with_id_and_version(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    collection = name.removesuffix(".schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:tradetalks:schema:1:{collection}"
    assert schema["version"] == "1.0.0"
    assert render(schema) == (SCHEMA_DIR / name).read_text(encoding="utf-8")


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = []
    for owner in [schema, *schema.get("$defs", {}).values()]:
        found += [(f"{owner.get('title')}.{k}", v) for k, v in owner.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_every_field_has_a_title_and_hover_help(name: str) -> None:
    schema = all_schemas()[name]
    missing = [key for key, prop in _properties(schema)
               if not prop.get("title") or not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("collection", [*COLLECTIONS, *SINGLETONS])
def test_schema_fields_match_the_model(collection: str) -> None:
    schema = all_schemas()[f"{collection}.schema.json"]
    if collection in SINGLETONS:
        model, record = SINGLETONS[collection], schema
    else:
        model = COLLECTIONS[collection]
        record = schema["$defs"][model.__name__]
    fields = {info.alias or name: info for name, info in model.model_fields.items()
              if name != "id"}
    assert list(record["properties"]) == list(fields)
    assert record["required"] == [key for key, info in fields.items() if info.is_required()]
    assert record["additionalProperties"] is False


def test_every_data_file_carries_the_schema_modeline() -> None:
    for collection, path in _data_files(DATA):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        up = "../" if path.parent != DATA else ""  # a collection's folder is one level down
        assert first == f"# yaml-language-server: $schema={up}schema/{collection}.schema.json"


@pytest.mark.parametrize("data_dir", VALID_DIRS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_valid_data_passes_the_jsonschema_package(data_dir: Path) -> None:
    files = _data_files(data_dir)
    assert files
    for collection, path in files:
        loaded, problems = load_file(path, path.name)
        assert problems == []
        errors = [e.message for e in _validator(collection).iter_errors(loaded.data)]
        assert errors == [], path


@pytest.mark.parametrize("data_dir", VALID_DIRS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_valid_data_passes_the_check_jsonschema_tool(data_dir: Path) -> None:
    by_collection: dict[str, list[str]] = {}
    for collection, path in _data_files(data_dir):
        by_collection.setdefault(collection, []).append(str(path))
    for collection, paths in by_collection.items():
        result = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile",
             str(SCHEMA_DIR / f"{collection}.schema.json"), *paths],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout


def test_check_jsonschema_tool_rejects_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "participants.yml"
    bad.write_text("jamieson-greer:\n  kind: robot\n  name: Jamieson Greer\n  side: united-states\n"
                   "  sources: [ap-london-talks-2025]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile",
         str(SCHEMA_DIR / "participants.schema.json"), str(bad)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"'robot' is not one of {KINDS}" in result.stdout


def test_schema_rejects_an_obviously_bad_record() -> None:
    bad = {
        "Jamieson_Greer": {"name": "Jamieson Greer"},
        "index": {"kind": "person", "name": "X", "side": "china", "sources": ["s"]},
        "jamieson-greer": {
            "kind": "robot", "nmae": "Jamieson Greer", "side": "united-states", "sources": [],
            "roles": [{"title": "U.S. Trade Representative", "from": "10 June 2025",
                       "sources": ["ap-london-talks-2025"]}],
        },
    }
    assert _errors("participants", bad) == [
        ": 'Jamieson_Greer' does not match any of the regexes: '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
        ": 'index' should not be valid under {'enum': " + repr(sorted(
            schema_module.RESERVED_IDS)) + "}",
        f"jamieson-greer/kind: 'robot' is not one of {KINDS}",
        "jamieson-greer/roles/0/from: '10 June 2025' is not valid under any of the given schemas",
        "jamieson-greer/sources: [] should be non-empty",
        "jamieson-greer: 'name' is a required property",
        "jamieson-greer: Additional properties are not allowed ('nmae' was unexpected)",
    ]


def test_explainer_schema_is_one_record_not_a_mapping_of_ids() -> None:
    assert _errors("explainer", {"title": "T", "standfirst": "S", "status": "finished",
                                 "updated": "2025-06-10"}) == [
        "status: 'finished' is not one of ['being-updated', 'no-longer-updated']"]
    assert _errors("explainer", {"explainer": {"title": "T"}}) == [
        ": 'standfirst' is a required property",
        ": 'status' is a required property",
        ": 'title' is a required property",
        ": 'updated' is a required property",
        ": Additional properties are not allowed ('explainer' was unexpected)",
    ]


def test_vscode_maps_every_schema_to_its_files_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./data/schema/{name}" for name in all_schemas())
    for collection in COLLECTIONS:
        assert f"data/{collection}.yml" in mapping[f"./data/schema/{collection}.schema.json"]
        assert f"data/{collection}/*.yml" in mapping[f"./data/schema/{collection}.schema.json"]
    assert mapping["./data/schema/explainer.schema.json"][0] == "data/explainer.yml"
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
