"""2008 新增：高校毕业生就业率 (college graduate employment rate), against each city's target rate."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl

INDICATOR = Indicator(
    id="employment.graduate_employment",
    area="employment",
    label=Label("高校毕业生就业率", "College graduate employment rate"),
    reference="2008 新增",
    unit="%",
    inputs=(
        Input("graduates", Label("应届高校毕业生人数", "graduates of the year"), Kind.COUNT, Role.ACTUAL, "人"),
        Input(
            "employed",
            Label("其中：已就业人数", "of which: employed"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("rate_target", Label("就业率目标", "target employment rate"), Kind.RATE, Role.TARGET, "%"),
    ),
    derived=(Ratio("employment_rate", Label("高校毕业生就业率", "graduate employment rate"), "employed", "graduates"),),
    formula=PerPoint(rate="employment_rate", standard_input="rate_target"),
    description=Label(
        "就业率 = 已就业人数 ÷ 应届毕业生人数 × 100%，对照目标每低 1 个百分点扣减",
        "employment rate = employed ÷ graduates × 100%, deducted per point below the target",
    ),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 高校毕业生就业率."""
    return [INDICATOR]
