"""100,000 nested lists: far deeper than Python's recursion limit."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "topics.yml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                     encoding="utf-8")
