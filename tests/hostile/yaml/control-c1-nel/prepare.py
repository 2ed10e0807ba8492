"""A C1 control (NEL), which YAML also reads as a line break."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: a good\x85 meeting")
    (data / "quotes.yml").write_text(text, encoding="utf-8")
