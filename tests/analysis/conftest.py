"""Fixtures for the sensitivity-analysis tests: the bundled scheme and data, evaluated once."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("numpy", reason="the analysis tests need numpy: pip install 'targetrule[analysis]'")
pytest.importorskip("scipy", reason="the analysis tests need scipy: pip install 'targetrule[analysis]'")

from targetrule import Engine, Evaluation, Scheme

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "targetrule" / "examples" / "jilin-2007.json"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The built-in plugins only."""
    return Engine(entry_points=False)


@pytest.fixture(scope="session")
def scheme(engine: Engine) -> Scheme:
    """The bundled jilin-2007 scheme."""
    return engine.load_scheme("jilin-2007")


@pytest.fixture(scope="session")
def evaluation(engine: Engine, scheme: Scheme) -> Evaluation:
    """The bundled example data, evaluated."""
    return engine.evaluate(scheme, EXAMPLE)
