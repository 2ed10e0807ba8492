"""A value nested 30 lists deep inside a record."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "topics.yml").write_text(
        "tariffs:\n  title: Tariffs\n  summary: " + "[" * 30 + "x" + "]" * 30 + "\n"
        "  sources: [wire-report]\n", encoding="utf-8")
