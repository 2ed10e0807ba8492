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


FORM = "(e.g. 2025-06-10, or 2025-06 when the source gives only the month)"


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
        ("agreements", "data/agreements.yml"), ("corrections", "data/corrections.yml"),
        ("deadlines", "data/deadlines.yml"), ("events", "data/events/part-001.yml"),
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
        f"form YYYY-MM-DD, YYYY-MM or YYYY {FORM}",
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
    ("date", "12:30", "'12:30' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY "
     f"{FORM}"),
    ("date", "2025-6", "'2025-6' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY "
     f"{FORM}"),
    ("date", "2025-02-29", "'2025-02-29' is not a calendar date (February 2025 has 28 days)"),
    ("date", "2025-13-01", "'2025-13-01' is not a calendar date (there is no month 13; write "
     "YYYY-MM-DD)"),
    ("date", "2025-06-31", "'2025-06-31' is not a calendar date (June 2025 has 30 days)"),
    ("date", "9999-12-31", "'9999-12-31' is outside the years 1900–2100 (check the year for "
     "a typo)"),
    ("date", "10/06/2025", "'10/06/2025' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY "
     f"{FORM}"),
    ("date", "'2025-06-10 '", "'2025-06-10 ' is not a date in the form YYYY-MM-DD, YYYY-MM or "
     f"YYYY {FORM}"),
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
    "https://example.org", "http://example.org/a?b=c#d", "https://xn--r8jz45g.jp/%E3%83%91",
    "https://8.8.8.8/dns",
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
    ("https://intranet/x", "'https://intranet/x' has no host name"),
    ("https://例え.jp/パス", "URL contains characters outside ASCII"),
    ("https://user@example.org/", "URL must not contain a user name or password"),
    ("https://a:b@example.org/", "URL must not contain a user name or password"),
    ("'https://example.org/a b'", "URL contains spaces or control characters"),
    ('"https://example.org/\\ta"', "URL contains spaces or control characters"),
    ("https://example.org:99999/", "'https://example.org:99999/' is not a valid URL"),
])
def test_bad_urls(make_data, url: str, message: str) -> None:
    text = SOURCES.replace("https://example.org/news/officials-meet", url)
    hint = ("copy the address from the browser's address bar: other characters are written "
            "%-encoded there (%E4%B8%AD), and a host in its xn-- form" if "ASCII" in message
            else "use a full https:// address")
    assert only(make_data, {"sources.yml": text}) == (
        f"data/sources.yml:6:8: sources.fixture-source.url: {message} ({hint})")


@pytest.mark.parametrize(("url", "message"), [
    ("https://localhost/x", "'localhost' is this computer, not a public page"),
    ("http://api.localhost/", "'api.localhost' is this computer, not a public page"),
    ("http://127.0.0.1/admin", "'127.0.0.1' is a private, local or reserved address, not a "
     "public page"),
    ("http://10.0.0.1/", "'10.0.0.1' is a private, local or reserved address, not a public page"),
    ("http://169.254.169.254/latest/meta-data/", "'169.254.169.254' is a private, local or "
     "reserved address, not a public page"),
    ("http://192.168.1.1/", "'192.168.1.1' is a private, local or reserved address, not a "
     "public page"),
    ("https://[::1]/", "'::1' is a private, local or reserved address, not a public page"),
    # 'аpple.com' with a Cyrillic 'а': a look-alike of apple.com.
    ("https://xn--pple-43d.com/", "the host 'xn--pple-43d.com' mixes alphabets in one name "
     "(a look-alike address)"),
    ("https://xn--80ak6aa92e.example.com/", "the host 'xn--80ak6aa92e.example.com' mixes "
     "alphabets (a look-alike address)"),
])
def test_urls_the_link_check_must_never_request(make_data, url: str, message: str) -> None:
    text = SOURCES.replace("https://example.org/news/officials-meet", url)
    assert only(make_data, {"sources.yml": text}) == (
        f"data/sources.yml:6:8: sources.fixture-source.url: {message} "
        "(cite the public address of the page)")


