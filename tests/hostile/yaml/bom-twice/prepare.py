"""A second byte-order mark, as left by pasting one BOM file into another."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").replace("London", "\ufeffLondon")
    (data / "places.yml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
