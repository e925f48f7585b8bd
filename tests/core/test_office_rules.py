"""Rules an office would sign (issue 13 §5), each a scheme option, checked by hand-computed cases.

- ``award_min_grade``: a region graded below it wins no prize;
- ``[misreporting] max_grade``: misreporting caps the grade, whatever the bonus claimed;
- ``not_applicable``: a 0 ÷ 0 part of a compound item gives no silent credit;
- the gate's ``missed`` note names the targets missed; a survey-only grade is "仅供参考".
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine, Evaluation, Scheme, SchemeError

JOBS = "employment.new_urban_jobs"
TRAINING = "training.vocational_training"
CASES = "labour_relations.case_closure"

GRADES = """
[[grades]]
id = "excellent"
label = {zh = "优秀", en = "Excellent"}
min = 9

[[grades]]
id = "pass"
label = {zh = "达标", en = "Pass"}
min = 7.5

[[grades]]
id = "fail"
label = {zh = "不达标", en = "Fail"}
min = 0
"""

AWARDS = """
[[awards]]
id = "first"
label = {zh = "一等奖", en = "first prize"}
count = 1

[[awards]]
id = "second"
label = {zh = "二等奖", en = "second prize"}
count = 1

[[awards]]
id = "third"
label = {zh = "三等奖", en = "third prize"}
count = 1
"""


def jobs_scheme(tmp_path: Path, engine: Engine, top: str = "", extra: str = "") -> Scheme:
    """One item, new urban jobs, worth 10 points; ``top`` goes before the tables, ``extra`` after them."""
    text = f"""
schema = "targetrule.scheme/1"
id = "rules"
title = {{zh = "规则", en = "Rules"}}
year = 2007
total_points = 10
{top}

[[areas]]
id = "employment"
label = {{zh = "就业", en = "Employment"}}
points = 10
indicators = [{{id = "{JOBS}", points = 10}}]
{GRADES}
{AWARDS}
{extra}
"""
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return engine.load_scheme(path)


def compound_scheme(tmp_path: Path, engine: Engine, item: str, top: str = "", params: str = "") -> Scheme:
    """One compound item worth 10 points, with the scheme-wide ``top`` keys and the item's ``params``."""
    text = f"""
schema = "targetrule.scheme/1"
id = "na"
title = {{zh = "不适用", en = "Not applicable"}}
year = 2007
total_points = 10
{top}

[[areas]]
id = "{item.split(".")[0]}"
label = {{zh = "领域", en = "Area"}}
points = 10
indicators = [{{id = "{item}", points = 10{", params = {" + params + "}" if params else ""}}}]
{GRADES}
"""
    path = tmp_path / "na.toml"
    path.write_text(text, encoding="utf-8")
    return engine.load_scheme(path)


def jobs_region(region_id: str, actual: int, **more: Any) -> dict[str, Any]:
    """A region that reports ``actual`` new urban jobs against a target of 100,000."""
    figures = {"actual": actual, "target": 100000, "public_welfare_posts": 0}
    return {"id": region_id, "name": {"zh": region_id, "en": region_id}, "inputs": {JOBS: figures}, **more}


def three_regions() -> list[dict[str, Any]]:
    # a: 95000 / 100000 × 10 = 9.50 (优秀); b: 80000 / 100000 × 10 = 8.00 (达标); c: 50000 / 100000 × 10 = 5.00 (不达标)
    return [jobs_region("a", 95000), jobs_region("b", 80000), jobs_region("c", 50000)]


# -- awards need a minimum grade -----------------------------------------------------------------------


def test_without_a_minimum_grade_a_failing_region_wins_the_third_prize(tmp_path: Path, engine: Engine) -> None:
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine), three_regions())
    # three prizes for three regions: c (5.00, 不达标) is third and gets the third prize
    assert [(r.region.id, r.grade, r.award) for r in evaluation.ranking()] == [
        ("a", "excellent", "first"),
        ("b", "pass", "second"),
        ("c", "fail", "third"),
    ]