def test_a_host_in_one_other_alphabet_is_fine(make_data) -> None:
    text = SOURCES.replace("https://example.org/news/officials-meet",
                           "https://xn--h1alffa9f.xn--p1ai/")  # россия.рф
    assert problems(make_data, {"sources.yml": text}) == []


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
    assert explainer.citations["second-source"] == (
        "deadlines/tariff-review", "events/leaders-call", "participants/bo-li")


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    (("  end: 2025-06-10", "  end: 2025-06-08"),
     "data/events/part-001.yml:4:8: events.london-round.end: ends (2025-06-08) before it "
     "starts (2025-06-09)"),
    (("  date: 2025-06-09", "  date: 2025-06"),
     "data/events/part-001.yml:4:8: events.london-round.end: an end date needs the start and "
     "the end to the day (give both days, or leave out 'end' and date the event by its month)"),
    (("  date: 2025-06-09", "  date: 2025-06-09\n  precision: month"),
     "data/events/part-001.yml:4:3: events.london-round: unknown field 'precision' (write the "
     "date at its precision instead: 'date: 2025-06' for a month, 'date: 2025' for a year; "
     "then delete this line)"),
])
def test_event_ranges_and_precision(make_data, change: tuple[str, str], expected: str) -> None:
    found = problems(make_data, {"events/part-001.yml": EVENTS_1.replace(*change)})
    assert found[0] == expected


def test_month_and_year_dates_are_written_as_such(make_data) -> None:
    for date in ("2025", "2025-07", "'2025-07'"):
        ok = EVENTS_2.replace("  date: 2025-07\n", f"  date: {date}\n")
        assert problems(make_data, {"events/part-002.yml": ok}) == [], date


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
        "not a calendar date (January 2025 has 31 days)")
    year_only = PARTICIPANTS.replace("      from: 2025-01-20", "      from: 2025\n      to: 2025")
    assert problems(make_data, {"participants.yml": year_only}) == []


# --- what real data needs: unknown dates, descriptions, third parties, translations ------------

def test_a_source_may_say_its_date_is_unknown_when_it_says_when_it_was_read(make_data) -> None:
    ok = SOURCES.replace("  published: 2025-06-10", "  published: unknown")
    explainer, found = check(make_data({"sources.yml": ok}))
    assert found == [] and explainer is not None
    assert explainer.sources["fixture-source"].published is None
    unread = ok.replace("  accessed: 2025-06-11\n", "")
    assert only(make_data, {"sources.yml": unread}) == (
        "data/sources.yml:5:14: sources.fixture-source.published: the publication date is "
        "unknown and no reading date is given (add 'accessed:' with the day you read the page)")
    empty = SOURCES.replace("  published: 2025-06-10", "  published:")
    assert only(make_data, {"sources.yml": empty}) == (
        "data/sources.yml:5:13: sources.fixture-source.published: is empty (give the date, or "
        "write 'unknown')")


def test_a_source_has_a_headline_or_a_description_never_both(make_data) -> None:
    described = SOURCES.replace("  title: A call between leaders",
                                "  description: Statement on the leaders' call")
    assert problems(make_data, {"sources.yml": described}) == []
    both = SOURCES.replace("  title: A call between leaders", "  title: A call between leaders\n"
                           "  description: Statement on the leaders' call")
    assert only(make_data, {"sources.yml": both}) == (
        "data/sources.yml:14:16: sources.second-source: has both a title and a description "
        "(keep the title when the page has a headline; describe the page only when it has "
        "none)")
    neither = SOURCES.replace("  title: A call between leaders\n", "")
    assert only(make_data, {"sources.yml": neither}) == (
        "data/sources.yml:11:1: sources.second-source: needs a title (the headline) or a "
        "description (add 'title:' with the headline as published, or 'description:' when the "
        "page has no usable headline)")


def test_a_source_cannot_be_read_before_it_was_published(make_data) -> None:
    text = SOURCES.replace("  accessed: 2025-06-11", "  accessed: 2025-06-09")
    assert only(make_data, {"sources.yml": text}) == (
        "data/sources.yml:8:13: sources.fixture-source.accessed: was read (2025-06-09) before "
        "it was published (2025-06-10)")


