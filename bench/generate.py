"""Synthetic but realistic data in the project's own format, for benchmarks (not for the site).

Where it sits: outside the flow, in front of it. `generate()` writes a `data/`-shaped folder that
`tradetalks.validate.check` accepts with zero problems, at any scale: N participants, 5N events,
2N quotes, 20 topics, N/50 agreements with dated changes and N/20 deadlines, sources for
everything (each cited at least once, so no warnings), with text lengths and reference fan-out
like the real data (events name 2-8 participants and 1-3 topics, people hold 1-3 roles, topics
carry dated positions from both sides: statements, demands, offers and red lines; agreements have
dated changes and deadlines past and future). Large collections are written in folder form
(`events/part-001.yml`, ...) so no file comes near the loader's size limit.
The same arguments always give the same bytes.

    from bench.generate import generate
    counts = generate(Path("/tmp/data"), participants=1000, seed=1)   # -> {"events": 5000, ...}

    python bench/generate.py /tmp/data --participants 1000 --seed 1
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: Records per file in folder-form collections: a few hundred KB per file at most.
RECORDS_PER_FILE = 500
TOPICS = 20
FIRST_DAY = dt.date(2018, 1, 1)
DAYS = 365 * 7
#: The explainer's last update: after every generated day, so only scheduled events lie ahead.
UPDATED = dt.date(2025, 6, 10)
#: Kinds of position drawn for topics; a statement twice as often as each of the others.
POSITION_KINDS = ("statement", "statement", "demand", "offer", "red-line")

_WORDS = (
    "tariff trade talks delegation export import quota subsidy semiconductor chip rare earth "
    "mineral student visa market access soybean steel aluminium currency investment technology "
    "restriction licence review agreement framework pause truce negotiation round official "
    "minister secretary commerce treasury agriculture industry supply chain factory farmer "
    "shipment port customs duty rate percent billion dollar yuan economy growth recession "
    "concern pressure deadline proposal offer demand response statement briefing meeting "
    "summit phone call envoy embassy capital city week month year progress setback dispute"
).split()
_FIRST = ("Wei Li Ming Hua Jian Xiu Lan Bo Yan Ping Anna David Maria James Susan Robert Linda "
          "Michael Karen Thomas Laura Daniel Emily Mark Sarah Paul Helen Peter Grace").split()
_LAST = ("Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Smith Johnson Brown Miller Davis "
         "Wilson Moore Taylor Clark Lewis Walker Hall Young King Wright Green Baker Adams").split()
_HAN = "王张刘陈杨赵黄周吴徐明华建秀兰波燕平伟丽强军磊洋勇艳杰娟涛超"
_TITLES = ("Commerce Minister", "Vice Premier", "Trade Representative", "Treasury Secretary",
           "Commerce Secretary", "Ambassador", "Chief Negotiator", "Deputy Trade Representative",
           "Vice Minister of Commerce", "Special Envoy", "Spokesperson", "Adviser")
_PUBLISHERS = ("Associated Press", "Reuters", "Xinhua", "Financial Times", "South China Morning "
               "Post", "Bloomberg", "The Wall Street Journal", "Caixin", "Nikkei Asia", "BBC News")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()\u2019-]*[A-Za-z0-9.)]")


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when it reads back unchanged, else double-quoted."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _block(key: str, text: str, indent: int) -> str:
    """`key: >-` with the text folded at about 90 columns, as editors write long fields."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 1 > 90 - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return f"{pad}{key}: >-\n" + "".join(f"{pad}  {item}\n" for item in lines)


def _flow(ids: Iterable[str]) -> str:
    return "[" + ", ".join(ids) + "]"


