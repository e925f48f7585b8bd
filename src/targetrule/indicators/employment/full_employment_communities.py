"""一（一）5 创建充分就业社区数量."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.full_employment_communities",
    area="employment",
    label=Label("创建充分就业社区数量", "Full-employment communities created"),
    reference="一（一）5",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="个",
    inputs=(
        Input(
            "actual",
            Label("创建充分就业社区数量", "full-employment communities created"),
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
    """Declare 创建充分就业社区数量."""
    return [INDICATOR]
