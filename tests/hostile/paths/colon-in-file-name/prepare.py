"""A file name with ':1:1:' in it, which would confuse file:line:col readers."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places").mkdir()
    (data / "places" / "a:1:1: b.yml").write_text("big-ben:\n  name: [x]\n", encoding="utf-8")
