"""Hand-computed scores and bad-input findings for the medical-insurance indicators (一（六）1-2)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import score_indicator
from targetrule.indicators.medical_insurance import employee_participants, resident_participants

# 一（六）1 城镇职工基本医疗保险参保人数，其中：农民工


def test_employee_participants_compound() -> None:
    raw = {"actual": 180000, "target": 200000, "migrant_workers": 15000, "migrant_target": 20000}
    got = scored(employee_participants.INDICATOR, raw)
    # total 180,000 / 200,000 = 0.9; migrant workers 15,000 / 20,000 = 0.75
    # (0.8 × 0.9 + 0.2 × 0.75) / (0.8 + 0.2) = (0.72 + 0.15) / 1 = 0.87
    assert got.value == Decimal("0.87")
    zh = got.explanation().zh
    assert "180,000" in zh
    assert "15,000" in zh
    assert "87.00%" in zh


def test_employee_migrant_workers_above_total() -> None:
    raw = {"actual": 180000, "target": 200000, "migrant_workers": 190000, "migrant_target": 20000}
    outcome = score_indicator(employee_participants.INDICATOR, raw)
    assert only_finding(outcome) == (
        "rule.part_exceeds_whole",
        path(employee_participants.INDICATOR, "migrant_workers"),
    )
    assert "农民工" in outcome.findings[0].message.zh


# 一（六）2 城镇居民基本医疗保险参保人数，其中：农民工


def test_resident_participants_compound_with_total_over_target() -> None:
    raw = {"actual": 50000, "target": 40000, "migrant_workers": 1000, "migrant_target": 2000}
    got = scored(resident_participants.INDICATOR, raw)
    # total 50,000 / 40,000 = 1.25, capped at 1; migrant workers 1,000 / 2,000 = 0.5
    # 0.8 × 1 + 0.2 × 0.5 = 0.9
    assert got.value == Decimal("0.9")
    assert "2,000" in got.explanation().en


def test_resident_participants_missing_migrant_target() -> None:
    outcome = score_indicator(
        resident_participants.INDICATOR, {"actual": 50000, "target": 40000, "migrant_workers": 1000}
    )
    assert only_finding(outcome) == ("input.missing", path(resident_participants.INDICATOR, "migrant_target"))