def test_a_region_graded_below_the_minimum_wins_no_prize(tmp_path: Path, engine: Engine) -> None:
    scheme = jobs_scheme(tmp_path, engine, top='award_min_grade = "pass"')
    evaluation = engine.evaluate(scheme, three_regions())
    c = evaluation.region("c")
    # c: 5.00 < 7.5 (达标's minimum), so 不达标, below 达标: no prize; a and b keep theirs
    assert (c.rank, c.grade, c.award, c.eligible_for_awards) == (3, "fail", None, False)
    assert [why.zh for why in c.ineligible_because] == ["等次低于“达标”，不参与评奖"]
    assert [why.en for why in c.ineligible_because] == ["graded below Pass: no award"]
    assert (evaluation.region("a").award, evaluation.region("b").award) == ("first", "second")


def test_a_region_graded_at_the_minimum_still_wins(tmp_path: Path, engine: Engine) -> None:
    scheme = jobs_scheme(tmp_path, engine, top='award_min_grade = "pass"')
    # b: 75000 / 100000 × 10 = 7.50, exactly 达标's minimum: eligible, second prize
    evaluation = engine.evaluate(scheme, [jobs_region("a", 95000), jobs_region("b", 75000)])
    assert (evaluation.region("b").grade, evaluation.region("b").award) == ("pass", "second")


# -- misreporting caps the grade, whatever the bonus -------------------------------------------------------

MISREPORTING = """
[bonus]
cap = 2
items = [{id = "commendation", label = {zh = "表彰", en = "commendation"}, points = 2}]

[[deductions]]
id = "misreporting"
label = {zh = "弄虚作假（经核实）", en = "verified misreporting"}
points = 1

[misreporting]
deduction = "misreporting"
tolerance = 0.05
cancels_awards = true
"""

VERIFIED = {JOBS: {"actual": {"value": 85000, "by": "督查考评组第一组", "on": "2007-12-05"}}}


def misreporting_regions() -> list[dict[str, Any]]:
    # a reported 95000, the team verified 85000: |85000 − 95000| ÷ 85000 = 11.76% > 5%, misreporting.
    # scored on 85000: 85000 / 100000 × 10 = 8.50; + bonus 2 − deduction 1 = 9.50, which reaches 优秀 (9)
    a = jobs_region("a", 95000, bonuses=[{"id": "commendation", "count": 1}], verified=VERIFIED)
    # b: 80000 / 100000 × 10 = 8.00 (达标)
    return [a, jobs_region("b", 80000)]


def test_without_a_cap_a_bonus_lifts_a_misreporting_region_to_excellent(tmp_path: Path, engine: Engine) -> None:
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine, extra=MISREPORTING), misreporting_regions())
    a = evaluation.region("a")
    assert (a.composite, a.grade, a.award) == (Decimal("9.50"), "excellent", None)


def test_misreporting_caps_the_grade_and_no_bonus_lifts_it(tmp_path: Path, engine: Engine) -> None:
    capped = MISREPORTING + 'max_grade = "pass"\n'
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine, extra=capped), misreporting_regions())
    a = evaluation.region("a")
    # 9.50 reaches 优秀 but misreporting caps it at 达标; the deduction stays, the award goes
    assert (a.composite, a.deduction_points, a.bonus_points) == (Decimal("9.50"), Decimal("1"), Decimal("2"))
    assert (a.rank, a.grade, a.award, a.eligible_for_awards) == (1, "pass", None, False)
    assert a.grade_note is not None
    assert a.grade_note.zh == "9.50 分达到“优秀”，但受弄虚作假限制，评为“达标”"
    assert a.grade_note.en == "9.50 points reach Excellent, but misreporting limits the grade to Pass"
    # b (8.00, second in rank) is the first eligible region
    assert evaluation.region("b").award == "first"


def test_a_misreporting_deduction_declared_in_the_data_caps_the_grade_too(tmp_path: Path, engine: Engine) -> None:
    capped = MISREPORTING + 'max_grade = "pass"\n'
    # 95000 / 100000 × 10 = 9.50; + 2 − 1 = 10.50, reaches 优秀; the deduction is the scheme's misreporting one
    a = jobs_region(
        "a", 95000, bonuses=[{"id": "commendation", "count": 1}], deductions=[{"id": "misreporting", "count": 1}]
    )
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine, extra=capped), [a])
    assert (evaluation.region("a").composite, evaluation.region("a").grade) == (Decimal("10.50"), "pass")


def test_an_unknown_grade_in_the_new_options_is_refused(tmp_path: Path, engine: Engine) -> None:
    with pytest.raises(SchemeError) as caught:
        jobs_scheme(tmp_path, engine, top='award_min_grade = "passs"', extra=MISREPORTING + 'max_grade = "good"\n')
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("scheme.bad_reference", "$.award_min_grade"),
        ("scheme.bad_reference", "$.misreporting.max_grade"),
    }
    assert any(f.suggestion == "pass" for f in caught.value.findings)


