"""一（二）2 下岗失业人员创业培训人数及创业成功率.

Compound: the number trained against its target (weight 0.6) and the business success rate (0.4), the rate
scored per point below the level the target responsibility statement sets for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import (
    CappedCompletion,
    Compound,
    Direction,
    Indicator,
    Input,
    Kind,
    Label,
    Part,
    PerPoint,
    Ratio,
    Role,
    hookimpl,
)

INDICATOR = Indicator(
    id="training.start_business_training",
    area="training",
    label=Label(
        "下岗失业人员创业培训人数及创业成功率",
        "Laid-off and unemployed people given start-your-business training, and the business success rate",
    ),
    reference="一（二）2",
    unit="人、%",
    inputs=(
        Input(
            "trained",
            Label("下岗失业人员创业培训人数", "laid-off and unemployed people given start-your-business training"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
        ),
        Input(
            "target",
            Label(
                "下岗失业人员创业培训人数目标任务数",
                "target for laid-off and unemployed people given start-your-business training",
            ),
            Kind.COUNT,
            Role.TARGET,
            "人",
        ),
        Input(
            "started",
            Label("培训后创业成功人数", "people who started a business after training"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input(
            "success_rate_target", Label("创业成功率目标", "target business success rate"), Kind.RATE, Role.TARGET, "%"
        ),
    ),
    derived=(Ratio("success_rate", Label("创业成功率", "business success rate"), "started", "trained"),),
    formula=Compound(
        (
            Part("count", CappedCompletion(actual="trained", target="target"), Decimal("0.6")),
            Part("rate", PerPoint(rate="success_rate", standard_input="success_rate_target"), Decimal("0.4")),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 下岗失业人员创业培训人数及创业成功率."""
    return [INDICATOR]
