"""Comparing two schemes on the same data: hand-computed composites, ranks, drivers and the text report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal as D

import pytest

from targetrule import (
    Direction,
    Engine,
    Indicator,
    Input,
    Kind,
    Label,
    PerPoint,
    Ratio,
    Registry,
    Scheme,
    SchemeSource,
    builtin,
    hookimpl,
)
from targetrule.compare import compare
from targetrule.indicators.employment import new_urban_jobs
from targetrule.scheme_loader import load_scheme

PAID = Indicator(
    id="employment.paid",
    area="employment",
    label=Label("按时足额发放率", "paid on time"),
    reference="test",
    unit="%",
    inputs=(
        Input("paid", Label("按时足额发放", "paid"), Kind.AMOUNT, better=Direction.HIGHER),
        Input("due", Label("应发放", "due"), Kind.AMOUNT),
    ),
    derived=(Ratio("rate", Label("发放率", "rate paid"), "paid", "due"),),
    formula=PerPoint("rate"),
)

SIGNING = Indicator(
    id="employment.signing",
    area="employment",
    label=Label("劳动合同签订率", "contract signing"),
    reference="test",
    unit="%",
    inputs=(Input("rate", Label("签订率", "signing rate"), Kind.RATE, better=Direction.HIGHER),),
    formula=PerPoint("rate"),
)


class _Plugin:
    @hookimpl
    def targetrule_indicators(self) -> Sequence[Indicator]:
        return [PAID, SIGNING]


GRADES = """
[[grades]]
id = "all"
label = {zh = "参评", en = "Evaluated"}
min = 0
"""

SCHEME_A = (
    """
id = "year-a"
title = {zh = "甲方案", en = "Scheme A"}
year = 2007
total_points = 10
[[areas]]
id = "employment"
label = {zh = "就业", en = "Employment"}
points = 10
indicators = [{id = "employment.new_urban_jobs", points = 6}, {id = "employment.paid", points = 4}]
"""
    + GRADES
)

# Next year: jobs re-weighted and scored in shortfall bands, payment worth less, signing new.
SCHEME_B = (
    """
