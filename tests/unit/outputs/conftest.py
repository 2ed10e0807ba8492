"""Session-wide models for the output tests (see `outputs_data` for what each holds)."""

from __future__ import annotations

import pytest
from outputs_data import SEED_DATA, _build, build_hostile, build_rich, build_shipped

from tradetalks.model import Explainer


@pytest.fixture(scope="session")
def shipped() -> Explainer:
    return build_shipped()


@pytest.fixture(scope="session")
def seed() -> Explainer:
    """The seed article's facts alone: small and frozen, for exact expectations."""
    return _build(SEED_DATA)


@pytest.fixture(scope="session")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return build_rich(tmp_path_factory.mktemp("rich") / "data")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Explainer:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "data")
