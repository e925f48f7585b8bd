"""一（四）1 基本养老保险参保人数，其中：失地农民参保人数；实际缴费人数占参保人数的比例.

Compound: participants against the target (weight 0.6) and the share who actually paid (0.4), the
share scored per point below the level the target responsibility statement sets for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import count_and_rate

INDICATOR = count_and_rate(
    id="pension.participants",
    reference="一（四）1",
    label=Label("基本养老保险参保人数", "Participants in basic pension insurance"),
    count=("participants", Label("基本养老保险参保人数", "participants")),
    target=Label("参保人数目标任务数", "target for participants"),
    sub_items=(
        ("landless_farmers", Label("其中：（1）失地农民参保人数", "of which: (1) farmers who lost their land")),
    ),
    achieved=(
        "paying",
        Label("其中：（2）养老保险实际缴费人数", "of which: (2) participants who actually paid contributions"),
    ),
    rate=(
        "paying_share",
        Label("养老保险实际缴费人数占参保人数的比例", "share of participants who actually paid contributions"),
    ),
    rate_target=(
        "paying_share_target",
        Label("实际缴费人数占参保人数的比例目标", "target share of participants who actually paid"),
    ),
    weights=(Decimal("0.6"), Decimal("0.4")),
    rate_part="paying_share",
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 基本养老保险参保人数."""
    return [INDICATOR]
