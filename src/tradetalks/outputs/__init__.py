"""Open data and metadata: every file the site publishes besides its pages, from the model.

The last step of the flow for machines (load -> validate -> model -> **outputs**), beside the page
plan and rendering that serve people. Each function here is pure: the same `Explainer` and site URL
give the same bytes, with no build clock anywhere (dates come from the data: event and correction
dates, and `info.updated` where a date is needed and the data has none). MkDocs hooks write the
files and put the per-page fragments into each page's `<head>`:

* `iter_outputs(explainer, site_url)`: every file, as (site-relative path, bytes), one at a time;
  `build_outputs`: the same as a dict sorted by path.
  `data/` (`opendata`: JSON, CSV, Data Package, JSON Schema), `feeds/` (`atom`, `ical`) and
  each anchored list's `anchors.json` (`anchors`: where its records are now).
* Per page: `jsonld.page_jsonld` + `jsonld.jsonld_script` (structured data) and
  `social.meta_tags` (OpenGraph, Twitter card), put in `<head>` by `tradetalks.head`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Explainer
from . import anchors, atom, ical, opendata
from .jsonld import jsonld_script, page_jsonld
from .social import meta_tags


def iter_outputs(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    """Every published data and feed file as (site-relative path, bytes), made one at a time
    so the build can write each and let it go (at scale they add up to hundreds of MB).

    `site_url` is the absolute URL the site is served from (MkDocs' `site_url`); links and ids
    inside the files are absolute. Raises ValueError if it is not an absolute http(s) URL.
    """
    for iter_files in (opendata.iter_files, atom.iter_files, ical.iter_files,
                       anchors.iter_files):
        yield from iter_files(explainer, site_url)


def build_outputs(explainer: Explainer, site_url: str) -> dict[str, bytes]:
    """Every published data and feed file: site-relative path -> bytes, sorted by path."""
    return dict(sorted(iter_outputs(explainer, site_url)))


__all__ = ["build_outputs", "iter_outputs", "jsonld_script", "meta_tags", "page_jsonld"]
