"""MkDocs hooks: one short function per MkDocs event, onto `tradetalks.site.SiteBuild`.

The build's logic is in the package (`tradetalks.site`, engine-free); MkDocs' and Material's
objects are handled in `mkdocs_adapter.py`, which lists every reliance. Named `mkdocs_hooks`
because MkDocs puts hooks/ on sys.path, where `tradetalks.py` would shadow the package. `serve`
keeps this module loaded: one build's state is made anew in `on_config`, the preview's lives
in `_serve`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

import mkdocs_adapter as adapter
from tradetalks import pages, render, site
from tradetalks.errors import DataError, format_problems

log = logging.getLogger("mkdocs.plugins.tradetalks")


class DataProblems(PluginError):
    """The data has problems: one clean message with every located problem, exit code 1."""


class DocsProblems(PluginError):
    """docs/ would publish the wrong thing (a symlink, a file shadowing an output...)."""


_serve = adapter.ServeState()
_build = site.SiteBuild(Path("data"), "", "")
_repo_edit = ""


def on_startup(command: str, dirty: bool) -> None:
    global _serve
    _serve = adapter.ServeState(site.ServeMemory(dirty=dirty) if command == "serve" else None)
    if command == "serve":
        adapter.quiet_dirty_warning()


@event_priority(100)  # before the search plugin's on_config (see search_full_builds_only)
def on_config(config: Any) -> Any:
    global _build, _repo_edit
    if _serve.memory is not None and _serve.memory.preview.explainer is not None:
        _serve.collector.pause()
    _build = site.SiteBuild(
        data_dir=Path(config.config_file_path).parent / config.extra.get("data_dir", "data"),
        site_url=config.site_url or "", site_name=config.site_name,
        theme_dirs=tuple(Path(d) for d in config.theme.dirs), memory=_serve.memory)
    config.extra["tradetalks_serving"] = _build.serving
    try:
        _build.load()
    except DataError as error:
        raise DataProblems(format_problems(error.problems)) from None
    for problem in _build.warnings:
        log.warning(problem.format())
    if _build.errors:  # only during serve: a build stops above
        log.error(format_problems(_build.problems))
    # Not repo_url: with it, Material fetches repository stats from a third party on every page.
    edit = config.extra.get("repo_edit_url") or ""
    _repo_edit = edit.rstrip("/") + "/" if edit else ""
    return config


def on_files(files: Files, config: Any) -> Files:
    docs = adapter.docs_outputs(files, config)
    generated = adapter.add_site(files, config, _build)
    if _build.code_changed:
        log.info("tradetalks: the package's Python code changed: restart `make serve` to run it")
    problem = site.hazards(Path(config.docs_dir), docs, generated)
    if problem:
        raise DocsProblems(problem)
    return files


def on_env(env: Any, config: Any, files: Files) -> Any:
    if _serve.memory is not None:
        env.bytecode_cache = _serve.theme_bytecode
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    uri = page.file.src_uri
    if uri == site.PROBLEMS_URI or _build.explainer is None:
        adapter.set_page(page, title="The data has problems")
        return "# The data has problems\n\n" + _build.problems_page()
    spec = _build.specs.get(uri)
    if spec is not None:  # the theme prints title and description raw: store them escaped
        adapter.set_page(page, title=str(escape(spec.title)),
                         description=str(escape(spec.description)),
                         edit_url=(f"{_repo_edit}{spec.source_file}"
                                   if spec.source_file and _repo_edit else None),
                         searchable=pages.KINDS[spec.kind].searchable)
        return ""
    description = page.meta.get("description")
    page.meta["tradetalks_description"] = str(description or config.site_description or "")
    adapter.set_page(page, description=str(escape(description)) if description else None,
                     edit_url=f"{_repo_edit}docs/{uri}" if _repo_edit else None)
    for name in render.unknown_markers(markdown):
        log.warning(f"{page.file.src_path}: unknown fragment marker 'tradetalks:{name}'")
    body, page.meta["tradetalks_reads"] = _build.prose(uri, markdown, page.url)
    return body


@event_priority(50)  # before the search plugin's on_page_context, which reads page.content
def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    context["tradetalks_csp"] = not _build.serving
    if _build.explainer is None or page.file.src_uri == site.PROBLEMS_URI:
        return context
    spec = _build.specs.get(page.file.src_uri)
    if spec is not None:  # rendered when written, not before: one body in memory at a time
        written = _build.write_page(spec)
        adapter.set_body(page, context, written.body.html,
                         render.search_text(written.body.html), written.body.headings)
        context["tradetalks_head"] = written.head
    else:
        context["tradetalks_head"] = _build.prose_head(
            page.file.src_uri, page.url, page.meta.get("tradetalks_description", ""),
            page.meta.pop("tradetalks_reads", set()))
    return context


@event_priority(-100)  # last: the policy hashes the page exactly as it will be written
def on_post_page(output: str, page: Any, config: Any) -> str:
    if page.file.src_uri in _build.specs:
        page.content = None  # written: nothing later in the build reads a page's body
    return _with_policy(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Theme templates written as pages of their own (404.html) carry a policy too.
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, template_name)


def _with_policy(output: str, where: str) -> str:
    html, warnings = _build.with_policy(output, where)
    for warning in warnings:
        log.warning(warning)
    return html


def on_post_build(config: Any) -> None:
    _build.finish()
    _serve.collector.collect_when_idle()


def on_build_error(error: Exception) -> None:
    # Pages the preview planned to keep were not all written: the next build writes them all.
    if _serve.memory is not None:
        _serve.memory.preview.forget()
    _build.finish()
    _serve.collector.collect_when_idle()


__all__ = ["DataProblems", "DocsProblems"]
