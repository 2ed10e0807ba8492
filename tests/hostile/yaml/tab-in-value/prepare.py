"""A tab inside a value (not indentation) is ordinary text."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_text(
        "lancaster-house:\n  name: Lancaster\tHouse\n  country: GB\n  sources: [wire-report]\n",
        encoding="utf-8")
