"""Per-page <head> extras and the site's static outputs, as the hooks hand them to the theme.

Sits between the page plan and the theme: for each page it renders, with escaping, the social
card tags, the Atom feed and calendar links and the page's JSON-LD; for the site it
collects the open-data files and feeds from `outputs`. The theme's `main.html` prints the result
verbatim, so every value must be escaped here.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup, escape

from . import outputs, urls
from .model import Explainer
from .outputs import jsonld, social
from .pages import KINDS, PageSpec, relative_url


def static_outputs(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    """Open data, feeds and calendar: (site-relative path, bytes), one file at a time."""
    return outputs.iter_outputs(explainer, site_url)


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def page_head(explainer: Explainer, spec: PageSpec | None, page_url: str, site_url: str,
              site_name: str, description: str) -> Markup:
    """The escaped tags for one page; `description` is plain text."""
    kind = KINDS[spec.kind if spec else "page"]
    title = spec.title if spec else site_name
    parts = [social.meta_tags(title=title, description=description,
                              canonical_url=_absolute(site_url, page_url),
                              og_type=kind.og_type, site_name=site_name)]
    feeds = list(spec.feeds) if spec else []
    feeds.insert(0, ("All events", urls.feed_url("events")))
    # rel="alternate feed", not bare "alternate": Material's JavaScript takes every
    # link[rel=alternate] (exact match) for a language version of the site and fetches
    # sitemap.xml beside it, a 404 under feeds/ on every page load. Feed discovery reads the
    # "alternate" token and the type, which stay.
    for feed_title, feed_path in feeds:
        parts.append(Markup('<link rel="alternate feed" type="application/atom+xml" title="{}" '
                            'href="{}">').format(feed_title, relative_url(page_url, feed_path)))
    # The calendar is discovered the same way (the "alternate" token and its type), and is
    # subscribable like a feed: "alternate feed" keeps it out of Material's language links too.
    parts.append(Markup('<link rel="alternate feed" type="text/calendar" title="{}" href="{}">')
                 .format("Calendar of events", relative_url(page_url, urls.CALENDAR_URL)))
    record_id = spec.record_id if spec else None
    if kind.group == "list-page":
        record_id = page_url  # a list page's JSON-LD lists the records that page holds
    # Hand-written pages (about, guide) carry no structured data of their own.
    data = jsonld.page_jsonld(kind.name, explainer, record_id, site_url) if kind.jsonld else []
    if data:
        # jsonld_script escapes <, > and & inside the JSON, so no text can close the element.
        parts.append(Markup(jsonld.jsonld_script(data)))  # noqa: S704
    return Markup("\n").join(escape(p) for p in parts)
