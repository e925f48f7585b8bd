"""一（三）5 职工群众来省进京上访下降率.

Decline of this year's petitions against last year's, scored against a target decline; last year's
figure is required, and a zero last year is defined (still zero: full marks; any petition: none).
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import DeclineRate, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="labour_relations.petition_decline",
    area="labour_relations",
    label=Label(
        "职工群众来省进京上访下降率",
        "Rate of decline in workers and citizens petitioning at the province or in Beijing",
    ),
    reference="一（三）5",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "current",
            Label("本年职工群众来省进京上访人次", "petitions at the province or in Beijing this year"),
            Kind.COUNT,
            Role.ACTUAL,
            "人次",
            better=Direction.LOWER,
        ),
        Input(
            "baseline",
            Label("上年职工群众来省进京上访人次", "petitions at the province or in Beijing last year"),
            Kind.COUNT,
            Role.BASELINE,
            "人次",
        ),
    ),
    formula=DeclineRate(current="current", baseline="baseline"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 职工群众来省进京上访下降率."""
    return [INDICATOR]
