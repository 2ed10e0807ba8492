"""A data file that is a symbolic link to a file outside the repository."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    secret = data.parent / "secret.yml"
    secret.write_text("leaked:\n  name: Secret\n  country: GB\n  sources: [wire-report]\n",
                      encoding="utf-8")
    (data / "places").mkdir()
    os.symlink(secret, data / "places" / "leak.yml")
