"""MkDocs hooks: the thin adapter between MkDocs events and the tradetalks package.

The only module that imports mkdocs. Each function maps one MkDocs event onto the package:
`on_config` validates data/ (stopping the build with the formatted problem list), `on_files`
adds the planned pages as virtual files and the open data and feeds from a scratch folder
(nothing is written into docs/), `on_page_markdown` gives generated pages their title, and
`on_page_context` renders a generated page's body as the page is written (then `on_post_page`
lets it go: a build holds one body at a time) and adds the escaped <head> extras (JSON-LD,
social tags, feed links). State for one build lives in `_build`, reset in `on_config` because
`mkdocs serve` keeps this module loaded.
During `serve`, bad data does not stop the server: every page shows the problem list instead,
and the next save that fixes the data brings the site back.
"""

from __future__ import annotations

import gc
import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from tradetalks import csp, head, incremental, pages, render, siteinputs, urls
from tradetalks.errors import DataError, Problem, format_problems
from tradetalks.model import Explainer
from tradetalks.validate import PORTRAITS_DIR, LoadCache, check

log = logging.getLogger("mkdocs.plugins.tradetalks")


class DataProblems(PluginError):
    """The data has problems: one clean message with every located problem, exit code 1."""


class DocsProblems(PluginError):
    """docs/ would publish the wrong thing (a symlink, a file shadowing an output...)."""


@dataclass
class _Build:
    command: str = "build"
    explainer: Explainer | None = None
    problems: list[Problem] = field(default_factory=list)
    specs: dict[str, pages.PageSpec] = field(default_factory=dict)
    repo_edit: str = ""
    data_dir: Path = Path("data")
    #: Scratch folder of this build's open data and feeds, removed when the build ends.
    outputs_dir: Path | None = None
    #: The inline scripts the theme's templates can write (read once per build, when needed).
    theme_scripts: csp.ThemeScripts | None = None
    theme_dirs: tuple[str, ...] = ()


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, keyed by Jinja on the template's source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class _ServeMemory:
    """What `mkdocs serve` keeps from one rebuild to the next (it reuses this module)."""

    dirty: bool = False
    #: Parsed data files by path, mtime and size: a rebuild re-reads only what changed.
    load_cache: LoadCache = field(default_factory=dict)
    #: The last good build's explainer and what each page showed: with --dirty, only pages
    #: showing a changed record are rebuilt.
    preview: incremental.LivePreview = field(default_factory=incremental.LivePreview)
    #: The last good build's generated pages: when the data breaks, these URLs keep answering
    #: (with the problem list) instead of turning into 404s under the reader's cursor.
    last_good_uris: list[tuple[str, bool]] = field(default_factory=list)
    #: The open data and feeds the first build wrote into the served site.
    output_paths: list[str] = field(default_factory=list)
    #: The garbage collection waiting for the live preview to be idle (`_pause_collector`),
    #: and a count of pauses, so a collection that ends as a new rebuild starts leaves the
    #: collector paused.
    collect_timer: threading.Timer | None = None
    collector_pauses: int = 0
    collector_lock: threading.Lock = field(default_factory=threading.Lock)
    #: MkDocs makes a new theme environment for every rebuild: without this, every save
    #: compiles Material's templates again.
    theme_bytecode: _MemoryBytecodeCache = field(default_factory=lambda: _MemoryBytecodeCache())


_build = _Build()
_serve = _ServeMemory()


def on_startup(command: str, dirty: bool) -> None:
    global _serve
    _build.command = command
    _serve = _ServeMemory(dirty=dirty)


@event_priority(100)  # before the search plugin's on_config: see _search_this_build
def on_config(config: Any) -> Any:
    global _build
    _build = _Build(command=_build.command)
    data_dir = Path(config.config_file_path).parent / config.extra.get("data_dir", "data")
    _build.data_dir = data_dir
    _build.theme_dirs = tuple(config.theme.dirs)
    serving = _build.command == "serve"
    incremental_rebuild = serving and _serve.dirty and _serve.preview.explainer is not None
    if incremental_rebuild:
        _pause_collector()
    explainer, problems = check(data_dir, _serve.load_cache if serving else None)
    _build.explainer, _build.problems = explainer, problems
    _search_this_build(config, full=not (incremental_rebuild and explainer is not None))
    for problem in problems:
        if problem.severity == "warning":
            log.warning(problem.format())
    if explainer is None:
        _serve.preview.forget()  # pages now show the problem list: the next good build is full
        report = format_problems(problems)
        if _build.command != "serve":
            raise DataProblems(report)
        log.error(report)
    # Not repo_url: with it, Material fetches repository stats from a third party on every page.
    edit = config.extra.get("repo_edit_url") or ""
    _build.repo_edit = edit.rstrip("/") + "/" if edit else ""
    return config


