"""Two collection folders, places/ and PLACES/, differing only by case."""

from pathlib import Path

import pytest


def prepare(data: Path) -> None:
    (data / "places").mkdir()
    (data / "places" / "a.yml").write_text(
        "big-ben:\n  name: Big Ben\n  country: GB\n  sources: [wire-report]\n", encoding="utf-8")
    try:
        (data / "PLACES").mkdir()
    except FileExistsError:
        pytest.skip("the file system is case-insensitive")
    (data / "PLACES" / "b.yml").write_text(
        "tower:\n  name: Tower\n  country: GB\n  sources: [wire-report]\n", encoding="utf-8")
