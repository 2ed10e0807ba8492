"""Tests for `tradetalks.validate`: raw values to the Explainer graph, or every problem at once.

Each test changes one thing in a copy of the minimal valid data (`make_data`, see conftest.py)
and asserts the exact problem lines `check` reports. The golden cases in tests/fixtures/invalid
cover the same rules end to end through the CLI; here the rules are spelled out one by one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from fixture_data import REPO, VALID_DATA
from tradetalks.errors import DataError
from tradetalks.model import Explainer
from tradetalks.validate import check, discover, load_explainer

PARTICIPANTS = (VALID_DATA / "participants.yml").read_text(encoding="utf-8")
PLACES = (VALID_DATA / "places.yml").read_text(encoding="utf-8")
SOURCES = (VALID_DATA / "sources.yml").read_text(encoding="utf-8")
EVENTS_1 = (VALID_DATA / "events" / "part-001.yml").read_text(encoding="utf-8")
EVENTS_2 = (VALID_DATA / "events" / "part-002.yml").read_text(encoding="utf-8")
QUOTES = (VALID_DATA / "quotes.yml").read_text(encoding="utf-8")
TOPICS = (VALID_DATA / "topics.yml").read_text(encoding="utf-8")


def place(pid: str = "geneva", **fields: str | None) -> str:
    body = {"name": "Geneva", "country": "CH", "sources": "[fixture-source]", **fields}
    return f"\n{pid}:\n" + "".join(f"  {k}: {v}\n" for k, v in body.items() if v is not None)


def problems(make_data, files) -> list[str]:
    _, found = check(make_data(files))
    return [p.format() for p in found]


def only(make_data, files) -> str:
    found = problems(make_data, files)
    assert len(found) == 1, found
    return found[0]


# --- the happy path -------------------------------------------------------------------------------

def test_valid_fixture_builds_the_graph_with_no_problem() -> None:
    explainer, found = check(VALID_DATA)
    assert found == []
    assert isinstance(explainer, Explainer)
    assert list(explainer.events) == ["leaders-call", "london-round", "next-round"]


def test_shipped_data_has_zero_problems_and_zero_warnings() -> None:
    explainer, found = check(REPO / "data")
    assert [p.format() for p in found] == []
    assert explainer is not None


def test_generated_benchmark_data_passes_check(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    try:
        from bench.generate import generate
    finally:
        sys.path.remove(str(REPO))
    made = generate(tmp_path / "data", participants=12, seed=7)
    explainer, found = check(tmp_path / "data")
    assert [p.format() for p in found] == []
    assert explainer is not None
    assert (len(explainer.participants), len(explainer.events), len(explainer.quotes),
            len(explainer.topics)) == (12, 60, 24, 20)
    assert made["events"] == 60
    assert (tmp_path / "data" / "events" / "part-001.yml").is_file()
    again = generate(tmp_path / "again", participants=12, seed=7)
    assert [p.read_bytes() for p in made["files"]] == [p.read_bytes() for p in again["files"]]


def test_load_explainer_raises_with_every_problem(make_data) -> None:
    data = make_data({"places.yml": PLACES.replace("GB", "gb") + place("Bad")})
    with pytest.raises(DataError) as raised:
        load_explainer(data)
    assert [p.code for p in raised.value.problems] == ["invalid-country", "invalid-id"]
    explainer, warnings = load_explainer(VALID_DATA)
    assert warnings == [] and explainer.info.title == "Fixture explainer"


# --- files and collections ------------------------------------------------------------------------

def test_discover_finds_files_and_folder_collections() -> None:
    found, found_problems = discover(VALID_DATA)
    assert found_problems == []
    assert [(c, d) for c, _, d in found] == [
        ("corrections", "data/corrections.yml"), ("events", "data/events/part-001.yml"),
        ("events", "data/events/part-002.yml"), ("explainer", "data/explainer.yml"),
        ("participants", "data/participants.yml"), ("places", "data/places.yml"),
        ("quotes", "data/quotes.yml"), ("sources", "data/sources.yml"),
        ("topics", "data/topics.yml")]


def test_the_schema_folder_is_not_data(make_data) -> None:
    assert problems(make_data, {"schema/places.schema.json": "{}", "schema/x.yml": "a: ["}) == []


def test_optional_collections_may_be_absent(make_data) -> None:
    events = EVENTS_1.replace("  place: lancaster-house\n", "")
    assert problems(make_data, {"places.yml": None, "corrections.yml": None,
                                "events/part-001.yml": events}) == []


def test_required_collections_must_be_present(make_data) -> None:
    quotes_gone = problems(make_data, {"quotes.yml": None})
    assert quotes_gone == ["data/quotes.yml:1:1: no data for 'quotes' (create data/quotes.yml)"]


def test_unknown_collections(make_data) -> None:
    assert problems(make_data, {"event.yml": "x: 1\n", "explainer/more.yml": "title: x\n"}) == [
        "data/event.yml:1:1: 'event' is not a collection (did you mean 'events'?)",
        "data/explainer/more.yml:1:1: 'explainer' is one file, not a folder "
        "(write it as data/explainer.yml)"]


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlinks_are_refused(make_data) -> None:
    data = make_data()
    (data / "places.yml").rename(data.parent / "elsewhere.yml")
    (data / "places.yml").symlink_to(data.parent / "elsewhere.yml")
    _, found = check(data)
    symlink = [p for p in found if p.file == "data/places.yml"]
    assert [p.format() for p in symlink] == [
        "data/places.yml:1:1: symbolic links are not allowed under data/ (commit the file itself)"]
    assert symlink[0].code == "unsafe-path"


def test_names_differing_only_by_case_are_refused(make_data) -> None:
    data = make_data()
    (data / "Places.yml").write_text(place(), encoding="utf-8")
    _, found = check(data)
    assert [p.format() for p in found] == [
        "data/Places.yml:1:1: 'Places' is not a collection (did you mean 'places'?)",
        "data/places.yml:1:1: name differs only by letter case from data/Places.yml "
        "(rename one; they collide on Windows and macOS)"]


def test_every_file_of_a_broken_set_is_reported_at_once_and_sorted(make_data) -> None:
    found = problems(make_data, {
        "quotes.yml": QUOTES.replace("kind: direct", "kind: direkt", 1),
        "places.yml": "a: [\n",
        "events/part-002.yml": EVENTS_2.replace("  date: 2025-06-05", "  date: 2025-6-5"),
        "sources.yml": SOURCES.replace("https://example.org", "https://exa mple.org")})
    assert found == [  # no 'unknown place' for places in the unreadable places.yml
        "data/events/part-002.yml:3:9: events.leaders-call.date: '2025-6-5' is not a date in the "
        "form YYYY-MM-DD (use YYYY-MM-DD, e.g. 2025-06-10)",
        "data/places.yml:1:5: YAML syntax: did not find expected node content",
        "data/quotes.yml:5:9: quotes.alice-going-well.kind: 'direkt' is not an allowed value "
        "(did you mean 'direct'?)",
        "data/sources.yml:6:8: sources.fixture-source.url: URL contains spaces or control "
        "characters (use a full https:// address)"]


@pytest.mark.parametrize("text", [
    "[1, 2]\n", "just text\n", "12\n", "a: [\n", "- - -\n", "x: {y: [z: {q: 1}]}\n",
    "fixture-source: [1]\n", "fixture-source: {published: {a: 1}, url: [1]}\n",
    "fixture-source:\n  publisher: [a, {b: c}]\n  title: !!binary aGk=\n",
    "~: 1\n'': 2\n", "1: {publisher: p, title: t, published: 2025-01-01}\n",
])
def test_broken_input_gives_problems_never_a_traceback(make_data, text: str) -> None:
    explainer, found = check(make_data({"sources.yml": text}))
    assert explainer is None and found
    assert all(p.file.startswith("data/") and p.line >= 1 and p.col >= 1 for p in found)


# --- one record -----------------------------------------------------------------------------------

def test_unknown_keys_with_did_you_mean(make_data) -> None:
    assert problems(make_data, {"places.yml": PLACES + place(country=None, contry="CH")}) == [
        "data/places.yml:7:1: places.geneva.country: required field is missing",
        "data/places.yml:10:3: places.geneva: unknown field 'contry' (did you mean 'country'?)"]
    found = problems(make_data, {"places.yml": PLACES + place(locaity="Geneva")})
    assert found == ["data/places.yml:11:3: places.geneva: unknown field 'locaity' "
                     "(did you mean 'locality'?)"]


def test_an_unknown_key_far_from_any_field_lists_the_fields(make_data) -> None:
    assert only(make_data, {"places.yml": PLACES + place(zzz="1")}) == (
        "data/places.yml:11:3: places.geneva: unknown field 'zzz' "
        "(fields are: name, locality, country, description, sources)")


def test_id_written_as_a_field(make_data) -> None:
    assert only(make_data, {"places.yml": PLACES + place(id="geneva")}) == (
        "data/places.yml:11:3: places.geneva: unknown field 'id' "
        "(the id is the key above the record, not a field)")


@pytest.mark.parametrize(("pid", "message"), [
    ("Geneva", "'Geneva' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("gen_eva", "'gen_eva' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("-geneva", "'-geneva' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("geneva-", "'geneva-' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("génève", "'génève' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("'../etc'", "'../etc' is not a valid id (use lowercase a-z, 0-9 and single hyphens)"),
    ("index", "'index' is a reserved word and cannot be an id"),
    ("search", "'search' is a reserved word and cannot be an id"),
    ("assets", "'assets' is a reserved word and cannot be an id"),
    ("con", "'con' is a reserved word and cannot be an id"),
    ("x" * 65, "id 'xxxxxxxxxxxxxxxxxxxx...' is longer than 64 characters"),
])
def test_id_rules(make_data, pid: str, message: str) -> None:
    shown = pid.strip("'")
    assert only(make_data, {"places.yml": PLACES + place(pid)}) == (
        f"data/places.yml:7:1: places.{shown}: {message}")


def test_longest_id_and_digits_are_fine(make_data) -> None:
    assert problems(make_data, {"places.yml": PLACES + place("x" * 64) + place("g20-2025")}) == []


def test_ids_are_unique_within_a_file_and_across_a_folder(make_data) -> None:
    assert only(make_data, {"places.yml": PLACES + place("lancaster-house")}) == (
        "data/places.yml:7:1: duplicate key 'lancaster-house' (it is already set on line 1)")
    extra = EVENTS_1.replace("london-round:", "leaders-call:")
    assert only(make_data, {"events/part-003.yml": extra}) == (
        "data/events/part-003.yml:1:1: events.leaders-call: duplicate id 'leaders-call' "
        "(also defined at data/events/part-002.yml:1)")
    assert only(make_data, {"events.yml": extra.replace("leaders-call", "london-round")}) == (
        "data/events.yml:1:1: events.london-round: duplicate id 'london-round' "
        "(also defined at data/events/part-001.yml:1)")


def test_the_same_id_in_two_collections_is_fine(make_data) -> None:
    assert problems(make_data, {"places.yml": PLACES + place("tariffs")}) == []


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("name", "1234", 'expected text, got a number (quote it: "1234")'),
    ("name", "12.50", 'expected text, got a number (quote it: "12.50")'),
    ("name", "true", 'expected text, got a yes/no value (quote it: "true")'),
    ("name", "[a, b]", "expected text, got a list"),
    ("name", "{a: b}", "expected text, got a mapping of fields"),
    ("name", "", "is empty (give it a value, or remove the line)"),
    ("name", "'  '", "is empty (give it a value, or remove the line)"),
    ("name", "TODO the name", "still holds the placeholder 'TODO the name' "
     "(replace it with the real text)"),
    ("country", "gb", "'gb' is not an ISO 3166 two-letter country code such as 'GB'"),
    ("country", "UK", "'UK' is not an ISO 3166 two-letter country code such as 'GB'"),
    ("country", "GBR", "'GBR' is not an ISO 3166 two-letter country code such as 'GB'"),
    ("sources", "fixture-source", "expected a list, got text "
     "(write it as a list: [fixture-source])"),
    ("sources", "[]", "cites no source "
     "(add 'sources: [source-id]'; every claim needs at least one source)"),
    ("sources", "['']", "is empty (give it a value, or remove the line)"),
    ("description", "'" + "x" * 5001 + "'", "is too long (at most 5000)"),
    ("name", "'" + "x" * 301 + "'", "is too long (at most 300)"),
])
def test_field_types(make_data, field: str, typed: str, message: str) -> None:
    line = {"name": 8, "country": 9, "sources": 10, "description": 11}[field]
    col = len(f"  {field}: ") + (1 if typed else 0)  # an empty value sits right after the ':'
    found = only(make_data, {"places.yml": PLACES + place(**{field: typed})})
    index = "[0]" if typed == "['']" else ""
    col += 1 if index else 0
    assert found == f"data/places.yml:{line}:{col}: places.geneva.{field}{index}: {message}"


@pytest.mark.parametrize("typed", ["NO", "yes", "on", "0777", "12:30", "2025-06-10", "null-ish"])
def test_yaml_11_look_alikes_are_kept_as_typed_where_text_is_expected(make_data,
                                                                      typed: str) -> None:
    data = make_data({"places.yml": PLACES + place(locality=typed, country="NO")})
    explainer, found = check(data)
    assert found == []
    assert explainer is not None
    assert explainer.places["geneva"].locality == typed
    assert explainer.places["geneva"].country == "NO"  # Norway, not False


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("date", "12:30", "'12:30' is not a date in the form YYYY-MM-DD "
     "(use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "2025", "'2025' is not a date in the form YYYY-MM-DD "
     "(use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "2025-02-29", "'2025-02-29' is not a calendar date (use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "2025-13-01", "'2025-13-01' is not a calendar date (use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "2025-06-31", "'2025-06-31' is not a calendar date (use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "10/06/2025", "'10/06/2025' is not a date in the form YYYY-MM-DD "
     "(use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "'2025-06-10 '", "'2025-06-10 ' is not a date in the form YYYY-MM-DD "
     "(use YYYY-MM-DD, e.g. 2025-06-10)"),
    ("date", "", "is empty (give it a value, or remove the line)"),
    ("kind", "yes", "'yes' is not an allowed value (use one of: direct, paraphrase)"),
    ("kind", "true", "'true' is not an allowed value (use one of: direct, paraphrase)"),
    ("kind", "Direct", "'Direct' is not an allowed value (did you mean 'direct'?)"),
    ("language", "zh_Hans", "'zh_Hans' is not a language tag such as 'en' or 'zh-Hans'"),
    ("language", "English", "'English' is not a language tag such as 'en' or 'zh-Hans'"),
])
def test_non_text_fields_reject_look_alikes_with_a_hint(make_data, field: str, typed: str,
                                                        message: str) -> None:
    line = {"date": 3, "kind": 5, "language": 5}[field]
    quotes = QUOTES.replace("  kind: direct\n", "  kind: direct\n  language: en\n", 1) \
        if field == "language" else QUOTES
    text = quotes.replace({"date": "  date: 2025-06-10", "kind": "  kind: direct",
                           "language": "  language: en"}[field], f"  {field}: {typed}", 1)
    found = only(make_data, {"quotes.yml": text})
    col = len(f"  {field}: ") + (1 if typed else 0)
    assert found == f"data/quotes.yml:{line + (field == 'language')}:{col}: " \
                    f"quotes.alice-going-well.{field}: {message}"


def test_leap_day_is_a_date(make_data) -> None:
    assert problems(make_data, {"quotes.yml": QUOTES.replace("2025-06-10", "2024-02-29", 1)}) == []


@pytest.mark.parametrize("url", [
    "https://example.org", "http://example.org/a?b=c#d", "https://例え.jp/パス",
    "https://sub.example.co.uk:8443/x", "https://example.org/a%20b",
])
def test_good_urls(make_data, url: str) -> None:
    text = SOURCES.replace("https://example.org/news/officials-meet", url)
    assert problems(make_data, {"sources.yml": text}) == []


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://example.org/x", "'ftp://example.org/x' is not an http(s) URL"),
    ("javascript:alert(1)", "'javascript:alert(1)' is not an http(s) URL"),
    ("'JavaScript://example.org/%0Aalert(1)'",
     "'JavaScript://example.org/%0Aalert(1)' is not an http(s) URL"),
    ("HTTPS://example.org", "'HTTPS://example.org' is not an http(s) URL"),
    ("example.org/page", "'example.org/page' is not an http(s) URL"),
    ("//example.org/page", "'//example.org/page' is not an http(s) URL"),
    ("https:/example.org", "'https:/example.org' is not an http(s) URL"),
    ("https://", "'https://' has no host name"),
    ("https:///path", "'https:///path' has no host name"),
    ("https://localhost/x", "'https://localhost/x' has no host name"),
    ("https://user@example.org/", "URL must not contain a user name or password"),
    ("https://a:b@example.org/", "URL must not contain a user name or password"),
    ("'https://example.org/a b'", "URL contains spaces or control characters"),
    ('"https://example.org/\\ta"', "URL contains spaces or control characters"),
    ("https://example.org:99999/", "'https://example.org:99999/' is not a valid URL"),
])
def test_bad_urls(make_data, url: str, message: str) -> None:
    text = SOURCES.replace("https://example.org/news/officials-meet", url)
    assert only(make_data, {"sources.yml": text}) == (
        f"data/sources.yml:6:8: sources.fixture-source.url: {message} "
        "(use a full https:// address)")


def test_a_url_cut_by_a_comment(make_data) -> None:
    text = SOURCES.replace("officials-meet\n", "officials-meet #top\n", 1)
    assert only(make_data, {"sources.yml": text}) == (
        "data/sources.yml:6:8: sources.fixture-source.url: the URL is followed by ' #' on its "
        "line, which YAML reads as a comment (put the whole URL in quotes)")


def test_missing_required_fields_nested(make_data) -> None:
    text = PARTICIPANTS.replace("    - title: Trade Representative\n      organisation",
                                "    - organisation") \
        .replace("    alt: Alice Example at a lectern\n", "")
    assert problems(make_data, {"participants.yml": text}) == [
        "data/participants.yml:13:7: participants.alice-example.roles[0].title: "
        "required field is missing",
        "data/participants.yml:18:5: participants.alice-example.portrait.alt: "
        "required field is missing"]


@pytest.mark.parametrize(("text", "expected"), [
    ("\ngeneva:\n", "data/places.yml:7:1: places.geneva: expected a mapping of fields, got "
     "nothing (write 'field: value' lines under the id)"),
    ("\ngeneva: [a]\n", "data/places.yml:7:1: places.geneva: expected a mapping of fields, got "
     "a list (write 'field: value' lines under the id)"),
])
def test_records_must_be_mappings(make_data, text: str, expected: str) -> None:
    assert only(make_data, {"places.yml": PLACES + text}) == expected


def test_the_file_must_be_a_mapping_and_its_collection_is_not_judged_twice(make_data) -> None:
    assert only(make_data, {"places.yml": "- lancaster-house\n"}) == (
        "data/places.yml:1:1: the file must hold a mapping of id: record, not a list")
    assert only(make_data, {"explainer.yml": "- title\n"}) == (
        "data/explainer.yml:1:1: the file must hold a mapping of fields, not a list")


# --- across records -------------------------------------------------------------------------------

def test_references_resolve_with_did_you_mean(make_data) -> None:
    events = EVENTS_1.replace("  place: lancaster-house", "  place: lancaster") \
        .replace("[us-team, alice-example, bo-li]", "[us-team, alice-exemple, nobody-at-all]")
    topics = TOPICS.replace("      sources: [fixture-source]\n    - side: china",
                            "      sources: [fixture-sorce]\n    - side: china")
    people = PARTICIPANTS.replace("      sources: [second-source]", "      sources: [second]")
    assert problems(make_data, {"events/part-001.yml": events, "topics.yml": topics,
                                "participants.yml": people}) == [
        "data/events/part-001.yml:7:10: events.london-round.place: unknown place 'lancaster' "
        "(did you mean 'lancaster-house'?)",
        "data/events/part-001.yml:8:27: events.london-round.participants[1]: unknown participant "
        "'alice-exemple' (did you mean 'alice-example'?)",
        "data/events/part-001.yml:8:42: events.london-round.participants[2]: unknown participant "
        "'nobody-at-all'",
        "data/participants.yml:32:17: participants.bo-li.roles[0].sources[0]: unknown source "
        "'second' (did you mean 'second-source'?)",
        "data/topics.yml:8:17: topics.tariffs.positions[0].sources[0]: unknown source "
        "'fixture-sorce' (did you mean 'fixture-source'?)"]


def test_references_must_name_the_right_kind(make_data) -> None:
    events = EVENTS_1.replace("  place: lancaster-house", "  place: london-round") \
        .replace("  topics: [tariffs]", "  topics: [bo-li]")
    quotes = QUOTES.replace("  speaker: alice-example", "  speaker: us-team") \
        .replace("  sources: [fixture-source]", "  sources: [tariffs]", 1)
    assert problems(make_data, {"events/part-001.yml": events, "quotes.yml": quotes}) == [
        "data/events/part-001.yml:7:10: events.london-round.place: 'london-round' is an event, "
        "not a place",
        "data/events/part-001.yml:9:12: events.london-round.topics[0]: 'bo-li' is a participant, "
        "not a topic",
        "data/quotes.yml:9:13: quotes.alice-going-well.sources[0]: 'tariffs' is a topic, "
        "not a source"]


def test_a_quote_by_a_delegation_is_allowed_but_membership_of_a_person_is_not(make_data) -> None:
    quotes = QUOTES.replace("  speaker: alice-example", "  speaker: us-team")
    assert problems(make_data, {"quotes.yml": quotes}) == []
    people = PARTICIPANTS.replace("  member_of: [us-team]", "  member_of: [bo-li]")
    assert only(make_data, {"participants.yml": people}) == (
        "data/participants.yml:11:15: participants.alice-example.member_of[0]: 'bo-li' is a "
        "person, not a delegation or organisation")


def test_corrections_name_collection_and_id(make_data) -> None:
    corrections = (VALID_DATA / "corrections.yml").read_text(encoding="utf-8").replace(
        "[participants/alice-example]", "[alice-example, topics/tarifs, events/london-round]")
    assert problems(make_data, {"corrections.yml": corrections}) == [
        "data/corrections.yml:5:13: corrections.alice-title.affects[0]: 'alice-example' does not "
        "name a collection/id (write collection/id)",
        "data/corrections.yml:5:28: corrections.alice-title.affects[1]: unknown topic 'tarifs' "
        "(did you mean 'tariffs'?)"]


def test_an_unreadable_collection_does_not_make_every_reference_to_it_fail(make_data) -> None:
    assert problems(make_data, {"participants.yml": "a: [\n"}) == [
        "data/participants.yml:1:5: YAML syntax: did not find expected node content"]


def test_claims_without_sources(make_data) -> None:
    events = EVENTS_2.replace("  sources: [second-source]\n", "")
    assert only(make_data, {"events/part-002.yml": events}) == (
        "data/events/part-002.yml:1:1: events.leaders-call.sources: cites no source "
        "(add 'sources: [source-id]'; every claim needs at least one source)")


def test_topics_may_have_no_source_of_their_own(make_data) -> None:
    text = TOPICS.replace("  sources: [fixture-source]\n\nrare-earths", "\nrare-earths")
    assert problems(make_data, {"topics.yml": text}) == []


def test_an_uncited_source_is_a_warning_and_the_graph_is_still_built(make_data) -> None:
    extra = "\nspare:\n  publisher: P\n  title: T\n  published: 2025-01-01\n"
    explainer, found = check(make_data({"sources.yml": SOURCES + extra}))
    assert [p.format() for p in found] == [
        "data/sources.yml:16:1: sources.spare: warning: source is never cited "
        "(cite it from a record, or delete it)"]
    assert found[0].severity == "warning" and explainer is not None


def test_sources_cited_only_by_roles_count_as_cited() -> None:
    explainer, found = check(VALID_DATA)
    assert found == [] and explainer is not None
    assert explainer.citations["second-source"] == ("events/leaders-call", "participants/bo-li")


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    (("  end: 2025-06-10", "  end: 2025-06-08"),
     "data/events/part-001.yml:4:8: events.london-round.end: ends (2025-06-08) before it "
     "starts (2025-06-09)"),
    (("  date: 2025-06-09", "  date: 2025-06-09\n  precision: month"),
     "data/events/part-001.yml:3:9: events.london-round.date: a month-precision date must fall "
     "on the 1st (write 2025-06-01)"),
])
def test_event_ranges_and_precision(make_data, change: tuple[str, str], expected: str) -> None:
    found = problems(make_data, {"events/part-001.yml": EVENTS_1.replace(*change)})
    assert found[0] == expected


def test_month_events_cannot_have_an_end(make_data) -> None:
    text = EVENTS_1.replace("  date: 2025-06-09", "  date: 2025-06-01\n  precision: month")
    assert only(make_data, {"events/part-001.yml": text}) == (
        "data/events/part-001.yml:5:8: events.london-round.end: only day-precision events can "
        "have an end date")


def test_year_precision(make_data) -> None:
    ok = EVENTS_2.replace("  date: 2025-07-01\n  precision: month",
                          "  date: 2025-01-01\n  precision: year")
    assert problems(make_data, {"events/part-002.yml": ok}) == []
    bad = ok.replace("  date: 2025-01-01", "  date: 2025-07-01")
    assert only(make_data, {"events/part-002.yml": bad}) == (
        "data/events/part-002.yml:12:9: events.next-round.date: a year-precision date must be "
        "January 1st (write 2025-01-01)")


def test_one_day_range_is_fine(make_data) -> None:
    text = EVENTS_1.replace("  end: 2025-06-10", "  end: 2025-06-09")
    assert problems(make_data, {"events/part-001.yml": text}) == []


def test_role_periods(make_data) -> None:
    bad = PARTICIPANTS.replace("      from: 2025-01-20",
                               "      from: 2025-01-20\n      to: 2025-01-19")
    assert only(make_data, {"participants.yml": bad}) == (
        "data/participants.yml:16:11: participants.alice-example.roles[0].to: ends (2025-01-19) "
        "before it starts (2025-01-20)")
    same_day = PARTICIPANTS.replace("      from: 2025-01-20",
                                    "      from: 2025-01-20\n      to: 2025-01-20")
    assert problems(make_data, {"participants.yml": same_day}) == []
    invalid = PARTICIPANTS.replace("      from: 2025-01-20", "      from: 2025-01-32")
    assert only(make_data, {"participants.yml": invalid}) == (
        "data/participants.yml:15:13: participants.alice-example.roles[0].from: '2025-01-32' is "
        "not a calendar date (use YYYY-MM-DD, e.g. 2025-06-10)")
