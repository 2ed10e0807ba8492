"""A file just over the loader's size limit (written at test time, never committed)."""

from pathlib import Path

from tradetalks.load import MAX_FILE_BYTES


def prepare(data: Path) -> None:
    with (data / "topics.yml").open("ab") as file:
        file.write(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
