"""An id of 100,000 characters: beyond what YAML reads as a key at all."""

from pathlib import Path


def prepare(data: Path) -> None:
    with (data / "places.yml").open("a", encoding="utf-8") as file:
        file.write(f"{'b' * 100_000}:\n  name: Long\n  country: GB\n  sources: [wire-report]\n")
