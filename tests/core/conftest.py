"""Fixtures for the core tests: an engine with only the built-in core plugin and the sample plugin."""

from __future__ import annotations

import pytest

from targetrule import Engine, Registry, Scheme, SchemeSource, builtin
from targetrule.scheme_loader import load_scheme

from . import sample_plugin


@pytest.fixture(scope="session")
def registry() -> Registry:
    """Only the core plugin and the sample indicators: no entry points, no built-in indicators."""
    return Registry.from_plugins([builtin, sample_plugin])


@pytest.fixture(scope="session")
def engine(registry: Registry) -> Engine:
    """An engine over that registry."""
    return Engine(registry)


@pytest.fixture(scope="session")
def scheme(registry: Registry) -> Scheme:
    """The sample scheme, loaded."""
    return load_scheme(SchemeSource("sample", sample_plugin.SCHEME, "test"), registry)
