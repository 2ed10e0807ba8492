"""What the site publishes for reuse, with a one-line description and a licence each.

Part of the outputs (model -> **outputs**), read by the /data/ page (`pages`, template
`pages/data.html`) so readers and reusers find every download, feed and the calendar in one
place. Nothing here is a hand-kept list: the open-data files are the Data Package's own resources
(`opendata.datapackage`, which describes every file under data/), the feeds are those
`atom.feed_paths` enumerates for `atom.iter_files`, and the calendar is `ical`'s. A test compares
this catalogue with what `iter_outputs` writes, so a new output that is not listed fails.
The anchors maps (`<list>/anchors.json`) are plumbing for moved links, not for reuse: left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..model import Explainer
from . import atom, opendata
from ._common import absolute

LICENCE = opendata.LICENCE
CARVE_OUT = opendata.LICENCE_CARVE_OUT


@dataclass(frozen=True)
class Download:
    """One published file: where it is (site-relative), what it is, in one line."""

    path: str
    title: str
    description: str
    format: str
    group: str
    """'data' (JSON, CSV, Data Package, schemas), 'feed' or 'calendar'."""
    about: str = ""
    """A feed's subject: 'events' (all of them), 'topics' or 'participants' (one each)."""


_FORMATS = {"csv": "CSV", "json": "JSON"}


def data_files(explainer: Explainer, site_url: str = "") -> list[Download]:
    """The Data Package descriptor and every resource it lists, in its order."""
    package = opendata.datapackage(explainer, site_url or "http://localhost/")
    base = urls.DATA_DIR_URL
    files = [Download(f"{base}datapackage.json", "Data Package",
                      "Describes every file below: columns, types, keys and licence "
                      "(Frictionless Data Package v2).", "JSON", "data")]
    for resource in package["resources"]:
        kind = ("JSON Schema" if resource.get("mediatype") == "application/schema+json"
                else _FORMATS[resource["format"]])
        description = resource.get("description") or (
            f"One row each, {len(resource['schema']['fields'])} columns.")
        files.append(Download(base + resource["path"], resource["title"], description, kind,
                              "data"))
    return files


def feeds(explainer: Explainer) -> list[Download]:
    """Every Atom feed: all events first, then one per topic and one per participant."""
    found = []
    for kind, record_id in atom.feed_paths(explainer):
        if record_id is None:
            title, what = "All events", "Every event and every correction, newest first."
        else:
            name = atom.feed_subject(explainer, kind, record_id)
            title = name
            what = (f"Events about {name} (summaries), and their corrections."
                    if kind == "topics"
                    else f"Events with {name} (summaries), and their corrections.")
        found.append(Download(urls.feed_url(kind, record_id), title, what, "Atom", "feed",
                              kind))
    return found


def calendar() -> Download:
    return Download(urls.CALENDAR_URL, "Calendar of events",
                    "Every event whose day is known, to subscribe to in a calendar app.",
                    "iCalendar", "calendar")


def catalogue(explainer: Explainer, site_url: str = "") -> list[Download]:
    """Everything published for reuse: data files, feeds, the calendar."""
    return [*data_files(explainer, site_url), *feeds(explainer), calendar()]


def webcal_url(site_url: str) -> str | None:
    """The calendar's `webcal:` address (calendar apps subscribe to it), or None without an
    absolute site URL."""
    if not site_url.startswith(("http://", "https://")):
        return None
    return "webcal://" + absolute(site_url, urls.CALENDAR_URL).split("://", 1)[1]
