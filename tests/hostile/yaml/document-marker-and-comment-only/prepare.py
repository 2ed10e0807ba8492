"""'--- #' and nothing else, no final newline: the empty document was placed on line 2 (found
by the YAML-documents property)."""

from pathlib import Path


def prepare(data: Path) -> None:
    (data / "places.yml").write_bytes(b"--- #")
