"""Strict MkDocs builds of a copy of the repo's site with other data, for the injection tests.

The hostile fixture site is the real site (the repo's `mkdocs.yml`, `docs/`, `overrides/` and
`hooks/`) built from the data in `payloads.py` instead of `data/`, always with `--strict` and
into a temporary folder (never the repo's `site/`). `html_pages(site)` lists the built pages.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from fixture_data import REPO

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
MKDOCS = Path(sys.executable).with_name("mkdocs")


class BuildFailed(AssertionError):
    """The strict build failed: the message carries MkDocs' output."""


def build(project: Path, site: Path, site_url: str = "https://tradetalks.example/") -> Path:
    """`mkdocs build --strict` of `project` into `site` for `site_url`; raises BuildFailed with
    the log. Never -q: it lowers the log level so far that --strict stops counting warnings."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise BuildFailed(f"strict build of {project} failed:\n{result.stdout}{result.stderr}")
    return site


def copy_project(dest: Path, data: Path | None) -> Path:
    """A copy of the repo's site sources in `dest`, with `data` (or the repo's data/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    shutil.copytree(data or REPO / "data", dest / "data")
    # mkdocs.yml watches src/tradetalks (the package is imported from the install, not from here).
    (dest / "src" / "tradetalks").mkdir(parents=True, exist_ok=True)
    guide = dest / "docs" / "guide.md"
    if not guide.exists():  # until the editor's guide is written, its nav entry needs a page
        guide.write_text("# Editor's guide\n\nNot written yet.\n", encoding="utf-8")
    return dest


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def load_scan_site() -> ModuleType:
    """`tools/scan_site.py` as a module (tools/ is not a package)."""
    if "scan_site" not in sys.modules:
        spec = importlib.util.spec_from_file_location("scan_site", REPO / "tools" / "scan_site.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["scan_site"] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
    return sys.modules["scan_site"]
