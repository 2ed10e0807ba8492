"""tools/check_config.py: a Python tag in mkdocs.yml (or a file it inherits) is refused unread.

Each case writes a configuration whose tag, if anything constructed it, would create a file: the
file must not appear, whatever the verdict.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "check_config.py"


def _check(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), str(config)], capture_output=True,
                          text=True, timeout=60, check=False, cwd=config.parent)


def test_the_repository_configuration_is_clean() -> None:
    result = _check(ROOT / "mkdocs.yml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(("line", "shown"), [
    ('x: !!python/object/apply:os.system ["touch {flag}"]', "!!python/object/apply:os.system"),
    ("x: !!python/name:os.system", "!!python/name:os.system"),
    ('x: !!python/object:subprocess.Popen {{args: ["touch", "{flag}"]}}',
     "!!python/object:subprocess.Popen"),
    ("x: !<tag:yaml.org,2002:python/module:os> ''", "!!python/module:os"),
])
def test_python_tags_are_refused_without_running(tmp_path: Path, line: str, shown: str) -> None:
    flag = tmp_path / "ran"
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + line.format(flag=flag) + "\n", encoding="utf-8")
    result = _check(config)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"{config}:2:4: the Python tag {shown} would run code when MkDocs "
                             "reads the file; remove it\n")
    assert not flag.exists()


def test_a_tag_spelt_through_a_tag_directive_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("%TAG !p! tag:yaml.org,2002:python/\n---\nsite_name: x\n"
                      "emoji: !p!name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    result = _check(config)
    assert result.stderr == (f"{config}:4:8: the Python tag "
                             "!!python/name:material.extensions.emoji.twemoji would run code when "
                             "MkDocs reads the file; remove it\n")


def test_inherited_files_are_checked(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: x\ny: !!python/name:os.system\n",
                                       encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\nsite_url: !ENV [SITE_URL, 'http://x/']\n",
                      encoding="utf-8")
    result = _check(config)
    assert result.returncode == 1
    assert result.stderr == (f"{tmp_path / 'base.yml'}:2:4: the Python tag "
                             "!!python/name:os.system would run code when MkDocs reads the "
                             "file; remove it\n")


def test_mkdocs_own_tags_and_comments_pass(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("# x: !!python/name:os.system is only a comment here\nsite_name: x\n"
                      "site_url: !ENV [SITE_URL, 'http://x/']\ndocs_dir: !relative docs\n",
                      encoding="utf-8")
    assert _check(config).returncode == 0
