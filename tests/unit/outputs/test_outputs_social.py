"""Social cards: the tags parsed back with an HTML parser, every value escaped and intact."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from outputs_data import EVIL

from tradetalks.outputs.social import card_description, meta_tags

URL = "https://example.org/talks/participants/he-lifeng/"


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    head = _Head()
    head.feed(html)
    head.close()
    assert head.text.strip() == ""  # nothing outside the tags' attributes
    return head.tags


def test_meta_tags() -> None:
    html = meta_tags("He Lifeng", "Vice Premier of China.", URL, "profile", "Trade talks")
    assert html == (
        '<meta property="og:type" content="profile">\n'
        '<meta property="og:title" content="He Lifeng">\n'
        '<meta property="og:description" content="Vice Premier of China.">\n'
        '<meta property="og:url" content="https://example.org/talks/participants/he-lifeng/">\n'
        '<meta property="og:site_name" content="Trade talks">\n'
        '<meta name="twitter:card" content="summary">\n'
        '<meta name="twitter:title" content="He Lifeng">\n'
        '<meta name="twitter:description" content="Vice Premier of China.">')


def test_hostile_values_stay_inside_their_attributes() -> None:
    title = "title " + EVIL
    tags = parse(str(meta_tags(title, "desc " + EVIL, URL + '?a="><script>', "website",
                               'site"><b>')))
    assert [t for t, _ in tags] == ["meta"] * 8
    content = {a.get("property") or a.get("name"): a.get("content") for t, a in tags}
    assert content["og:title"] == content["twitter:title"] == " ".join(title.split())
    assert content["og:description"] == card_description("desc " + EVIL)
    assert content["og:site_name"] == 'site"><b>'
    assert content["og:url"] == URL + '?a="><script>'
    assert all(set(attrs) <= {"property", "name", "content"} for _, attrs in tags)


def test_canonical_url_must_be_absolute_http() -> None:
    with pytest.raises(ValueError) as error:
        meta_tags("t", "d", "javascript:alert(1)", "website", "s")
    assert str(error.value) == (
        "canonical_url must be an absolute http(s) URL, got 'javascript:alert(1)'")


@pytest.mark.parametrize(("text", "expected"), [
    ("Short.", "Short."),
    ("  several\n lines\tof   text ", "several lines of text"),
    ("word " * 60, ("word " * 39).strip() + "…"),
    ("x" * 250, "x" * 199 + "…"),
])
def test_card_description(text: str, expected: str) -> None:
    assert card_description(text) == expected
    assert len(card_description(text)) <= 200


