"""Hand-computed scores and bad-input findings for the work-injury and maternity indicators (一（七）1-2)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import score_indicator
from targetrule.indicators.injury_maternity import injury_participants, maternity_participants

# 一（七）1 工伤保险参保人数，其中：农民工


def test_injury_participants_compound() -> None:
    raw = {"actual": 120000, "target": 150000, "migrant_workers": 30000, "migrant_target": 30000}
    got = scored(injury_participants.INDICATOR, raw)
    # total 120,000 / 150,000 = 0.8; migrant workers 30,000 / 30,000 = 1
    # 0.8 × 0.8 + 0.2 × 1 = 0.64 + 0.2 = 0.84
    assert got.value == Decimal("0.84")
    assert "120,000" in got.explanation().zh
    assert "84.00%" in got.explanation().en


def test_injury_migrant_target_above_total_target() -> None:
    raw = {"actual": 120000, "target": 150000, "migrant_workers": 30000, "migrant_target": 160000}
    outcome = score_indicator(injury_participants.INDICATOR, raw)
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(injury_participants.INDICATOR, "migrant_target"))


def test_injury_compound_weights_from_the_scheme() -> None:
    raw = {"actual": 120000, "target": 150000, "migrant_workers": 15000, "migrant_target": 30000}
    params = {
        "total.weight": Decimal(1),
        "total.cap": Decimal(1),
        "migrant.weight": Decimal(1),
        "migrant.cap": Decimal(1),
    }
    got = scored(injury_participants.INDICATOR, raw, params)
    # (1 × 0.8 + 1 × 0.5) / 2 = 0.65
    assert got.value == Decimal("0.65")


# 一（七）2 生育保险参保人数


def test_maternity_participants_completion() -> None:
    got = scored(maternity_participants.INDICATOR, {"actual": 76000, "target": 80000})
    # 76,000 / 80,000 = 0.95
    assert got.value == Decimal("0.95")
    assert "76,000" in got.explanation().zh


def test_maternity_missing_target() -> None:
    outcome = score_indicator(maternity_participants.INDICATOR, {"actual": 76000})
    assert only_finding(outcome) == ("input.missing", path(maternity_participants.INDICATOR, "target"))
