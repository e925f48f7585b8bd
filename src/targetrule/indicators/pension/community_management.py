"""一（四）4 社区管理率.

Rate = retirees under community management ÷ retirees; threshold tiers, because coverage is judged
by the level it reaches on the way to managing every retiree (达到 95%、90%、80% …).
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, Ratio, Role, ThresholdTiers, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="pension.community_management",
    area="pension",
    label=Label("社区管理率", "Rate of retirees under community management"),
    reference="一（四）4",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input("retirees", Label("企业退休人员数", "enterprise retirees"), Kind.COUNT, Role.ACTUAL, "人"),
        Input(
            "managed",
            Label("纳入社区管理的退休人员数", "retirees under community management"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("management_rate", Label("社区管理率", "community management rate"), "managed", "retirees"),),
    formula=ThresholdTiers(rate="management_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 社区管理率."""
    return [INDICATOR]
