"""Properties of the loading half: whatever bytes an editor commits, `check` answers in words.

For arbitrary bytes written as a data file, and for arbitrary YAML-shaped documents (dumped with
`yaml.safe_dump`, then edited at random the way hurried hands edit), `check` returns problems or
passes and never raises; every problem is located inside the data folder, on a line and column
that exist in the file. Valid ids (the id pattern of `model`) map to distinct URL paths inside
the site. The hostile corpus (`test_corpus.py`) holds the cases these properties first found.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tradetalks import urls
from tradetalks.errors import Problem
from tradetalks.model import COLLECTIONS, ID_MAX, ID_PATTERN, RESERVED_IDS, SINGLETONS
from tradetalks.validate import check

from .datasets import BASE, make_data

EXAMPLES = settings(max_examples=200, deadline=None)

#: Where a generated file goes: replacing a collection file, or added to a collection folder.
TARGETS = ["places.yml", "explainer.yml", "participants.yml", "events.yml", "quotes/extra.yml",
           "topics/more.yml"]
BASE_FILES = {path.name: path.read_bytes() for path in BASE.iterdir()}


def _check_file(target: str, content: bytes) -> tuple[Path, list[Problem], bool]:
    """Run `check` on the base data with `target` replaced by `content`."""
    with tempfile.TemporaryDirectory() as tmp:
        data = make_data(Path(tmp))
        path = data / target
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        explainer, problems = check(data)  # must not raise, whatever the content
        _assert_located(data, problems)
    return data, problems, explainer is not None


def _assert_located(data: Path, problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.file.startswith("data/"), problem
        assert ".." not in problem.file.split("/"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert "\n" not in problem.format(), problem
        path = data.parent / problem.file
        if not path.is_file():  # a missing collection names the file to create
            assert problem.code == "missing-collection", problem
            continue
        lines = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff").split("\n")
        assert problem.line <= len(lines), (problem, len(lines))
        assert problem.col <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1])


# --- arbitrary bytes ----------------------------------------------------------------------------

def _mutate(base: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, delete count, insert bytes) edits, positions taken modulo the length."""
    for position, delete, insert in edits:
        at = position % (len(base) + 1)
        base = base[:at] + insert + base[at + delete:]
    return base


_edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.binary(max_size=6)),
                  min_size=1, max_size=6)
_mutated_base = st.builds(_mutate, st.sampled_from(sorted(BASE_FILES.values())), _edits)


@EXAMPLES
@given(target=st.sampled_from(TARGETS), content=st.one_of(st.binary(max_size=400), _mutated_base))
def test_arbitrary_bytes_never_raise(target: str, content: bytes) -> None:
    _check_file(target, content)


# --- YAML-shaped documents ----------------------------------------------------------------------

FIELD_NAMES = sorted({name for model in (*COLLECTIONS.values(), *SINGLETONS.values())
                      for name in model.model_fields} | {"from", "to", "<<", "id"})
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _text,
                     st.sampled_from(["2025-06-10", "2025-02-30", "wire-report", "he-lifeng",
                                      "tariffs", "https://example.org/x", "javascript:x", "NO",
                                      "12:30", "0777", "TODO", "", " ", "GB", "zh-Hans"]))
_keys = st.one_of(st.sampled_from(FIELD_NAMES), _text)
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=4)), max_leaves=10)
_ids = st.one_of(st.from_regex(ID_PATTERN, fullmatch=True), _text,
                 st.sampled_from(["he-lifeng", "wire-report", "index", "../x", "He-Lifeng"]))
_records = st.dictionaries(_keys, _values, max_size=6)
_documents = st.one_of(st.dictionaries(_ids, _records, max_size=4), _values)

#: Small edits that turn a well-formed dump into the YAML people actually commit.
SNIPPETS = [":", ": ", " #", "#", "- ", "-", "&a ", "*a", "!!python/object:os.system ", "!x ",
            "<<: ", "\t", "\n", "\n  ", "'", '"', "[", "]", "{", "}", "---\n", "...\n", "? ",
            "|", ">-", "%YAML 1.1\n", "\\", "\ufeff", "\u202e", "\r", "\x00", "é", "何"]


def _edit_text(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, delete, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + delete:]
    return text


_text_edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 4),
                                 st.sampled_from(SNIPPETS)), max_size=4)


@EXAMPLES
@given(target=st.sampled_from(TARGETS), document=_documents, flow=st.booleans(),
       edits=_text_edits)
def test_yaml_shaped_documents_never_raise(target: str, document: Any, flow: bool,
                                           edits: list[tuple[int, int, str]]) -> None:
    dumped = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, width=60)
    _check_file(target, _edit_text(dumped, edits).encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(record=_records, edits=_text_edits)
def test_edited_base_records_never_raise(record: dict[str, Any],
                                         edits: list[tuple[int, int, str]]) -> None:
    """A base record with fields changed or added: gets past loading into validation."""
    places = yaml.safe_load(BASE_FILES["places.yml"])
    places["lancaster-house"].update(record)
    dumped = yaml.safe_dump(places, allow_unicode=True, sort_keys=False)
    _check_file("places.yml", _edit_text(dumped, edits).encode("utf-8", "surrogatepass"))


def test_unchanged_base_passes() -> None:
    """The properties above start from a base that passes: what they find is theirs."""
    data, problems, built = _check_file("places.yml", BASE_FILES["places.yml"])
    assert (problems, built) == ([], True)


# --- ids to URLs --------------------------------------------------------------------------------

# Built from slug segments (fast to generate, up to the length limit) and from the id pattern
# itself; both are then held to the model's own rule in the test.
_segments = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
                     min_size=1, max_size=8).map("-".join)
_valid_ids = st.one_of(_segments, st.from_regex(ID_PATTERN, fullmatch=True)).filter(
    lambda ident: len(ident) <= ID_MAX and ident not in RESERVED_IDS)
INDEX_SRC = {urls.index_src_uri(name) for name in urls.INDEX_PAGES}
INDEX_URLS = set(urls.INDEX_PAGES.values())


def _assert_inside_site(path: str) -> None:
    assert not path.startswith("/") and "\\" not in path and "//" not in path, path
    assert ".." not in path.split("/") and "." not in path.split("/"), path
    assert posixpath.normpath(path).lstrip("./") == path.rstrip("/") or path.endswith("/"), path
    assert path.isascii() and path == path.strip(), path


@EXAMPLES
@given(ids=st.lists(_valid_ids, min_size=1, max_size=20, unique=True))
def test_valid_ids_map_to_distinct_paths_inside_the_site(ids: list[str]) -> None:
    from tradetalks.model import Entity

    for ident in ids:  # the model agrees these are valid ids
        assert re.fullmatch(ID_PATTERN, ident)
        Entity(id=ident)
    for collection in urls.RECORD_PAGES:
        sources = [urls.record_src_uri(collection, ident) for ident in ids]
        pages = [urls.record_url(collection, ident) for ident in ids]
        for path in (*sources, *pages):
            _assert_inside_site(path)
        assert len(set(sources)) == len(ids) and len(set(pages)) == len(ids)
        # distinct on case-insensitive file systems too, and never an index page
        assert len({s.casefold() for s in sources}) == len(ids)
        assert not INDEX_SRC & set(sources) and not INDEX_URLS & set(pages)
    for collection in urls.RECORD_ANCHORS:
        anchors = [urls.record_url(collection, ident) for ident in ids]
        assert len(set(anchors)) == len(ids)
        for anchor in anchors:
            page, _, fragment = anchor.partition("#")
            _assert_inside_site(page)
            assert page in INDEX_URLS and fragment.replace("-", "").isalnum(), anchor
