"""Hand-computed scores and bad-input findings for the unemployment-insurance indicators (一（五）1-3)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import score_indicator
from targetrule.indicators.unemployment_insurance import benefits_on_time, contributions, participants

# 一（五）1 失业保险参保人数


def test_participants_completion() -> None:
    got = scored(participants.INDICATOR, {"actual": 95000, "target": 100000})
    # 95,000 / 100,000 = 0.95
    assert got.value == Decimal("0.95")
    assert "95,000" in got.explanation().zh
    assert "100,000" in got.explanation().en


def test_participants_over_target_is_capped_at_full_marks() -> None:
    got = scored(participants.INDICATOR, {"actual": 120000, "target": 100000})
    # 120,000 / 100,000 = 1.2, capped at the default cap of 1
    assert got.value == Decimal(1)


def test_participants_missing_target() -> None:
    outcome = score_indicator(participants.INDICATOR, {"actual": 95000})
    assert only_finding(outcome) == ("input.missing", path(participants.INDICATOR, "target"))
    assert "目标任务数" in outcome.findings[0].message.zh


# 一（五）2 失业保险费征缴金额（含清欠）


def test_contributions_completion() -> None:
    got = scored(contributions.INDICATOR, {"actual": "4500.5", "target": 5000, "arrears_recovered": 300})
    # 4,500.5 / 5,000 = 0.9001
    assert got.value == Decimal("0.9001")
    assert "4,500.5" in got.explanation().zh


def test_contributions_arrears_above_total() -> None:
    outcome = score_indicator(contributions.INDICATOR, {"actual": "4500.5", "target": 5000, "arrears_recovered": 5000})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(contributions.INDICATOR, "arrears_recovered"))
    assert "清欠金额" in outcome.findings[0].message.zh


# 一（五）3 失业保险金按时足额发放率


def test_benefits_on_time_per_point() -> None:
    got = scored(benefits_on_time.INDICATOR, {"due": 2000, "paid_on_time": 1960})
    # 1,960 / 2,000 = 98.00%; 2 points below 100%; 1 − 2 × 0.1 = 0.8
    assert got.value == Decimal("0.8")
    assert "98.00%" in got.explanation().zh


def test_benefits_on_time_in_full_and_nothing_due() -> None:
    # 2,000 / 2,000 = 100% → full marks; nothing due → the rate is taken as 100% → full marks
    assert scored(benefits_on_time.INDICATOR, {"due": 2000, "paid_on_time": 2000}).value == Decimal(1)
    assert scored(benefits_on_time.INDICATOR, {"due": 0, "paid_on_time": 0}).value == Decimal(1)


def test_benefits_on_time_scheme_deduction() -> None:
    params = {
        "standard": Decimal(100),
        "deduct_per_point": Decimal("0.05"),
        "bonus_per_point": Decimal(0),
        "cap": Decimal(1),
    }
    got = scored(benefits_on_time.INDICATOR, {"due": 2000, "paid_on_time": 1960}, params)
    # 98.00%: 2 points below; 1 − 2 × 0.05 = 0.9
    assert got.value == Decimal("0.9")


def test_benefits_paid_above_due() -> None:
    outcome = score_indicator(benefits_on_time.INDICATOR, {"due": 2000, "paid_on_time": 2100})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(benefits_on_time.INDICATOR, "paid_on_time"))
