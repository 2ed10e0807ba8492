"""A file saved as UTF-16 little-endian with its byte-order mark (Windows 'Unicode')."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8")
    (data / "places.yml").write_bytes(text.encode("utf-16"))
