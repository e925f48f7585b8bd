"""一（二）5 参加职业技能鉴定人数，其中：高技能人才人数."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="training.skill_certification",
    area="training",
    label=Label("参加职业技能鉴定人数", "People taking vocational skill certification"),
    reference="一（二）5",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("参加职业技能鉴定人数", "people taking vocational skill certification"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "high_skilled",
            Label("其中：高技能人才人数", "of which: highly skilled talent"),
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
    """Declare 参加职业技能鉴定人数."""
    return [INDICATOR]
