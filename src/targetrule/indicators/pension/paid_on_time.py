"""一（四）3 基本养老金按时足额发放率.

Rate = pensions paid on time and in full ÷ pensions due; PerPoint against 100%, because every
pension due must be paid: each point short deducts, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="pension.paid_on_time",
    area="pension",
    label=Label("基本养老金按时足额发放率", "Rate of basic pensions paid on time and in full"),
    reference="一（四）3",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input("due", Label("应发放的基本养老金", "basic pensions due"), Kind.AMOUNT, Role.ACTUAL, "万元"),
        Input(
            "paid",
            Label("按时足额发放的基本养老金", "basic pensions paid on time and in full"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("payment_rate", Label("按时足额发放率", "rate paid on time and in full"), "paid", "due"),),
    formula=PerPoint(rate="payment_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 基本养老金按时足额发放率."""
    return [INDICATOR]
