"""一（六）2 城镇居民基本医疗保险参保人数，其中：农民工.

A compound item (Compound) of two proportional completions (CappedCompletion): all participants
(weight 0.8) and migrant workers (weight 0.2). The notice names a migrant-worker sub-item here
too, and it is kept as the notice says.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import CappedCompletion, Compound, Direction, Indicator, Input, Kind, Label, Part, Role, hookimpl

INDICATOR = Indicator(
    id="medical_insurance.resident_participants",
    area="medical_insurance",
    label=Label("城镇居民基本医疗保险参保人数", "Participants in basic medical insurance for urban residents"),
    reference="一（六）2",
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("城镇居民基本医疗保险参保人数", "participants in urban residents' basic medical insurance"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "migrant_workers",
            Label("其中：农民工", "of which: migrant workers"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
        Input(
            "migrant_target",
            Label("其中：农民工目标任务数", "of which: target for migrant workers"),
            Kind.COUNT,
            Role.TARGET,
            "人",
            part_of="target",
        ),
    ),
    formula=Compound(
        (
            Part("total", CappedCompletion(actual="actual", target="target"), Decimal("0.8")),
            Part("migrant", CappedCompletion(actual="migrant_workers", target="migrant_target"), Decimal("0.2")),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城镇居民基本医疗保险参保人数."""
    return [INDICATOR]
