"""5,000 valid places in one file (about 400 kB): accepted, and no slower than linear."""

from pathlib import Path


def prepare(data: Path) -> None:
    records = "".join(f"place-{n}:\n  name: Place number {n}\n  country: GB\n"
                      f"  sources: [wire-report]\n" for n in range(5_000))
    with (data / "places.yml").open("a", encoding="utf-8") as file:
        file.write(records)
