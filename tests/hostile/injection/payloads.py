"""The injection corpus: hostile text for every text field, and the data set that carries it.

`PAYLOADS` are the strings an attacker (or a careless paste) could commit under `data/`: markup,
attribute breakouts aimed at `<title>` and `<meta>`, script URLs in Markdown links in every
disguise, Markdown attribute lists and block structure, Jinja and snippet syntax, remote images,
long tokens and scripts other than Latin. `write_hostile_data(dest)` writes a data set that
`check` accepts in which every text field of every collection carries them: one group of records
per payload (`p07-...`), and each field's text starts with a tag naming the record and field
(`P07 event.summary: `) so a test can find where each one ended up on the built site.
`write_hostile_data(dest, plain=True)` writes the same records with harmless text: the twin
whose pages show which elements and attributes the templates themselves put there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

#: name -> text. Names become part of record ids: lowercase letters, digits and hyphens.
PAYLOADS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "attr-double-quote": '" onmouseover="alert(1)',
    "attr-single-quote-svg": "'><svg onload=alert(1)>",
    "title-breakout": '</title><script>alert(1)</script><meta name="x',
    "textarea-style-comment": "</textarea></style><!-- --><![CDATA[ ]]><script>alert(1)</script>",
    "raw-links": '<a href="javascript:alert(1)">x</a> <iframe srcdoc="<script>alert(1)</script>">',
    "meta-refresh-base": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
                         '<base href="https://evil.example/">',
    "mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "md-js": "[click](javascript:alert(1)) [c2](JaVaScRiPt:alert(1)) [c3]( javascript:alert(1))",
    "md-js-entities": "[e1](&#106;avascript:alert(1)) [e2](&#x6A;avascript:alert(1)) "
                      "[e3](javascript&colon;alert(1)) [e4](java&#x09;script:alert(1))",
    "md-js-control": "[t1](java\tscript:alert(1)) [t2](\tjavascript:alert(1)) "
                     "[t3](java\nscript:alert(1))",
    "md-data-vbscript": "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
                        "[v](vbscript:msgbox(1)) [f](file:///etc/passwd)",
    "md-https-tricks": "[q](https://example.org/\"onmouseover=\"alert`1`) "
                       "[u](https://javascript:alert`1`@evil.example/) [n](https:evil.example) "
                       "[s](//evil.example/x) [[n1](https://a.example/)](https://b.example/)",
    "md-https-link-label": "[<img src=x onerror=alert(1)>](https://example.org/ok) "
                           "*em* **strong** [plain](https://example.org/a_b?c=d&e=f)",
    "md-autolinks-refs": "<javascript:alert(1)> <https://evil.example/> javascript:alert(1) "
                         "https://evil.example/x\n\n[r][1]\n\n[1]: javascript:alert(1)",
    "md-attr-list": '{: onclick="alert(1)" } Text{: onmouseover=alert(1) .x #y }\n\n'
                    '{: #id onfocus="alert(1)" autofocus tabindex=1 }',
    "md-blocks": "# Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n> quote\n\n- item\n\n"
                 "    indented code\n\n```js\nalert(1)\n```\n\n!!! note \"Admonition\"\n    body",
    "md-html-block": '\n\n<div markdown="1" onclick="alert(1)">\n\n[x](javascript:alert(1))\n\n'
                     "</div>\n\n<script>alert(1)</script>",
    "jinja": "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} {{ config }} "
             "{{ self.__init__.__globals__ }} {% include '/etc/passwd' %}",
    "jinja-macros": "{% macro m() %}x{% endmacro %}{{ m() }} {% raw %}r{% endraw %} "
                    "{{ cycler.__init__.__globals__.os.popen('id').read() }} ${7*7} #{7*7}",
    "snippets": '--8<-- "/etc/passwd"\n\n;--8<-- "mkdocs.yml"\n\n--8<--\n/etc/passwd\n--8<--',
    "remote-images": "![x](https://evil.example/x.png) <img src=\"https://evil.example/y.png\"> "
                     "<link rel=stylesheet href=https://evil.example/z.css>",
    "entities": "&lt;script&gt; &amp; &#60;b&#62; &quot; &#x27; &nbsp; %3Cscript%3E \\u003c",
    "templating-js": "{{constructor.constructor('alert(1)')()}} ${alert(1)} <%= 7*7 %>",
    "long-token": "A" * 120 + "https://evil.example/" + "B" * 100,
    "rtl-cjk-emoji": "مرحبا بالعالم — 中美贸易谈判 — 🇺🇸🇨🇳👍🏽 — Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͑",
}



#: A 1x1 transparent PNG: the portrait every hostile person has (file names are checked, not text).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def tag(index: int, field: str) -> str:
    """The marker a field's text starts with: `P07 event.summary:`."""
    return f"P{index:02d} {field}:"


def record_id(kind: str, index: int, name: str) -> str:
    return f"{kind}-p{index:02d}-{name}"


def _text(index: int, field: str, payload: str, short: bool) -> str:
    text = f"{tag(index, field)} {payload}"
    return text[:300] if short else text