# -- 0 ÷ 0 gives no silent credit ---------------------------------------------------------------------------


def nobody_trained() -> list[dict[str, Any]]:
    figures = {"trained": 0, "target": 100, "employed": 0, "employment_rate_target": 60}
    return [{"id": "x", "name": {"zh": "某市", "en": "X"}, "inputs": {TRAINING: figures}}]


def test_nobody_trained_used_to_earn_the_rate_part_and_now_earns_nothing(tmp_path: Path, engine: Engine) -> None:
    # count part: 0 / 100 = 0; the rate after training is 0 ÷ 0
    # full (the old behaviour, the default): (0.6 × 0 + 0.4 × 1) / (0.6 + 0.4) = 0.4 → 4.00 of 10
    default = engine.evaluate(compound_scheme(tmp_path, engine, TRAINING), nobody_trained())
    assert default.region("x").indicator(TRAINING).points == Decimal("4.00")
    # reweight: the rate part's weight moves to the count part: 0.6 × 0 / 0.6 = 0 → 0.00
    scheme = compound_scheme(tmp_path, engine, TRAINING, top='not_applicable = "reweight"')
    result = engine.evaluate(scheme, nobody_trained()).region("x").indicator(TRAINING)
    assert result.points == Decimal("0.00")
    text = result.explanation()
    assert (
        "［培训后就业率，权重 0.4］分母为 0（0 ÷ 0，所读数值 100、60 不计），不适用，按方案权重移至其他部分" in text.zh
    )
    assert "not applicable, and under the scheme its weight moves to the other parts" in text.en


def no_case_accepted() -> list[dict[str, Any]]:
    # no case accepted (closure 0 ÷ 0); 9 of 10 reconsiderations upheld = 90%, the 90% tier: 0.8
    figures = {"accepted": 0, "closed": 0, "reviews_decided": 10, "reviews_upheld": 9}
    return [{"id": "x", "name": {"zh": "某市", "en": "X"}, "inputs": {CASES: figures}}]


@pytest.mark.parametrize(
    ("mode", "points", "said"),
    [
        # reweight: 0.4 × 0.8 / 0.4 = 0.8 → 8.00
        ("reweight", "8.00", "权重移至其他部分"),
        # zero: (0.6 × 0 + 0.4 × 0.8) / (0.6 + 0.4) = 0.32 → 3.20
        ("zero", "3.20", "计 0 分"),
        # full: (0.6 × 1 + 0.4 × 0.8) / (0.6 + 0.4) = 0.92 → 9.20
        ("full", "9.20", "计满分"),
    ],
)
def test_each_choice_for_a_part_that_does_not_apply(
    tmp_path: Path, engine: Engine, mode: str, points: str, said: str
) -> None:
    scheme = compound_scheme(tmp_path, engine, CASES, top=f'not_applicable = "{mode}"')
    result = engine.evaluate(scheme, no_case_accepted()).region("x").indicator(CASES)
    assert result.points == Decimal(points)
    assert f"［结案率，权重 0.6］分母为 0（0 ÷ 0，所读数值 100 不计），不适用，按方案{said}" in result.explanation().zh


def test_an_item_may_choose_otherwise_than_its_scheme(tmp_path: Path, engine: Engine) -> None:
    scheme = compound_scheme(
        tmp_path, engine, CASES, top='not_applicable = "reweight"', params='"closure.not_applicable" = "zero"'
    )
    # the item's own choice wins: zero, (0.6 × 0 + 0.4 × 0.8) / 1 = 0.32 → 3.20
    assert engine.evaluate(scheme, no_case_accepted()).region("x").indicator(CASES).points == Decimal("3.20")


def test_a_part_that_applies_is_scored_as_before(tmp_path: Path, engine: Engine) -> None:
    scheme = compound_scheme(tmp_path, engine, CASES, top='not_applicable = "reweight"')
    figures = {"accepted": 100, "closed": 96, "reviews_decided": 10, "reviews_upheld": 9}
    data = [{"id": "x", "name": {"zh": "某市", "en": "X"}, "inputs": {CASES: figures}}]
    # 96% reaches the 95% tier (1), 90% the 90% tier (0.8): 0.6 × 1 + 0.4 × 0.8 = 0.92 → 9.20
    assert engine.evaluate(scheme, data).region("x").indicator(CASES).points == Decimal("9.20")


