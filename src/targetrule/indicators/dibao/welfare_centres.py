"""一（九）5 农村社会福利中心建设完成率.

完成率 = 已建成的农村社会福利中心 ÷ 计划建设数. Scored by proportional completion (CappedCompletion
on the counts): a construction programme earns credit for each centre completed.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Ratio, Role, hookimpl
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.welfare_centres",
    area="dibao",
    label=Label("农村社会福利中心建设完成率", "Rate of completion of rural social-welfare centres"),
    reference="一（九）5",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input(
            "planned",
            Label("计划建设的农村社会福利中心数", "rural social-welfare centres planned"),
            Kind.COUNT,
            Role.TARGET,
            "个",
        ),
        Input(
            "completed",
            Label("已建成的农村社会福利中心数", "rural social-welfare centres completed"),
            Kind.COUNT,
            Role.ACTUAL,
            "个",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "completion_rate",
            Label("农村社会福利中心建设完成率", "completion rate of rural social-welfare centres"),
            numerator="completed",
            denominator="planned",
        ),
    ),
    formula=CappedCompletion(actual="completed", target="planned"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 农村社会福利中心建设完成率."""
    return [INDICATOR]
