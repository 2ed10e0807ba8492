"""browser_support.find_chromium: which browser the suite drives, and the install hint."""

from __future__ import annotations

import os
import stat

from browser_support import INSTALL_HINT, find_chromium


def test_the_environment_variable_wins(tmp_path, monkeypatch):
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("TRADETALKS_CHROMIUM", str(browser))
    assert find_chromium() == str(browser)


def test_a_configured_path_that_is_not_executable_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADETALKS_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() is None


def test_without_configuration_debians_browser_or_one_on_path(monkeypatch):
    monkeypatch.delenv("TRADETALKS_CHROMIUM", raising=False)
    found = find_chromium()
    if os.access("/usr/bin/chromium", os.X_OK):
        assert found == "/usr/bin/chromium"
    else:
        assert found is None or os.access(found, os.X_OK)


def test_the_install_hint_says_how_to_get_a_browser():
    assert INSTALL_HINT == (
        "No Chromium found for the browser tests. Install Debian's browser with "
        "`sudo apt-get install chromium` (the suite looks for /usr/bin/chromium), or point "
        "TRADETALKS_CHROMIUM at a Chromium or Chrome executable."
    )