def test_an_unknown_choice_is_refused_where_it_is_written(tmp_path: Path, engine: Engine) -> None:
    with pytest.raises(SchemeError) as caught:
        compound_scheme(tmp_path, engine, CASES, top='not_applicable = "skip"')
    assert [(f.code, f.path) for f in caught.value.findings] == [("scheme.bad_value", "$.not_applicable")]
    with pytest.raises(SchemeError) as caught:
        compound_scheme(tmp_path, engine, CASES, params='"upheld.not_applicable" = 1')
    [problem] = caught.value.findings
    assert (problem.code, problem.path) == (
        "scheme.bad_parameter",
        "$.areas[0].indicators[0].params.upheld.not_applicable",
    )
    assert "reweight, zero, full" in problem.message.en


# -- notes read as meant ------------------------------------------------------------------------------------

GATE = """
[gate]
indicators = ["employment.new_urban_jobs"]
min_attainment = 1
label = {zh = "主要目标全部完成", en = "the main targets met"}
"""


def test_the_gate_note_says_what_was_missed_and_names_the_targets(tmp_path: Path, engine: Engine) -> None:
    missed = GATE + 'missed = {zh = "主要目标未全部完成", en = "the main targets not all met"}\n'
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine, extra=missed), three_regions())
    b = evaluation.region("b")
    # b: 80000 / 100000 = 0.8 < 1, the gate is missed
    assert [why.zh for why in b.ineligible_because] == ["未过门槛：主要目标未全部完成（未完成：城镇新增就业人数）"]
    assert [why.en for why in b.ineligible_because] == [
        "gate not passed: the main targets not all met (missed: New urban jobs)"
    ]


def test_without_its_own_note_the_gate_says_not_met(tmp_path: Path, engine: Engine) -> None:
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine, extra=GATE), three_regions())
    assert [why.zh for why in evaluation.region("b").ineligible_because] == [
        "未过门槛：未达到“主要目标全部完成”（未完成：城镇新增就业人数）"
    ]


def test_jilin_2007_names_the_main_targets_a_city_missed(engine: Engine, example: Evaluation) -> None:
    songyuan = example.region("songyuan")
    assert songyuan.ineligible_because[0].zh == (
        "未过门槛：三项主要目标未全部完成（未完成：城镇新增就业人数、下岗失业人员再就业人数）"
    )


def test_a_survey_only_grade_is_for_reference(tmp_path: Path, engine: Engine) -> None:
    survey = jobs_region("s", 95000, survey_only=True)
    evaluation = engine.evaluate(jobs_scheme(tmp_path, engine), [jobs_region("a", 80000), survey])
    s = evaluation.region("s")
    # 95000 / 100000 × 10 = 9.50: 优秀, shown for reference only, never ranked
    assert (s.rank, s.grade) == (None, "excellent")
    assert s.grade_label is not None and (s.grade_label.zh, s.grade_label.en) == (
        "优秀（仅供参考）",
        "Excellent (for reference only)",
    )
    assert s.grade_note is not None and s.grade_note.zh.endswith("（仅供参考）")


@pytest.fixture(scope="module")
def example() -> Evaluation:
    """The bundled example under jilin-2007."""
    from targetrule.formats.examples import example_path

    return Engine(entry_points=False).evaluate("jilin-2007", example_path("jilin-2007"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The built-in plugins only."""
    return Engine(entry_points=False)


def test_the_scheme_listing_and_json_state_the_rules(engine: Engine) -> None:
    from targetrule.formats.describe import scheme_json
    from targetrule.formats.text_listing import office_rules

    jilin = engine.load_scheme("jilin-2007")
    assert office_rules(jilin, "zh") == [
        "评奖最低等次：达标",
        "弄虚作假：等次至多“达标”",
        "分母为 0 的部分不适用：权重移至其他部分",
        "督查：2007-12-03 起约 10 天，每市抽查 1–2 个县（市、区）",
    ]
    document = scheme_json(jilin)
    assert (document["award_min_grade"], document["not_applicable"]) == ("pass", "reweight")
    assert document["misreporting"]["max_grade"] == "pass"
    assert document["gate"]["missed"] == {"zh": "三项主要目标未全部完成", "en": "the three main targets not all met"}
