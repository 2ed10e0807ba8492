"""A symbolic link to another data file: even inside data/, the same records twice."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places").mkdir()
    os.symlink("../places.yml", data / "places" / "copy.yml")
