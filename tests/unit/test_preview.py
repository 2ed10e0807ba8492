"""preview: after any edit, every page the live preview keeps is byte for byte what a fresh render
would write, body and <head>; and it writes few pages for a small edit.

The property test draws random sequences of edits (text, dates that move records across list
pages, records added and removed, references changed, paging limits, template changes) on
generated data, plans each rebuild with `LivePreview`, renders the pages it writes, and renders
every page it keeps afresh to compare. `TRADETALKS_PREVIEW_EXAMPLES` sets how many sequences are
drawn (a nightly run uses a few hundred; `make test` a bounded few).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixture_data import REPO, generated_explainer
from tradetalks import render, urls
from tradetalks.dates import PartialDate
from tradetalks.model import Explainer
from tradetalks.pages import PageSpec, plan
from tradetalks.preview import EVERYTHING, LivePreview, fingerprint, write_page
from tradetalks.view import RecordingView

SITE = "https://example.org/"
EXAMPLES = int(os.environ.get("TRADETALKS_PREVIEW_EXAMPLES", "12"))
#: A hand-written page that embeds fragments, as docs/ pages may.
PROSE = "# About\n\n<!-- tradetalks:status -->\n\n<!-- tradetalks:topics -->\n"
PROSE_URI = "about.md"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return generated_explainer(tmp_path_factory.mktemp("preview") / "data", participants=8,
                               seed=11)


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough that the generated lists paginate by year, month and part."""
    monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", 12)
    monkeypatch.setattr(urls, "YEAR_PAGE_LIMIT", 6)
    monkeypatch.setattr(urls, "QUOTES_PAGE_LIMIT", 5)
    monkeypatch.setattr(urls, "SOURCES_PAGE_LIMIT", 4)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1749513600")


# --- the edits ---------------------------------------------------------------------------------

def _with(explainer: Explainer, collection: str, records: dict[str, Any]) -> Explainer:
    return replace(explainer, **{collection: MappingProxyType(dict(sorted(records.items())))})


def _pick(explainer: Explainer, collection: str, index: int) -> Any:
    records = list(explainer.collection(collection).values())
    return records[index % len(records)]


def _cited_events(explainer: Explainer) -> set[str]:
    """Events another record names: a quote's event, an agreement's events and changes."""
    cited = {q.event for q in explainer.quotes.values() if q.event}
    for agreement in explainer.agreements.values():
        cited.update(agreement.events)
        cited.update(change.event for change in agreement.changes if change.event)
    return cited


def edit(explainer: Explainer, op: str, index: int, other: int) -> Explainer:
    """One editor's change, keeping every reference valid (as `check` would insist)."""
    events = dict(explainer.events)
    if op == "event-text":
        event = _pick(explainer, "events", index)
        events[event.id] = event.model_copy(update={"summary": f"Edited {other}."})
        return _with(explainer, "events", events)
    if op == "event-date":  # moves it to another year, page and place in the timeline
        event = _pick(explainer, "events", index)
        date = PartialDate(2018 + other % 8, 1 + other % 12, 1 + other % 28)
        events[event.id] = event.model_copy(update={"date": date, "end": None})
        return _with(explainer, "events", events)
    if op == "event-people":
        event = _pick(explainer, "events", index)
        person = _pick(explainer, "participants", other).id
        events[event.id] = event.model_copy(update={"participants": [person]})
        return _with(explainer, "events", events)
    if op == "event-add":
        event = _pick(explainer, "events", index)
        new_id = f"added-{len(events)}-{other}"
        events[new_id] = event.model_copy(update={"id": new_id, "title": f"Added {other}"})
        return _with(explainer, "events", events)
    if op == "event-remove":
        event = _pick(explainer, "events", index)
        if event.id in _cited_events(explainer) or len(events) < 5:
            return explainer
        del events[event.id]
        return _with(explainer, "events", events)
    if op == "rename":
        people = dict(explainer.participants)
        person = _pick(explainer, "participants", index)
        people[person.id] = person.model_copy(update={"name": f"Renamed {other}"})
        return _with(explainer, "participants", people)
    if op == "topic-title":
        topics = dict(explainer.topics)
        topic = _pick(explainer, "topics", index)
        topics[topic.id] = topic.model_copy(update={"title": f"Topic {other}"})
        return _with(explainer, "topics", topics)
    if op == "quote-date":
        quotes = dict(explainer.quotes)
        quote = _pick(explainer, "quotes", index)
        quotes[quote.id] = quote.model_copy(update={"date": PartialDate(2018 + other % 8)})
        return _with(explainer, "quotes", quotes)
    if op == "quote-remove":
        quotes = dict(explainer.quotes)
        if len(quotes) > 3:
            del quotes[_pick(explainer, "quotes", index).id]
        return _with(explainer, "quotes", quotes)
    if op == "source-date":
        sources = dict(explainer.sources)
        source = _pick(explainer, "sources", index)
        sources[source.id] = source.model_copy(
            update={"published": PartialDate(2019, 1 + other % 12)})
        return _with(explainer, "sources", sources)
    if op == "info":
        return replace(explainer, info=explainer.info.model_copy(
            update={"standfirst": f"A new standfirst {other}."}))
    raise AssertionError(op)


