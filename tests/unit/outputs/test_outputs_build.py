"""`build_outputs`: every file the issue names, sorted, byte-identical between builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from outputs_data import SITE, build_rich

from tradetalks.model import COLLECTIONS, Explainer
from tradetalks.outputs import build_outputs


def test_every_output_is_there(rich: Explainer) -> None:
    files = build_outputs(rich, SITE)
    expected = {"data/explainer.json", "data/datapackage.json", "data/schema/explainer-1.json",
                "feeds/events.atom", "feeds/events.ics"}
    for name in (*COLLECTIONS, "positions", "roles"):
        expected |= {f"data/{name}.json", f"data/{name}.csv"}
    expected |= {f"feeds/topics/{t}.atom" for t in rich.topics}
    expected |= {f"feeds/participants/{p}.atom" for p in rich.participants}
    expected |= {"timeline/anchors.json", "quotes/anchors.json", "sources/anchors.json"}
    assert set(files) == expected
    assert list(files) == sorted(files)
    assert all(isinstance(v, bytes) and v for v in files.values())


def test_two_builds_from_two_copies_of_the_data_are_byte_identical(rich: Explainer,
                                                                    tmp_path: Path) -> None:
    again = build_rich(tmp_path / "elsewhere" / "data")
    assert build_outputs(again, SITE) == build_outputs(rich, SITE)


def test_no_build_clock_in_any_output(rich: Explainer, monkeypatch: pytest.MonkeyPatch) -> None:
    before = build_outputs(rich, SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    assert build_outputs(rich, SITE) == before


def test_site_url_without_trailing_slash_gives_the_same_files(rich: Explainer) -> None:
    assert build_outputs(rich, SITE.rstrip("/")) == build_outputs(rich, SITE)


def test_site_url_must_be_absolute(rich: Explainer) -> None:
    with pytest.raises(ValueError) as error:
        build_outputs(rich, "example.org/talks/")
    assert str(error.value) == (
        "site_url must be an absolute http(s) URL, got 'example.org/talks/'")

