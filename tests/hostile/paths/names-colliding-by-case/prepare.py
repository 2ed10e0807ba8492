"""places.yml and Places.yml side by side: one overwrites the other on Windows and macOS."""

from pathlib import Path

import pytest


def prepare(data: Path) -> None:
    other = data / "Places.yml"
    other.write_text("big-ben:\n  name: Big Ben\n  country: GB\n  sources: [wire-report]\n",
                     encoding="utf-8")
    if (data / "places.yml").read_text(encoding="utf-8") == other.read_text(encoding="utf-8"):
        pytest.skip("the file system is case-insensitive")
