"""A file name holding a newline and a fake problem line, to forge the check output."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places").mkdir()
    name = "x.yml\n  data:1:1: all good.yml"
    (data / "places" / name).write_text(
        "big-ben:\n  name: Big Ben\n  country: GB\n  sources: [wire-report]\n", encoding="utf-8")
