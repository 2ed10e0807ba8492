"""A UTF-16 surrogate encoded as UTF-8 (ED A0 80, 'CESU'): not valid UTF-8."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").encode("utf-8")
    (data / "places.yml").write_bytes(text.replace(b"London", b"Lon\xed\xa0\x80don"))