id = "year-b"
title = {zh = "乙方案", en = "Scheme B"}
year = 2008
total_points = 10
[[areas]]
id = "employment"
label = {zh = "就业", en = "Employment"}
points = 10
[[areas.indicators]]
id = "employment.new_urban_jobs"
points = 4
formula = {family = "shortfall_bands", actual = "actual", target = "target"}
[[areas.indicators]]
id = "employment.paid"
points = 3
[[areas.indicators]]
id = "employment.signing"
points = 3
"""
    + GRADES
)

DATA = {
    "regions": [
        {
            "id": "r1",
            "name": {"zh": "甲市", "en": "City One"},
            "inputs": {
                "employment.new_urban_jobs": {"actual": 90, "target": 100, "public_welfare_posts": 5},
                "employment.paid": {"paid": 95, "due": 100},
                "employment.signing": {"rate": 100},
            },
        },
        {
            "id": "r2",
            "name": {"zh": "乙市", "en": "City Two"},
            "inputs": {
                "employment.new_urban_jobs": {"actual": 100, "target": 100, "public_welfare_posts": 5},
                "employment.paid": {"paid": 100, "due": 100},
                "employment.signing": {"rate": 80},
            },
        },
    ]
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Registry.from_plugins([builtin, new_urban_jobs, _Plugin()]))


@pytest.fixture(scope="module")
def schemes(engine: Engine) -> tuple[Scheme, Scheme]:
    return (
        load_scheme(SchemeSource("year-a", SCHEME_A, "test"), engine.registry),
        load_scheme(SchemeSource("year-b", SCHEME_B, "test"), engine.registry),
    )


def test_composites_and_ranks_under_both_schemes(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    result = compare(engine, *schemes, DATA)
    r1, r2 = result.region("r1"), result.region("r2")
    # r1 under A: jobs 90/100 = 0.9 × 6 = 5.40; paid 95% is 5 points short × 0.1 = 0.5 × 4 = 2.00; total 7.40.
    # r1 under B: jobs 10% short → band "within 10%" 0.7 × 4 = 2.80; paid 0.5 × 3 = 1.50; signing 100% × 3 = 3.00;
    #             total 7.30.
    assert (r1.composite_a, r1.composite_b, r1.change) == (D("7.40"), D("7.30"), D("-0.10"))
    # r2 under A: 6.00 + 4.00 = 10.00; under B: 4.00 + 3.00 + signing 80% (20 short × 0.1 = all of it) 0.00 = 7.00.
    assert (r2.composite_a, r2.composite_b, r2.change) == (D("10.00"), D("7.00"), D("-3.00"))
    # A: r2 (10.00) first, r1 (7.40) second. B: r1 (7.30) first, r2 (7.00) second.
    assert (r1.rank_a, r1.rank_b, r1.rank_change) == (2, 1, 1)
    assert (r2.rank_a, r2.rank_b, r2.rank_change) == (1, 2, -1)
    assert [c.region for c in result.regions] == ["r1", "r2"]  # in order of rank under B


def test_drivers_are_the_largest_point_changes(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    result = compare(engine, *schemes, DATA)
    r1 = result.region("r1")
    # signing: new, 3.00; jobs 5.40 → 2.80 = −2.60; paid 2.00 → 1.50 = −0.50.
    assert [(d.indicator, d.points_a, d.points_b, d.change) for d in r1.drivers] == [
        ("employment.signing", None, D("3.00"), D("3.00")),
        ("employment.new_urban_jobs", D("5.40"), D("2.80"), D("-2.60")),
        ("employment.paid", D("2.00"), D("1.50"), D("-0.50")),
    ]
    # r2: signing is new but scores 0.00, no change, so it is not a driver.
    r2 = result.region("r2")
    assert [(d.indicator, d.change) for d in r2.drivers] == [
        ("employment.new_urban_jobs", D("-2.00")),  # 6.00 → 4.00
        ("employment.paid", D("-1.00")),  # 4.00 → 3.00
    ]
    assert compare(engine, *schemes, DATA, top=1).region("r1").drivers[0].indicator == "employment.signing"


def test_each_scheme_sees_only_its_own_indicators(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    # The data carries signing (B only); A must not report it as unknown, so A ranks in strict mode.
    result = compare(engine, *schemes, DATA)
    assert result.evaluation_a.ranked and result.evaluation_b.ranked
    assert result.evaluation_a.findings == () and result.evaluation_b.findings == ()


def test_an_input_neither_scheme_knows_is_reported_by_both(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    data = {"regions": [dict(DATA["regions"][0], inputs={**DATA["regions"][0]["inputs"], "employment.jobz": {}})]}
    result = compare(engine, *schemes, data)
    for evaluation in (result.evaluation_a, result.evaluation_b):
        assert [f.code for f in evaluation.findings] == ["indicator.unknown"]
        assert not evaluation.ranked
    assert result.region("r1").rank_change is None


def test_lenient_mode_ranks_data_that_lacks_the_new_item(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    data = {
        "regions": [
            dict(r, inputs={k: v for k, v in r["inputs"].items() if k != "employment.signing"}) for r in DATA["regions"]
        ]
    }
    strict = compare(engine, *schemes, data)
    assert strict.evaluation_a.ranked and not strict.evaluation_b.ranked
    lenient = compare(engine, *schemes, data, mode="lenient")
    # Under B, signing is not scored (0 points): r1 2.80 + 1.50 = 4.30, r2 4.00 + 3.00 = 7.00.
    assert (lenient.region("r1").composite_b, lenient.region("r2").composite_b) == (D("4.30"), D("7.00"))
    assert (lenient.region("r1").rank_b, lenient.region("r2").rank_b) == (2, 1)


def test_the_text_report_in_both_languages(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    result = compare(engine, *schemes, DATA)
    zh = result.to_text("zh").splitlines()
    assert zh[0] == "方案对比：year-a（甲方案）→ year-b（乙方案）"
    assert zh[1] == (
        "甲市：综合 7.40 → 7.30（-0.10），第2名 → 第1名，上升 1 位；"
        "主要变化：劳动合同签订率（新增） +3.00；城镇新增就业人数 -2.60；按时足额发放率 -0.50"
    )
    en = result.to_text("en").splitlines()
    assert en[2] == (
        "City Two: composite 10.00 → 7.00 (-3.00), #1 → #2, down 1; "
        "main changes: New urban jobs -2.00; paid on time -1.00"
    )


def test_the_report_says_when_a_scheme_could_not_rank(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    data = {
        "regions": [
            dict(r, inputs={k: v for k, v in r["inputs"].items() if k != "employment.signing"}) for r in DATA["regions"]
        ]
    }
    text = compare(engine, *schemes, data).to_text("en")
    assert "#2 → unranked" in text
    assert "Note: year-b not ranked (" in text and "2 errors)" in text  # signing missing in both regions


def test_schemes_may_be_given_by_id(engine: Engine) -> None:
    from targetrule.indicators.employment import new_urban_jobs as module

    reg = Registry.from_plugins([builtin, module, _Plugin(), _Schemes()])
    result = compare(Engine(reg), "year-a", "year-b", DATA)
    assert (result.scheme_a, result.scheme_b) == ("year-a", "year-b")
    assert result.region("r1").composite_b == D("7.30")


class _Schemes:
    @hookimpl
    def targetrule_schemes(self) -> Sequence[SchemeSource]:
        return [SchemeSource("year-a", SCHEME_A, "test"), SchemeSource("year-b", SCHEME_B, "test")]


def test_the_scheme_the_data_names_is_not_a_warning(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    result = compare(engine, *schemes, {**DATA, "scheme": "year-a"})
    assert result.evaluation_b.findings == ()  # evaluating year-a data under year-b is the point


def test_a_survey_only_region_is_compared_but_never_ranked(engine: Engine, schemes: tuple[Scheme, Scheme]) -> None:
    surveyed = dict(DATA["regions"][0], id="r3", name={"zh": "丙区", "en": "Area Three"}, survey_only=True)
    result = compare(engine, *schemes, {"regions": [*DATA["regions"], surveyed]})
    r3 = result.region("r3")
    # Same data as r1: 7.40 under A, 7.30 under B; scored, not ranked, so no rank change.
    assert (r3.composite_a, r3.composite_b, r3.rank_a, r3.rank_b, r3.rank_change) == (
        D("7.40"),
        D("7.30"),
        None,
        None,
        None,
    )
    assert [c.region for c in result.regions] == ["r1", "r2", "r3"]  # unranked last
    assert "丙区：综合 7.40 → 7.30（-0.10），未排名 → 未排名（督查调研，不排名）" in result.to_text("zh")