def test_third_parties_are_a_side_with_a_country(make_data) -> None:
    court = ("\nus-court:\n  kind: court\n  name: A federal court\n  side: third-party\n"
             "  country: US\n  sources: [fixture-source]\n")
    event = EVENTS_2.replace("  side: both\n  summary: A phone call.",
                             "  side: third-party\n  participants: [us-court]\n"
                             "  summary: A phone call.")
    explainer, found = check(make_data({"participants.yml": PARTICIPANTS + court,
                                        "events/part-002.yml": event}))
    assert found == [] and explainer is not None
    assert explainer.participants["us-court"].side == "third-party"
    old = PARTICIPANTS + court.replace("third-party", "other")
    assert only(make_data, {"participants.yml": old}) == (
        "data/participants.yml:38:9: participants.us-court.side: 'other' is not an allowed value "
        "(use one of: united-states, china, third-party)")


def test_a_third_party_position_names_who_holds_it(make_data) -> None:
    text = TOPICS.replace("    - side: united-states\n", "    - side: third-party\n", 1)
    assert only(make_data, {"topics.yml": text}) == (
        "data/topics.yml:5:7: topics.tariffs.positions[0]: a third party's position needs who "
        "holds it (add 'by:' with the participant's id)")
    mismatched = TOPICS.replace("    - side: united-states\n",
                                "    - side: china\n      by: alice-example\n", 1)
    assert only(make_data, {"topics.yml": mismatched}) == (
        "data/topics.yml:5:13: topics.tariffs.positions[0].side: 'alice-example' is on the "
        "united-states side, not china (make the two agree)")


@pytest.mark.parametrize(("fields", "expected"), [
    ("  language: en\n  translated_from: zh\n  translated_by: source\n", None),
    ("  translated_from: zh\n",
     "data/quotes.yml:6:3: quotes.alice-going-well: says the text is a translation but not who "
     "translated it (add 'translated_by: source' (the page's translation) or "
     "'translated_by: editors')"),
    ("  translated_by: editors\n",
     "data/quotes.yml:6:3: quotes.alice-going-well: says who translated the text but not from "
     "which language (add 'translated_from:' with the language spoken, e.g. zh)"),
    ("  translated_from: en\n  translated_by: source\n",
     "data/quotes.yml:6:20: quotes.alice-going-well.translated_from: is the language of the text "
     "itself (translated_from is the language the words were spoken in; language is the "
     "language of the text as published)"),
    ("  translation: Going well.\n",
     "data/quotes.yml:6:16: quotes.alice-going-well.translation: the text is already in English "
     "(delete the translation, or set 'language' to the text's language)"),
])
def test_translated_words_say_from_what_and_by_whom(make_data, fields: str,
                                                    expected: str | None) -> None:
    text = QUOTES.replace("  kind: direct\n", "  kind: direct\n" + fields, 1)
    found = problems(make_data, {"quotes.yml": text})
    assert found == ([expected] if expected else [])


def test_held_events_need_a_source_that_could_report_them(make_data) -> None:
    text = EVENTS_2.replace("  date: 2025-06-05", "  date: 2025-06-20")
    assert only(make_data, {"events/part-002.yml": text}) == (
        "data/events/part-002.yml:5:11: events.leaders-call.status: is 'held', but every source "
        "was published (2025-06-06) before the event (2025-06-20) (a source published before "
        "an event can only announce it: use 'scheduled', or cite a page that reports it held)")
    scheduled = text.replace("  status: held", "  status: scheduled")
    assert problems(make_data, {"events/part-002.yml": scheduled}) == []


def test_a_scheduled_event_in_the_past_is_a_warning(make_data) -> None:
    text = EVENTS_2.replace("  status: held", "  status: scheduled")
    explainer, found = check(make_data({"events/part-002.yml": text}))
    assert explainer is not None
    assert [p.format() for p in found] == [
        "data/events/part-002.yml:5:11: events.leaders-call.status: warning: is still "
        "'scheduled' for 2025-06-05, before the explainer's last update (2025-06-10) (cite a "
        "page reporting it held (status: held) or called off (status: cancelled); if no source "
        "says, write status: unconfirmed)"]


