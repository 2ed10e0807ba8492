"""A record indented with a tab instead of spaces."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_text(
        "lancaster-house:\n\tname: Lancaster House\n\tcountry: GB\n\tsources: [wire-report]\n",
        encoding="utf-8")
