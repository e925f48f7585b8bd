"""Hand-computed scores and bad-input findings for the Golden Insurance Project indicators (一（八）1-3)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import score_indicator
from targetrule.indicators.golden_insurance import data_centre, fund_compliance, network_coverage

# 一（八）1 基金管理合规率


def test_fund_compliance_from_amounts() -> None:
    outcome = score_indicator(fund_compliance.INDICATOR, {"funds": 50000, "non_compliant": 250})
    # (50,000 − 250) / 50,000 × 100 = 99.5%; 0.5 points below 100%; 1 − 0.5 × 0.1 = 0.95
    assert outcome.values["compliance_rate"] == Decimal("99.5")
    assert outcome.attainment is not None
    assert outcome.attainment.value == Decimal("0.95")
    assert "99.50%" in outcome.attainment.explanation().zh


def test_fund_compliance_clean_and_no_funds() -> None:
    # nothing non-compliant → 100% → full marks; no funds examined → taken as 100% → full marks
    assert scored(fund_compliance.INDICATOR, {"funds": 50000, "non_compliant": 0}).value == Decimal(1)
    assert scored(fund_compliance.INDICATOR, {"funds": 0, "non_compliant": 0}).value == Decimal(1)


def test_fund_non_compliant_above_all_funds() -> None:
    outcome = score_indicator(fund_compliance.INDICATOR, {"funds": 50000, "non_compliant": 60000})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(fund_compliance.INDICATOR, "non_compliant"))
    assert "不合规金额" in outcome.findings[0].message.zh
    assert "全部基金" in outcome.findings[0].message.zh


# 一（八）2 市级数据中心基础建设完成率


def test_data_centre_completion() -> None:
    outcome = score_indicator(data_centre.INDICATOR, {"planned": 10, "completed": 8})
    # 8 / 10 = 0.8 (rate 80%)
    assert outcome.values["completion_rate"] == Decimal(80)
    assert outcome.attainment is not None
    assert outcome.attainment.value == Decimal("0.8")
    assert "完成 8 / 目标 10" in outcome.attainment.explanation().zh


def test_data_centre_completed_above_planned() -> None:
    outcome = score_indicator(data_centre.INDICATOR, {"planned": 10, "completed": 12})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(data_centre.INDICATOR, "completed"))


# 一（八）3 劳动保障城域网建设覆盖率


def test_network_coverage_completion() -> None:
    got = scored(network_coverage.INDICATOR, {"to_network": 50, "networked": 45})
    # 45 / 50 = 0.9
    assert got.value == Decimal("0.9")
    assert "45" in got.explanation().en
    assert "90.00%" in got.explanation().en


def test_network_coverage_missing_target() -> None:
    outcome = score_indicator(network_coverage.INDICATOR, {"networked": 45})
    assert only_finding(outcome) == ("input.missing", path(network_coverage.INDICATOR, "to_network"))