def test_lists_name_each_record_once_and_not_a_million_times(make_data) -> None:
    twice = EVENTS_1.replace("  topics: [tariffs]", "  topics: [tariffs, tariffs]")
    assert only(make_data, {"events/part-001.yml": twice}) == (
        "data/events/part-001.yml:9:21: events.london-round.topics[1]: 'tariffs' is listed twice "
        "(also at [0]) (delete the repeated id)")
    many = EVENTS_1.replace("  topics: [tariffs]",
                            "  topics: [" + ", ".join(["tariffs"] * 201) + "]")
    assert only(make_data, {"events/part-001.yml": many}) == (
        "data/events/part-001.yml:9:11: events.london-round.topics: lists 201 items; at most "
        "200 are allowed (split the record, or check for a pasted list)")


def test_membership_may_not_go_round_in_a_circle(make_data) -> None:
    self_member = PARTICIPANTS.replace("  side: united-states\n  sources: [fixture-source]",
                                       "  side: united-states\n  member_of: [us-team]\n"
                                       "  sources: [fixture-source]", 1)
    assert only(make_data, {"participants.yml": self_member}) == (
        "data/participants.yml:5:15: participants.us-team.member_of[0]: 'us-team' cannot be a "
        "member of itself (delete this id)")
    loop = PARTICIPANTS + (
        "\nteam-a:\n  kind: delegation\n  name: A\n  side: china\n  member_of: [team-b]\n"
        "  sources: [fixture-source]\n"
        "\nteam-b:\n  kind: delegation\n  name: B\n  side: china\n  member_of: [team-a]\n"
        "  sources: [fixture-source]\n")
    assert only(make_data, {"participants.yml": loop}) == (
        "data/participants.yml:39:15: participants.team-a.member_of[0]: membership goes round "
        "in a circle: team-a → team-b → team-a (a delegation cannot be inside one of its own "
        "members; remove one link)")


def test_a_delegation_is_led_by_its_own_members(make_data) -> None:
    led = PARTICIPANTS.replace("  side: united-states\n  sources: [fixture-source]",
                               "  side: united-states\n  led_by: [alice-example]\n"
                               "  sources: [fixture-source]", 1)
    explainer, found = check(make_data({"participants.yml": led}))
    assert found == [] and explainer is not None
    stranger = led.replace("led_by: [alice-example]", "led_by: [bo-li]")
    assert only(make_data, {"participants.yml": stranger}) == (
        "data/participants.yml:5:12: participants.us-team.led_by[0]: 'bo-li' is not a member of "
        "'us-team' (add 'us-team' to the member_of list of 'bo-li')")


def test_text_cut_by_a_comment_is_flagged_in_every_text_field(make_data) -> None:
    text = EVENTS_1.replace("  summary: Both delegations met for two days.",
                            "  summary: Both delegations met #2 for two days.")
    assert only(make_data, {"events/part-001.yml": text}) == (
        "data/events/part-001.yml:10:12: events.london-round.summary: the text is cut at ' #': "
        "YAML reads the rest of the line as a comment (wrap the value in quotes to keep the rest "
        "of the text)")
    nested = PARTICIPANTS.replace("    - title: Trade Representative",
                                  "    - title: Trade Representative #1")
    assert only(make_data, {"participants.yml": nested}) == (
        "data/participants.yml:13:14: participants.alice-example.roles[0].title: the text is cut "
        "at ' #': YAML reads the rest of the line as a comment (wrap the value in quotes to keep "
        "the rest of the text)")
    choice = EVENTS_1.replace("  side: both", "  side: both  # jointly")
    assert problems(make_data, {"events/part-001.yml": choice}) == []


def test_a_leftover_placeholder_reference_says_so(make_data) -> None:
    text = EVENTS_2.replace("  sources: [second-source]", "  sources: [TODO-source]")
    found = problems(make_data, {"events/part-002.yml": text})
    assert "data/events/part-002.yml:8:13: events.leaders-call.sources[0]: still holds the " \
           "placeholder 'TODO-source' (replace the placeholder with a source id)" in found
