"""README.md, CITATION.cff and LICENSE say what users expect, and say it truly.

Every `make` command the README gives names a target of the Makefile (each sets itself up, so
it works on a fresh clone), and none tells anyone to run `python -m tradetalks` (which fails
unless .venv/ is active). The Deploying section names the one-time settings, the first run and
the way back; the platform plan is stated; CITATION.cff carries the package's version.
"""

from __future__ import annotations

import re

import yaml

from fixture_data import REPO
from tradetalks import __version__

README = (REPO / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")


def test_every_make_command_in_the_readme_is_a_target() -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, re.M))
    named = set(re.findall(r"(?:^|`)make ([a-z][\w-]*)", README, re.M))
    assert {"serve", "test", "check", "new", "schema", "build", "lock"} <= named
    assert named <= targets, named - targets
    assert "python -m tradetalks" not in README


def test_deploying_names_settings_first_run_and_rollback() -> None:
    deploying = README[README.index("## Deploying"):README.index("## Licences and citing")]
    for words in ("Source: GitHub Actions", "`github-pages`", "Custom domain",
                  "What the first run does", "Rolling back", "actions/configure-pages"):
        assert words in deploying, words


def test_the_platform_plan_is_stated() -> None:
    assert "MkDocs 1.x and Material for MkDocs 9.x are pinned" in README
    assert "end of life on 5 May 2027" in README and "ProperDocs" in README
    assert "a banner about MkDocs 2" not in MAKEFILE


def test_licences_and_citation() -> None:
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == __version__
    assert citation["license"] == "CC-BY-4.0"
    assert "How to cite" in README and "CC BY 4.0" in README
