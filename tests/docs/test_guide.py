"""The editor's guide (`docs/guide.md`, published at /guide/) stays true to the code and the data.

* Every problem code `check` can emit has its own heading under "Error messages", and every such
  heading is a real code.
* Each "<Record> fields" table lists exactly the model's fields, in the model's order, with the
  right "Required" answer.
* Every ```yaml example starts with `# data/<file>`; it is applied to a copy of the shipped data
  and checked. Examples whose ids exist in `data/` must be copied from it verbatim; new ones must
  pass `check`. An example marked `(fails check: <code>)` must produce that problem; the one
  showing what `new` writes must be exactly what `new` writes.
* Every command in a ```sh block runs successfully on a copy of the data.
* The page is plain Markdown: no raw HTML.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tradetalks.errors import CODES, errors_in
from tradetalks.load import load_text
from tradetalks.model import (
    COLLECTIONS,
    SINGLETONS,
    Agreement,
    AgreementChange,
    Commitment,
    Correction,
    Deadline,
    Event,
    ExplainerInfo,
    NativeName,
    Participant,
    Period,
    Place,
    Portrait,
    Position,
    Quote,
    Role,
    Source,
    Topic,
)
from tradetalks.scaffold import add_record
from tradetalks.schema import _nested_models
from tradetalks.validate import check

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
DATA = REPO / "data"

TABLES = {
    "Source fields": Source, "Participant fields": Participant,
    "Native name fields": NativeName, "Role fields": Role, "Portrait fields": Portrait,
    "Place fields": Place, "Event fields": Event, "Topic fields": Topic,
    "Position fields": Position, "Quote fields": Quote, "Correction fields": Correction,
    "Agreement fields": Agreement, "Commitment fields": Commitment,
    "Agreement change fields": AgreementChange, "Deadline fields": Deadline,
    "Explainer fields": ExplainerInfo, "Period fields": Period,
}
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
_MARKER = re.compile(r"# (data/[\w/.-]+\.ya?ml)(?: \(fails check: ([a-z-]+)\))?")


def _blocks(language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall(GUIDE) if lang == language]


def _section(heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = GUIDE.index(f"\n{heading}\n") + len(heading) + 2
    stop = re.search(rf"^#{{1,{level}}} ", GUIDE[start:], re.M)
    return GUIDE[start: start + stop.start()] if stop else GUIDE[start:]


# --- error codes ---------------------------------------------------------------------------------

def test_every_problem_code_is_explained_under_its_own_heading() -> None:
    errors = _section("## Error messages")
    headings = re.findall(r"^#### (\S+)$", errors, re.M)
    assert sorted(headings) == sorted(CODES)
    assert len(headings) == len(set(headings))


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_code_has_an_example_message_and_a_fix(code: str) -> None:
    text = _section(f"#### {code}")
    examples = [body for lang, body in _FENCE.findall(text) if lang == "text"]
    assert len(examples) == 1, code
    assert re.fullmatch(r"data/[\w/.-]+:\d+:\d+: .+\n", examples[0]), examples[0]
    assert "\nFix: " in text


# --- field tables --------------------------------------------------------------------------------

def _table(heading: str) -> list[list[str]]:
    rows = [line for line in _section(f"#### {heading}").splitlines() if line.startswith("|")]
    assert rows[0] == "| Field | Required | What to write |"
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


@pytest.mark.parametrize("heading", list(TABLES))
def test_field_table_matches_the_model(heading: str) -> None:
    model = TABLES[heading]
    expected = [(f"`{info.alias or name}`", "yes" if info.is_required() else "no")
                for name, info in model.model_fields.items() if name != "id"]
    rows = _table(heading)
    assert [(row[0], row[1]) for row in rows] == expected
    assert all(row[2] for row in rows)


def test_every_record_class_has_a_table() -> None:
    classes = {*COLLECTIONS.values(), *SINGLETONS.values()}
    for model in list(classes):
        classes |= set(_nested_models(model).values())
    assert classes == set(TABLES.values())


# --- examples ------------------------------------------------------------------------------------

def _examples() -> list[tuple[str, str | None, str]]:
    found = []
    for block in _blocks("yaml"):
        first, _, body = block.partition("\n")
        marker = _MARKER.fullmatch(first)
        assert marker, f"a yaml example must start with '# data/<file>': {first!r}"
        found.append((marker.group(1), marker.group(2), body))
    return found


def _apply(data: Path, rel: str, body: str) -> None:
    """Add an example to a copy of the data: a new record is appended, a singleton replaced."""
    path = data.parent / rel
    if path.stem in SINGLETONS:
        path.write_text(body, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(text.rstrip("\n") + "\n\n" + body, encoding="utf-8")


def _ids(body: str) -> list[str]:
    loaded, problems = load_text(body, "example.yml")
    assert problems == [], problems
    return list(loaded.data)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_there_are_examples_of_each_kind() -> None:
    examples = _examples()
    assert len(examples) >= 10
    assert {code for _, code, _ in examples} >= {None, "placeholder"}


def test_examples_from_the_data_are_verbatim_and_new_ones_pass_check(data_copy: Path) -> None:
    added = 0
    for rel, failing, body in _examples():
        if failing:
            continue
        path = REPO / rel
        real = path.read_text(encoding="utf-8") if path.exists() else ""  # optional collections
        ids = _ids(body)
        existing = [i for i in ids if re.search(rf"^{re.escape(i)}:", real, re.M)]
        if existing:
            assert existing == ids, f"mixes real and new records: {ids}"
            assert body in real, f"example {ids} differs from {rel}"
        else:
            _apply(data_copy, rel, body)
            added += 1
    assert added >= 1
    problems = check(data_copy)[1]
    assert errors_in(problems) == []


@pytest.mark.parametrize("index", range(sum(1 for _, code, _ in _examples() if code)))
def test_failing_examples_fail_with_their_code(index: int, data_copy: Path) -> None:
    rel, code, body = [e for e in _examples() if e[1]][index]
    _apply(data_copy, rel, body)
    problems = check(data_copy)[1]
    assert code in {p.code for p in problems}
    assert {p.path.split(".")[1] for p in errors_in(problems)} <= set(_ids(body))


def test_the_scaffold_example_is_exactly_what_new_writes(data_copy: Path) -> None:
    rel, _, body = next(e for e in _examples() if e[1] == "placeholder")
    name = re.search(r"^  name: (.+)$", body, re.M)
    assert name and rel.startswith("data/participants/")
    _, path, _ = add_record(data_copy, "participants", name.group(1))
    assert path == data_copy.parent / rel  # a folder collection: a file of its own
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/participants.schema.json\n" + body)


# --- commands ------------------------------------------------------------------------------------

def _commands() -> list[str]:
    return list(dict.fromkeys(line for block in _blocks("sh") for line in block.splitlines()
                              if line.startswith("make ")))


def run_make(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """A `make ...` line as an editor types it, in `folder` (holding data/ and the Makefile):
    this interpreter's environment stands for .venv/, already set up (`-o` the stamp)."""
    shutil.copy(REPO / "Makefile", folder / "Makefile")
    bin_dir = Path(sys.executable).parent
    argv = shlex.split(command)
    return subprocess.run([*argv[:1], "-s", *argv[1:], f"VENV={bin_dir.parent}",
                           f"BIN={bin_dir}", "STAMP=.installed", "-o", ".installed"],
                          cwd=folder, capture_output=True, text=True, check=False, timeout=120)


