"""hooks/ in-process: the parts that do not need a running MkDocs build.

Builds and `mkdocs serve` are exercised end to end in tests/e2e; this covers the adapter's
garbage-collector pause during a live preview, whose effect is invisible from outside, what a
failed build makes the preview forget, and that the hook module stays thin.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from fixture_data import REPO
from tradetalks.pages import plan
from tradetalks.preview import EVERYTHING, RebuildPlan
from tradetalks.validate import check


def _load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO / "hooks"))  # as MkDocs does
    spec = importlib.util.spec_from_file_location(name, REPO / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def adapter(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    module = _load("mkdocs_adapter", monkeypatch)
    monkeypatch.setattr(module.Collector, "IDLE_DELAY", 0.05)
    yield module
    gc.enable()


@pytest.fixture
def collector(adapter: ModuleType) -> Any:
    return adapter.Collector()


def test_a_live_preview_rebuild_pauses_the_collector_until_idle(collector: Any) -> None:
    collector.pause()
    assert not gc.isenabled()
    collector.collect_when_idle()
    assert not gc.isenabled()  # not while the page is being served
    deadline = time.monotonic() + 5
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()


def test_a_new_rebuild_cancels_the_pending_collection(collector: Any) -> None:
    collector.pause()
    collector.collect_when_idle()
    first = collector.timer
    collector.pause()  # the next save, before the collection ran
    assert not first.is_alive() or first.finished.is_set()
    time.sleep(0.2)
    assert not gc.isenabled()  # still paused: this rebuild has not finished
    collector.collect_when_idle()
    collector.timer.join(5)
    assert gc.isenabled()


def test_a_full_build_leaves_the_collector_alone(collector: Any) -> None:
    assert gc.isenabled()
    collector.collect_when_idle()
    assert collector.timer is None and gc.isenabled()


def test_a_collection_under_way_when_a_rebuild_starts_leaves_the_collector_paused(
        adapter: ModuleType, collector: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    collecting, release = threading.Event(), threading.Event()

    def slow_collect() -> None:
        collecting.set()
        release.wait(5)

    monkeypatch.setattr(adapter, "gc", SimpleNamespace(
        collect=slow_collect, isenabled=gc.isenabled, disable=gc.disable, enable=gc.enable))
    collector.pause()
    collector.collect_when_idle()
    timer = collector.timer
    assert collecting.wait(5)  # the timer fired: too late to cancel
    collector.pause()  # the next save
    release.set()
    timer.join(5)
    assert not gc.isenabled()


def test_a_failed_build_makes_the_next_one_full(monkeypatch: pytest.MonkeyPatch) -> None:
    hooks = _load("mkdocs_hooks", monkeypatch)
    hooks.on_startup("serve", dirty=True)
    explainer, _ = check(REPO / "data")
    memory = hooks._serve.memory
    specs = plan(explainer)
    memory.preview.plan(explainer, specs, "code")
    for spec in specs:
        memory.preview.record(spec.src_uri, set())
    assert memory.preview.plan(explainer, specs, "code") == RebuildPlan(False)
    hooks.on_build_error(RuntimeError("a theme template failed"))
    assert memory.preview.plan(explainer, plan(explainer), "code") is EVERYTHING


def test_the_hook_module_is_thin_and_the_package_engine_free() -> None:
    hook = (REPO / "hooks" / "mkdocs_hooks.py").read_text(encoding="utf-8")
    assert len(hook.splitlines()) <= 170
    for path in (REPO / "src" / "tradetalks").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import mkdocs" not in text and "from mkdocs" not in text, path
