"""A portrait that is a symbolic link to /etc/passwd, named by a record: the build copies
portraits into the site, so the link would publish the file it points at."""

import os
from pathlib import Path


def prepare(data: Path) -> None:
    (data / "portraits").mkdir()
    os.symlink("/etc/passwd", data / "portraits" / "he-lifeng.jpg")
    text = (data / "participants.yml").read_text(encoding="utf-8")
    text = text.replace("  side: china\n", "  side: china\n  portrait: {file: he-lifeng.jpg, "
                        "alt: He Lifeng, credit: Example Wire}\n")
    (data / "participants.yml").write_text(text, encoding="utf-8")
