"""A zero-byte file, as `touch` leaves it."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_bytes(b"")
