"""Everything the tradetalks hooks rely on in MkDocs 1.6 and Material 9, in one small module.

The hooks (`mkdocs_hooks.py`) translate MkDocs events into calls on `tradetalks.site.SiteBuild`;
what they need from the engine itself is here, one function per reliance, so an engine change
(MkDocs 2, a Material successor) rewrites this file and nothing in the package. Each reliance,
and why:

1. `File.generated(config, src_uri, content=...|abs_src_path=...)` (MkDocs 1.6): generated pages,
   open data and portraits are virtual files; nothing is written into docs/.
2. `File.is_modified()`: `mkdocs serve --dirty` rebuilds only files whose method says so. The
   live preview's plan (`preview.RebuildPlan`) is applied by replacing it per file.
3. `page.content`, `page.toc`, `page.meta["title"]`, `page.edit_url`: Material's search reads
   `page.content` in its `on_page_context`, the theme prints the title and meta unescaped (we
   store them escaped) and renders the table of contents from `page.toc` (`get_toc`).
   `page.meta["search"]["exclude"]` is the front-matter switch Material's search reads to leave
   a whole page out (pages whose kind is not `searchable`).
4. Material's search plugin's `config.enabled`: its merge of a dirty rebuild into the previous
   index drops every entry under the first rebuilt page, so a live preview keeps the index of
   its first full build.
5. `env.bytecode_cache` in `on_env`: MkDocs makes a new theme environment per build; keeping
   compiled Material templates saves a recompile on every save.
6. The `mkdocs.commands.build` logger's "dirty build" warning: the preview's plan is exact, so a
   warning a newcomer cannot act on is filtered out during `serve`.
7. `config.theme.dirs`: the theme's template folders, read once per build by `tradetalks.csp` to
   know which inline scripts the theme writes.
8. `config.extra.tradetalks_serving`: read by `overrides/main.html` to add the preview's script.
9. Python's cyclic garbage collector is paused during a live-preview rebuild and run once the
   server is idle: its full passes over a big explainer cost a third of a second per save.
10. Material's palette, kept without its script: `overrides/partials/palette.html` replaces the
   header's palette form (Material's component restyles the whole page three times as it
   starts) and relies on `theme.palette` in mkdocs.yml, the `<body data-md-color-*>` attributes
   the stylesheets key on, `__md_get`/`__md_set` and the saved `__palette` format that
   Material's inline script applies on each page. Templates only: nothing in this module.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from tradetalks import site

log = logging.getLogger("mkdocs.plugins.tradetalks")


def add_site(files: Files, config: Any, build: site.SiteBuild) -> dict[str, str]:
    """Every file the build generates, as virtual files, with the live preview's plan applied
    (reliances 1 and 2); returns site path -> what it is, for `site.hazards`."""
    generated: dict[str, str] = {}
    if build.explainer is None:  # serve, broken data, no good build yet: problems everywhere
        add_page(files, config, "index.md", in_nav=True, modified=True)
        for file in files.documentation_pages():
            also_when(file, True)
    else:
        for spec in build.plan():
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:  # a docs/ file where a page is generated: refused
                generated[existing.dest_uri] = "page"
                continue
            file = add_page(files, config, spec.src_uri, spec.in_nav,
                            modified=build.writes(spec.src_uri) if build.serving else None)
            generated[file.dest_uri] = "page"
        for file in hand_written(files, build.specs):
            also_when(file, build.serving and build.writes(file.src_uri))
        search_full_builds_only(config, full=not build.reuses_outputs)
        outputs = (build.kept_outputs(Path(config.site_dir)) if build.reuses_outputs
                   else build.write_outputs())
        for path, source in [*build.portraits(), *outputs]:
            generated[path] = "file"
            add_file(files, config, path, path=source)
    if build.serving:  # the preview's banner data, script and problems page
        add_file(files, config, site.PROBLEMS_JSON, content=build.problems_json())
        add_file(files, config, site.PREVIEW_SCRIPT, content=site.preview_script())
        add_page(files, config, site.PROBLEMS_URI, in_nav=False, modified=True)
    return generated


def add_page(files: Files, config: Any, src_uri: str, in_nav: bool,
             modified: bool | None = None) -> File:
    """A generated page (empty Markdown: its body comes from the package). `modified=False`
    makes `serve --dirty` keep the page as it is."""
    file = File.generated(config, src_uri, content="", inclusion=(
        InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV))
    if modified is not None:
        file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]
    files.append(file)
    return file


def add_file(files: Files, config: Any, src_uri: str, *, path: Path | None = None,
             content: str | bytes | None = None) -> None:
    """A generated file copied from `path`, or written from `content`."""
    if files.get_file_from_path(src_uri) is not None:
        return
    if path is not None:
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    else:
        files.append(File.generated(config, src_uri, content=content or ""))


def also_when(file: File, condition: bool) -> None:
    """A hand-written page counts as modified when MkDocs thinks so or when `condition` holds
    (its fragments show something that changed)."""
    if condition:
        file.is_modified = lambda: True  # type: ignore[method-assign]


def hand_written(files: Files, generated: Iterable[str]) -> list[File]:
    known = set(generated)
    return [f for f in files.documentation_pages() if f.src_uri not in known]


def docs_outputs(files: Files, config: Any) -> dict[str, str]:
    """docs/-relative source path -> site path, for every hand-written file."""
    docs_dir = Path(config.docs_dir)
    return {f.src_uri: f.dest_uri for f in files
            if f.generated_by is None and f.abs_src_path
            and Path(f.abs_src_path).is_relative_to(docs_dir)}


def set_page(page: Any, *, title: str | None = None, description: str | None = None,
             edit_url: str | None = None, searchable: bool = True) -> None:
    """Titles and descriptions already escaped (the theme prints them raw). A page that is not
    `searchable` gets Material's front-matter switch `search: {exclude: true}`."""
    if title is not None:
        page.meta["title"] = title
    if description is not None:
        page.meta["description"] = description
    if not searchable:
        page.meta["search"] = {"exclude": True}
    page.edit_url = edit_url


