"""一（二）2 下岗失业人员创业培训人数及创业成功率.

Compound: the number trained against its target (weight 0.6) and the business success rate (0.4), the rate
scored per point below the level the target responsibility statement sets for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import count_and_rate

INDICATOR = count_and_rate(
    id="training.start_business_training",
    reference="一（二）2",
    label=Label(
        "下岗失业人员创业培训人数及创业成功率",
        "Laid-off and unemployed people given start-your-business training, and the business success rate",
    ),
    count=(
        "trained",
        Label("下岗失业人员创业培训人数", "laid-off and unemployed people given start-your-business training"),
    ),
    target=Label(
        "下岗失业人员创业培训人数目标任务数",
        "target for laid-off and unemployed people given start-your-business training",
    ),
    achieved=("started", Label("培训后创业成功人数", "people who started a business after training")),
    rate=("success_rate", Label("创业成功率", "business success rate")),
    rate_target=("success_rate_target", Label("创业成功率目标", "target business success rate")),
    weights=(Decimal("0.6"), Decimal("0.4")),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 下岗失业人员创业培训人数及创业成功率."""
    return [INDICATOR]
