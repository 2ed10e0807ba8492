"""A name of 301 characters: one over the limit for short text."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8")
    (data / "places.yml").write_text(text.replace("Lancaster House", "L" * 301), encoding="utf-8")
