"""The explainer file itself replaced by a link to /etc/passwd."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    (data / "explainer.yml").unlink()
    os.symlink("/etc/passwd", data / "explainer.yml")
