"""一（一）4 创业促就业成功项目数量."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.entrepreneurship_projects",
    area="employment",
    label=Label("创业促就业成功项目数量", 'Successful "promoting employment through entrepreneurship" projects'),
    reference="一（一）4",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="个",
    inputs=(
        Input(
            "actual",
            Label("创业促就业成功项目数量", "successful projects"),
            Kind.COUNT,
            Role.ACTUAL,
            "个",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "个"),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 创业促就业成功项目数量."""
    return [INDICATOR]
