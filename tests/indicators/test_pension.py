"""Hand-computed scores and bad-input findings for the pension indicators (一（四）1-4)."""

from __future__ import annotations

from decimal import Decimal

from indicator_helpers import findings_of, path, scored

from targetrule import score_indicator
from targetrule.indicators.pension import community_management, contributions, paid_on_time, participants

# 一（四）1 基本养老保险参保人数，其中：失地农民参保人数；实际缴费人数占参保人数的比例


PARTICIPANTS = {
    "participants": 2000000,
    "target": 2500000,
    "landless_farmers": 50000,
    "paying": 1700000,
    "paying_share_target": 90,
}


def test_participants_compound() -> None:
    got = scored(participants.INDICATOR, PARTICIPANTS)
    # count: 2,000,000 / 2,500,000 = 0.80
    # paying share: 1,700,000 / 2,000,000 × 100 = 85%, 5 points short of 90%: 1 − 5 × 0.1 = 0.50
    # 0.6 × 0.80 + 0.4 × 0.50 = 0.68
    assert got.value == Decimal("0.68")
    assert "2,000,000" in got.explanation().zh
    assert "2,500,000" in got.explanation().zh
    assert "85.00%" in got.explanation().zh


def test_participants_share_met_and_count_over_target() -> None:
    got = scored(participants.INDICATOR, {**PARTICIPANTS, "target": 1600000, "paying": 1840000})
    # count: 2,000,000 / 1,600,000 = 1.25, capped at 1
    # paying share: 1,840,000 / 2,000,000 × 100 = 92% >= 90%: 1
    assert got.value == Decimal(1)


def test_participants_sub_items_above_participants() -> None:
    raw = {**PARTICIPANTS, "landless_farmers": 2000001, "paying": 2000001}
    outcome = score_indicator(participants.INDICATOR, raw)
    assert findings_of(outcome) == [
        ("rule.part_exceeds_whole", path(participants.INDICATOR, "landless_farmers")),
        ("rule.part_exceeds_whole", path(participants.INDICATOR, "paying")),
    ]


def test_participants_missing_share_target() -> None:
    raw = {k: v for k, v in PARTICIPANTS.items() if k != "paying_share_target"}
    outcome = score_indicator(participants.INDICATOR, raw)
    assert findings_of(outcome) == [("input.missing", path(participants.INDICATOR, "paying_share_target"))]


# 一（四）2 基本养老保险费当期征缴额


def test_contributions_completion() -> None:
    got = scored(contributions.INDICATOR, {"actual": 360000, "target": 400000})
    # 360,000 / 400,000 = 0.90
    assert got.value == Decimal("0.9")
    assert "360,000" in got.explanation().zh
    assert "400,000" in got.explanation().zh


def test_contributions_text_is_not_a_number() -> None:
    outcome = score_indicator(contributions.INDICATOR, {"actual": "36万", "target": 400000})
    assert findings_of(outcome) == [("input.not_a_number", path(contributions.INDICATOR, "actual"))]


# 一（四）3 基本养老金按时足额发放率


def test_paid_on_time_half_a_point_short() -> None:
    got = scored(paid_on_time.INDICATOR, {"due": 600000, "paid": 597000})
    # 597,000 / 600,000 × 100 = 99.5%; 0.5 points short of 100%: 1 − 0.5 × 0.1 = 0.95
    assert got.value == Decimal("0.95")
    assert "99.50%" in got.explanation().zh


def test_paid_on_time_in_full() -> None:
    # 600,000 / 600,000 × 100 = 100%: 1
    assert scored(paid_on_time.INDICATOR, {"due": 600000, "paid": 600000}).value == Decimal(1)


def test_paid_on_time_paid_above_due() -> None:
    outcome = score_indicator(paid_on_time.INDICATOR, {"due": 600000, "paid": 600001})
    assert findings_of(outcome) == [("rule.part_exceeds_whole", path(paid_on_time.INDICATOR, "paid"))]
    assert "应发放的基本养老金" in outcome.findings[0].message.zh
    assert "basic pensions due" in outcome.findings[0].message.en


# 一（四）4 社区管理率


def test_community_management_tier() -> None:
    got = scored(community_management.INDICATOR, {"retirees": 500000, "managed": 460000})
    # 460,000 / 500,000 × 100 = 92%: the 90% tier, 0.80
    assert got.value == Decimal("0.8")
    assert "92.00%" in got.explanation().zh


def test_community_management_scheme_tiers() -> None:
    tiers = ((Decimal(90), Decimal(1)), (Decimal(80), Decimal("0.6")))
    got = scored(community_management.INDICATOR, {"retirees": 500000, "managed": 420000}, {"tiers": tiers})
    # 420,000 / 500,000 × 100 = 84%: the scheme's 80% tier, 0.60
    assert got.value == Decimal("0.6")


def test_community_management_missing_retirees() -> None:
    outcome = score_indicator(community_management.INDICATOR, {"managed": 460000})
    assert findings_of(outcome) == [("input.missing", path(community_management.INDICATOR, "retirees"))]
