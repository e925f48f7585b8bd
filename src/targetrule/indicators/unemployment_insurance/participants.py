"""一（五）1 失业保险参保人数.

Scored by proportional completion (CappedCompletion): enrolment is a count set in each city's
target responsibility statement, so every person enrolled towards the target counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="unemployment_insurance.participants",
    area="unemployment_insurance",
    label=Label("失业保险参保人数", "Participants in unemployment insurance"),
    reference="一（五）1",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("失业保险参保人数", "participants in unemployment insurance"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 失业保险参保人数."""
    return [INDICATOR]
