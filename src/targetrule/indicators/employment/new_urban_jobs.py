"""一（一）1 城镇新增就业人数，其中：政府出资购买公益性岗位就业人数."""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.new_urban_jobs",
    area="employment",
    label=Label("城镇新增就业人数", "New urban jobs"),
    reference="一（一）1",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("城镇新增就业人数", "new urban jobs"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "public_welfare_posts",
            Label("其中：政府出资购买公益性岗位就业人数", "of which: jobs in government-funded public-welfare posts"),
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
    """Declare 城镇新增就业人数."""
    return [INDICATOR]
