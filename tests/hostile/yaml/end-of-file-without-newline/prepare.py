"""An unclosed '{' as the whole file, with no final newline: libyaml reports line 2, which does
not exist (found by the bytes property)."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_bytes(b"{")
