"""Ids that look like 'he-lifeng': fullwidth letters, a combining accent, NFC vs NFD, a
Cyrillic 'е', a non-breaking hyphen. Written with escapes so a reviewer can see them."""

from pathlib import Path

LOOKALIKES = [
    "\uff48\uff45-lifeng",  # fullwidth h e
    "he-lifeng\u0301",  # combining acute accent on the g
    "he-lif\u00e9ng",  # é precomposed (NFC)
    "he-life\u0301ng",  # é decomposed (NFD)
    "h\u0435-lifeng",  # Cyrillic small ie
    "he\u2011lifeng",  # non-breaking hyphen
]


def prepare(data: Path) -> None:
    records = "".join(f"{ident}:\n  kind: person\n  name: He Lifeng\n  side: china\n"
                      f"  sources: [wire-report]\n" for ident in LOOKALIKES)
    (data / "participants").mkdir()
    (data / "participants" / "lookalikes.yml").write_text(records, encoding="utf-8")
