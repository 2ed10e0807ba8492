"""One build of the site, engine-free: what the MkDocs hooks ask of the package, in one place.

Sits between the package and the static-site engine (load -> validate -> model -> pages ->
render -> **site** -> hooks -> MkDocs): a `SiteBuild` validates the data, plans the pages, says
which of them this build writes (`preview.LivePreview` during a live preview), renders each page's
body and `<head>` through a recording view, and lists the open data to publish. The hooks
(`hooks/mkdocs_hooks.py`) only translate MkDocs events and objects into these calls, so another
engine with the same page model (ProperDocs, or whatever follows Material's end of life) needs a
new adapter, not a new core.

During `serve`, bad data does not stop the preview: the last good explainer keeps the pages as
they were, `problems` lists what is wrong, and the preview's banner (`PREVIEW_FILES`) says so on
every page, linking to one card per problem (`PROBLEMS_URI`). Only when no good build exists yet
does every page show the problems instead.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import csp, dates, head, pages, preview, render, siteinputs, urls
from .errors import DataError, Problem, errors_in
from .model import Explainer
from .validate import PORTRAITS_DIR, LoadCache, check
from .view import Reads, RecordingView

#: The package's own code and templates: part of the live preview's fingerprint.
PACKAGE_DIR = Path(__file__).parent
#: The live preview's own pages and files, written only by `serve` (never published).
PROBLEMS_URI = "_preview/problems.md"
PROBLEMS_JSON = "_preview/problems.json"
PREVIEW_SCRIPT = "_preview/preview.js"


@dataclass
class ServeMemory:
    """What a live preview keeps from one build to the next."""

    dirty: bool = True
    """`serve --dirty` (what `make serve` runs): MkDocs writes only the pages the preview plans.
    Without it every build writes every page into a clean folder, and nothing is kept."""
    preview: preview.LivePreview = field(default_factory=preview.LivePreview)
    load_cache: LoadCache = field(default_factory=dict)
    #: Open data written by the first build, kept (regenerating it on every save costs more
    #: than the pages; `make build` writes it fresh).
    output_paths: list[str] = field(default_factory=list)
    code_fingerprint: str = ""


@dataclass
class SiteBuild:
    """One build: `serving` for `mkdocs serve`, with `memory` kept between its builds."""

    data_dir: Path
    site_url: str
    site_name: str
    theme_dirs: tuple[Path, ...] = ()
    memory: ServeMemory | None = None
    explainer: Explainer | None = None
    problems: list[Problem] = field(default_factory=list)
    specs: dict[str, pages.PageSpec] = field(default_factory=dict)
    rebuild: preview.RebuildPlan = preview.EVERYTHING
    #: The data is broken and the pages shown are the last good ones (serve only).
    stale: bool = False
    code_changed: bool = False
    #: Scratch folder of this build's open data, removed when the build ends (`finish`).
    scratch: Path | None = None
    theme_scripts: csp.ThemeScripts | None = None

    @property
    def serving(self) -> bool:
        return self.memory is not None

    # --- data and plan -----------------------------------------------------------------------

    def load(self) -> None:
        """Validate the data. Raises `DataError` when a build cannot go on; during `serve`,
        broken data keeps the last good explainer (`stale`) or, with none, no explainer."""
        cache = self.memory.load_cache if self.memory else None
        explainer, self.problems = check(self.data_dir, cache)
        if explainer is None and not self.serving:
            raise DataError(self.problems)
        if explainer is None and self.memory is not None:
            self.explainer = self.memory.preview.explainer
            self.stale = self.explainer is not None
            return
        self.explainer = explainer

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    def plan(self) -> list[pages.PageSpec]:
        """The generated pages, and which of them this build writes."""
        assert self.explainer is not None
        specs = pages.plan(self.explainer, self.site_url)
        self.specs = {spec.src_uri: spec for spec in specs}
        if self.memory is None or not self.memory.dirty:
            if self.memory is not None:  # remembered for when the data breaks
                self.memory.preview.explainer = self.explainer
            self.rebuild = preview.EVERYTHING
        elif self.stale:
            self.rebuild = preview.RebuildPlan(False)  # keep every page as it was
        else:
            self.rebuild = self.memory.preview.plan(self.explainer, specs, self._fingerprint())
        return specs

    def _fingerprint(self) -> str:
        """Code, templates, theme overrides and the settings every page depends on."""
        assert self.memory is not None
        code = preview.fingerprint([PACKAGE_DIR])
        if self.memory.code_fingerprint and code != self.memory.code_fingerprint:
            self.code_changed = True
        self.memory.code_fingerprint = code
        limits = (urls.TIMELINE_PAGE_LIMIT, urls.YEAR_PAGE_LIMIT, urls.QUOTES_PAGE_LIMIT,
                  urls.SOURCES_PAGE_LIMIT)
        return preview.fingerprint(self.theme_dirs, code, self.site_url, self.site_name, limits,
                                   dates.build_date())

    def writes(self, src_uri: str) -> bool:
        return self.rebuild.writes(src_uri)

    @property
    def reuses_outputs(self) -> bool:
        """A live preview after its first build keeps the first build's open data."""
        return self.serving and not self.rebuild.everything

    def write_outputs(self) -> list[tuple[str, Path]]:
        """The open data, feeds and calendar as (site path, file): streamed to a scratch folder
        one file at a time (held in memory they weighed 500 MB at 5,000 participants), or
        during a live preview after its first build, those the first build wrote
        (`kept_in`)."""
        assert self.explainer is not None
        self.scratch = Path(tempfile.mkdtemp(prefix="tradetalks-outputs-"))
        written = []
        for path, content in head.static_outputs(self.explainer, self.site_url):
            (self.scratch / path).parent.mkdir(parents=True, exist_ok=True)
            (self.scratch / path).write_bytes(content)
            written.append((path, self.scratch / path))
        if self.memory is not None:
            self.memory.output_paths = [path for path, _ in written]
        return written

    def kept_outputs(self, site_dir: Path) -> list[tuple[str, Path]]:
        assert self.memory is not None
        return [(path, site_dir / path) for path in self.memory.output_paths]

    def portraits(self) -> list[tuple[str, Path]]:
        assert self.explainer is not None
        folder = self.data_dir / PORTRAITS_DIR
        return [(urls.portrait_url(p.portrait.file), folder / p.portrait.file)
                for p in self.explainer.participants.values() if p.portrait]

    def finish(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def with_policy(self, html: str, where: str) -> tuple[str, list[str]]:
        """The page with its Content-Security-Policy (`csp`), and the warnings to log. None
        under `serve`, whose live-reload script is injected inline."""
        if self.serving:
            return html, []
        if self.theme_scripts is None:
            self.theme_scripts = csp.ThemeScripts.from_templates(list(self.theme_dirs))
        applied = csp.apply(html, self.theme_scripts)
        if applied is None:
            return html, [f"{where}: no Content-Security-Policy: overrides/main.html must "
                          "include partials/csp.html first in <head>"]
        return applied.html, [
            f"{where}: an inline script that no theme template writes is blocked by the page's "
            "Content-Security-Policy (move it to a file under docs/javascripts/ and list it in "
            f"extra_javascript): {' '.join(text.split())[:60]!r}" for text in applied.foreign]

    # --- pages -------------------------------------------------------------------------------

    def write_page(self, spec: pages.PageSpec) -> preview.Written:
        """A generated page's body and <head>, recording what it read."""
        assert self.explainer is not None
        written = preview.write_page(spec, self.explainer, self.site_url, self.site_name)
        if self.memory is not None:
            self.memory.preview.record(spec.src_uri, written.reads)
        return written

    def prose(self, src_uri: str, markdown: str, page_url: str) -> tuple[str, Reads]:
        """A hand-written page with its fragment markers rendered, and what they read."""
        assert self.explainer is not None
        reads: Reads = set()
        body = render.render_markers(markdown, RecordingView(self.explainer, reads), page_url)
        return body, reads

    def prose_head(self, src_uri: str, page_url: str, description: str,
                   reads: Reads) -> Markup:
        assert self.explainer is not None
        extras = head.page_head(RecordingView(self.explainer, reads),  # type: ignore[arg-type]
                                None, page_url, self.site_url, self.site_name, description)
        if self.memory is not None:
            self.memory.preview.record(src_uri, reads)
        return extras

    # --- the live preview's own files --------------------------------------------------------

    def problems_json(self) -> bytes:
        """What the preview banner reads: the errors (warnings are in the terminal)."""
        return (json.dumps({"problems": [p.format() for p in self.errors],
                            "page": "_preview/problems/"}, ensure_ascii=False) + "\n").encode()

    def problems_page(self) -> str:
        """One card per problem, as HTML for the problems page."""
        return render.problem_cards(self.errors or self.problems)


def hazards(docs_dir: Path, docs: Mapping[str, str], generated: Mapping[str, str]) -> str:
    """Why docs/ cannot be built (`siteinputs`), as one message, or ''."""
    problems = siteinputs.symlinks(docs_dir) + siteinputs.collisions(docs, generated)
    if not problems:
        return ""
    return (f"docs/ cannot be built: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
            "(nothing was built)\n" + "\n".join(f"  {p}" for p in problems))


def preview_script() -> bytes:
    return (PACKAGE_DIR / "templates" / "preview.js").read_bytes()


__all__ = ["PROBLEMS_JSON", "PROBLEMS_URI", "PREVIEW_SCRIPT", "ServeMemory", "SiteBuild",
           "hazards", "preview_script"]