class _Writer:
    """Deterministic text and dates from one seeded random generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible text, not secrets

    def sentence(self, low: int, high: int) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def text(self, chars: int) -> str:
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(self.sentence(6, 18))
        return " ".join(parts)

    def day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.rng.randrange(DAYS))

    def sample(self, pool: Sequence[str], low: int, high: int) -> list[str]:
        return self.rng.sample(pool, k=min(len(pool), self.rng.randint(low, high)))


def _write_collection(out: Path, name: str, records: list[str], folder: bool) -> list[Path]:
    header = f"# Synthetic {name} for benchmarks (bench/generate.py).\n"
    if not folder:
        path = out / f"{name}.yml"
        path.write_text(header + "\n".join(records), encoding="utf-8")
        return [path]
    (out / name).mkdir()
    paths = []
    for part, start in enumerate(range(0, len(records), RECORDS_PER_FILE), 1):
        path = out / name / f"part-{part:03d}.yml"
        path.write_text(header + "\n".join(records[start : start + RECORDS_PER_FILE]),
                        encoding="utf-8")
        paths.append(path)
    return paths


def generate(out_dir: Path, participants: int = 100, seed: int = 1) -> dict[str, Any]:
    """Write a synthetic data set into `out_dir` (created; must not exist or be empty).

    Returns the number of records per collection and the list of files written (`files`).
    """
    if participants < 2:
        raise ValueError("participants must be at least 2 (one delegation per side)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    w = _Writer(seed)
    n = participants
    counts = {"participants": n, "events": 5 * n, "quotes": 2 * n, "topics": TOPICS,
              "sources": max(TOPICS, n), "places": max(5, n // 10),
              "agreements": max(2, n // 50), "deadlines": max(3, n // 20)}

    source_ids = [f"source-{i:05d}" for i in range(counts["sources"])]
    topic_ids = [f"topic-{i:02d}-{w.rng.choice(_WORDS)}" for i in range(TOPICS)]
    place_ids = [f"place-{i:04d}" for i in range(counts["places"])]
    # Every source is cited at least once: record k of every kind cites source k (mod S) first.
    cite_cycle = iter(range(10**9))

    def cites() -> str:
        first = source_ids[next(cite_cycle) % len(source_ids)]
        extra = w.sample(source_ids, 0, 2)
        return _flow(dict.fromkeys([first, *extra]))

    files: list[Path] = []
    published = {sid: w.day() for sid in source_ids}
    # Sources by publication date: a held event also cites one published on or after its day
    # (a page can only report what has happened), as real data does.
    by_date = sorted(source_ids, key=lambda sid: (published[sid], sid))
    files += _write_collection(out_dir, "sources", [
        f"{sid}:\n  publisher: {_scalar(w.rng.choice(_PUBLISHERS))}\n"
        f"  authors: [{w.rng.choice(_FIRST)} {w.rng.choice(_LAST)}]\n"
        f"  title: {_scalar(w.sentence(5, 12)[:-1])}\n"
        f"  published: {published[sid]}\n"
        f"  url: https://news.example.org/{w.day().year}/{sid}\n"
        f"  accessed: {UPDATED}\n"
        for sid in source_ids], folder=n > RECORDS_PER_FILE)

    # Two delegations first (one per side), then people and organisations.
    people: list[str] = []
    person_ids: list[str] = []
    delegations = {"united-states": "us-delegation", "china": "china-delegation"}
    for side, did in delegations.items():
        people.append(f"{did}:\n  kind: delegation\n  name: {_scalar(side.title())} delegation\n"
                      f"  side: {side}\n  sources: {cites()}\n")
    for i in range(n - len(delegations)):
        side = "china" if i % 2 else "united-states"
        first, last = w.rng.choice(_FIRST), w.rng.choice(_LAST)
        pid = f"{first}-{last}-{i}".lower()
        person_ids.append(pid)
        native = ""
        if side == "china":
            han = "".join(w.rng.choices(_HAN, k=3))
            native = f"  native_name: {{text: {han}, lang: zh-Hans}}\n"
        roles = ""
        for _ in range(w.rng.randint(1, 3)):
            start = w.day()
            end = start + dt.timedelta(days=w.rng.randint(30, 900))
            roles += (f"    - title: {w.rng.choice(_TITLES)}\n"
                      f"      organisation: {_scalar(side.title().replace('-', ' '))}\n"
                      f"      from: {start}\n      to: {end}\n"
                      f"      sources: {cites()}\n")
        people.append(
            f"{pid}:\n  kind: person\n  name: {first} {last}\n{native}  side: {side}\n"
            f"  member_of: [{delegations[side]}]\n  roles:\n{roles}"
            + _block("bio", w.text(w.rng.randint(120, 400)), 2)
            + f"  sources: {cites()}\n")
    participant_ids = [*delegations.values(), *person_ids]
    files += _write_collection(out_dir, "participants", people, folder=n > RECORDS_PER_FILE)

    files += _write_collection(out_dir, "places", [
        f"{pid}:\n  name: {_scalar(w.rng.choice(_LAST) + ' Hall')}\n"
        f"  locality: {w.rng.choice(_LAST)}ville\n"
        f"  country: {w.rng.choice(['GB', 'CH', 'US', 'CN', 'SE', 'FR', 'JP'])}\n"
        f"  sources: {cites()}\n" for pid in place_ids], folder=False)

    topics = []
    for tid in topic_ids:
        positions = "".join(
            f"    - side: {w.rng.choice(['united-states', 'china'])}\n"
            f"      kind: {w.rng.choice(POSITION_KINDS)}\n"
            + _block("statement", w.text(w.rng.randint(80, 300)), 6)
            + f"      date: {w.day()}\n      sources: {cites()}\n"
            for _ in range(w.rng.randint(2, 6)))
        topics.append(f"{tid}:\n  title: {_scalar(w.sentence(2, 5)[:-1])}\n"
                      + _block("summary", w.text(w.rng.randint(200, 600)), 2)
                      + f"  positions:\n{positions}  sources: {cites()}\n")
    files += _write_collection(out_dir, "topics", topics, folder=False)

    events, event_ids = [], []
    for i in range(counts["events"]):
        eid = f"event-{i:05d}"
        event_ids.append(eid)
        day, extra = w.day(), ""
        # As in real data, almost every event has happened; the few scheduled ones are still to
        # come at the explainer's last update (a past `scheduled` event is a warning).
        status = ("scheduled" if w.rng.random() < 0.01
                  else w.rng.choice(["held", "held", "held", "announced"]))
        if status == "scheduled":
            day = UPDATED + dt.timedelta(days=w.rng.randrange(1, 180))
        date, roll = day.isoformat(), w.rng.random()
        if roll < 0.08:
            date = f"{day.year}-{day.month:02d}"
        elif roll < 0.12:
            date = str(day.year)
        elif roll < 0.25:
            extra = f"  end: {day + dt.timedelta(days=w.rng.randint(1, 3))}\n"
        place = f"  place: {w.rng.choice(place_ids)}\n" if w.rng.random() < 0.7 else ""
        outcome = (_block("outcome", w.text(w.rng.randint(60, 200)), 2)
                   if w.rng.random() < 0.5 else "")
        sources = cites()
        if status == "held":
            later = [sid for sid in by_date[bisect.bisect_left(
                [published[s] for s in by_date], day.replace(month=12, day=31)):]]
            if later:
                sources = _flow(dict.fromkeys([*sources[1:-1].split(", "),
                                               w.rng.choice(later[:50])]))
            else:
                status = "announced"
        events.append(
            f"{eid}:\n  title: {_scalar(w.sentence(4, 10)[:-1])}\n  date: {date}\n{extra}"
            f"  status: {status}\n"
            f"  side: {w.rng.choice(['united-states', 'china', 'both'])}\n{place}"
            f"  participants: {_flow(w.sample(participant_ids, 2, 8))}\n"
            f"  topics: {_flow(w.sample(topic_ids, 1, 3))}\n"
            + _block("summary", w.text(w.rng.randint(200, 700)), 2) + outcome
            + f"  sources: {sources}\n")
    files += _write_collection(out_dir, "events", events, folder=True)

    quotes = []
    for i in range(counts["quotes"]):
        event = f"  event: {w.rng.choice(event_ids)}\n" if w.rng.random() < 0.7 else ""
        kind = w.rng.choice(["direct", "paraphrase"])
        quotes.append(
            f"quote-{i:05d}:\n  speaker: {w.rng.choice(person_ids)}\n  date: {w.day()}\n"
            f"  text: {_scalar(w.text(w.rng.randint(40, 220)))}\n  kind: {kind}\n"
            f"  context: {_scalar(w.sentence(6, 16))}\n{event}"
            f"  topics: {_flow(w.sample(topic_ids, 0, 2))}\n  sources: {cites()}\n")
    files += _write_collection(out_dir, "quotes", quotes, folder=True)

    # Agreements: agreed on a day, in force from a few days later, expiring within a year or
    # two; some extended once (later than before), some suspended. Dated changes follow the
    # agreement, and nothing lies after the explainer's last update.
    agreements, agreed_on = [], {}
    for i in range(counts["agreements"]):
        aid = f"agreement-{i:04d}"
        agreed = agreed_on[aid] = min(w.day(), UPDATED - dt.timedelta(days=400))
        effect = agreed + dt.timedelta(days=w.rng.randint(1, 10))
        expires = effect + dt.timedelta(days=w.rng.randint(90, 720))
        changes, roll = "", w.rng.random()
        if roll < 0.4:
            changed = effect + dt.timedelta(days=w.rng.randint(20, 80))
            later = expires + dt.timedelta(days=w.rng.randint(30, 365))
            changes = (f"  changes:\n    - date: {changed}\n      status: extended\n"
                       f"      expires: {later}\n      event: {w.rng.choice(event_ids)}\n"
                       + _block("summary", w.text(w.rng.randint(60, 160)), 6)
                       + f"      sources: {cites()}\n")
        elif roll < 0.55:
            changed = effect + dt.timedelta(days=w.rng.randint(20, 80))
            changes = (f"  changes:\n    - date: {changed}\n      status: suspended\n"
                       f"      sources: {cites()}\n")
        commitments = "".join(
            f"    - side: {side}\n" + _block("text", w.text(w.rng.randint(60, 200)), 6)
            + f"      sources: {cites()}\n" for side in ("united-states", "china"))
        agreements.append(
            f"{aid}:\n  title: {_scalar(w.sentence(3, 7)[:-1])}\n"
            + _block("terms", w.text(w.rng.randint(150, 400)), 2)
            + f"  parties: [united-states, china]\n  date: {agreed}\n  status: in-force\n"
            f"  takes_effect: {effect}\n  expires: {expires}\n"
            f"  commitments:\n{commitments}{changes}"
            f"  events: {_flow(w.sample(event_ids, 1, 3))}\n"
            f"  topics: {_flow(w.sample(topic_ids, 1, 3))}\n  sources: {cites()}\n")
    files += _write_collection(out_dir, "agreements", agreements, folder=False)

    deadlines = []
    for i in range(counts["deadlines"]):
        due, agreement = w.day(), ""
        if w.rng.random() < 0.5:  # one of an agreement's: on or after the day it was made
            aid = w.rng.choice(list(agreed_on))
            due = max(due, agreed_on[aid] + dt.timedelta(days=w.rng.randint(1, 300)))
            agreement = f"  agreement: {aid}\n"
        if i % 3 == 0:  # still ahead at the last update
            due = UPDATED + dt.timedelta(days=w.rng.randrange(1, 365))
        outcome = ""
        if due < UPDATED:
            outcome = (f"  outcome: {w.rng.choice(['met', 'missed', 'extended', 'unknown'])}\n"
                       + _block("outcome_note", w.text(w.rng.randint(40, 120)), 2))
        deadlines.append(
            f"deadline-{i:04d}:\n  title: {_scalar(w.sentence(3, 8)[:-1])}\n  date: {due}\n"
            + _block("what", w.text(w.rng.randint(60, 200)), 2) + agreement + outcome
            + f"  topics: {_flow(w.sample(topic_ids, 0, 2))}\n  sources: {cites()}\n")
    files += _write_collection(out_dir, "deadlines", deadlines, folder=False)

    explainer = out_dir / "explainer.yml"
    explainer.write_text(
        "title: Synthetic trade talks explainer\n"
        + _block("standfirst", w.text(240), 0)
        + f"status: being-updated\nupdated: {UPDATED}\nsources: [{source_ids[0]}]\n"
        + f"key_topics: {_flow(topic_ids[:4])}\n",
        encoding="utf-8")
    files.append(explainer)
    return {**counts, "files": sorted(files)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write (must not exist or be empty)")
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    result = generate(args.out_dir, participants=args.participants, seed=args.seed)
    summary = {k: v for k, v in result.items() if k != "files"}
    summary["files"] = len(result["files"])
    summary["bytes"] = sum(p.stat().st_size for p in result["files"])
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
