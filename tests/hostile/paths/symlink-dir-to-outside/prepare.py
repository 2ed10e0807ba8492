"""A collection folder that is a symbolic link to a folder outside the repository."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    outside = data.parent / "outside"
    outside.mkdir()
    (outside / "leak.yml").write_text(
        "leaked:\n  name: Secret\n  country: GB\n  sources: [wire-report]\n", encoding="utf-8")
    os.symlink(outside, data / "places", target_is_directory=True)