def _payload_records(index: int, name: str, payload: str | None) -> dict[str, dict[str, Any]]:
    """One record per collection for one payload (None: the plain twin)."""
    def t(field: str, short: bool = False) -> str:
        return _text(index, field, payload if payload is not None else "plain text", short)

    rid = {kind: record_id(kind, index, name) for kind in
           ("source", "person", "group", "place", "event", "topic", "quote", "fix")}
    two = index % 2 == 0  # alternate the optional shapes so both branches of templates render
    return {
        "sources": {rid["source"]: {
            "publisher": t("source.publisher", True), "authors": [t("source.author", True)],
            "title": t("source.title", True), "published": "2025-06-30",
            # Valid https URLs can still carry quotes and angle brackets in their path and query.
            "url": (f"https://example.org/news/p{index:02d}" if two else
                    f"https://example.org/p{index:02d}/'\"><svg/onload=alert(1)>?q=<script>"),
            "language": "en",
            "note": t("source.note"),
            **({"archive_url": f"https://archive.example.org/p{index:02d}"} if two else {}),
        }},
        "participants": {
            rid["group"]: {"kind": "delegation", "name": t("group.name", True),
                           "side": "china" if two else "united-states", "bio": t("group.bio"),
                           "sources": [rid["source"]]},
            rid["person"]: {
                "kind": "person", "name": t("person.name", True),
                "native_name": {"text": t("person.native_name", True), "lang": "zh-Hans"},
                "side": "china" if two else "united-states", "member_of": [rid["group"]],
                "roles": [{"title": t("role.title", True),
                           "organisation": t("role.organisation", True),
                           "as_of": "2025-06-10", "sources": [rid["source"]]},
                          {"title": t("role.old_title", True), "from": "2020-01-01",
                           "to": "2024-12-31", "sources": [rid["source"]]}],
                "bio": t("person.bio"),
                "portrait": {"file": f"p{index:02d}.png", "alt": t("portrait.alt", True),
                             "credit": t("portrait.credit", True)},
                "sources": [rid["source"]],
            },
        },
        "places": {rid["place"]: {
            "name": t("place.name", True), "locality": t("place.locality", True),
            "country": "GB", "description": t("place.description"), "sources": [rid["source"]],
        }},
        "events": {rid["event"]: {
            "title": t("event.title", True),
            "date": f"2025-06-{1 + index % 28:02d}" if two else "2025-06",
            **({"date_basis": t("event.date_basis")} if not two else {}),
            "status": "held", "side": "both", "place": rid["place"],
            "participants": [rid["person"], rid["group"]], "topics": [rid["topic"]],
            "summary": t("event.summary"), "outcome": t("event.outcome"),
            "sources": [rid["source"]],
        }},
        "topics": {rid["topic"]: {
            "title": t("topic.title", True), "summary": t("topic.summary"),
            "positions": [{"side": "united-states", "statement": t("position.us"),
                           "date": "2025-06-10", "sources": [rid["source"]]},
                          {"side": "china", "statement": t("position.china"),
                           "date": "2025-06-10", "sources": [rid["source"]]}],
            "sources": [rid["source"]],
        }},
        "quotes": {rid["quote"]: {
            "speaker": rid["person"], "date": "2025-06-10", "text": t("quote.text"),
            "kind": "direct" if two else "paraphrase", "event": rid["event"],
            "topics": [rid["topic"]], "sources": [rid["source"]],
            "context": t("quote.context"),
            **({"language": "zh", "translation": t("quote.translation")} if two else {}),
        }},
        "corrections": {rid["fix"]: {
            "date": "2025-06-11", "text": t("correction.text"), "reason": t("correction.reason"),
            "affects": [f"events/{rid['event']}", f"participants/{rid['person']}",
                        f"topics/{rid['topic']}", f"places/{rid['place']}"],
            "sources": [rid["source"]],
        }},
    }


def hostile_records(plain: bool = False) -> dict[str, Any]:
    """collection -> id -> record, plus the `explainer` singleton, for every payload."""
    data: dict[str, Any] = {name: {} for name in ("sources", "participants", "places", "events",
                                                   "topics", "quotes", "corrections")}
    for index, (name, payload) in enumerate(PAYLOADS.items(), start=1):
        records = _payload_records(index, name, None if plain else payload)
        for collection, by_id in records.items():
            data[collection].update(by_id)
    first = next(iter(data["sources"]))
    explainer_payload = "plain text" if plain else " ".join(
        PAYLOADS[n] for n in ("script", "attr-double-quote", "attr-single-quote-svg",
                              "title-breakout", "jinja"))
    data["explainer"] = {
        "title": f"P00 explainer.title: {explainer_payload}"[:300],
        "standfirst": f"P00 explainer.standfirst: {explainer_payload} "
                      + ("" if plain else PAYLOADS["md-js"] + " " + PAYLOADS["md-blocks"]),
        "status": "being-updated", "updated": "2025-06-30", "sources": [first],
    }
    return data


def write_hostile_data(dest: Path, plain: bool = False) -> Path:
    """Write the data set as one YAML file per collection into `dest` (created); returns it."""
    (dest / "portraits").mkdir(parents=True, exist_ok=True)
    for index in range(1, len(PAYLOADS) + 1):
        (dest / "portraits" / f"p{index:02d}.png").write_bytes(PNG)
    for name, value in hostile_records(plain).items():
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000,
                              default_style='"')
        (dest / f"{name}.yml").write_text(text, encoding="utf-8")
    return dest


def placed_texts(plain: bool = False) -> list[str]:
    """Every text written into the data set (for 'it appears on the site' checks)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and re.match(r"[PR]\d\d ", value):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(hostile_records(plain))
    return found
