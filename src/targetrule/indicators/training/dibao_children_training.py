"""一（二）4 低保家庭子女培训人数及培训后就业率，其中：技能培训人数.

Compound: the number trained against its target (weight 0.6) and the employment rate after training (0.4), the rate
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
    id="training.dibao_children_training",
    area="training",
    label=Label(
        "低保家庭子女培训人数及培训后就业率",
        "Children of minimum-allowance families trained, and their employment rate after training",
    ),
    reference="一（二）4",
    unit="人、%",
    inputs=(
        Input(
            "trained",
            Label("低保家庭子女培训人数", "children of minimum-allowance families trained"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
        ),
        Input(
            "target",
            Label("低保家庭子女培训人数目标任务数", "target for children of minimum-allowance families trained"),
            Kind.COUNT,
            Role.TARGET,
            "人",
        ),
        Input(
            "skill_trained",
            Label("其中：技能培训人数", "of which: people given skill training"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="trained",
        ),
        Input(
            "employed",
            Label("培训后实现就业人数", "people employed after training"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input(
            "employment_rate_target",
            Label("培训后就业率目标", "target employment rate after training"),
            Kind.RATE,
            Role.TARGET,
            "%",
        ),
    ),
    derived=(Ratio("employment_rate", Label("培训后就业率", "employment rate after training"), "employed", "trained"),),
    formula=Compound(
        (
            Part("count", CappedCompletion(actual="trained", target="target"), Decimal("0.6")),
            Part("rate", PerPoint(rate="employment_rate", standard_input="employment_rate_target"), Decimal("0.4")),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 低保家庭子女培训人数及培训后就业率."""
    return [INDICATOR]
