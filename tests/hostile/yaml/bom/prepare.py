"""A UTF-8 byte-order mark, as Windows Notepad writes it: tolerated."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").replace("London", "Londres")
    (data / "places.yml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
