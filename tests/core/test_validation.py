"""Bad input becomes findings with stable codes, paths and bilingual messages; missing is never zero."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

import targetrule
from targetrule import score_indicator

from .sample_plugin import JOBS, PAID, UNEMPLOYMENT

BASE = "$.inputs['t.jobs']"


def findings_for(raw: Any, indicator=JOBS):  # type: ignore[no-untyped-def]
    return score_indicator(indicator, raw).findings


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (float("nan"), "input.not_finite"),
        (float("inf"), "input.not_finite"),
        ("NaN", "input.not_finite"),
        (-5, "input.below_minimum"),
        ("12.5", "input.not_integer"),
        ("一千", "input.not_a_number"),
        ("", "input.not_a_number"),
        (True, "input.not_a_number"),
        ([1, 2], "input.not_a_number"),
        ({"v": 1}, "input.not_a_number"),
    ],
)
def test_each_kind_of_bad_count_is_named(value: Any, code: str) -> None:
    found = findings_for({"actual": value, "target": 1000, "posts": 0})
    assert [f.code for f in found] == [code]
    assert found[0].path == f"{BASE}.actual"
    assert found[0].input == "actual" and found[0].indicator == "t.jobs"
    assert found[0].message.zh and found[0].message.en


def test_text_numbers_with_separators_are_read() -> None:
    outcome = score_indicator(JOBS, {"actual": "95,000", "target": " 100000 ", "posts": "0"})
    assert outcome.findings == ()
    assert outcome.values["actual"] == D(95000)


def test_rates_accept_a_percent_sign_and_stop_at_100() -> None:
    assert score_indicator(UNEMPLOYMENT, {"rate": "4.2%"}).values["rate"] == D("4.2")
    found = score_indicator(UNEMPLOYMENT, {"rate": 140}).findings
    assert [f.code for f in found] == ["input.above_maximum"]
    assert "140" in found[0].message.en and "100" in found[0].message.en


def test_missing_values_are_findings_never_zero() -> None:
    outcome = score_indicator(JOBS, {"actual": 900, "posts": 10})
    assert outcome.attainment is None
    assert [(f.code, f.input) for f in outcome.findings] == [("input.missing", "target")]
    assert "目标" in outcome.findings[0].message.zh
    outcome = score_indicator(JOBS, {"actual": 900, "target": None, "posts": 10})
    assert [f.code for f in outcome.findings] == ["input.missing"]


def test_every_problem_of_an_indicator_is_reported_at_once() -> None:
    found = findings_for({"actual": "x", "target": -1, "post": 3})
    assert sorted((f.code, f.input) for f in found) == [
        ("input.below_minimum", "target"),
        ("input.missing", "posts"),
        ("input.not_a_number", "actual"),
        ("input.unknown", "post"),
    ]
    unknown = next(f for f in found if f.code == "input.unknown")
    assert unknown.suggestion == "posts" and "did you mean posts" in unknown.message.en


def test_sub_item_and_numerator_never_exceed_their_totals() -> None:
    found = findings_for({"actual": 100, "target": 100, "posts": 101})
    assert [(f.code, f.path) for f in found] == [("rule.part_exceeds_whole", f"{BASE}.posts")]
    assert "101" in found[0].message.zh and "100" in found[0].message.zh
    found = findings_for({"paid": 501, "due": 500}, PAID)
    assert [(f.code, f.input) for f in found] == [("rule.part_exceeds_whole", "paid")]


def test_a_ratio_is_computed_from_its_counts_and_defined_at_zero() -> None:
    # 490 / 500 × 100 = 98%
    assert score_indicator(PAID, {"paid": 490, "due": 500}).values["rate"] == D(98)
    # nothing was due: the declared value for a zero denominator (100%) applies
    assert score_indicator(PAID, {"paid": 0, "due": 0}).values["rate"] == D(100)


def test_indicator_data_of_the_wrong_shape() -> None:
    assert [f.code for f in findings_for(None)] == ["indicator.missing"]
    assert [f.code for f in findings_for([1, 2, 3])] == ["indicator.not_an_object"]


def test_a_complement_ratio_is_the_share_not_in_the_numerator() -> None:
    from targetrule import Indicator, Input, Kind, Label, PerPoint, Ratio

    compliance = Indicator(
        "t.compliance",
        "work",
        Label("合规率", "compliance"),
        "t",
        "%",
        (
            Input("funds", Label("基金", "funds"), Kind.AMOUNT),
            Input("bad", Label("不合规", "non-compliant"), Kind.AMOUNT),
        ),
        PerPoint("rate"),
        derived=(Ratio("rate", Label("合规率", "compliance rate"), "bad", "funds", complement=True),),
    )
    # (2,000 − 50) / 2,000 × 100 = 97.5%
    assert score_indicator(compliance, {"funds": 2000, "bad": 50}).values["rate"] == D("97.5")
    found = score_indicator(compliance, {"funds": 2000, "bad": 2500}).findings
    assert [f.code for f in found] == ["rule.part_exceeds_whole"]  # more non-compliant money than money


def test_a_document_note_is_kept_and_a_malformed_one_is_a_finding() -> None:
    from targetrule import read_submissions

    subs = read_submissions({"note": {"zh": "示例", "en": "illustrative"}, "regions": [{"id": "a", "name": "甲"}]})
    assert subs.note is not None and subs.note.en == "illustrative" and subs.findings == ()
    evaluation = targetrule.Engine().evaluate("jilin-2007", subs, mode="lenient")
    assert evaluation.to_dict()["note"] == {"zh": "示例", "en": "illustrative"}  # carried into the results
    bad = read_submissions({"note": 3, "regions": [{"id": "a", "name": "甲"}]})
    assert [(f.code, f.path) for f in bad.findings] == [("submission.malformed", "$.note")]


@pytest.mark.parametrize("value", ["1e999999", 10**16, "1e-9", 1e-300])
def test_implausible_sizes_are_findings_not_overflows(value: Any) -> None:
    found = findings_for({"actual": 1, "target": value, "posts": 0}, JOBS)
    assert [(f.code, f.input) for f in found] == [("input.implausible", "target")]
