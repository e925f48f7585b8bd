"""The mini scheme (one indicator worth 10 points) and a small submission, shared by the format and CLI tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine, Scheme

MINI = Path(__file__).parent / "data" / "mini.toml"
JOBS = "employment.new_urban_jobs"


def mini_data() -> dict[str, Any]:
    """Three regions under the mini scheme (one indicator worth 10 points, capped completion)."""
    return {
        "scheme": "mini",
        "regions": [
            {
                "id": "jia",
                "name": {"zh": "甲市", "en": "Jia"},
                # 95000 / 100000 = 0.95; 0.95 × 10 points = 9.50
                "inputs": {JOBS: {"actual": 95000, "target": 100000, "public_welfare_posts": 1000}},
            },
            {
                "id": "yi",
                "name": {"zh": "乙市", "en": "Yi"},
                # 80000 / 100000 = 0.80; 0.80 × 10 points = 8.00
                "inputs": {JOBS: {"actual": 80000, "target": 100000, "public_welfare_posts": 500}},
            },
            {
                "id": "changbai",
                "name": {"zh": "长白山管委会", "en": "Changbai Mountain"},
                "survey_only": True,
                # 9000 / 10000 = 0.90; 0.90 × 10 points = 9.00
                "inputs": {JOBS: {"actual": 9000, "target": 10000, "public_welfare_posts": 10}},
            },
        ],
    }


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The default engine: built-in plugins and installed distributions."""
    return Engine()


@pytest.fixture(scope="session")
def mini(engine: Engine) -> Scheme:
    """The mini scheme, loaded."""
    return engine.load_scheme(MINI)
