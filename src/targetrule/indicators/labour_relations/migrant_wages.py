"""一（三）3 农民工工资当期支付率.

Rate = migrant workers' wages paid when due ÷ wages due; PerPoint against 100%, because wages due
must all be paid: every point unpaid deducts, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="labour_relations.migrant_wages",
    area="labour_relations",
    label=Label("农民工工资当期支付率", "Rate at which migrant workers' wages are paid when due"),
    reference="一（三）3",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "due",
            Label("当期应付农民工工资", "migrant workers' wages due in the period"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
        ),
        Input(
            "paid",
            Label("当期实际支付的农民工工资", "migrant workers' wages paid when due"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("payment_rate", Label("农民工工资当期支付率", "rate paid when due"), "paid", "due"),),
    formula=PerPoint(rate="payment_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 农民工工资当期支付率."""
    return [INDICATOR]
