"""The live preview: after an edit, which pages to write again and which to keep.

Used by `mkdocs serve --dirty` (what `make serve` runs), beside the flow: the hooks render every
page through a recording view (`view.RecordingView`) and hand what it read to `LivePreview.record`.
On the next build, `LivePreview.plan` compares the new explainer with the last good one key by
key (`view.Changes`) and answers with a `RebuildPlan`: a page is written again when it is new,
when its spec changed (its title, place in a list or neighbours), or when anything it read last
time is different now; every other page is kept as it is, because rendering it again would
give the same bytes. A change of code, templates or theme overrides (`fingerprint`) writes every
page. Nothing here restates what a page shows: that is recorded while it renders.

MkDocs-free: the hooks apply the plan (`hooks/mkdocs_adapter.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import head, render
from .model import Explainer
from .pages import PageSpec
from .view import Changes, Reads, RecordingView


@dataclass(frozen=True)
class RebuildPlan:
    """Which pages a build writes: all of them, or the `write` set of source paths (generated
    pages and hand-written pages alike); the rest keep what they have."""

    everything: bool
    write: frozenset[str] = frozenset()

    def writes(self, src_uri: str) -> bool:
        return self.everything or src_uri in self.write


EVERYTHING = RebuildPlan(True)


@dataclass
class LivePreview:
    """What the preview remembers from one good build to the next."""

    explainer: Explainer | None = None
    fingerprint: str = ""
    specs: dict[str, PageSpec] = field(default_factory=dict)
    #: What each page read when it was last written (body and <head>), by source path.
    reads: dict[str, Reads] = field(default_factory=dict)

    def forget(self) -> None:
        """The data broke, or a build failed half-way: the next good build writes everything."""
        self.explainer, self.fingerprint, self.specs, self.reads = None, "", {}, {}

    def plan(self, new: Explainer, specs: Iterable[PageSpec], fingerprint: str) -> RebuildPlan:
        """The pages to write for `new` (remembered as the last good explainer)."""
        old, old_specs = self.explainer, self.specs
        self.specs = {spec.src_uri: spec for spec in specs}
        if old is None or fingerprint != self.fingerprint:
            self.explainer, self.fingerprint, self.reads = new, fingerprint, {}
            return EVERYTHING
        self.explainer = new
        changes = Changes(old, new)
        write = {uri for uri, spec in self.specs.items()
                 if old_specs.get(uri) != spec or uri not in self.reads
                 or changes.any_of(self.reads[uri])}
        # Hand-written pages embed fragments: they are written again when what those read did.
        write.update(uri for uri, reads in self.reads.items()
                     if uri not in self.specs and changes.any_of(reads))
        for gone in self.reads.keys() - self.specs.keys() - write:
            if gone in old_specs:  # a generated page that no longer exists
                del self.reads[gone]
        return RebuildPlan(False, frozenset(write))

    def record(self, src_uri: str, reads: Reads) -> None:
        """What a page read while it was written."""
        self.reads[src_uri] = reads


@dataclass(frozen=True)
class Written:
    """A generated page as the build writes it: its body, its <head> extras, what it read."""

    body: render.Rendered
    head: Markup
    reads: Reads


def write_page(spec: PageSpec, explainer: Explainer, site_url: str, site_name: str) -> Written:
    """Render a generated page's body and <head> through one recording view."""
    reads: Reads = set()
    view = RecordingView(explainer, reads)
    body = render.render_page(spec, view)  # type: ignore[arg-type]
    extras = head.page_head(view, spec, spec.url, site_url, site_name,  # type: ignore[arg-type]
                            spec.description)
    return Written(body, extras, reads)


def fingerprint(roots: Iterable[Path], *settings: object) -> str:
    """A digest of every file under `roots` (path, size, modification time) and of `settings`
    (the site URL, the paging limits, the build date): when code, templates or theme overrides
    change, or anything every page depends on, the preview writes every page."""
    digest = hashlib.sha256()
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(repr(settings).encode())
    return digest.hexdigest()


__all__ = ["EVERYTHING", "LivePreview", "RebuildPlan", "Written", "fingerprint", "write_page"]
