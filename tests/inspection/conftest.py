"""Shared builders for the inspection tests: the test scheme and regions with hand-checkable figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine, Scheme

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def scheme(engine: Engine) -> Scheme:
    return engine.load_scheme(DATA / "inspection.toml")


def figures(
    jobs: tuple[int, int, int] = (100000, 100000, 5000),
    rate: tuple[int, int, Any] = (400, 10000, 4.5),
    petitions: tuple[int, int | None] = (90, 100),
) -> dict[str, Any]:
    """Inputs for the three indicators; the defaults score full marks (10 + 5 + 5 = 20)."""
    decline: dict[str, Any] = {"current": petitions[0]}
    if petitions[1] is not None:
        decline["baseline"] = petitions[1]
    return {
        "employment.new_urban_jobs": {"actual": jobs[0], "target": jobs[1], "public_welfare_posts": jobs[2]},
        "employment.registered_unemployment_rate": {
            "registered_unemployed": rate[0],
            "labour_force": rate[1],
            "ceiling": rate[2],
        },
        "labour_relations.petition_decline": decline,
    }


def region(region_id: str, inputs: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A region of the submissions JSON, full marks unless ``inputs`` says otherwise."""
    return {"id": region_id, "name": region_id, "inputs": figures() if inputs is None else inputs, **extra}