def set_body(page: Any, context: dict[str, Any], html: str, search_text: str,
             headings: tuple[tuple[int, str, str], ...]) -> None:
    """The theme prints `tradetalks_body` (overrides/main.html); Material's search reads
    `page.content`, which gets only what it indexes."""
    context["tradetalks_body"] = html
    page.content = search_text
    page.toc = get_toc(_toc_tokens(headings))


def _toc_tokens(headings: tuple[tuple[int, str, str], ...]) -> list[dict[str, Any]]:
    tokens: list[dict[str, Any]] = []
    for level, anchor, text in headings:
        token = {"level": level, "id": anchor, "name": text, "children": []}
        if level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def search_full_builds_only(config: Any, full: bool) -> None:
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            plugin.config.enabled = full


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, keyed by Jinja on the template's source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_DIRTY_FILTER = _DirtyWarning()


def quiet_dirty_warning() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_FILTER)


class ServeState:
    """What `mkdocs serve` keeps between builds: the package's memory of the preview, the
    paused collector and Material's compiled templates."""

    def __init__(self, memory: site.ServeMemory | None = None) -> None:
        self.memory = memory
        self.collector = Collector()
        self.theme_bytecode = MemoryBytecodeCache()


class Collector:
    """Python's garbage collector, paused during a live-preview rebuild, run once idle."""

    IDLE_DELAY = 2.0

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        self.pauses = 0
        self.lock = threading.Lock()

    def pause(self) -> None:
        if self.timer is not None:
            self.timer.cancel()  # too late if it is already collecting: see collect()
        with self.lock:
            self.pauses += 1
            gc.disable()

    def collect_when_idle(self) -> None:
        if gc.isenabled():
            return
        pauses = self.pauses

        def collect() -> None:
            gc.collect()
            with self.lock:
                if self.pauses == pauses:  # no rebuild started meanwhile
                    gc.enable()

        self.timer = threading.Timer(self.IDLE_DELAY, collect)
        self.timer.daemon = True
        self.timer.start()
