"""U+2028 LINE SEPARATOR: invisible, and YAML counts it as a line break."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "quotes.yml").read_text(encoding="utf-8")
    text = text.replace("text: a good meeting", "text: a good\u2028 meeting")
    (data / "quotes.yml").write_text(text, encoding="utf-8")