def on_files(files: Files, config: Any) -> Files:
    if _build.explainer is None:
        for src_uri, in_nav in _serve.last_good_uris:
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content="", inclusion=(
                    InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV)))
        for file in files.documentation_pages():  # every page shows the problems, --dirty too
            file.is_modified = lambda: True  # type: ignore[method-assign]
        return files
    specs = pages.plan(_build.explainer, config.site_url or "")
    serving = _build.command == "serve"
    rebuild = (_serve.preview.pages_to_rebuild(specs, _build.explainer)
               if serving and _serve.dirty else None)
    if serving:
        _serve.last_good_uris[:] = [(spec.src_uri, spec.in_nav) for spec in specs]
    docs = _docs_outputs(files, config)
    generated: dict[str, str] = {}
    for spec in specs:
        existing = files.get_file_from_path(spec.src_uri)
        if existing is not None:  # the same source path: MkDocs would keep only one of them
            generated[existing.dest_uri] = "page"
            continue
        file = File.generated(
            config, spec.src_uri, content="",
            inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV)
        if rebuild is not None and spec.src_uri not in rebuild:
            # `serve --dirty` skips files that report no change: this page shows nothing new.
            file.is_modified = lambda: False  # type: ignore[method-assign]
        files.append(file)
        generated[file.dest_uri] = "page"
        _build.specs[spec.src_uri] = spec
    if serving:
        for file in files.documentation_pages():
            if file.src_uri not in _build.specs:  # hand-written pages embed whole-data fragments
                file.is_modified = lambda: True  # type: ignore[method-assign]
    portraits = _build.data_dir / PORTRAITS_DIR
    for person in _build.explainer.participants.values():
        if person.portrait:
            generated[urls.portrait_url(person.portrait.file)] = "portrait"
        if person.portrait and files.get_file_from_path(
                urls.portrait_url(person.portrait.file)) is None:
            files.append(File.generated(config, urls.portrait_url(person.portrait.file),
                                        abs_src_path=str(portraits / person.portrait.file)))
    if rebuild is not None:
        # The open data and feeds of a live preview are those of its first build: regenerating
        # them on every save would cost more than the pages (`make build` writes them fresh).
        # Listed from where they already are, so links to them still resolve (a file that is
        # its own source is never "modified", and MkDocs leaves it be).
        for path in _serve.output_paths:
            generated[path] = "file"
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path,
                                            abs_src_path=str(Path(config.site_dir) / path)))
        _refuse_hazards(config, docs, generated)
        return files
    # Written to a scratch folder as each is made and copied from there by MkDocs: held in
    # memory as File contents, the open data and feeds weighed 500 MB at 5,000 participants.
    _build.outputs_dir = Path(tempfile.mkdtemp(prefix="tradetalks-outputs-"))
    output_paths: list[str] = []
    for path, content in head.static_outputs(_build.explainer, config.site_url or ""):
        generated[path] = "file"
        if files.get_file_from_path(path) is None:
            scratch = _build.outputs_dir / path
            scratch.parent.mkdir(parents=True, exist_ok=True)
            scratch.write_bytes(content)
            files.append(File.generated(config, path, abs_src_path=str(scratch)))
            output_paths.append(path)
    if serving:
        _serve.output_paths = output_paths
    _refuse_hazards(config, docs, generated)
    return files


def _docs_outputs(files: Files, config: Any) -> dict[str, str]:
    """docs/-relative source path -> site path, for every hand-written file."""
    docs_dir = Path(config.docs_dir)
    return {f.src_uri: f.dest_uri for f in files
            if f.generated_by is None and f.abs_src_path
            and Path(f.abs_src_path).is_relative_to(docs_dir)}


def _refuse_hazards(config: Any, docs: dict[str, str], generated: dict[str, str]) -> None:
    """Stop before anything is written when docs/ would publish the wrong thing."""
    problems = siteinputs.symlinks(Path(config.docs_dir)) + siteinputs.collisions(docs,
                                                                                  generated)
    if problems:
        raise DocsProblems(f"docs/ cannot be built: {len(problems)} problem"
                           f"{'' if len(problems) == 1 else 's'} (nothing was built)\n"
                           + "\n".join(f"  {p}" for p in problems))


