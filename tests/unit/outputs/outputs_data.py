"""Models for the output tests, each built by `validate.check` from data written to a temp folder.

A plain module with a unique name (imported by this folder's `conftest.py` and tests), because
`from conftest import ...` is ambiguous across test folders.

* `shipped`: the repository's own `data/`.
* `rich`: the seed article's facts (`tests/fixtures/seed/data`, the explainer's first data set,
  frozen here so exact counts stay stable) plus what they do not have: a correction, a scheduled
  event, a day range, a month-precision event and a topic without events.
* `hostile`: a small data set whose every text field holds markup, XML and iCalendar
  metacharacters, line breaks, a long line, emoji and CJK, to prove each format keeps it inert.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fixture_data import REPO, overlay_data
from tradetalks.model import Explainer
from tradetalks.outputs import build_outputs
from tradetalks.validate import check

SITE = "https://example.org/talks/"
SEED_DATA = REPO / "tests" / "fixtures" / "seed" / "data"

CORRECTION = """\
lutnick-title:
  date: 2025-06-12
  text: >-
    An earlier version of this explainer gave Howard Lutnick's title as Treasury Secretary. He is
    the Commerce Secretary.
  reason: The two U.S. secretaries at the London talks were confused when the profile was written.
  affects: [participants/howard-lutnick, events/london-talks-day-1]
  sources: [ap-london-talks-2025]
"""

EXTRA_EVENTS = """\
next-round:
  title: Next round of talks
  date: 2025-07-14
  end: 2025-07-16
  status: scheduled
  side: both
  place: geneva
  participants: [he-lifeng, scott-bessent]
  topics: [tariffs, rare-earths]
  summary: A further round of talks, planned over three days.
  sources: [ap-london-talks-2025]

pause-deadline:
  title: End of the 90-day tariff pause
  date: 2025-08
  status: announced
  side: both
  topics: [tariffs]
  summary: The 90-day pause on most tariffs runs out.
  sources: [ap-london-talks-2025]
