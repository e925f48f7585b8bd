"""一（一）6 解决零就业家庭比率.

Rate = households resolved ÷ households identified; PerPoint against 100%, because every
zero-employment household was to be helped into work by the year's end (deduct per point short).
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.zero_employment_households",
    area="employment",
    label=Label("解决零就业家庭比率", 'Rate of "zero-employment families" resolved'),
    reference="一（一）6",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "identified",
            Label("认定的零就业家庭户数", "zero-employment households identified"),
            Kind.COUNT,
            Role.ACTUAL,
            "户",
        ),
        Input(
            "resolved",
            Label("已解决（至少一人就业）的零就业家庭户数", "households resolved (at least one member in work)"),
            Kind.COUNT,
            Role.ACTUAL,
            "户",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "resolved_rate",
            Label("解决零就业家庭比率", "rate of zero-employment households resolved"),
            "resolved",
            "identified",
        ),
    ),
    formula=PerPoint(rate="resolved_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 解决零就业家庭比率."""
    return [INDICATOR]
