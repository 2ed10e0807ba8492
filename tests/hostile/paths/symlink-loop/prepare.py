"""A folder symlinked to its own parent: a walker that follows links never ends."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places").mkdir()
    os.symlink("..", data / "places" / "loop", target_is_directory=True)
