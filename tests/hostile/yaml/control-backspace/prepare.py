"""Backspaces that hide text in a terminal."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: a good\x08\x08\x08 meeting")
    (data / "quotes.yml").write_text(text, encoding="utf-8")
