"""The whole portraits folder a symbolic link to a folder outside the repository."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    outside = data.parent / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG secret")
    os.symlink(outside, data / "portraits", target_is_directory=True)
