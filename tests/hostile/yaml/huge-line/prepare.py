"""A one-megabyte summary on one line: under the file limit, over the field's."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "topics.yml").read_text(encoding="utf-8")
    text = text.replace("summary: Both", "summary: " + "x" * 1_000_000 + " Both")
    (data / "topics.yml").write_text(text, encoding="utf-8")
