"""Hand-computed scores and bad-input findings for the training indicators (一（二）1-5)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import findings_of, path, scored

from targetrule import score_indicator
from targetrule.indicators.training import (
    dibao_children_training,
    rural_transfer_training,
    skill_certification,
    start_business_training,
    vocational_training,
)

# 一（二）1 下岗失业人员职业技能培训人数及培训后就业率


def test_vocational_training_count_short_rate_met() -> None:
    raw = {"trained": 24000, "target": 30000, "employed": 14400, "employment_rate_target": 60}
    got = scored(vocational_training.INDICATOR, raw)
    # count: 24,000 / 30,000 = 0.80
    # rate: 14,400 / 24,000 × 100 = 60% >= 60%: 1
    # 0.6 × 0.80 + 0.4 × 1 = 0.88
    assert got.value == Decimal("0.88")
    assert "24,000" in got.explanation().zh
    assert "30,000" in got.explanation().zh
    assert "60.00%" in got.explanation().zh


def test_vocational_training_rate_short() -> None:
    raw = {"trained": 24000, "target": 30000, "employed": 13200, "employment_rate_target": 60}
    got = scored(vocational_training.INDICATOR, raw)
    # count 0.80; rate 13,200 / 24,000 × 100 = 55%, 5 points short: 1 − 5 × 0.1 = 0.50
    # 0.6 × 0.80 + 0.4 × 0.50 = 0.68
    assert got.value == Decimal("0.68")
    assert "55.00%" in got.explanation().zh


def test_vocational_training_reweighted_by_the_scheme() -> None:
    raw = {"trained": 24000, "target": 30000, "employed": 13200, "employment_rate_target": 60}
    got = scored(vocational_training.INDICATOR, raw, {"count.weight": Decimal(1), "rate.weight": Decimal(1)})
    # (1 × 0.80 + 1 × 0.50) / 2 = 0.65
    assert got.value == Decimal("0.65")


def test_vocational_training_employed_above_trained() -> None:
    raw = {"trained": 24000, "target": 30000, "employed": 24001, "employment_rate_target": 60}
    outcome = score_indicator(vocational_training.INDICATOR, raw)
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(vocational_training.INDICATOR, "employed"))]


def test_vocational_training_rate_target_is_a_percentage() -> None:
    raw = {"trained": 24000, "target": 30000, "employed": 14400, "employment_rate_target": 160}
    outcome = score_indicator(vocational_training.INDICATOR, raw)
    assert findings_of(outcome) == [
        ("input.above_maximum", path(vocational_training.INDICATOR, "employment_rate_target"))
    ]


# 一（二）2 下岗失业人员创业培训人数及创业成功率


def test_start_business_training_rate_deducted_to_zero() -> None:
    raw = {"trained": 5000, "target": 4000, "started": 2000, "success_rate_target": 50}
    got = scored(start_business_training.INDICATOR, raw)
    # count: 5,000 / 4,000 = 1.25, capped at 1
    # rate: 2,000 / 5,000 × 100 = 40%, 10 points short of 50%: 1 − 10 × 0.1 = 0 (扣完为止)
    # 0.6 × 1 + 0.4 × 0 = 0.60
    assert got.value == Decimal("0.6")
    assert "40.00%" in got.explanation().zh
    assert "50.00%" in got.explanation().zh


def test_start_business_training_gentler_deduction() -> None:
    raw = {"trained": 5000, "target": 4000, "started": 2000, "success_rate_target": 50}
    got = scored(start_business_training.INDICATOR, raw, {"rate.deduct_per_point": Decimal("0.05")})
    # rate: 1 − 10 × 0.05 = 0.50; 0.6 × 1 + 0.4 × 0.50 = 0.80
    assert got.value == Decimal("0.8")


def test_start_business_training_missing_rate_target() -> None:
    outcome = score_indicator(start_business_training.INDICATOR, {"trained": 5000, "target": 4000, "started": 2000})
    assert findings_of(outcome) == [("input.missing", path(start_business_training.INDICATOR, "success_rate_target"))]


# 一（二）3 农村劳动力转移就业培训人数及培训后就业率，其中：技能培训人数


RURAL = {"trained": 100000, "target": 100000, "skill_trained": 40000, "employed": 78000, "employment_rate_target": 80}


def test_rural_transfer_training() -> None:
    got = scored(rural_transfer_training.INDICATOR, RURAL)
    # count: 100,000 / 100,000 = 1
    # rate: 78,000 / 100,000 × 100 = 78%, 2 points short of 80%: 1 − 2 × 0.1 = 0.80
    # 0.6 × 1 + 0.4 × 0.80 = 0.92
    assert got.value == Decimal("0.92")
    assert "78.00%" in got.explanation().zh
    assert "100,000" in got.explanation().en


def test_rural_transfer_training_sub_items_above_trained() -> None:
    outcome = score_indicator(rural_transfer_training.INDICATOR, {**RURAL, "skill_trained": 100001, "employed": 100002})
    assert findings_of(outcome) == [
        ("rule.part_exceeds_whole", path(rural_transfer_training.INDICATOR, "employed")),
        ("rule.part_exceeds_whole", path(rural_transfer_training.INDICATOR, "skill_trained")),
    ]


# 一（二）4 低保家庭子女培训人数及培训后就业率，其中：技能培训人数


DIBAO = {"trained": 800, "target": 1000, "skill_trained": 500, "employed": 544, "employment_rate_target": 70}


def test_dibao_children_training() -> None:
    got = scored(dibao_children_training.INDICATOR, DIBAO)
    # count: 800 / 1,000 = 0.80
    # rate: 544 / 800 × 100 = 68%, 2 points short of 70%: 1 − 2 × 0.1 = 0.80
    # 0.6 × 0.80 + 0.4 × 0.80 = 0.80
    assert got.value == Decimal("0.8")
    assert "1,000" in got.explanation().zh
    assert "68.00%" in got.explanation().zh


def test_dibao_children_training_skill_trained_above_trained() -> None:
    outcome = score_indicator(dibao_children_training.INDICATOR, {**DIBAO, "skill_trained": 801})
    assert findings_of(outcome) == [
        ("rule.part_exceeds_whole", path(dibao_children_training.INDICATOR, "skill_trained"))
    ]
    assert "801" in outcome.findings[0].message.zh
    assert "低保家庭子女培训人数" in outcome.findings[0].message.zh


def test_dibao_children_training_missing_target() -> None:
    raw = {k: v for k, v in DIBAO.items() if k != "target"}
    outcome = score_indicator(dibao_children_training.INDICATOR, raw)
    assert findings_of(outcome) == [("input.missing", path(dibao_children_training.INDICATOR, "target"))]


# 一（二）5 参加职业技能鉴定人数，其中：高技能人才人数


def test_skill_certification_completion() -> None:
    got = scored(skill_certification.INDICATOR, {"actual": 45000, "target": 50000, "high_skilled": 3000})
    # 45,000 / 50,000 = 0.90
    assert got.value == Decimal("0.9")
    assert "45,000" in got.explanation().zh


def test_skill_certification_high_skilled_above_total() -> None:
    outcome = score_indicator(skill_certification.INDICATOR, {"actual": 45000, "target": 50000, "high_skilled": 46000})
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(skill_certification.INDICATOR, "high_skilled"))]
