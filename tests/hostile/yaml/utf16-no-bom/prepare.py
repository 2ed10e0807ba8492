"""UTF-16 without a byte-order mark: valid UTF-8 bytes, but every other one is NUL."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8")
    (data / "places.yml").write_bytes(text.encode("utf-16-le"))
