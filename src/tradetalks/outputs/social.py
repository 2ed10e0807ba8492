"""Social cards: OpenGraph and Twitter card `<meta>` tags for a page.

Part of the outputs (model -> **outputs**): the lead's `main.html` override puts `meta_tags(...)`
in every page's `<head>`, so a link shared on a social network or a chat app shows the page's
title and description. Titles and descriptions are editors' text, so every value goes through
`markupsafe.escape`: a quote or `>` in a title cannot leave its attribute or add a tag.
Descriptions are collapsed to one line and cut at a word boundary near 200 characters, the
length card renderers show. The card type is `summary` (no image: the explainer has no card
picture, and a portrait would mislead on other pages). The canonical `<link>` is Material's own
(from MkDocs' `page.canonical_url`): printing one here too gave every page two.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..pages import clip

DESCRIPTION_MAX = 200
def card_description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """`text` on one line, cut at the last word boundary before `limit` with an ellipsis."""
    return clip(text, limit)


def meta_tags(title: str, description: str, canonical_url: str, og_type: str,
              site_name: str) -> Markup:
    """The OpenGraph and Twitter card tags, one per line, every value escaped. `canonical_url`
    (the page's address, for og:url) must be an absolute http(s) URL."""
    if urlsplit(canonical_url).scheme not in ("http", "https") or not urlsplit(
            canonical_url).hostname:
        raise ValueError(f"canonical_url must be an absolute http(s) URL, got {canonical_url!r}")
    description = card_description(description)
    title = " ".join(title.split())
    tags = [
        ('<meta property="og:type" content="{}">', og_type),
        ('<meta property="og:title" content="{}">', title),
        ('<meta property="og:description" content="{}">', description),
        ('<meta property="og:url" content="{}">', canonical_url),
        ('<meta property="og:site_name" content="{}">', site_name),
        ('<meta name="twitter:card" content="{}">', "summary"),
        ('<meta name="twitter:title" content="{}">', title),
        ('<meta name="twitter:description" content="{}">', description),
    ]
    # Markup.format runs markupsafe.escape on each value before it is inserted.
    return Markup("\n").join(Markup(template).format(escape(value))  # noqa: S704 - constants
                              for template, value in tags)
