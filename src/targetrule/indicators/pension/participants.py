"""一（四）1 基本养老保险参保人数，其中：失地农民参保人数；实际缴费人数占参保人数的比例.

Compound: participants against the target (weight 0.6) and the share who actually paid (0.4), the
share scored per point below the level the target responsibility statement sets for it.
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
    id="pension.participants",
    area="pension",
    label=Label("基本养老保险参保人数", "Participants in basic pension insurance"),
    reference="一（四）1",
    unit="人、%",
    inputs=(
        Input("participants", Label("基本养老保险参保人数", "participants"), Kind.COUNT, Role.ACTUAL, "人"),
        Input("target", Label("参保人数目标任务数", "target for participants"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "landless_farmers",
            Label("其中：（1）失地农民参保人数", "of which: (1) farmers who lost their land"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="participants",
        ),
        Input(
            "paying",
            Label("其中：（2）养老保险实际缴费人数", "of which: (2) participants who actually paid contributions"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input(
            "paying_share_target",
            Label("实际缴费人数占参保人数的比例目标", "target share of participants who actually paid"),
            Kind.RATE,
            Role.TARGET,
            "%",
        ),
    ),
    derived=(
        Ratio(
            "paying_share",
            Label("养老保险实际缴费人数占参保人数的比例", "share of participants who actually paid contributions"),
            "paying",
            "participants",
        ),
    ),
    formula=Compound(
        (
            Part("count", CappedCompletion(actual="participants", target="target"), Decimal("0.6")),
            Part("paying_share", PerPoint(rate="paying_share", standard_input="paying_share_target"), Decimal("0.4")),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 基本养老保险参保人数."""
    return [INDICATOR]
