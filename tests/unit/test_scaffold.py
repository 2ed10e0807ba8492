"""`python -m tradetalks new <kind> "Name"`: ids, placeholders `check` flags, safe appends.

The fixture data (`tests/fixtures/valid/data`) stores events one folder of files
(`data/events/*.yml`) and every other collection as one file, so both layouts are exercised.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from fixture_data import VALID_DATA
from tradetalks.cli import main
from tradetalks.errors import errors_in
from tradetalks.load import load_text
from tradetalks.model import COLLECTIONS
from tradetalks.scaffold import TEMPLATES, add_record, slugify, strip_quotation_marks, yaml_scalar
from tradetalks.validate import SINGULAR, check


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- ids ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, slug", [
    ("Jamieson Greer", "jamieson-greer"),
    ("  He   Lifeng ", "he-lifeng"),
    ("Zoë Saldaña", "zoe-saldana"),
    ("François-Xavier Ørsted", "francois-xavier-orsted"),
    ("Straße in Łódź", "strasse-in-lodz"),
    ("Conan O’Brien", "conan-obrien"),
    ("U.S.–China talks, 2025", "u-s-china-talks-2025"),
    ("If we don’t open up China, maybe we won’t do anything.",
     "if-we-dont-open-up-china-maybe-we"),
    ("Ministry of Commerce (商务部)", "ministry-of-commerce"),
    ("何立峰", ""),
    ("!!!", ""),
])
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugify_stops_at_a_word_boundary_within_the_id_limit() -> None:
    slug = slugify("Supercalifragilisticexpialidocious " * 3)
    assert slug == "supercalifragilisticexpialidocious"
    assert len(slugify("x" * 100)) == 64


@pytest.mark.parametrize("value, written", [
    ("Jamieson Greer", "Jamieson Greer"),
    ("not easy", "not easy"),
    ("If we don’t open up China, maybe we won’t do anything.",
     "If we don’t open up China, maybe we won’t do anything."),
    ("yes", '"yes"'),
    ("12:30", '"12:30"'),
    ("0777", '"0777"'),
    ("2025", '"2025"'),
    ("null", '"null"'),
    ("Talks: day one", '"Talks: day one"'),
    ("A #1 priority", '"A #1 priority"'),
    ("- a list?", '"- a list?"'),
    ("[bracketed]", '"[bracketed]"'),
    ('"quoted"', '"\\"quoted\\""'),
    ("&anchor", '"&anchor"'),
    ("何立峰", "何立峰"),
])
def test_yaml_scalar_is_plain_only_when_it_reads_back_unchanged(value: str, written: str) -> None:
    assert yaml_scalar(value) == written
    loaded, problems = load_text(f"k: {written}\n", "t.yml")
    assert (loaded.data, problems) == ({"k": value}, [])


# --- the participant an editor adds --------------------------------------------------------

GREER = """
jamieson-greer:
  kind: TODO
  name: Jamieson Greer
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
  # native_name: {text: 何立峰, lang: zh-Hans}
  # country: CH
  # member_of: [us-delegation]
  # led_by: [he-lifeng]   (on a delegation: who heads it)
