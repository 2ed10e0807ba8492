"""Where each record of a paginated list is now, so links to its old place still land.

Part of the outputs step (beside the open data and feeds). Events, quotes and sources have no
page of their own: each is an anchor on a page of its list (`urls.RECORD_ANCHORS`), and once a
list paginates, which page holds a record depends on how many records the list has
(`urls.paginate`): a link shared as `timeline/#event-geneva-talks` or
`timeline/2025/06/part-2/#event-...` can outlive where the event sits. Each list publishes
`<list>/anchors.json` (`urls.anchors_url`): record id -> the page holding it now, relative to
the list ("" for the list's own page). `docs/javascripts/moved-anchors.js` reads it when a page
is opened at an anchor it does not have, and goes on to the right page. Without JavaScript the
reader lands on the list's index of years, one click from the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .. import urls
from ..model import Explainer


def record_pages(explainer: Explainer, collection: str) -> dict[str, str]:
    """Record id -> the page that holds it, relative to its list page, sorted by id."""
    base = urls.RECORD_ANCHORS[collection][0]
    paging = urls.site_paging(explainer).of(collection)
    assert paging is not None, collection
    return {record_id: paging.page_for(record_id).removeprefix(base)
            for record_id in sorted(explainer.collection(collection))}


def iter_files(explainer: Explainer, site_url: str) -> Iterator[tuple[str, bytes]]:
    """One map per list, compact (at 5,000 participants the timeline's holds 25,000 ids)."""
    for collection in urls.PAGED_LISTS:
        pages = json.dumps(record_pages(explainer, collection), separators=(",", ":"))
        yield urls.anchors_url(collection), (pages + "\n").encode()
