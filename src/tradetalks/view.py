"""A recording view of the model: what a page reads, written down as it reads it.

Between the model and rendering (model -> urls -> pages -> **render**): every page's body and
`<head>` are rendered from a `RecordingView` of the `Explainer` instead of the explainer itself.
Records refer to one another only by id, so everything a page shows passes through one of the
view's doors, and each door notes a `Key` in the page's `Reads`:

* a record looked up by id (`x.events["london-talks"]`)     -> ("rec", "events", "london-talks")
* a whole collection iterated or counted (`x.topics.values()`, `x.timeline`) -> ("all", "topics")
* a back-reference looked up (`x.events_by_topic.get("tariffs")`) -> ("idx", name, "tariffs")
* the explainer's own record (`x.info`)                     -> ("info",)
* where a record of a paginated list is (`link("events", id)`) -> ("page", "events", id)
* which records one list page holds                         -> ("members", "events", url)
* the pages a list is split into                            -> ("pages", "events")

`preview` compares two explainers key by key (`changed`) to find the pages an edit touched: a
page is rebuilt exactly when something it read is different. Nothing here restates what a
template reads; a new page kind, template or JSON-LD node is covered the moment it renders.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from . import urls
from .model import COLLECTIONS, Explainer

Key = tuple[str, ...]
Reads = set[Key]

#: Derived sequences of the explainer, and the collection each is made of.
SEQUENCES = {"timeline": "events", "quotes_in_order": "quotes",
             "sources_in_order": "sources", "agreements_in_order": "agreements",
             "deadlines_in_order": "deadlines"}


class _Records(Mapping[str, Any]):
    """One collection: a lookup records that record; anything wider records the collection."""

    def __init__(self, records: Mapping[str, Any], name: str, reads: Reads):
        self._records, self._name, self._reads = records, name, reads

    def __getitem__(self, key: str) -> Any:
        self._reads.add(("rec", self._name, key))
        return self._records[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add(("rec", self._name, str(key)))
        return key in self._records

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.add(("rec", self._name, key))
        return self._records.get(key, default)

    def __iter__(self) -> Iterator[str]:
        self._reads.add(("all", self._name))
        return iter(self._records)

    def __len__(self) -> int:
        self._reads.add(("all", self._name))
        return len(self._records)

    def __bool__(self) -> bool:
        self._reads.add(("all", self._name))
        return bool(self._records)


class _Index(Mapping[str, tuple[str, ...]]):
    """A back-reference index: a lookup records that key; iterating records the whole index."""

    def __init__(self, index: Mapping[str, tuple[str, ...]], name: str, reads: Reads):
        self._index, self._name, self._reads = index, name, reads

    def __getitem__(self, key: str) -> tuple[str, ...]:
        self._reads.add(("idx", self._name, key))
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add(("idx", self._name, str(key)))
        return key in self._index

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.add(("idx", self._name, key))
        return self._index.get(key, default)

    def __iter__(self) -> Iterator[str]:
        self._reads.add(("idx-all", self._name))
        return iter(self._index)

    def __len__(self) -> int:
        self._reads.add(("idx-all", self._name))
        return len(self._index)


class _ListPaging:
    """A list's paging (`urls.ListPaging`), recording where records are and what pages hold."""

    def __init__(self, paging: urls.ListPaging, collection: str, reads: Reads):
        self._paging, self._collection, self._reads = paging, collection, reads
        self.base = paging.base

    @property
    def pages(self) -> tuple[urls.ListPage, ...]:
        self._reads.add(("pages", self._collection))
        return self._paging.pages

    @property
    def page_of(self) -> Mapping[str, str]:
        self._reads.add(("pages", self._collection))
        return self._paging.page_of

    def page_for(self, record_id: str) -> str:
        self._reads.add(("page", self._collection, record_id))
        return self._paging.page_for(record_id)

    def ids_on(self, url: str) -> tuple[str, ...]:
        self._reads.add(("members", self._collection, url))
        return self._paging.ids_on(url)


