"""incremental: which pages a data edit can change, for `mkdocs serve --dirty`."""

from __future__ import annotations

from pathlib import Path

from fixture_data import REPO, generated_explainer
from tradetalks.incremental import changed_records, is_affected
from tradetalks.pages import plan
from tradetalks.validate import check


def _explainer(data: Path):
    explainer, problems = check(data)
    assert explainer is not None, problems
    return explainer


def _edited(tmp_path: Path, name: str, old: str, new: str):
    data = tmp_path / "data"
    import shutil

    shutil.copytree(REPO / "data", data)
    path = data / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return _explainer(data)


def _affected(old, new) -> set[str]:
    changed = changed_records(old, new)
    return {spec.url for spec in plan(new) if is_affected(spec, old, new, changed)}


def test_renaming_a_participant_rebuilds_the_pages_that_show_them(tmp_path: Path) -> None:
    old = _explainer(REPO / "data")
    new = _edited(tmp_path, "participants.yml", "name: He Lifeng", "name: He Lifeng (edited)")
    assert changed_records(old, new) == {"participants/he-lifeng"}
    affected = _affected(old, new)
    assert {"participants/he-lifeng/", "participants/china-delegation/",
            "topics/tariffs/", "places/lancaster-house/", "timeline/",
            "participants/"} <= affected
    # Xi Jinping's page shows only the phone call, in which He Lifeng takes no part.
    assert "participants/xi-jinping/" not in affected
    assert "places/geneva/" not in affected


def test_an_unchanged_model_rebuilds_nothing_generated(tmp_path: Path) -> None:
    old = _explainer(REPO / "data")
    new = _edited(tmp_path, "quotes.yml", "# yaml-language-server", "# yaml-language-server")
    assert changed_records(old, new) == set()
    assert _affected(old, new) == set()


def test_a_change_to_the_explainer_itself_rebuilds_everything(tmp_path: Path) -> None:
    old = _explainer(REPO / "data")
    new = _edited(tmp_path, "explainer.yml", "status: being-updated", "status: no-longer-updated")
    assert changed_records(old, new) is None
    assert _affected(old, new) == {spec.url for spec in plan(new)}


def test_an_event_leaving_a_page_still_rebuilds_it(tmp_path: Path) -> None:
    old = _explainer(REPO / "data")
    new = _edited(tmp_path, "events.yml", "participants: [donald-trump, xi-jinping]",
                  "participants: [donald-trump]")
    assert "participants/xi-jinping/" in _affected(old, new)


