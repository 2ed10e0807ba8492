"""Block mappings nested 20 levels deep, the way indentation drift produces them."""

from pathlib import Path


def prepare(data: Path) -> None:
    lines = ["tariffs:"] + [f"{'  ' * (level + 1)}k{level}:" for level in range(20)]
    (data / "topics.yml").write_text("\n".join(lines) + " deep\n", encoding="utf-8")
