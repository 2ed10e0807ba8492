"""The whole repository passes ruff with the settings in pyproject.toml (style, imports, bugbear,
bandit): a lint failure fails `make test` like any other regression."""

from __future__ import annotations

import subprocess
import sys

from fixture_data import REPO


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                             str(REPO)], cwd=REPO, capture_output=True, text=True, check=False,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
