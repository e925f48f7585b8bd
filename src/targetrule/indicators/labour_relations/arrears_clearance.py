"""一（三）2 企业历史拖欠工资清欠率.

Rate = arrears cleared ÷ arrears owed; PerPoint against 100%, because wages owed are owed in full:
every point left unpaid deducts, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="labour_relations.arrears_clearance",
    area="labour_relations",
    label=Label("企业历史拖欠工资清欠率", "Rate of historical wage arrears in enterprises cleared"),
    reference="一（三）2",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "owed",
            Label("企业历史拖欠工资总额", "historical wage arrears owed by enterprises"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
        ),
        Input(
            "cleared",
            Label("已清欠金额", "arrears cleared"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("clearance_rate", Label("清欠率", "arrears clearance rate"), "cleared", "owed"),),
    formula=PerPoint(rate="clearance_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 企业历史拖欠工资清欠率."""
    return [INDICATOR]