"""

#: Text that would break a format whose escaping is missing (markup, CDATA end, entities, line
#: breaks, iCalendar separators, a backslash), with emoji and CJK. Short enough for ShortText.
#: No CR: the loader refuses it even as a YAML escape, so the model cannot hold one (the
#: escaping functions' own tests cover CR).
EVIL = ('Evil </script><script>alert(1)</script> ]]> <b>bold</b> &amp; "dq" \'sq\' '
        "semi; comma, back\\slash\nSECOND LINE\nBEGIN:VEVENT\nEND:VCALENDAR\n\n"
        "😀🇨🇳 何立峰 中美贸易谈判")
#: A long unbroken run, for the longer text fields (summaries, bios, quotes).
LONG = "x" * 120 + "何" * 60 + "😀" * 30


def evil(label: str) -> str:
    """Hostile text tagged with the field it goes into, so a test can tell values apart."""
    return f"{label}: {EVIL}"


def evil_long(label: str) -> str:
    """Hostile text with a long unbroken run, for fields that allow long text."""
    return f"{label}: {EVIL} {LONG}"


def src() -> list[str]:
    """A fresh list each time: a shared one would be written as a YAML anchor, which is refused."""
    return ["evil-source"]


def hostile_files() -> dict[str, Any]:
    """Every collection of the hostile data set, as YAML-ready values."""
    return {
        "explainer.yml": {"title": evil("explainer title"), "standfirst": evil_long("standfirst"),
                          "status": "being-updated", "updated": "2025-06-10", "sources": src()},
        "sources.yml": {"evil-source": {
            "publisher": evil("publisher"), "authors": ["A; B", evil("author")],
            "title": evil("source title"), "published": "2025-06-10",
            "url": "https://example.com/a?b=1&c=%3Cscript%3E", "note": evil_long("note")}},
        "participants.yml": {
            "evil-delegation": {"kind": "delegation", "name": evil("delegation name"),
                                "side": "china", "bio": evil_long("delegation bio"),
                                "sources": src()},
            "evil-person": {
                "kind": "person", "name": evil("person name"),
                "native_name": {"text": "何立峰 </script> 😀", "lang": "zh-Hans"},
                "side": "china", "member_of": ["evil-delegation"],
                "roles": [{"title": evil("role title"), "organisation": evil("role org"),
                           "as_of": "2025-06-10", "sources": src()}],
                "bio": evil_long("person bio"), "sources": src()}},
        "places.yml": {"evil-place": {"name": evil("place name"), "locality": evil("locality"),
                                      "country": "GB",
                                      "description": evil_long("place description"),
                                      "sources": src()}},
        "events.yml": {
            "evil-day": {"title": evil("day title"), "date": "2025-06-10", "status": "held",
                         "side": "both", "place": "evil-place",
                         "participants": ["evil-person", "evil-delegation"],
                         "topics": ["evil-topic"], "summary": evil_long("day summary"),
                         "outcome": evil_long("day outcome"),
                         "date_basis": evil_long("basis"),
                         "sources": src()},
            "evil-range": {"title": evil("range title"), "date": "2025-06-30",
                           "end": "2025-07-02", "status": "scheduled", "side": "china",
                           "summary": evil_long("range summary"), "sources": src()},
            "evil-month": {"title": evil("month title"), "date": "2025-05",
                           "status": "held", "side": "united-states",
                           "summary": evil_long("month summary"), "sources": src()}},
        "topics.yml": {"evil-topic": {
            "title": evil("topic title"), "summary": evil_long("topic summary"),
            "positions": [{"side": "china", "statement": evil_long("statement"),
                           "date": "2025-06-10", "sources": src()}],
            "sources": src()}},
        "quotes.yml": {"evil-quote": {
            "speaker": "evil-person", "date": "2025-06-10", "text": evil_long("quote text"),
            "kind": "direct", "language": "zh-Hans", "translation": evil_long("translation"),
            "context": evil_long("context"), "event": "evil-day", "topics": ["evil-topic"],
            "sources": src()}},
        "corrections.yml": {"evil-correction": {
            "date": "2025-06-11", "text": evil_long("correction text"),
            "reason": evil_long("correction reason"),
            "affects": ["events/evil-day", "participants/evil-person"], "sources": src()}},
    }


def _build(data_dir: Path) -> Explainer:
    explainer, problems = check(data_dir)
    assert explainer is not None, "\n".join(str(p) for p in problems)
    return explainer


def build_shipped() -> Explainer:
    return _build(REPO / "data")


#: A topic no event is about yet: its feed is empty but must still be valid.
EXTRA_TOPIC = """\
agriculture:
  title: Farm purchases
  summary: Whether China buys more U.S. farm goods as part of a deal.
  sources: [ap-london-talks-2025]
"""


def build_rich(target: Path) -> Explainer:
    overlay_data(target, {"corrections.yml": CORRECTION, "events/extra.yml": EXTRA_EVENTS,
                          "topics/extra.yml": EXTRA_TOPIC}, base=SEED_DATA)
    return _build(target)


def write_hostile(target: Path) -> Path:
    target.mkdir(parents=True)
    for name, value in hostile_files().items():
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)
        (target / name).write_text(text, encoding="utf-8")
    return target


_OUTPUTS: dict[int, tuple[Explainer, dict[str, bytes]]] = {}


def outputs_of(explainer: Explainer) -> dict[str, bytes]:
    """`build_outputs` for a model, built once per model (the tests only read the bytes)."""
    if id(explainer) not in _OUTPUTS:
        _OUTPUTS[id(explainer)] = (explainer, build_outputs(explainer, SITE))
    return _OUTPUTS[id(explainer)][1]


def build_hostile(target: Path) -> Explainer:
    return _build(write_hostile(target))
