"""Curly quotes from a word processor saved as Windows-1252 (bytes 0x93 and 0x94)."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: \u201ca good meeting\u201d")
    (data / "quotes.yml").write_bytes(text.encode("cp1252"))
