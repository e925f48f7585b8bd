"""Fixtures shared by the test folders: the default engine and the mini scheme (a closer conftest may override)."""

from __future__ import annotations

import pytest

from mini_scheme import MINI
from targetrule import Engine, Scheme


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The default engine: built-in plugins and installed distributions."""
    return Engine()


@pytest.fixture(scope="session")
def mini(engine: Engine) -> Scheme:
    """The mini scheme, loaded."""
    return engine.load_scheme(MINI)
