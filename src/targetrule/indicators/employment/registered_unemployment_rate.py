"""一（一）3 城镇登记失业率.

The rate is computed from counts, never typed in: registered unemployed ÷ (urban employed +
registered unemployed). Scored by a control ceiling: the region's own ceiling from its target
responsibility statement (the province's 2007 ceiling was 4.5%), full marks within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import ControlCeiling, Direction, Indicator, Input, Kind, Label, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.registered_unemployment_rate",
    area="employment",
    label=Label("城镇登记失业率", "Urban registered unemployment rate"),
    reference="一（一）3",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "registered_unemployed",
            Label("城镇登记失业人数", "registered urban unemployed"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.LOWER,
        ),
        Input(
            "labour_force",
            Label("城镇从业人员与登记失业人员之和", "urban employed plus registered unemployed"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            minimum=Decimal(1),
        ),
        Input(
            "ceiling",
            Label("城镇登记失业率控制目标", "registered unemployment rate ceiling"),
            Kind.RATE,
            Role.TARGET,
            "%",
        ),
    ),
    derived=(
        Ratio(
            "rate",
            Label("城镇登记失业率", "registered unemployment rate"),
            numerator="registered_unemployed",
            denominator="labour_force",
        ),
    ),
    formula=ControlCeiling(rate="rate", ceiling_input="ceiling"),
    direction=Direction.LOWER,
    description=Label(
        "登记失业率 = 城镇登记失业人数 ÷（城镇从业人员 + 城镇登记失业人数）× 100%",
        "registered unemployment rate = registered unemployed ÷ (urban employed + registered unemployed) × 100%",
    ),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城镇登记失业率."""
    return [INDICATOR]
