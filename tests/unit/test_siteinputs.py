"""`tradetalks.siteinputs`: symlinks under docs/, docs/ files over generated outputs, and site
paths equal but for letter case, each reported in full."""

from __future__ import annotations

import os
from pathlib import Path

from tradetalks.siteinputs import collisions, symlinks


def test_symlinks_to_files_and_folders_are_found_without_following_them(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    os.symlink("/etc/hostname", docs / "host.txt")
    os.symlink("/etc", docs / "sub" / "etc")
    assert symlinks(docs) == [
        "docs/host.txt: is a symbolic link; MkDocs would publish whatever it points to (commit "
        "the file itself)",
        "docs/sub/etc: is a symbolic link; MkDocs would publish whatever it points to (commit "
        "the file itself)",
    ]


def test_a_clean_docs_folder_has_no_problems(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert symlinks(tmp_path / "docs") == []
    assert collisions({"about.md": "about/index.html"},
                      {"feeds/events.atom": "file", "timeline/index.html": "page"}) == []


def test_a_docs_file_over_a_generated_output_is_refused() -> None:
    assert collisions(
        {"feeds/events.atom": "feeds/events.atom",
         "participants/he-lifeng.md": "participants/he-lifeng/index.html"},
        {"feeds/events.atom": "file", "participants/he-lifeng/index.html": "page"}) == [
        "docs/feeds/events.atom would replace the generated file feeds/events.atom; rename or "
        "remove it",
        "docs/participants/he-lifeng.md would replace the generated page "
        "participants/he-lifeng/index.html; rename or remove it",
    ]


def test_paths_equal_but_for_letter_case_are_refused() -> None:
    assert collisions({"About.md": "About/index.html", "about.md": "about/index.html",
                       "Timeline.md": "Timeline/index.html"},
                      {"timeline/index.html": "page"}) == [
        "docs/about.md is published at about/index.html, which differs only by letter case "
        "from About/index.html (docs/About.md); rename one of them",
        "the generated page timeline/index.html is published at timeline/index.html, which "
        "differs only by letter case from Timeline/index.html (docs/Timeline.md); rename one "
        "of them",
    ]
