"""Hand-computed scores and bad-input findings for the minimum-living-allowance indicators (一（九）1-6)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import score_indicator
from targetrule.indicators.dibao import (
    budget,
    collective_retirees,
    coverage,
    socialised_payment,
    topup_standards,
    welfare_centres,
)

# 一（九）1 应保尽保、分类施保率


def test_coverage_compound() -> None:
    raw = {"eligible": 20000, "covered": 19800, "category_due": 4000, "category_given": 3800}
    got = scored(coverage.INDICATOR, raw)
    # 应保尽保 19,800 / 20,000 = 99%: 1 point below, 1 − 1 × 0.1 = 0.9
    # 分类施保 3,800 / 4,000 = 95%: 5 points below, 1 − 5 × 0.1 = 0.5
    # 0.7 × 0.9 + 0.3 × 0.5 = 0.63 + 0.15 = 0.78
    assert got.value == Decimal("0.78")
    zh = got.explanation().zh
    assert "99.00%" in zh
    assert "95.00%" in zh


def test_coverage_category_due_above_covered() -> None:
    raw = {"eligible": 20000, "covered": 19800, "category_due": 20000, "category_given": 3800}
    outcome = score_indicator(coverage.INDICATOR, raw)
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(coverage.INDICATOR, "category_due"))


def test_coverage_covered_above_eligible() -> None:
    raw = {"eligible": 20000, "covered": 20001, "category_due": 4000, "category_given": 3800}
    outcome = score_indicator(coverage.INDICATOR, raw)
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(coverage.INDICATOR, "covered"))


# 一（九）2 城乡低保补差标准到位率，其中：城市、农村


def test_topup_standards_completion() -> None:
    got = scored(topup_standards.INDICATOR, {"due": 20, "met": 18, "urban_met": 10, "rural_met": 8})
    # 18 / 20 = 0.9
    assert got.value == Decimal("0.9")
    assert "完成 18 / 目标 20" in got.explanation().zh


def test_topup_urban_and_rural_above_total() -> None:
    outcome = score_indicator(topup_standards.INDICATOR, {"due": 20, "met": 18, "urban_met": 10, "rural_met": 9})
    # 10 + 9 = 19 > 18
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(topup_standards.INDICATOR, "urban_met"))
    assert "19" in outcome.findings[0].message.zh


def test_topup_urban_alone_above_total() -> None:
    outcome = score_indicator(topup_standards.INDICATOR, {"due": 20, "met": 18, "urban_met": 19, "rural_met": 0})
    codes = [(f.code, f.path) for f in outcome.findings]
    # the sub-item rule and the sum rule both see it
    assert codes.count(("rule.part_exceeds_whole", path(topup_standards.INDICATOR, "urban_met"))) == 2
    assert outcome.attainment is None


# 一（九）3 城市低保资金地方最低预算足额到位率


def test_budget_per_point() -> None:
    got = scored(budget.INDICATOR, {"required": 3000, "in_place": 2940})
    # 2,940 / 3,000 = 98%: 2 points below, 1 − 2 × 0.1 = 0.8
    assert got.value == Decimal("0.8")
    assert "98.00%" in got.explanation().zh


def test_budget_missing_required() -> None:
    outcome = score_indicator(budget.INDICATOR, {"in_place": 2940})
    assert only_finding(outcome) == ("input.missing", path(budget.INDICATOR, "required"))


# 一（九）4 社会化发放及信息化建设达标率


def test_socialised_payment_compound() -> None:
    raw = {"recipients": 50000, "paid_socially": 49500, "localities": 10, "it_compliant": 7}
    got = scored(socialised_payment.INDICATOR, raw)
    # payment 49,500 / 50,000 = 99%: 1 − 1 × 0.1 = 0.9; information 7 / 10 = 0.7
    # 0.5 × 0.9 + 0.5 × 0.7 = 0.45 + 0.35 = 0.8
    assert got.value == Decimal("0.8")
    assert "99.00%" in got.explanation().zh
    assert "完成 7 / 目标 10" in got.explanation().zh


def test_socialised_it_above_localities() -> None:
    raw = {"recipients": 50000, "paid_socially": 49500, "localities": 10, "it_compliant": 11}
    outcome = score_indicator(socialised_payment.INDICATOR, raw)
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(socialised_payment.INDICATOR, "it_compliant"))


# 一（九）5 农村社会福利中心建设完成率


def test_welfare_centres_completion() -> None:
    got = scored(welfare_centres.INDICATOR, {"planned": 12, "completed": 9})
    # 9 / 12 = 0.75
    assert got.value == Decimal("0.75")
    assert "75.00%" in got.explanation().zh


def test_welfare_centres_completed_above_planned() -> None:
    outcome = score_indicator(welfare_centres.INDICATOR, {"planned": 12, "completed": 13})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(welfare_centres.INDICATOR, "completed"))


# 一（九）6 未参保集体企业退休人员生活费发放率


def test_collective_retirees_completion() -> None:
    got = scored(collective_retirees.INDICATOR, {"retirees": 8000, "paid": 7600})
    # 7,600 / 8,000 = 0.95
    assert got.value == Decimal("0.95")
    assert "7,600" in got.explanation().zh


def test_collective_retirees_paid_above_retirees() -> None:
    outcome = score_indicator(collective_retirees.INDICATOR, {"retirees": 8000, "paid": 8100})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(collective_retirees.INDICATOR, "paid"))