def test_on_a_paginated_timeline_only_the_page_holding_an_edited_event_is_rebuilt(
        tmp_path: Path) -> None:
    old = generated_explainer(tmp_path / "data", participants=70, seed=5)
    event = old.timeline[len(old.timeline) // 2]
    path = next(p for p in (tmp_path / "data" / "events").glob("*.yml")
                if f"\n{event.id}:\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{event.id}:\n")
    at = text.index("  summary: ", start) + len("  summary: ")
    path.write_text(text[:at] + "Edited. " + text[at:], encoding="utf-8")
    new = _explainer(tmp_path / "data")
    assert changed_records(old, new) == {f"events/{event.id}"}
    timeline_pages = {s.url for s in plan(new) if s.kind == "timeline-page"}
    assert len(timeline_pages) > 1, "the generated timeline should be paginated"
    affected = _affected(old, new) & timeline_pages
    holding = {s.url for s in plan(new) if s.kind == "timeline-page"
               and any(e.id == event.id for _, months in s.context["timeline_groups"]
                       for _, events in months for e in events)}
    assert affected == holding and len(holding) == 1


def _generated(tmp_path: Path):
    return generated_explainer(tmp_path / "data", participants=70, seed=5)


def _replace_in_record(data: Path, folder: str, record_id: str, old: str, new: str) -> None:
    paths = sorted((data / folder).glob("*.yml")) or [data / f"{folder}.yml"]
    path = next(p for p in paths if f"\n{record_id}:\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{record_id}:\n")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")


def _pages_of(explainer, kind: str) -> dict[str, set[str]]:
    """Page URL -> ids of the records on it, for the pages of one paginated list."""
    key = kind.removesuffix("-page")
    return {s.url: {r.id for r in s.context[key]} for s in plan(explainer) if s.kind == kind}


def test_on_paginated_quotes_only_the_page_holding_an_edited_quote_is_rebuilt(
        tmp_path: Path) -> None:
    old = _generated(tmp_path)
    quote = old.quotes_in_order[len(old.quotes_in_order) // 2]
    _replace_in_record(tmp_path / "data", "quotes", quote.id, "  text: ", "  text: Edited. ")
    new = _explainer(tmp_path / "data")
    assert changed_records(old, new) == {f"quotes/{quote.id}"}
    quote_pages = _pages_of(new, "quotes-page")
    assert len(quote_pages) > 1, "140 generated quotes should be paginated"
    holding = {url for url, ids in quote_pages.items() if quote.id in ids}
    assert _affected(old, new) & quote_pages.keys() == holding and len(holding) == 1


def test_a_quote_moved_to_another_year_rebuilds_every_quotes_page(tmp_path: Path) -> None:
    old = _generated(tmp_path)
    quote = old.quotes_in_order[0]
    date = quote.date.iso
    moved = f"{quote.date.year + 3}{date[4:]}"
    _replace_in_record(tmp_path / "data", "quotes", quote.id, f"date: {date}", f"date: {moved}")
    new = _explainer(tmp_path / "data")
    assert _affected(old, new) >= _pages_of(new, "quotes-page").keys()


def test_a_record_that_stops_citing_a_source_rebuilds_that_sources_page(tmp_path: Path) -> None:
    old = _generated(tmp_path)
    quote = next(q for q in old.quotes_in_order if len(q.sources) > 1)
    dropped = quote.sources[-1]
    _replace_in_record(tmp_path / "data", "quotes", quote.id, f", {dropped}]", "]")
    new = _explainer(tmp_path / "data")
    assert f"quotes/{quote.id}" not in new.citations[dropped]
    source_pages = _pages_of(new, "sources-page")
    assert len(source_pages) > 1, "70 generated sources should be paginated"
    holding = {url for url, ids in source_pages.items() if dropped in ids}
    assert holding <= _affected(old, new)
    untouched = {url for url, ids in source_pages.items() if not ids & set(quote.sources)}
    assert untouched and not untouched & _affected(old, new)


def test_a_compact_event_list_does_not_depend_on_the_events_participants(
        tmp_path: Path) -> None:
    from tradetalks.render import COMPACT_EVENTS

    old = _generated(tmp_path)
    busy = next(p for p in old.participants.values()
                if len(old.events_by_participant.get(p.id, ())) > COMPACT_EVENTS)
    related = {*old.members.get(busy.id, ()), *getattr(busy, "member_of", ())}
    other = next(q for e in old.events_by_participant[busy.id]
                 for q in old.events[e].participants if q != busy.id and q not in related)
    _replace_in_record(tmp_path / "data", "participants", other, "  name: ", "  name: Renamed ")
    new = _explainer(tmp_path / "data")
    assert changed_records(old, new) == {f"participants/{other}"}
    affected = _affected(old, new)
    assert f"participants/{other}/" in affected
    assert f"participants/{busy.id}/" not in affected  # lists titles only: nothing changed there
    quiet = next((p for p in new.participants.values()
                  if 0 < len(new.events_by_participant.get(p.id, ())) <= COMPACT_EVENTS
                  and any(other in new.events[e].participants
                          for e in new.events_by_participant[p.id]) and p.id != other), None)
    if quiet is not None:  # its events are in full, with every participant's name
        assert f"participants/{quiet.id}/" in affected


def test_the_live_preview_rebuilds_what_an_edit_changed_and_remembers(tmp_path: Path) -> None:
    from tradetalks.incremental import LivePreview

    old = _explainer(REPO / "data")
    preview = LivePreview()
    specs = plan(old)
    assert preview.pages_to_rebuild(specs, old) is None  # the first build is a full one
    assert preview.pages_to_rebuild(specs, _explainer(REPO / "data")) == set()
    new = _edited(tmp_path, "participants.yml", "name: He Lifeng", "name: He Lifeng (edited)")
    by_uri = {spec.src_uri: spec.url for spec in plan(new)}
    rebuilt = preview.pages_to_rebuild(plan(new), new)
    assert rebuilt is not None
    assert {by_uri[uri] for uri in rebuilt} == _affected(old, new)
    preview.forget()
    assert preview.pages_to_rebuild(plan(new), new) is None


def test_a_list_that_starts_paginating_rebuilds_every_page_linking_its_records(
        tmp_path: Path, monkeypatch) -> None:
    from tradetalks import urls

    old = _explainer(REPO / "data")
    monkeypatch.setattr(urls, "TIMELINE_PAGE_LIMIT", len(old.events))
    new = _edited(tmp_path, "events.yml", "\ngeneva-talks:\n", """
earlier-talks:
  title: Earlier talks
  date: 2024-03-01
  status: held
  side: both
  summary: An event added a year before the others, so the timeline splits by year.
  sources: [ap-london-talks-2025]

geneva-talks:
""")
    assert urls.site_paging(new).events.page_for("trump-xi-call") == "timeline/2025/"
    assert "events/trump-xi-call" in changed_records(old, new)
    # Xi Jinping's page shows only the phone call: its link now points at timeline/2025/.
    assert "participants/xi-jinping/" in _affected(old, new)


def test_renaming_a_speaker_rebuilds_the_sources_page_naming_their_quote(
        tmp_path: Path) -> None:
    old = _generated(tmp_path)
    source_pages = _pages_of(old, "sources-page")
    page_of = {source: url for url, ids in source_pages.items() for source in ids}
    quote, source = next(
        (q, s) for q in old.quotes_in_order for s in q.sources
        if not any(page_of[c] == page_of[s]
                   for c in getattr(old.participants[q.speaker], "sources", ())))
    _replace_in_record(tmp_path / "data", "participants", quote.speaker, "  name: ",
                       "  name: Renamed ")
    new = _explainer(tmp_path / "data")
    assert changed_records(old, new) == {f"participants/{quote.speaker}"}
    assert page_of[source] in _affected(old, new)
