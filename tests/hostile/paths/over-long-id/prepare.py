"""An id of 65 characters: one more than the limit."""

from pathlib import Path


def prepare(data: Path) -> None:
    with (data / "places.yml").open("a", encoding="utf-8") as file:
        file.write(f"{'a' * 65}:\n  name: Long\n  country: GB\n  sources: [wire-report]\n")
