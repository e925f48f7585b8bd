"""Hand-computed scores and bad-input findings for the employment indicators (一（一）1-10)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import only_finding, path, scored

from targetrule import default_params, score_indicator
from targetrule.indicators.employment import (
    entrepreneurship_projects,
    full_employment_communities,
    fund_budget,
    guarantee_fund,
    guaranteed_loans,
    labour_export,
    new_urban_jobs,
    reemployment,
    registered_unemployment_rate,
    zero_employment_households,
)

# 一（一）1 城镇新增就业人数


def test_new_urban_jobs_completion() -> None:
    got = scored(new_urban_jobs.INDICATOR, {"actual": 95000, "target": 100000, "public_welfare_posts": 3500})
    # 95,000 / 100,000 = 0.95
    assert got.value == Decimal("0.95")
    assert "95,000" in got.explanation().zh
    assert "100,000" in got.explanation().en


def test_new_urban_jobs_over_completion_within_the_schemes_cap() -> None:
    raw = {"actual": 110000, "target": 100000, "public_welfare_posts": 0}
    # 110,000 / 100,000 = 1.10; default cap 1 -> 1; with cap 1.2 -> 1.10
    assert scored(new_urban_jobs.INDICATOR, raw).value == Decimal(1)
    assert scored(new_urban_jobs.INDICATOR, raw, {"cap": Decimal("1.2")}).value == Decimal("1.1")


def test_new_urban_jobs_public_welfare_posts_above_total() -> None:
    outcome = score_indicator(
        new_urban_jobs.INDICATOR, {"actual": 95000, "target": 100000, "public_welfare_posts": 95001}
    )
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(new_urban_jobs.INDICATOR, "public_welfare_posts"))
    assert "95001" in outcome.findings[0].message.zh


def test_new_urban_jobs_missing_target() -> None:
    outcome = score_indicator(new_urban_jobs.INDICATOR, {"actual": 95000, "public_welfare_posts": 3500})
    assert only_finding(outcome) == ("input.missing", path(new_urban_jobs.INDICATOR, "target"))


# 一（一）2 下岗失业人员再就业人数


def test_reemployment_completion() -> None:
    got = scored(reemployment.INDICATOR, {"actual": 40000, "target": 50000, "older_hard_to_employ": 12000})
    # 40,000 / 50,000 = 0.80
    assert got.value == Decimal("0.8")
    assert "40,000" in got.explanation().zh


def test_reemployment_above_target_is_full_marks() -> None:
    # 51,500 / 50,000 = 1.03, capped at 1 by default
    got = scored(reemployment.INDICATOR, {"actual": 51500, "target": 50000, "older_hard_to_employ": 12000})
    assert got.value == Decimal(1)


def test_reemployment_older_people_above_total() -> None:
    outcome = score_indicator(reemployment.INDICATOR, {"actual": 40000, "target": 50000, "older_hard_to_employ": 40001})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(reemployment.INDICATOR, "older_hard_to_employ"))


def test_reemployment_sub_item_is_required() -> None:
    outcome = score_indicator(reemployment.INDICATOR, {"actual": 40000, "target": 50000})
    assert only_finding(outcome) == ("input.missing", path(reemployment.INDICATOR, "older_hard_to_employ"))


# 一（一）3 城镇登记失业率


def test_unemployment_rate_at_the_ceiling_is_full_marks() -> None:
    raw = {"registered_unemployed": 18000, "labour_force": 400000, "ceiling": "4.5"}
    got = scored(registered_unemployment_rate.INDICATOR, raw)
    # 18,000 / 400,000 × 100 = 4.50% <= 4.5%: full marks
    assert got.value == Decimal(1)
    assert got.facts["rate"] == Decimal("4.5")


def test_unemployment_rate_over_the_ceiling() -> None:
    raw = {"registered_unemployed": 19000, "labour_force": 400000, "ceiling": "4.5%"}
    got = scored(registered_unemployment_rate.INDICATOR, raw)
    # 19,000 / 400,000 × 100 = 4.75%; 0.25 points over 4.5%; 1 − 0.25 × 1 = 0.75
    assert got.value == Decimal("0.75")
    assert "4.75%" in got.explanation().zh
    assert "4.50%" in got.explanation().zh


def test_unemployment_rate_against_a_regions_own_ceiling() -> None:
    raw = {"registered_unemployed": 17400, "labour_force": 400000, "ceiling": "4.2"}
    params = {**default_params(registered_unemployment_rate.INDICATOR.formula), "deduct_per_point": Decimal("0.5")}
    got = scored(registered_unemployment_rate.INDICATOR, raw, params)
    # 17,400 / 400,000 × 100 = 4.35%; 0.15 points over 4.2%; 1 − 0.15 × 0.5 = 0.925
    assert got.value == Decimal("0.925")


def test_unemployment_rate_unemployed_above_labour_force() -> None:
    raw = {"registered_unemployed": 400001, "labour_force": 400000, "ceiling": "4.5"}
    outcome = score_indicator(registered_unemployment_rate.INDICATOR, raw)
    assert only_finding(outcome) == (
        "rule.part_exceeds_whole",
        path(registered_unemployment_rate.INDICATOR, "registered_unemployed"),
    )


def test_unemployment_rate_empty_labour_force() -> None:
    raw = {"registered_unemployed": 0, "labour_force": 0, "ceiling": "4.5"}
    outcome = score_indicator(registered_unemployment_rate.INDICATOR, raw)
    assert only_finding(outcome) == (
        "input.below_minimum",
        path(registered_unemployment_rate.INDICATOR, "labour_force"),
    )


def test_unemployment_rate_missing_ceiling() -> None:
    outcome = score_indicator(registered_unemployment_rate.INDICATOR, {"registered_unemployed": 1, "labour_force": 2})
    assert only_finding(outcome) == ("input.missing", path(registered_unemployment_rate.INDICATOR, "ceiling"))


# 一（一）4 创业促就业成功项目数量


def test_entrepreneurship_projects_completion() -> None:
    got = scored(entrepreneurship_projects.INDICATOR, {"actual": 450, "target": 500})
    # 450 / 500 = 0.90
    assert got.value == Decimal("0.9")
    assert "450" in got.explanation().zh


def test_entrepreneurship_projects_bad_counts() -> None:
    outcome = score_indicator(entrepreneurship_projects.INDICATOR, {"actual": "12.5"})
    codes = sorted((f.code, f.path) for f in outcome.findings)
    assert codes == [
        ("input.missing", path(entrepreneurship_projects.INDICATOR, "target")),
        ("input.not_integer", path(entrepreneurship_projects.INDICATOR, "actual")),
    ]


# 一（一）5 创建充分就业社区数量


def test_full_employment_communities_completion() -> None:
    got = scored(full_employment_communities.INDICATOR, {"actual": 36, "target": 40})
    # 36 / 40 = 0.90
    assert got.value == Decimal("0.9")
    assert "36" in got.explanation().zh


def test_full_employment_communities_text_is_not_a_number() -> None:
    outcome = score_indicator(full_employment_communities.INDICATOR, {"actual": "三十六", "target": 40})
    assert only_finding(outcome) == ("input.not_a_number", path(full_employment_communities.INDICATOR, "actual"))


# 一（一）6 解决零就业家庭比率


def test_zero_employment_households_short_of_all() -> None:
    got = scored(zero_employment_households.INDICATOR, {"identified": 1200, "resolved": 1176})
    # 1,176 / 1,200 × 100 = 98%; 2 points short of 100%; 1 − 2 × 0.1 = 0.80
    assert got.value == Decimal("0.8")
    assert "98.00%" in got.explanation().zh


def test_zero_employment_households_none_identified_is_full_marks() -> None:
    # nothing identified, nothing left unresolved: the ratio's zero-denominator value is 100%
    got = scored(zero_employment_households.INDICATOR, {"identified": 0, "resolved": 0})
    assert got.value == Decimal(1)


def test_zero_employment_households_resolved_above_identified() -> None:
    outcome = score_indicator(zero_employment_households.INDICATOR, {"identified": 1200, "resolved": 1300})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(zero_employment_households.INDICATOR, "resolved"))
    assert "1300" in outcome.findings[0].message.zh
    assert "1200" in outcome.findings[0].message.en


# 一（一）7 就业再就业资金最低预算到位率


def test_fund_budget_partly_in_place() -> None:
    got = scored(fund_budget.INDICATOR, {"budget_required": 8000, "budget_in_place": "7,600"})
    # 7,600 / 8,000 × 100 = 95%; 5 points short; 1 − 5 × 0.1 = 0.50
    assert got.value == Decimal("0.5")
    assert "95.00%" in got.explanation().zh


def test_fund_budget_in_place_above_required() -> None:
    outcome = score_indicator(fund_budget.INDICATOR, {"budget_required": 8000, "budget_in_place": 8200})
    assert only_finding(outcome) == ("rule.part_exceeds_whole", path(fund_budget.INDICATOR, "budget_in_place"))


# 一（一）8 劳务输出人数


LABOUR_EXPORT = {
    "actual": 300000,
    "target": 320000,
    "rural_export": 280000,
    "out_of_province": 150000,
    "rural_transfer": 260000,
    "abroad": 2000,
}


def test_labour_export_completion_with_overlapping_sub_items() -> None:
    # the four sub-items add up to 692,000 > 300,000: they overlap, so that is no finding
    got = scored(labour_export.INDICATOR, LABOUR_EXPORT)
    # 300,000 / 320,000 = 0.9375
    assert got.value == Decimal("0.9375")
    assert "300,000" in got.explanation().zh
    assert "320,000" in got.explanation().zh


def test_labour_export_each_sub_item_within_total() -> None:
    outcome = score_indicator(labour_export.INDICATOR, {**LABOUR_EXPORT, "abroad": 300001, "rural_export": 300001})
    assert outcome.attainment is None
    assert sorted((f.code, f.path) for f in outcome.findings) == [
        ("rule.part_exceeds_whole", path(labour_export.INDICATOR, "abroad")),
        ("rule.part_exceeds_whole", path(labour_export.INDICATOR, "rural_export")),
    ]


# 一（一）9 小额贷款担保基金当年新到位金额


def test_guarantee_fund_completion_in_wan_yuan() -> None:
    got = scored(guarantee_fund.INDICATOR, {"actual": "2,437.5", "target": 3250})
    # 2,437.5 / 3,250 = 0.75
    assert got.value == Decimal("0.75")
    assert "2,437.5" in got.explanation().zh
    assert "3,250" in got.explanation().zh


def test_guarantee_fund_missing_actual() -> None:
    outcome = score_indicator(guarantee_fund.INDICATOR, {"target": 3250})
    assert only_finding(outcome) == ("input.missing", path(guarantee_fund.INDICATOR, "actual"))


# 一（一）10 小额担保贷款当年新发放金额


def test_guaranteed_loans_over_completion() -> None:
    raw = {"actual": 15600, "target": 12000}
    # 15,600 / 12,000 = 1.30; default cap 1 -> 1; cap 1.2 -> 1.2; cap 1.5 -> 1.30
    assert scored(guaranteed_loans.INDICATOR, raw).value == Decimal(1)
    assert scored(guaranteed_loans.INDICATOR, raw, {"cap": Decimal("1.2")}).value == Decimal("1.2")
    got = scored(guaranteed_loans.INDICATOR, raw, {"cap": Decimal("1.5")})
    assert got.value == Decimal("1.3")
    assert "15,600" in got.explanation().zh


def test_guaranteed_loans_nan_is_refused() -> None:
    outcome = score_indicator(guaranteed_loans.INDICATOR, {"actual": float("nan"), "target": 12000})
    assert only_finding(outcome) == ("input.not_finite", path(guaranteed_loans.INDICATOR, "actual"))