OPS = ["event-text", "event-date", "event-people", "event-add", "event-remove", "rename",
       "topic-title", "quote-date", "quote-remove", "source-date", "info", "limits", "template"]


# --- the property ------------------------------------------------------------------------------

def _render(spec: PageSpec | None, explainer: Explainer) -> tuple[str, str, set[Any]]:
    if spec is None:  # the hand-written page
        reads: set[Any] = set()
        body = render.render_markers(PROSE, RecordingView(explainer, reads), "about/")
        return body, "", reads
    written = write_page(spec, explainer, SITE, "Site")
    return written.body.html, str(written.head), written.reads


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 400), st.integers(0, 400)),
                      min_size=1, max_size=6))
def test_kept_pages_are_what_a_fresh_render_writes(base: Explainer, steps: list[Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    preview = LivePreview()
    explainer, code = base, "v1"
    monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", 12)  # each example starts afresh
    shown: dict[str, tuple[str, str]] = {}
    for step, (op, index, other) in enumerate([("start", 0, 0), *steps]):
        if op == "limits":
            monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", 8 + other % 10)
        elif op == "template":
            code = f"template edit {step}"
        elif op != "start":
            explainer = edit(explainer, op, index, other)
        specs = {spec.src_uri: spec for spec in plan(explainer)}
        settings_now = (code, urls.TIMELINE_PAGE_LIMIT)
        rebuild = preview.plan(explainer, specs.values(), repr(settings_now))
        if op == "start" or (op == "template" and step > 0):
            assert rebuild is EVERYTHING
        for uri in [*specs, PROSE_URI]:
            if rebuild.writes(uri) or uri not in shown:
                body, head, reads = _render(specs.get(uri), explainer)
                shown[uri] = (body, head)
                preview.record(uri, reads)
            else:  # kept: it must be exactly what a fresh render gives
                body, head, _ = _render(specs.get(uri), explainer)
                assert shown[uri] == (body, head), f"stale {uri} after {op} (step {step})"
        for gone in shown.keys() - specs.keys() - {PROSE_URI}:
            del shown[gone]


# --- what it writes ----------------------------------------------------------------------------

def _first_build(explainer: Explainer) -> LivePreview:
    preview = LivePreview()
    specs = plan(explainer)
    assert preview.plan(explainer, specs, "code") is EVERYTHING
    for spec in specs:
        preview.record(spec.src_uri, write_page(spec, explainer, SITE, "Site").reads)
    return preview


def test_an_event_edit_writes_the_pages_that_show_it_and_no_other(base: Explainer) -> None:
    preview = _first_build(base)
    event = next(e for e in base.timeline if e.participants and e.topics)
    edited = edit(base, "event-text", list(base.events).index(event.id), 7)
    rebuild = preview.plan(edited, plan(edited), "code")
    written = {uri.removesuffix("index.md").removesuffix(".md") for uri in rebuild.write}
    page = urls.site_paging(base).events.page_for(event.id)
    assert page.removesuffix("/") in {w.removesuffix("/") for w in written}
    assert {f"participants/{p}" for p in event.participants} <= written
    assert {f"topics/{t}" for t in event.topics} <= written
    assert len(rebuild.write) < len(plan(base)) / 2
    assert "participants/" not in written and "places/" not in written  # they show no event


def test_nothing_changed_writes_nothing(base: Explainer) -> None:
    preview = _first_build(base)
    rebuild = preview.plan(base, plan(base), "code")
    assert rebuild.write == frozenset() and not rebuild.everything


def test_code_changes_and_a_forgotten_state_write_everything(base: Explainer) -> None:
    preview = _first_build(base)
    assert preview.plan(base, plan(base), "other code") is EVERYTHING
    preview.forget()
    assert preview.plan(base, plan(base), "other code") is EVERYTHING


def test_the_fingerprint_follows_files_and_settings(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    first = fingerprint([tmp_path], "https://a/")
    assert fingerprint([tmp_path], "https://a/") == first
    assert fingerprint([tmp_path], "https://b/") != first
    os.utime(tmp_path / "a.html", ns=(1, 1))
    assert fingerprint([tmp_path], "https://a/") != first
    assert fingerprint([tmp_path / "missing"]) == fingerprint([])
    assert (REPO / "src" / "tradetalks" / "templates").is_dir()
