"""一（五）3 失业保险金按时足额发放率.

Scored per percentage point below 100% (PerPoint): benefits are an entitlement that must be
paid on time and in full, so every point short is deducted, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="unemployment_insurance.benefits_on_time",
    area="unemployment_insurance",
    label=Label("失业保险金按时足额发放率", "Rate of unemployment benefits paid on time and in full"),
    reference="一（五）3",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input("due", Label("应发放失业保险金", "unemployment benefits due"), Kind.AMOUNT, Role.ACTUAL, "万元"),
        Input(
            "paid_on_time",
            Label("按时足额发放的失业保险金", "benefits paid on time and in full"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "on_time_rate",
            Label("失业保险金按时足额发放率", "rate paid on time and in full"),
            numerator="paid_on_time",
            denominator="due",
        ),
    ),
    formula=PerPoint(rate="on_time_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 失业保险金按时足额发放率."""
    return [INDICATOR]
