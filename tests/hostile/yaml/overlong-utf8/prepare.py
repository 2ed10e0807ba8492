"""An over-long UTF-8 encoding of '/' (C0 AF), a classic filter bypass: not UTF-8."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").encode("utf-8")
    (data / "places.yml").write_bytes(text.replace(b"London", b"Lon\xc0\xafdon"))
