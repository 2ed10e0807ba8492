"""References that differ from a real id by case, width or normalisation."""

from pathlib import Path


def prepare(data: Path) -> None:
    text = (data / "events.yml").read_text(encoding="utf-8")
    text = text.replace("participants: [us-delegation, he-lifeng]",
                        "participants: [US-Delegation, \uff48\uff45-lifeng, he-lif\u0065\u0301ng]")
    (data / "events.yml").write_text(text, encoding="utf-8")
