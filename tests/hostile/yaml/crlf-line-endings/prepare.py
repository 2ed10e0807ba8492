"""Windows line endings throughout: ordinary, accepted."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "places.yml").read_text(encoding="utf-8").replace("London", "Londra")
    (data / "places.yml").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
