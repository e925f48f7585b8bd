"""一（六）2 城镇居民基本医疗保险参保人数，其中：农民工.

A compound item (Compound) of two proportional completions (CappedCompletion): all participants
(weight 0.8) and migrant workers (weight 0.2). The notice names a migrant-worker sub-item here
too, and it is kept as the notice says.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import participants_with_migrant_workers

INDICATOR = participants_with_migrant_workers(
    id="medical_insurance.resident_participants",
    reference="一（六）2",
    label=Label("城镇居民基本医疗保险参保人数", "Participants in basic medical insurance for urban residents"),
    actual=Label("城镇居民基本医疗保险参保人数", "participants in urban residents' basic medical insurance"),
    weights=(Decimal("0.8"), Decimal("0.2")),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城镇居民基本医疗保险参保人数."""
    return [INDICATOR]
