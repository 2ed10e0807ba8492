"""A file saved as Latin-1: 'Genève' with é as the single byte 0xE9."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").replace("London", "Genève")
    (data / "places.yml").write_bytes(text.encode("latin-1"))
