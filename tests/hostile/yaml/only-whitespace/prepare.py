"""Blank lines and spaces only."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_text("\n   \n\n", encoding="utf-8")
