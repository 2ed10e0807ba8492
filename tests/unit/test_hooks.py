"""hooks/mkdocs_hooks.py in-process: the parts that do not need a running MkDocs build.

Builds and `mkdocs serve` are exercised end to end in tests/e2e; this covers the live preview's
garbage-collector pause, whose effect is invisible from outside, and what a failed build makes
the preview forget.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace

import pytest

from fixture_data import REPO
from tradetalks.pages import plan
from tradetalks.validate import check


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("tradetalks_hooks_under_test",
                                                  REPO / "hooks" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "IDLE_COLLECT_DELAY", 0.05)
    yield module
    gc.enable()


def test_a_live_preview_rebuild_pauses_the_collector_until_idle(hooks: ModuleType) -> None:
    hooks._pause_collector()
    assert not gc.isenabled()
    hooks._collect_when_idle()
    assert not gc.isenabled()  # not while the page is being served
    deadline = time.monotonic() + 5
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()


def test_a_new_rebuild_cancels_the_pending_collection(hooks: ModuleType) -> None:
    hooks._pause_collector()
    hooks._collect_when_idle()
    first = hooks._serve.collect_timer
    hooks._pause_collector()  # the next save, before the collection ran
    assert not first.is_alive() or first.finished.is_set()
    time.sleep(0.2)
    assert not gc.isenabled()  # still paused: this rebuild has not finished
    hooks._collect_when_idle()
    hooks._serve.collect_timer.join(5)
    assert gc.isenabled()


def test_a_full_build_leaves_the_collector_alone(hooks: ModuleType) -> None:
    assert gc.isenabled()
    hooks._collect_when_idle()
    assert hooks._serve.collect_timer is None and gc.isenabled()


def test_a_collection_under_way_when_a_rebuild_starts_leaves_the_collector_paused(
        hooks: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    collecting, release = threading.Event(), threading.Event()

    def slow_collect() -> None:
        collecting.set()
        release.wait(5)

    monkeypatch.setattr(hooks, "gc", SimpleNamespace(
        collect=slow_collect, isenabled=gc.isenabled, disable=gc.disable, enable=gc.enable))
    hooks._pause_collector()
    hooks._collect_when_idle()
    timer = hooks._serve.collect_timer
    assert collecting.wait(5)  # the timer fired: too late to cancel
    hooks._pause_collector()  # the next save
    release.set()
    timer.join(5)
    assert not gc.isenabled()


def test_a_failed_build_makes_the_next_one_full(hooks: ModuleType) -> None:
    explainer, _ = check(REPO / "data")
    hooks._serve.preview.pages_to_rebuild(plan(explainer), explainer)
    assert hooks._serve.preview.explainer is explainer
    hooks.on_build_error(RuntimeError("a theme template failed"))
    assert hooks._serve.preview.pages_to_rebuild(plan(explainer), explainer) is None
