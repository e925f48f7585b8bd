"""一（一）2 下岗失业人员再就业人数，其中：大龄就业困难对象再就业人数."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.reemployment",
    area="employment",
    label=Label("下岗失业人员再就业人数", "Laid-off and unemployed people re-employed"),
    reference="一（一）2",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("下岗失业人员再就业人数", "laid-off and unemployed people re-employed"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "older_hard_to_employ",
            Label(
                "其中：大龄就业困难对象再就业人数",
                'of which: older people with employment difficulties ("4050") re-employed',
            ),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 下岗失业人员再就业人数."""
    return [INDICATOR]
