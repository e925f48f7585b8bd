"""Hand-computed scores and bad-input findings for the labour-relations indicators (一（三）1-5)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import findings_of, path, scored

from targetrule import score_indicator
from targetrule.indicators.labour_relations import (
    arrears_clearance,
    case_closure,
    contract_signing,
    migrant_wages,
    petition_decline,
)

# 一（三）1 企业劳动合同签订率


def test_contract_signing_middle_tier() -> None:
    got = scored(contract_signing.INDICATOR, {"due": 200000, "signed": 184000})
    # 184,000 / 200,000 × 100 = 92%: reaches the 90% tier (not 95%), worth 0.80
    assert got.value == Decimal("0.8")
    assert "92.00%" in got.explanation().zh


def test_contract_signing_top_tier_and_below_every_tier() -> None:
    # 190,000 / 200,000 × 100 = 95%: the top tier, 1
    assert scored(contract_signing.INDICATOR, {"due": 200000, "signed": 190000}).value == Decimal(1)
    # 150,000 / 200,000 × 100 = 75%: below the 80% tier, floor 0
    assert scored(contract_signing.INDICATOR, {"due": 200000, "signed": 150000}).value == Decimal(0)


def test_contract_signing_signed_above_due() -> None:
    outcome = score_indicator(contract_signing.INDICATOR, {"due": 200000, "signed": 200001})
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(contract_signing.INDICATOR, "signed"))]
    assert "200001" in outcome.findings[0].message.zh


# 一（三）2 企业历史拖欠工资清欠率


def test_arrears_clearance_per_point() -> None:
    got = scored(arrears_clearance.INDICATOR, {"owed": 5000, "cleared": "4,850"})
    # 4,850 / 5,000 × 100 = 97%; 3 points short of 100%: 1 − 3 × 0.1 = 0.70
    assert got.value == Decimal("0.7")
    assert "97.00%" in got.explanation().zh


def test_arrears_clearance_nothing_owed_is_full_marks() -> None:
    # no arrears: the ratio's zero-denominator value is 100%
    assert scored(arrears_clearance.INDICATOR, {"owed": 0, "cleared": 0}).value == Decimal(1)


def test_arrears_clearance_cleared_above_owed() -> None:
    outcome = score_indicator(arrears_clearance.INDICATOR, {"owed": 5000, "cleared": "5000.5"})
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(arrears_clearance.INDICATOR, "cleared"))]


# 一（三）3 农民工工资当期支付率


def test_migrant_wages_half_a_point_short() -> None:
    got = scored(migrant_wages.INDICATOR, {"due": 120000, "paid": 119400})
    # 119,400 / 120,000 × 100 = 99.5%; 0.5 points short: 1 − 0.5 × 0.1 = 0.95
    assert got.value == Decimal("0.95")
    assert "99.50%" in got.explanation().zh


def test_migrant_wages_missing_due() -> None:
    outcome = score_indicator(migrant_wages.INDICATOR, {"paid": 119400})
    assert findings_of(outcome) == [("input.missing", path(migrant_wages.INDICATOR, "due"))]


def test_migrant_wages_negative_amount() -> None:
    outcome = score_indicator(migrant_wages.INDICATOR, {"due": 120000, "paid": -1})
    assert findings_of(outcome) == [("input.below_minimum", path(migrant_wages.INDICATOR, "paid"))]


# 一（三）4 查处举报投诉案件结案率及行政复议维持率


CASES = {"accepted": 800, "closed": 760, "reviews_decided": 40, "reviews_upheld": 34}


def test_case_closure_compound() -> None:
    got = scored(case_closure.INDICATOR, CASES)
    # closure: 760 / 800 × 100 = 95%: top tier, 1
    # upheld: 34 / 40 × 100 = 85%: the 80% tier, 0.50
    # 0.6 × 1 + 0.4 × 0.50 = 0.80
    assert got.value == Decimal("0.8")
    assert "95.00%" in got.explanation().zh
    assert "85.00%" in got.explanation().zh


def test_case_closure_no_reconsiderations() -> None:
    got = scored(case_closure.INDICATOR, {**CASES, "closed": 728, "reviews_decided": 0, "reviews_upheld": 0})
    # closure: 728 / 800 × 100 = 91%: the 90% tier, 0.80
    # upheld: none decided, none overturned: 100%, 1
    # 0.6 × 0.80 + 0.4 × 1 = 0.88
    assert got.value == Decimal("0.88")


def test_case_closure_upheld_above_decided() -> None:
    outcome = score_indicator(case_closure.INDICATOR, {**CASES, "reviews_upheld": 41})
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(case_closure.INDICATOR, "reviews_upheld"))]
    assert "行政复议审结案件数" in outcome.findings[0].message.zh


# 一（三）5 职工群众来省进京上访下降率


def test_petition_decline_short_of_the_target_decline() -> None:
    got = scored(petition_decline.INDICATOR, {"current": 235, "baseline": 250})
    # (250 − 235) / 250 × 100 = 6% decline; target 10%: 6 / 10 = 0.60
    assert got.value == Decimal("0.6")
    assert "250" in got.explanation().zh
    assert "235" in got.explanation().zh
    assert "6.00%" in got.explanation().zh


def test_petition_decline_beyond_target_and_rise() -> None:
    # (250 − 220) / 250 × 100 = 12% >= 10%: 1
    assert scored(petition_decline.INDICATOR, {"current": 220, "baseline": 250}).value == Decimal(1)
    # (250 − 260) / 250 × 100 = −4%: a rise scores 0
    assert scored(petition_decline.INDICATOR, {"current": 260, "baseline": 250}).value == Decimal(0)


def test_petition_decline_zero_last_year() -> None:
    # last year 0: still 0 is full marks, any petition is none
    assert scored(petition_decline.INDICATOR, {"current": 0, "baseline": 0}).value == Decimal(1)
    assert scored(petition_decline.INDICATOR, {"current": 3, "baseline": 0}).value == Decimal(0)


def test_petition_decline_missing_baseline() -> None:
    outcome = score_indicator(petition_decline.INDICATOR, {"current": 235})
    assert findings_of(outcome) == [("input.missing", path(petition_decline.INDICATOR, "baseline"))]
    assert "上年" in outcome.findings[0].message.zh
