"""A small indicator plugin used by the core tests, independent of the built-in 40."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import (
    CappedCompletion,
    ControlCeiling,
    DeclineRate,
    Direction,
    Indicator,
    Input,
    Kind,
    Label,
    PerPoint,
    Ratio,
    Role,
    hookimpl,
)

JOBS = Indicator(
    id="t.jobs",
    area="work",
    label=Label("新增就业", "new jobs"),
    reference="test 1",
    unit="人",
    inputs=(
        Input("actual", Label("新增就业人数", "new jobs"), Kind.COUNT, better=Direction.HIGHER),
        Input("target", Label("目标", "target"), Kind.COUNT, Role.TARGET),
        Input("posts", Label("其中：公益性岗位", "of which: public posts"), Kind.COUNT, part_of="actual"),
    ),
    formula=CappedCompletion("actual", "target"),
)

PAID = Indicator(
    id="t.paid",
    area="work",
    label=Label("按时足额发放率", "paid on time"),
    reference="test 2",
    unit="%",
    inputs=(
        Input("paid", Label("按时足额发放", "paid on time"), Kind.AMOUNT, unit="万元", better=Direction.HIGHER),
        Input("due", Label("应发放", "due"), Kind.AMOUNT, unit="万元"),
    ),
    derived=(Ratio("rate", Label("发放率", "rate paid"), "paid", "due"),),
    formula=PerPoint("rate"),
)

UNEMPLOYMENT = Indicator(
    id="t.unemployment",
    area="stability",
    label=Label("城镇登记失业率", "registered unemployment rate"),
    reference="test 3",
    unit="%",
    inputs=(Input("rate", Label("失业率", "rate"), Kind.RATE, unit="%", better=Direction.LOWER),),
    formula=ControlCeiling("rate"),
    direction=Direction.LOWER,
)

PETITIONS = Indicator(
    id="t.petitions",
    area="stability",
    label=Label("上访下降率", "petition decline"),
    reference="test 4",
    unit="%",
    inputs=(
        Input("current", Label("本年上访", "petitions this year"), Kind.COUNT, better=Direction.LOWER),
        Input("last_year", Label("上年上访", "petitions last year"), Kind.COUNT, Role.BASELINE),
    ),
    formula=DeclineRate("current", "last_year"),
    direction=Direction.LOWER,
)

ALL = (JOBS, PAID, UNEMPLOYMENT, PETITIONS)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """The four test indicators."""
    return list(ALL)


SCHEME = """
schema = "targetrule.scheme/1"
id = "sample"
title = {zh = "测试方案", en = "Sample scheme"}
year = 2007
total_points = 100

[[areas]]
id = "work"
label = {zh = "就业", en = "Work"}
points = 60
indicators = [
  {id = "t.jobs", points = 40},
  {id = "t.paid", points = 20},
]

[[areas]]
id = "stability"
label = {zh = "稳定", en = "Stability"}
points = 40
indicators = [
  {id = "t.unemployment", points = 25},
  {id = "t.petitions", points = 15},
]

[[grades]]
id = "excellent"
label = {zh = "优秀", en = "Excellent"}
min = 90
quota = 0.3

[[grades]]
id = "pass"
label = {zh = "达标", en = "Pass"}
min = 75

[[grades]]
id = "fail"
label = {zh = "不达标", en = "Fail"}
min = 0

[bonus]
cap = 5
items = [
  {id = "national", label = {zh = "国家级表彰", en = "national commendation"}, points = 3},
  {id = "provincial", label = {zh = "省级表彰", en = "provincial commendation"}, points = 2},
]

[[deductions]]
id = "misreporting"
label = {zh = "弄虚作假", en = "misreporting"}
points = 2
cancels_awards = true

[[vetoes]]
id = "arrears"
label = {zh = "未按时足额发放", en = "not paid on time and in full"}
indicator = "t.paid"
below = 1
max_grade = "pass"

[gate]
indicators = ["t.jobs"]
min_attainment = 1

[[awards]]
id = "first"
label = {zh = "一等奖", en = "first prize"}
count = 1

[[awards]]
id = "second"
label = {zh = "二等奖", en = "second prize"}
count = 2
"""


def region(
    rid: str,
    *,
    jobs: tuple[int, int, int] = (1000, 1000, 100),
    paid: tuple[object, object] = (500, 500),
    rate: object = "4.0",
    petitions: tuple[int, int] = (90, 100),
    **extra: object,
) -> dict[str, object]:
    """One region's data for the sample scheme; every value can be overridden."""
    return {
        "id": rid,
        "name": {"zh": rid + "市", "en": rid.title()},
        "inputs": {
            "t.jobs": {"actual": jobs[0], "target": jobs[1], "posts": jobs[2]},
            "t.paid": {"paid": paid[0], "due": paid[1]},
            "t.unemployment": {"rate": rate},
            "t.petitions": {"current": petitions[0], "last_year": petitions[1]},
        },
        **extra,
    }
