"""Spaces, then a tab, before a field: looks aligned in an editor, is not to YAML."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_text(
        "lancaster-house:\n  name: Lancaster House\n  \tcountry: GB\n  sources: [wire-report]\n",
        encoding="utf-8")
