"""一（二）3 农村劳动力转移就业培训人数及培训后就业率，其中：技能培训人数.

Compound: the number trained against its target (weight 0.6) and the employment rate after training (0.4), the rate
scored per point below the level the target responsibility statement sets for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import count_and_rate

INDICATOR = count_and_rate(
    id="training.rural_transfer_training",
    reference="一（二）3",
    label=Label(
        "农村劳动力转移就业培训人数及培训后就业率",
        "Rural labour given training for transfer employment, and their employment rate after training",
    ),
    count=("trained", Label("农村劳动力转移就业培训人数", "rural labour given transfer-employment training")),
    target=Label("农村劳动力转移就业培训人数目标任务数", "target for rural labour given transfer-employment training"),
    sub_items=(("skill_trained", Label("其中：技能培训人数", "of which: people given skill training")),),
    achieved=("employed", Label("培训后实现就业人数", "people employed after training")),
    rate=("employment_rate", Label("培训后就业率", "employment rate after training")),
    rate_target=("employment_rate_target", Label("培训后就业率目标", "target employment rate after training")),
    weights=(Decimal("0.6"), Decimal("0.4")),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 农村劳动力转移就业培训人数及培训后就业率."""
    return [INDICATOR]
