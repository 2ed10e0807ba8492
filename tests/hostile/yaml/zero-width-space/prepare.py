"""A zero-width space."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: a good\u200b meeting")
    (data / "quotes.yml").write_text(text, encoding="utf-8")