def test_the_guide_tells_editors_to_run_make_only() -> None:
    assert "python -m tradetalks" not in GUIDE and ".venv/" not in GUIDE
    assert {shlex.split(c)[1] for c in _commands()} == {"check", "new"}


@pytest.mark.parametrize("command", _commands())
def test_each_command_in_the_guide_runs_on_the_shipped_data(command: str, data_copy: Path) -> None:
    result = run_make(command, data_copy.parent)
    assert result.returncode == 0, (command, result.stdout, result.stderr)


def test_the_step_by_step_ids_match_what_new_makes(data_copy: Path) -> None:
    steps = _section("### Step by step: a new person and one of their quotes")
    for command in [c for c in _commands() if shlex.split(c)[1] == "new" and c in steps]:
        argv = shlex.split(command)
        ids = [a.removeprefix("ID=") for a in argv if a.startswith("ID=")]
        made = add_record(data_copy, {"source": "sources", "participant": "participants",
                                      "quote": "quotes"}[argv[2]], argv[3],
                          ids[0] if ids else None)[0]
        assert f"`{made}`" in steps or f" {made}" in steps or f"ID={made}" in steps, made


def test_make_new_keeps_the_name_whole_and_builds_none_of_its_words(data_copy: Path) -> None:
    """`test`, `build` and `check` in a name are words of the name, not targets to run."""
    result = run_make("make new topic \"Don't test build check\" ID=odd-words", data_copy.parent)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("Added topics.odd-words at data/topics/odd-words.yml:")
    assert "title: Don't test build check\n" in (
        data_copy / "topics" / "odd-words.yml").read_text("utf-8")
    assert "Fill in every TODO; until then `make check` reports:" in result.stderr


# --- form ----------------------------------------------------------------------------------------

def test_plain_markdown_without_raw_html() -> None:
    prose = _FENCE.sub("", GUIDE)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    assert re.findall(r"</?[A-Za-z][^>\n]*>", prose) == []


def test_internal_links_point_at_headings() -> None:
    def slug(title: str) -> str:  # Python-Markdown's toc slugify, for the headings used here
        return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", title).strip().lower())

    anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", _FENCE.sub("", GUIDE), re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", GUIDE)
    assert links
    assert sorted(set(links) - anchors) == []
