"""一（八）2 市级数据中心基础建设完成率.

完成率 = 已完成的建设任务 ÷ 计划的建设任务. Scored by proportional completion (CappedCompletion on
the counts): a construction programme earns credit for each planned task finished.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="golden_insurance.data_centre",
    area="golden_insurance",
    label=Label("市级数据中心基础建设完成率", "Rate of completion of the city-level data centre's basic construction"),
    reference="一（八）2",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input("planned", Label("计划建设任务数", "construction tasks planned"), Kind.COUNT, Role.TARGET, "项"),
        Input(
            "completed",
            Label("已完成建设任务数", "construction tasks completed"),
            Kind.COUNT,
            Role.ACTUAL,
            "项",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "completion_rate",
            Label("市级数据中心基础建设完成率", "data-centre construction completion rate"),
            numerator="completed",
            denominator="planned",
        ),
    ),
    formula=CappedCompletion(actual="completed", target="planned"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 市级数据中心基础建设完成率."""
    return [INDICATOR]
