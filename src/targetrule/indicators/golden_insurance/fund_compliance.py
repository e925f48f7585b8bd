"""一（八）1 基金管理合规率.

合规率 = (全部基金 − 不合规金额) ÷ 全部基金, from the two amounts the inspectors found. Scored per
percentage point below 100% (PerPoint): every yuan of social-insurance funds must be managed by
the rules, so each point short is deducted, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="golden_insurance.fund_compliance",
    area="golden_insurance",
    label=Label("基金管理合规率", "Rate of fund management in compliance"),
    reference="一（八）1",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input("funds", Label("全部基金", "all funds examined"), Kind.AMOUNT, Role.ACTUAL, "万元"),
        Input(
            "non_compliant",
            Label("不合规金额", "amount not in compliance"),
            Kind.AMOUNT,
            Role.ACTUAL,
            "万元",
            better=Direction.LOWER,
        ),
    ),
    derived=(
        Ratio(
            "compliance_rate",
            Label("基金管理合规率", "fund-management compliance rate"),
            numerator="non_compliant",
            denominator="funds",
            complement=True,
        ),
    ),
    formula=PerPoint(rate="compliance_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 基金管理合规率."""
    return [INDICATOR]
