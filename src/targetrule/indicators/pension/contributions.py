"""一（四）2 基本养老保险费当期征缴额."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="pension.contributions",
    area="pension",
    label=Label("基本养老保险费当期征缴额", "Basic pension contributions collected in the current period"),
    reference="一（四）2",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="万元",
    inputs=(
        Input(
            "actual",
            Label("基本养老保险费当期征缴额", "contributions collected in the current period"),
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
    """Declare 基本养老保险费当期征缴额."""
    return [INDICATOR]
