"""一（六）1 城镇职工基本医疗保险参保人数，其中：农民工.

A compound item (Compound) of two proportional completions (CappedCompletion): all participants
(weight 0.8) and migrant workers (weight 0.2), because each city signs a target for both and
enrolling migrant workers was a separate national drive in 2006-2008.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import participants_with_migrant_workers

INDICATOR = participants_with_migrant_workers(
    id="medical_insurance.employee_participants",
    reference="一（六）1",
    label=Label("城镇职工基本医疗保险参保人数", "Participants in basic medical insurance for urban employees"),
    actual=Label("城镇职工基本医疗保险参保人数", "participants in urban employees' basic medical insurance"),
    weights=(Decimal("0.8"), Decimal("0.2")),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城镇职工基本医疗保险参保人数."""
    return [INDICATOR]
