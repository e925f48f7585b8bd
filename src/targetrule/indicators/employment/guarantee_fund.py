"""一（一）9 小额贷款担保基金当年新到位金额."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.guarantee_fund",
    area="employment",
    label=Label("小额贷款担保基金当年新到位金额", "New money put into the small-loan guarantee fund this year"),
    reference="一（一）9",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="万元",
    inputs=(
        Input(
            "actual",
            Label("小额贷款担保基金当年新到位金额", "new money in the guarantee fund this year"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.AMOUNT, Role.TARGET, "万元"),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 小额贷款担保基金当年新到位金额."""
    return [INDICATOR]
