"""一（一）10 小额担保贷款当年新发放金额."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.guaranteed_loans",
    area="employment",
    label=Label("小额担保贷款当年新发放金额", "Small guaranteed loans newly issued this year"),
    reference="一（一）10",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="万元",
    inputs=(
        Input(
            "actual",
            Label("小额担保贷款当年新发放金额", "small guaranteed loans issued this year"),
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
    """Declare 小额担保贷款当年新发放金额."""
    return [INDICATOR]