class _SitePaging:
    def __init__(self, paging: urls.SitePaging, reads: Reads):
        self.events = _ListPaging(paging.events, "events", reads)
        self.quotes = _ListPaging(paging.quotes, "quotes", reads)
        self.sources = _ListPaging(paging.sources, "sources", reads)

    def of(self, collection: str) -> _ListPaging | None:
        return getattr(self, collection, None) if collection in urls.PAGED_LISTS else None


class RecordingView:
    """The explainer as a page sees it: the same attributes, every read noted in `reads`.

    `raw` is the explainer itself, for what must not depend on the view (computing the paging
    once per build, not once per page)."""

    def __init__(self, explainer: Explainer, reads: Reads | None = None):
        self.raw = explainer
        self.reads: Reads = set() if reads is None else reads
        self._cache: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name in self._cache:
            value = self._cache[name]
        else:
            value = self._wrap(name, getattr(self.raw, name))
            self._cache[name] = value
        if name in SEQUENCES:
            self.reads.add(("all", SEQUENCES[name]))
        elif name == "info":
            self.reads.add(("info",))
        return value

    def _wrap(self, name: str, value: Any) -> Any:
        if name in COLLECTIONS:
            return _Records(value, name, self.reads)
        if isinstance(value, Mapping):
            return _Index(value, name, self.reads)
        return value

    def collection(self, name: str) -> _Records:
        return getattr(self, name)  # type: ignore[no-any-return]

    def recorded_paging(self) -> _SitePaging:
        """The site's paging (computed once per explainer), recording each lookup."""
        if "_paging" not in self._cache:
            self._cache["_paging"] = _SitePaging(urls.site_paging(self.raw), self.reads)
        return self._cache["_paging"]  # type: ignore[no-any-return]


# --- what changed between two explainers, key by key -------------------------------------------

class Changes:
    """Which keys read by pages differ between the `old` and the `new` explainer. Each kind of
    key is compared only when asked (a page recorded it), and each answer is kept."""

    def __init__(self, old: Explainer, new: Explainer):
        self.old, self.new = old, new
        self._records: dict[str, set[str]] = {}
        self._answers: dict[Key, bool] = {}
        self._paging = (urls.site_paging(old), urls.site_paging(new))

    def changed_records(self, collection: str) -> set[str]:
        """Ids of the records of `collection` added, removed or edited."""
        if collection not in self._records:
            before, after = self.old.collection(collection), self.new.collection(collection)
            self._records[collection] = {
                rid for rid in before.keys() | after.keys() if before.get(rid) != after.get(rid)}
        return self._records[collection]

    def __call__(self, key: Key) -> bool:
        if key not in self._answers:
            self._answers[key] = self._differs(key)
        return self._answers[key]

    def _differs(self, key: Key) -> bool:
        kind = key[0]
        if kind == "rec":
            return key[2] in self.changed_records(key[1])
        if kind == "all":
            return bool(self.changed_records(key[1]))
        if kind == "info":
            return self.old.info != self.new.info
        if kind == "idx":
            return _index(self.old, key[1]).get(key[2]) != _index(self.new, key[1]).get(key[2])
        if kind == "idx-all":
            return _index(self.old, key[1]) != _index(self.new, key[1])
        if kind not in ("page", "members", "pages"):
            raise ValueError(f"unknown read {key!r}")
        old, new = (paging.of(key[1]) for paging in self._paging)
        assert old is not None and new is not None, key
        if kind == "page":
            return old.page_for(key[2]) != new.page_for(key[2])
        if kind == "members":
            return old.ids_on(key[2]) != new.ids_on(key[2])
        return old.pages != new.pages or old.page_of != new.page_of

    def any_of(self, reads: Reads) -> bool:
        return any(self(key) for key in reads)


def _index(explainer: Explainer, name: str) -> Mapping[str, tuple[str, ...]]:
    value = getattr(explainer, name)
    assert isinstance(value, Mapping), name
    return value


__all__ = ["Changes", "Key", "Reads", "RecordingView"]
