"""一（五）2 失业保险费征缴金额（含清欠）.

Scored by proportional completion (CappedCompletion): collection is an amount against the
target in the responsibility statement; arrears recovered count towards it and are shown apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="unemployment_insurance.contributions",
    area="unemployment_insurance",
    label=Label(
        "失业保险费征缴金额（含清欠）", "Unemployment insurance contributions collected (arrears recovered included)"
    ),
    reference="一（五）2",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="万元",
    inputs=(
        Input(
            "actual",
            Label("失业保险费征缴金额（含清欠）", "contributions collected, arrears recovered included"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.AMOUNT, Role.TARGET, "万元"),
        Input(
            "arrears_recovered",
            Label("其中：清欠金额", "of which: arrears recovered"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            part_of="actual",
        ),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 失业保险费征缴金额（含清欠）."""
    return [INDICATOR]
