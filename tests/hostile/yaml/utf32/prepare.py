"""UTF-32 with its byte-order mark (FF FE 00 00 starts like UTF-16's)."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8")
    (data / "places.yml").write_bytes(text.encode("utf-32"))