"""


def test_new_participant_appends_without_touching_the_file(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    before = (data / "participants.yml").read_bytes()
    line = before.count(b"\n") + 2
    code, out, err = run(capsys, "new", "participant", "Jamieson Greer", "--data-dir", str(data))
    assert (code, out) == (0, "")
    after = (data / "participants.yml").read_bytes()
    assert after == before + GREER.encode("utf-8")
    assert err == (
        f"Added participants.jamieson-greer at data/participants.yml:{line}.\n"
        "Fill in every TODO; until then `make check` reports:\n"
        f"  data/participants.yml:{line + 1}:9: participants.jamieson-greer.kind: 'TODO' is not "
        "an allowed value (use one of: person, delegation, government, organisation, company, "
        "court, international-body)\n"
        f"  data/participants.yml:{line + 3}:9: participants.jamieson-greer.side: 'TODO' is not "
        "an allowed value (use one of: united-states, china, third-party)\n"
        f"  data/participants.yml:{line + 5}:14: participants.jamieson-greer.roles[0].title: "
        "still holds the placeholder 'TODO' (replace it with the real text)\n"
        f"  data/participants.yml:{line + 6}:14: participants.jamieson-greer.roles[0].as_of: "
        "'TODO' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-06-10, or "
        "2025-06 when the source gives only the month)\n"
        f"  data/participants.yml:{line + 8}:8: participants.jamieson-greer.bio: still holds the "
        "placeholder 'TODO' (replace it with the real text)\n"
        "Also replace every reference written TODO-... with the id of a record; `check` reports "
        "those once the lines above are fixed.\n")
    assert run(capsys, "check", str(data))[0] == 1


def test_filled_in_participant_passes_check(make_data, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data()
    assert run(capsys, "new", "participant", "Jamieson Greer", "--data-dir", str(data))[0] == 0
    path = data / "participants.yml"
    text = path.read_text(encoding="utf-8")
    new = text[text.index("jamieson-greer:"):]
    filled = (new.replace("kind: TODO", "kind: person")
              .replace("side: TODO", "side: united-states")
              .replace("title: TODO", "title: U.S. Trade Representative")
              .replace("as_of: TODO", "as_of: 2025-06-10")
              .replace("TODO-source", "fixture-source")
              .replace("bio: TODO", "bio: The U.S. Trade Representative."))
    path.write_text(text.replace(new, filled), encoding="utf-8")
    assert run(capsys, "check", str(data)) == (0, "", f"{data}: no problems\n")


def test_reference_placeholders_are_flagged_once_the_text_is_filled(make_data) -> None:
    data = make_data()
    add_record(data, "participants", "Jamieson Greer")
    path = data / "participants.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: TODO", "kind: person").replace(
        "side: TODO", "side: united-states").replace("title: TODO", "title: USTR").replace(
        "as_of: TODO", "as_of: 2025-06-10").replace("bio: TODO", "bio: USTR."), encoding="utf-8")
    problems = check(data)[1]
    assert [(p.path, p.message, p.code) for p in problems] == [
        ("participants.jamieson-greer.roles[0].sources[0]",
         "still holds the placeholder 'TODO-source'", "placeholder"),
        ("participants.jamieson-greer.sources[0]", "still holds the placeholder 'TODO-source'",
         "placeholder"),
    ]


# --- every collection ----------------------------------------------------------------------

FILL = [  # what an editor types over each placeholder, most specific first
    ("TODO-source", "fixture-source"), ("TODO-participant", "alice-example"),
    ("TODO-topic", "tariffs"), ("TODO-collection/id", "participants/alice-example"),
    ("kind: TODO", "kind: {kind}"), ("side: TODO", "side: {side}"),
    ("status: TODO", "status: {status}"),
    ("country: TODO", "country: GB"), ("date: TODO", "date: 2025-06-10"),
    ("published: TODO", "published: 2025-06-10"), ("as_of: TODO", "as_of: 2025-06-10"),
    ("TODO", "Filled in by the editor."),
]
KIND = {"participants": "person", "quotes": "direct"}
STATUS = {"agreements": "agreed"}
SIDE = {"participants": "china", "events": "both"}


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_kind_of_record_fails_check_until_filled_then_passes(
    collection: str, make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    code, _, err = run(capsys, "new", SINGULAR[collection], "Brand new record",
                       "--data-dir", str(data))
    assert code == 0, err
    explainer, problems = check(data)
    assert explainer is None
    mine = f"{collection}.brand-new-record"
    assert errors_in(problems)
    assert all(p.path.startswith(mine) for p in errors_in(problems))
    assert "TODO" in err

    path = next(p for p in data.rglob("*.yml") if "brand-new-record:" in p.read_text("utf-8"))
    text = path.read_text(encoding="utf-8")
    assert text.count("TODO") >= 1
    for placeholder, value in FILL:
        text = text.replace(placeholder, value.format(
            kind=KIND.get(collection), side=SIDE.get(collection),
            status=STATUS.get(collection, "held")))
    path.write_text(text, encoding="utf-8")
    explainer, problems = check(data)
    assert errors_in(problems) == []
    assert explainer is not None
    record = explainer.collection(collection)["brand-new-record"]
    assert "Brand new record" in record.model_dump().values()


def test_templates_cover_every_required_field() -> None:
    for collection, model in COLLECTIONS.items():
        keys = {line.strip().split(":")[0].lstrip("- ") for line in
                TEMPLATES[collection].splitlines() if not line.lstrip().startswith("#")}
        required = {info.alias or name for name, info in model.model_fields.items()
                    if info.is_required() and name != "id"}
        assert required <= keys, collection


# --- where the record goes -----------------------------------------------------------------

def test_collection_stored_as_a_folder_gets_a_new_file(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    before = {p: p.read_bytes() for p in (data / "events").iterdir()}
    code, _, err = run(capsys, "new", "event", "Talks in Stockholm", "--data-dir", str(data))
    assert code == 0
    assert err.startswith(
        "Added events.talks-in-stockholm at data/events/talks-in-stockholm.yml:2.")
    created = (data / "events" / "talks-in-stockholm.yml").read_text(encoding="utf-8")
    assert created.startswith("# yaml-language-server: $schema=../schema/events.schema.json\n"
                              "talks-in-stockholm:\n  title: Talks in Stockholm\n  date: TODO\n")
    assert {p: p.read_bytes() for p in before} == before


def test_a_missing_optional_collection_file_is_created(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data({"corrections.yml": None})
    code, _, err = run(capsys, "new", "correction", "Alice's title was wrong",
                       "--data-dir", str(data))
    assert code == 0
    assert (data / "corrections.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema/corrections.schema.json\n"
        "alices-title-was-wrong:\n"
        "  date: TODO\n"
        "  text: Alice's title was wrong\n"
        "  reason: TODO\n"
        "  affects: [TODO-collection/id]\n"
        "  # Optional: remove the '# ' if you fill it in.\n"
        "  # sources: [ap-london-talks-2025]\n")


def test_windows_line_endings_and_a_missing_final_newline_are_respected(make_data) -> None:
    places = (VALID_DATA / "places.yml").read_text(encoding="utf-8").rstrip("\n")
    data = make_data({"places.yml": places.replace("\n", "\r\n").encode("utf-8")})
    add_record(data, "places", "Geneva")
    after = (data / "places.yml").read_bytes()
    original = places.replace("\n", "\r\n").encode("utf-8")
    assert after.startswith(original + b"\r\n\r\ngeneva:\r\n  name: Geneva\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_quote_text_that_needs_quoting_is_quoted(make_data) -> None:
    data = make_data()
    add_record(data, "quotes", "Tariffs: a #1 priority", "alice-priority")
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    assert '  text: "Tariffs: a #1 priority"\n' in text
    assert load_text(text, "q.yml")[0].data["alice-priority"]["text"] == "Tariffs: a #1 priority"


@pytest.mark.parametrize("typed, kept", [
    ("“going well”", "going well"),
    ('"not easy"', "not easy"),
    ("‘going well’", "going well"),
    ("«pas facile»", "pas facile"),
    ("「不容易」", "不容易"),
    ("“not easy,” he said", "“not easy,” he said"),
    ("“a” and “b”", "“a” and “b”"),
    ("going well", "going well"),
])
def test_quotation_marks_around_a_quote_are_left_out(typed: str, kept: str) -> None:
    assert strip_quotation_marks(typed) == kept


def test_new_quote_says_it_left_out_the_quotation_marks(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    code, _, err = run(capsys, "new", "quote", "“going well”", "--id", "alice-well",
                       "--data-dir", str(data))
    assert code == 0
    assert err.startswith("Left out the quotation marks around the quote: the site adds them.\n"
                          "Added quotes.alice-well at data/quotes.yml:")
    assert "  text: going well\n" in (data / "quotes.yml").read_text(encoding="utf-8")


# --- refusals --------------------------------------------------------------------------------

def test_duplicate_id_is_refused_and_nothing_changes(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    before = (data / "participants.yml").read_bytes()
    line = before.decode().splitlines().index("alice-example:") + 1
    assert run(capsys, "new", "participant", "Alice Example", "--data-dir", str(data)) == (
        1, "", f"tradetalks new: participants.alice-example already exists at "
               f"data/participants.yml:{line}; choose another id with --id\n")
    assert (data / "participants.yml").read_bytes() == before
    assert run(capsys, "new", "participant", "Alice Example", "--id", "alice-example-2",
               "--data-dir", str(data))[0] == 0


def test_duplicate_id_in_a_folder_collection_is_refused(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data()
    code, _, err = run(capsys, "new", "event", "Leaders call", "--data-dir", str(data))
    assert (code, err) == (1, "tradetalks new: events.leaders-call already exists at "
                              "data/events/part-002.yml:1; choose another id with --id\n")


def test_an_existing_file_is_never_overwritten(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_data({"events/stockholm.yml": "# notes for later\n"})
    code, _, err = run(capsys, "new", "event", "Stockholm", "--data-dir", str(data))
    assert (code, err) == (1, "tradetalks new: data/events/stockholm.yml already "
                              "exists; choose another id with --id\n")
    assert (data / "events" / "stockholm.yml").read_text(encoding="utf-8") == "# notes for later\n"


@pytest.mark.parametrize("argv, message", [
    (["participant", "何立峰"], "cannot make an ASCII id from '何立峰'; give one with --id "
                                "(for example --id he-lifeng)"),
    (["participant", "He Lifeng", "--id", "He_Lifeng"],
     "'He_Lifeng' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    (["topic", "Index", ], "'index' is a reserved word and cannot be an id"),
    (["place", "   "], "give the name of the new place"),
    (["quote", "line one\nline two"],
     "the text holds a control character (a tab or line break?)"),
])
def test_usage_mistakes_exit_2(argv: list[str], message: str, make_data,
                               capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data()
    assert run(capsys, "new", *argv, "--data-dir", str(data)) == (
        2, "", f"tradetalks new: {message}\n")


def test_unknown_kind_is_an_argparse_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "person", "Jamieson Greer"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'person'" in capsys.readouterr().err


def test_unreadable_collection_file_is_refused_unchanged(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "alice:\n  name: 'unclosed\n"
    data = make_data({"places.yml": broken})
    code, out, err = run(capsys, "new", "place", "Geneva", "--data-dir", str(data))
    assert (code, out) == (1, "")
    assert err.startswith("tradetalks new: Invalid data: 1 problem (nothing was built)"
                          "\n  data/places.yml:")
    assert err.endswith("Fix these first: the new record would be added to a file that cannot "
                        "be read.\n")
    assert (data / "places.yml").read_text(encoding="utf-8") == broken


def test_an_append_that_would_break_the_file_is_undone(
    make_data, capsys: pytest.CaptureFixture[str]
) -> None:
    # Valid YAML in flow style: a block record appended after the closing brace cannot parse.
    flow = "{lancaster-house: {name: Lancaster House, country: GB, sources: [fixture-source]}}\n"
    data = make_data({"places.yml": flow})
    assert check(data)[0] is not None
    before = (data / "places.yml").read_bytes()
    code, _, err = run(capsys, "new", "place", "Geneva", "--data-dir", str(data))
    assert code == 1
    assert (data / "places.yml").read_bytes() == before
    assert err.startswith("tradetalks new: data/places.yml was left unchanged: "
                          "appending a record would break it (is the last record written in "
                          "another style?)\nInvalid data: 1 problem (nothing was built)\n"
                          "  data/places.yml:3:1: YAML syntax: ")


def test_the_command_runs_as_a_program(make_data) -> None:
    data = make_data()
    result = subprocess.run([sys.executable, "-m", "tradetalks", "new", "place", "Geneva",
                             "--data-dir", str(data)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "geneva:\n  name: Geneva\n" in (data / "places.yml").read_text(encoding="utf-8")
