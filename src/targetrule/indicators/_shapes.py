"""Builders for indicator shapes several built-in items share (not a plugin: it defines no hook).

Each builder returns an ordinary ``Indicator``; the area is the first part of the id.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import CappedCompletion, Compound, Direction, Indicator, Input, Kind, Label, Part, PerPoint, Ratio, Role
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

Named = tuple[str, Label]


def count_and_rate(
    *,
    id: str,
    reference: str,
    label: Label,
    count: Named,
    target: Label,
    achieved: Named,
    rate: Named,
    rate_target: Named,
    weights: tuple[Decimal, Decimal],
    sub_items: Sequence[Named] = (),
    rate_part: str = "rate",
) -> Indicator:
    """A count against its target plus the rate achieved ÷ count, scored per point below the rate's target."""
    count_name, count_label = count
    achieved_name, achieved_label = achieved
    rate_name, rate_label = rate
    rate_target_name, rate_target_label = rate_target
    count_weight, rate_weight = weights
    return Indicator(
        id=id,
        area=id.split(".")[0],
        label=label,
        reference=reference,
        unit="人、%",
        inputs=(
            Input(count_name, count_label, Kind.COUNT, Role.ACTUAL, "人"),
            Input("target", target, Kind.COUNT, Role.TARGET, "人"),
            *(
                Input(name, sub_label, Kind.COUNT, Role.ACTUAL, "人", part_of=count_name)
                for name, sub_label in sub_items
            ),
            Input(achieved_name, achieved_label, Kind.COUNT, Role.ACTUAL, "人", better=Direction.HIGHER),
            Input(rate_target_name, rate_target_label, Kind.RATE, Role.TARGET, "%"),
        ),
        derived=(Ratio(rate_name, rate_label, achieved_name, count_name),),
        formula=Compound(
            (
                Part(
                    "count", CappedCompletion(actual=count_name, target="target"), count_weight, Label("人数", "count")
                ),
                Part(
                    rate_part,
                    PerPoint(rate=rate_name, standard_input=rate_target_name),
                    rate_weight,
                    rate_label,
                    applies_if=count_name,  # nobody trained: the rate after training is 0 ÷ 0
                ),
            )
        ),
        direction=Direction.HIGHER,
        department=LABOUR_AND_SOCIAL_SECURITY,
    )


def participants_with_migrant_workers(
    *, id: str, reference: str, label: Label, actual: Label, weights: tuple[Decimal, Decimal]
) -> Indicator:
    """Participants against the target plus the migrant-worker sub-item against its own target, both completions."""
    total_weight, migrant_weight = weights
    return Indicator(
        id=id,
        area=id.split(".")[0],
        label=label,
        reference=reference,
        unit="人",
        inputs=(
            Input("actual", actual, Kind.COUNT, Role.ACTUAL, "人", better=Direction.HIGHER),
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
                Part(
                    "total",
                    CappedCompletion(actual="actual", target="target"),
                    total_weight,
                    Label("参保人数", "participants"),
                ),
                Part(
                    "migrant",
                    CappedCompletion(actual="migrant_workers", target="migrant_target"),
                    migrant_weight,
                    Label("其中农民工", "of which migrant workers"),
                ),
            )
        ),
        direction=Direction.HIGHER,
        department=LABOUR_AND_SOCIAL_SECURITY,
    )
