"""一（九）3 城市低保资金地方最低预算足额到位率.

到位率 = 最低预算已到位金额 ÷ 地方最低预算. Scored per percentage point below 100% (PerPoint): the
minimum local budget must be in place in full (足额), so every point short is deducted, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.budget",
    area="dibao",
    label=Label(
        "城市低保资金地方最低预算足额到位率",
        "Rate at which the local minimum budget for urban allowance funds is in place in full",
    ),
    reference="一（九）3",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input(
            "required",
            Label("城市低保资金地方最低预算", "local minimum budget for urban allowance funds"),
            Kind.AMOUNT,
            Role.TARGET,
            "万元",
        ),
        Input(
            "in_place",
            Label("最低预算已到位金额（超出部分不计）", "minimum budget in place (any excess not counted)"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "budget_rate",
            Label("最低预算足额到位率", "rate of the minimum budget in place"),
            numerator="in_place",
            denominator="required",
        ),
    ),
    formula=PerPoint(rate="budget_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城市低保资金地方最低预算足额到位率."""
    return [INDICATOR]
