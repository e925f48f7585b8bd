"""一（一）7 就业再就业资金最低预算到位率.

Rate = minimum-budget money in place ÷ minimum budget required; PerPoint against 100%, because a
minimum budget is owed in full (deduct per point short).
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.fund_budget",
    area="employment",
    label=Label(
        "就业再就业资金最低预算到位率",
        "Rate at which the minimum budget for employment and re-employment funds is in place",
    ),
    reference="一（一）7",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "budget_required",
            Label("就业再就业资金最低预算应到位金额", "minimum budget required for employment funds"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
        ),
        Input(
            "budget_in_place",
            Label(
                "最低预算已到位金额（以应到位金额为限）", "minimum budget in place (counted up to the amount required)"
            ),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "in_place_rate",
            Label("最低预算到位率", "rate of the minimum budget in place"),
            "budget_in_place",
            "budget_required",
        ),
    ),
    formula=PerPoint(rate="in_place_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 就业再就业资金最低预算到位率."""
    return [INDICATOR]
