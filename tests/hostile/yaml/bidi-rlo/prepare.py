"""A right-to-left override (Trojan Source): the text reads differently from how it shows."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: a good\u202e meeting")
    (data / "quotes.yml").write_text(text, encoding="utf-8")
