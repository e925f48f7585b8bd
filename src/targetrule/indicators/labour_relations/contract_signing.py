"""一（三）1 企业劳动合同签订率.

Rate = contracts signed ÷ contracts due; threshold tiers, because coverage is judged by the level it
reaches on the way to universal signing (达到 95%、90%、80% …), not by a region-set figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, Ratio, Role, ThresholdTiers, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="labour_relations.contract_signing",
    area="labour_relations",
    label=Label("企业劳动合同签订率", "Rate of labour contracts signed in enterprises"),
    reference="一（三）1",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "due",
            Label("企业应签订劳动合同的职工人数", "enterprise employees who should have a labour contract"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
        ),
        Input(
            "signed",
            Label("已签订劳动合同的职工人数", "employees with a signed labour contract"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("signing_rate", Label("企业劳动合同签订率", "labour-contract signing rate"), "signed", "due"),),
    formula=ThresholdTiers(rate="signing_rate"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 企业劳动合同签订率."""
    return [INDICATOR]
