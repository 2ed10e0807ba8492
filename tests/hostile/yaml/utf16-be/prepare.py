"""A file saved as UTF-16 big-endian with its byte-order mark."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8")
    (data / "places.yml").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
