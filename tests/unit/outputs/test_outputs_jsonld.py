"""JSON-LD: every page kind expanded by pyld with no network, its schema.org content checked
against the model, and the `<script>` serialisation proven inert with hostile text.

The nodes name their context as search engines expect, `"@context": "https://schema.org"`. A
JSON-LD processor fetches that document; here the loader answers with a stored stand-in,
`tests/fixtures/schemaorg-context.jsonld`, holding what expansion relies on from schema.org's
own context (its vocabulary, `http://schema.org/`, and the `id`/`type` aliases), and refuses any
other address, so no test touches the network."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from outputs_data import SITE
from pyld import jsonld

from fixture_data import FIXTURES
from tradetalks.model import Explainer
from tradetalks.outputs.jsonld import PAGE_KINDS, jsonld_json, jsonld_script, page_jsonld

S = "http://schema.org/"  # the vocabulary of schema.org's context document
RECORD_FOR = {"participant": "he-lifeng", "topic": "tariffs", "place": "lancaster-house"}
HOSTILE_RECORD_FOR = {"participant": "evil-person", "topic": "evil-topic", "place": "evil-place"}


CONTEXT_DOCUMENT = json.loads((FIXTURES / "schemaorg-context.jsonld").read_text("utf-8"))
SCHEMA_ORG = {"https://schema.org", "https://schema.org/", "http://schema.org",
              "http://schema.org/", "https://schema.org/docs/jsonldcontext.jsonld"}


def _offline(url: str, options: Any = None) -> Any:
    """pyld's document loader: the stored schema.org context, and nothing from the network."""
    if url not in SCHEMA_ORG:
        raise AssertionError(f"the JSON-LD needed a network fetch of {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT_DOCUMENT}


def expand(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in nodes:
        out.extend(jsonld.expand(node, {"documentLoader": _offline}))
    return out


def page(explainer: Explainer, kind: str, record_id: str | None = None) -> list[dict[str, Any]]:
    return expand(page_jsonld(kind, explainer, record_id, SITE))


def types(node: dict[str, Any]) -> list[str]:
    return [t.removeprefix(S) for t in node.get("@type", [])]


def values(node: dict[str, Any], prop: str) -> list[Any]:
    """The plain values of a property (`@value`s, or `@id`s of nodes)."""
    return [v.get("@value", v.get("@id")) for v in node.get(S + prop, [])]


def one(node: dict[str, Any], prop: str) -> Any:
    (value,) = values(node, prop)
    return value


def items(item_list: dict[str, Any]) -> list[dict[str, Any]]:
    elements = sorted(item_list[S + "itemListElement"], key=lambda e: one(e, "position"))
    assert [one(e, "position") for e in elements] == list(range(1, len(elements) + 1))
    return [e[S + "item"][0] for e in elements]


@pytest.mark.parametrize("model", ["shipped", "rich", "hostile"])
def test_every_page_kind_expands_without_the_network(model: str,
                                                     request: pytest.FixtureRequest) -> None:
    explainer = request.getfixturevalue(model)
    records = HOSTILE_RECORD_FOR if model == "hostile" else RECORD_FOR
    for kind in PAGE_KINDS:
        if kind.endswith("-page"):
            continue  # only paginated lists have them: test_pagination.py
        expanded = page(explainer, kind, records.get(kind))
        assert expanded and all(node.get("@type") for node in expanded), kind


def test_person(seed: Explainer) -> None:
    (person,) = page(seed, "participant", "he-lifeng")
    assert types(person) == ["Person"]
    assert person["@id"] == SITE + "participants/he-lifeng/#participant"
    assert one(person, "name") == "He Lifeng"
    # pyld lower-cases language tags, as JSON-LD processors may; the output says zh-Hans.
    assert person[S + "alternateName"] == [{"@value": "何立峰", "@language": "zh-hans"}]
    raw = page_jsonld("participant", seed, "he-lifeng", SITE)[0]
    assert raw["alternateName"] == {"@value": "何立峰", "@language": "zh-Hans"}
    assert raw["@context"] == "https://schema.org"
    assert values(person, "jobTitle") == ["Vice Premier", "Head of the Chinese delegation"]
    affiliation = person[S + "affiliation"]
    assert affiliation[0]["@id"] == SITE + "participants/china-delegation/#participant"
    assert [one(a, "name") for a in affiliation] == ["Chinese delegation", "China",
                                                     "London talks"]
    assert one(person, "description") == seed.participants["he-lifeng"].bio


def test_organisation(seed: Explainer) -> None:
    (org,) = page(seed, "participant", "china-delegation")
    assert types(org) == ["Organization"]
    assert org[S + "alternateName"] == [{"@value": "中国代表团", "@language": "zh-hans"}]
    assert values(org, "member") == [SITE + f"participants/{p}/#participant"
                                     for p in seed.members["china-delegation"]]
    assert len(values(org, "member")) == 3


def test_timeline_is_an_item_list_of_events_at_their_precision(rich: Explainer) -> None:
    (item_list,) = page(rich, "timeline")
    assert types(item_list) == ["ItemList"]
    events = items(item_list)
    assert one(item_list, "numberOfItems") == len(rich.events) == len(events)
    assert [e["@id"] for e in events] == [SITE + f"timeline/#event-{e.id}"
                                          for e in rich.timeline[::-1]]  # newest first
    by_id = {e["@id"].split("#event-")[1]: e for e in events}
    assert one(by_id["geneva-talks"], "startDate") == "2025"
    assert one(by_id["pause-deadline"], "startDate") == "2025-08"
    assert one(by_id["london-talks-day-1"], "startDate") == "2025-06-09"
    round_ = by_id["next-round"]
    assert (one(round_, "startDate"), one(round_, "endDate")) == ("2025-07-14", "2025-07-16")
    (location,) = round_[S + "location"]
    assert types(location) == ["Place"] and one(location, "name") == "Geneva"
    assert one(location[S + "address"][0], "addressCountry") == "CH"
    assert values(round_, "attendee") == [SITE + "participants/he-lifeng/#participant",
                                          SITE + "participants/scott-bessent/#participant"]
    assert S + "location" not in by_id["trump-xi-call"]  # a phone call has no place


def test_quotations(seed: Explainer) -> None:
    (item_list,) = page(seed, "quotes")
    quotes = items(item_list)
    assert len(quotes) == len(seed.quotes) == 6
    quote = next(q for q in quotes if q["@id"].endswith("#quote-trump-open-up-china"))
    assert types(quote) == ["Quotation"]
    assert one(quote, "text") == "If we don’t open up China, maybe we won’t do anything."
    assert one(quote, "dateCreated") == "2025-06-10"
    (creator,) = quote[S + "creator"]
    assert types(creator) == ["Person"]
    assert creator["@id"] == SITE + "participants/donald-trump/#participant"
    (citation,) = quote[S + "citation"]
    assert types(citation) == ["CreativeWork"]
    assert one(citation, "name") == "U.S.-China Trade Talks Continue in London"
    assert one(citation[S + "publisher"][0], "name") == "Associated Press"
    assert one(citation, "datePublished") == "2025-06-10"
    paraphrase = next(q for q in quotes if q["@id"].endswith("#quote-lutnick-all-day"))
    assert one(paraphrase, "description").startswith("Paraphrase")


def test_place_lists_what_happened_there(shipped: Explainer) -> None:
    (place,) = page(shipped, "place", "lancaster-house")
    assert types(place) == ["Place"]
    assert one(place[S + "address"][0], "addressLocality") == "London"
    assert values(place, "event") == [SITE + "timeline/#event-london-talks-day-1",
                                      SITE + "timeline/#event-london-talks-day-2"]


def test_home_is_the_explainer_as_news_article_and_web_page(seed: Explainer) -> None:
    (article,) = page(seed, "home")
    assert sorted(types(article)) == ["NewsArticle", "WebPage"]
    assert one(article, "headline") == seed.info.title
    assert one(article, "dateModified") == "2025-06-10"
    assert one(article, "url") == SITE
    assert len(values(article, "about")) == len(seed.topics)


def test_topic_page(seed: Explainer) -> None:
    webpage, item_list = page(seed, "topic", "rare-earths")
    assert types(webpage) == ["WebPage"]
    assert one(webpage[S + "about"][0], "name") == "Rare earth minerals"
    assert [e["@id"] for e in items(item_list)] == [
        SITE + f"timeline/#event-{e}" for e in seed.events_by_topic["rare-earths"]]


@pytest.mark.parametrize(("kind", "count"), [("participants", 9), ("topics", 6), ("sources", 1),
                                             ("corrections", 1)])
def test_list_pages(rich: Explainer, kind: str, count: int) -> None:
    (item_list,) = page(rich, kind)
    assert len(items(item_list)) == one(item_list, "numberOfItems") == count


def test_correction(rich: Explainer) -> None:
    (item_list,) = page(rich, "corrections")
    (correction,) = items(item_list)
    assert types(correction) == ["CorrectionComment"]
    assert one(correction, "dateCreated") == "2025-06-12"
    assert values(correction, "about") == [SITE + "participants/howard-lutnick/#participant",
                                           SITE + "timeline/#event-london-talks-day-1"]


def test_unknown_page_kinds_and_records_are_refused(shipped: Explainer) -> None:
    with pytest.raises(ValueError) as kind:
        page_jsonld("article", shipped, None, SITE)
    assert str(kind.value) == (
        "unknown page kind 'article' (kinds are: home, timeline, timeline-page, participant, "
        "participants, topic, topics, place, places, quotes, quotes-page, sources, sources-page, "
        "corrections)")
    with pytest.raises(ValueError) as record:
        page_jsonld("participant", shipped, "nobody", SITE)
    assert str(record.value) == "no participant with id 'nobody'"


# --- the script block ----------------------------------------------------------------------------

class _Script(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@pytest.mark.parametrize("kind", [k for k in PAGE_KINDS if not k.endswith("-page")])
def test_hostile_text_cannot_leave_the_script_block(hostile: Explainer, kind: str) -> None:
    nodes = page_jsonld(kind, hostile, HOSTILE_RECORD_FOR.get(kind), SITE)
    html = str(jsonld_script(nodes))
    parser = _Script()
    parser.feed(html)
    parser.close()
    assert parser.tags == [("script", [("type", "application/ld+json")])]
    assert html.count("</script>") == 1 and html.endswith("</script>")
    (body,) = parser.data
    assert json.loads(body) == nodes  # the escapes decode back to the exact text
    assert not {"<", ">", "&"} & set(body)


def test_hostile_text_reaches_the_structured_data_intact(hostile: Explainer) -> None:
    (person,) = expand(json.loads(jsonld_json(page_jsonld("participant", hostile, "evil-person",
                                                          SITE))))
    assert one(person, "name") == hostile.participants["evil-person"].name
    assert person[S + "alternateName"] == [{"@value": "何立峰 </script> 😀",
                                            "@language": "zh-hans"}]


def test_jsonld_json_escapes() -> None:
    assert jsonld_json({"t": "</script><!-- & \u2028"}) == (
        '{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}')
