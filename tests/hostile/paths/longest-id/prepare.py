"""An id of exactly 64 characters: the longest allowed."""

from pathlib import Path


def prepare(data: Path) -> None:
    with (data / "places.yml").open("a", encoding="utf-8") as file:
        ident = "x" * 32 + "-" + "y" * 31
        file.write(f"{ident}:\n  name: Longest id\n  country: GB\n  sources: [wire-report]\n")