def _search_this_build(config: Any, full: bool) -> None:
    """Material's search indexes a full build only. Its merge of a dirty rebuild into the
    previous index assumes one rebuilt page (it drops every entry under the first rebuilt
    page's URL, the whole site when that is the home page), and indexing is most of an
    incremental rebuild's time: the live preview keeps the index of its first build instead."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            plugin.config.enabled = full


def on_env(env: Any, config: Any, files: Files) -> Any:
    if _build.command == "serve":
        env.bytecode_cache = _serve.theme_bytecode
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if _build.explainer is None:  # only reached during `serve`: builds stop in on_config
        page.meta["title"] = "Data problems"
        return _problem_page(_build.problems)
    spec = _build.specs.get(page.file.src_uri)
    if spec is None:
        page.edit_url = f"{_build.repo_edit}docs/{page.file.src_uri}" if _build.repo_edit else None
        if "description" in page.meta:  # the theme prints it unescaped, like the title
            page.meta["tradetalks_description"] = str(page.meta["description"])
            page.meta["description"] = str(escape(page.meta["description"]))
        for name in render.unknown_markers(markdown):
            log.warning(f"{page.file.src_path}: unknown fragment marker 'tradetalks:{name}'")
        return render.render_markers(markdown, _build.explainer, page.url)
    # Titles are editor text and the theme prints page.title unescaped: store it escaped.
    page.meta["title"] = str(escape(spec.title))
    page.meta["description"] = str(escape(spec.description))
    page.edit_url = (f"{_build.repo_edit}{spec.origin.file}"
                     if spec.origin and _build.repo_edit else None)
    return ""


@event_priority(50)  # before the search plugin's on_page_context, which reads page.content
def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    context["tradetalks_csp"] = _build.command != "serve"
    if _build.explainer is not None:
        spec = _build.specs.get(page.file.src_uri)
        if spec is not None:
            # A generated body is rendered here, when its page is written, not in
            # on_page_content: MkDocs reads every page before writing any, and holding every
            # body at once weighed 450 MB at 5,000 participants. on_post_page lets it go.
            rendered = render.render_page(spec, _build.explainer)
            # The theme prints the body from tradetalks_body (overrides/main.html); Material's
            # search, next, reads page.content: give it only what it indexes.
            context["tradetalks_body"] = rendered.html
            page.content = render.search_text(rendered.html)
            page.toc = get_toc(_toc_tokens(rendered.headings))
        description = spec.description if spec else (
            page.meta.get("tradetalks_description") or config.site_description or "")
        context["tradetalks_head"] = head.page_head(
            _build.explainer, spec, page.url, config.site_url or "", config.site_name,
            description)
    return context


@event_priority(-100)  # last: the policy hashes the page exactly as it will be written
def on_post_page(output: str, page: Any, config: Any) -> str:
    if page.file.src_uri in _build.specs:
        page.content = None  # written: nothing later in the build reads a page's body
    return _with_policy(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Theme templates written as pages of their own (404.html) carry a policy too.
    if template_name.endswith(".html"):
        return _with_policy(output_content, template_name)
    return output_content


def _with_policy(output: str, where: str) -> str:
    """The page with its Content-Security-Policy computed from the inline scripts on it."""
    if _build.command == "serve":
        return output  # no policy under serve: its live-reload script is injected inline
    if _build.theme_scripts is None:
        _build.theme_scripts = csp.ThemeScripts.from_templates(
            [Path(d) for d in _build.theme_dirs])
    applied = csp.apply(output, _build.theme_scripts)
    if applied is None:
        log.warning(f"{where}: no Content-Security-Policy: overrides/main.html must include "
                    "partials/csp.html first in <head>")
        return output
    for text in applied.foreign:
        snippet = " ".join(text.split())[:60]
        log.warning(f"{where}: an inline script that no theme template writes is blocked by the "
                    f"page's Content-Security-Policy (move it to a file under docs/javascripts/ "
                    f"and list it in extra_javascript): {snippet!r}")
    return applied.html


def on_post_build(config: Any) -> None:
    _remove_outputs_dir()
    _collect_when_idle()


def on_build_error(error: Exception) -> None:
    # The preview remembered this build's data in on_files: pages it skipped as unchanged
    # were not written, so the next build must be a full one.
    _serve.preview.forget()
    _remove_outputs_dir()
    _collect_when_idle()


#: Seconds after a live-preview rebuild before the garbage collector runs (`_pause_collector`).
IDLE_COLLECT_DELAY = 2.0


def _pause_collector() -> None:
    """A live-preview rebuild runs without Python's cyclic garbage collector: its full passes
    over a big explainer's objects cost a third of a second per save, an eighth of the wait.
    It runs instead once the page is served (`_collect_when_idle`)."""
    if _serve.collect_timer is not None:
        _serve.collect_timer.cancel()  # too late if it is already collecting: see collect()
    with _serve.collector_lock:
        _serve.collector_pauses += 1
        gc.disable()


def _collect_when_idle() -> None:
    if gc.isenabled():
        return
    pauses = _serve.collector_pauses

    def collect() -> None:
        gc.collect()
        with _serve.collector_lock:
            if _serve.collector_pauses == pauses:  # no rebuild started meanwhile
                gc.enable()

    _serve.collect_timer = threading.Timer(IDLE_COLLECT_DELAY, collect)
    _serve.collect_timer.daemon = True
    _serve.collect_timer.start()


def _remove_outputs_dir() -> None:
    if _build.outputs_dir is not None:
        shutil.rmtree(_build.outputs_dir, ignore_errors=True)
        _build.outputs_dir = None


def _toc_tokens(headings: tuple[tuple[int, str, str], ...]) -> list[dict[str, Any]]:
    tokens: list[dict[str, Any]] = []
    for level, anchor, text in headings:
        token = {"level": level, "id": anchor, "name": text, "children": []}
        if level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def _problem_page(problems: list[Problem]) -> str:
    lines = "\n".join(f"    {line}" for line in format_problems(problems).splitlines())
    return ("# The data has problems\n\n"
            "Nothing was built from data/ until these are fixed. Save a fix and this page "
            "reloads.\n\n" + lines + "\n")


__all__ = ["DataError", "DataProblems", "DocsProblems"]
