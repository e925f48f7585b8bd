"""一（七）1 工伤保险参保人数，其中：农民工.

A compound item (Compound) of two proportional completions (CappedCompletion): all participants
(weight 0.8) and migrant workers (weight 0.2), because each city signs a target for both and
migrant workers were the focus of the 2006-2008 national work-injury drive (平安计划).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators._shapes import participants_with_migrant_workers

INDICATOR = participants_with_migrant_workers(
    id="injury_maternity.injury_participants",
    reference="一（七）1",
    label=Label("工伤保险参保人数", "Participants in work-injury insurance"),
    actual=Label("工伤保险参保人数", "participants in work-injury insurance"),
    weights=(Decimal("0.8"), Decimal("0.2")),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 工伤保险参保人数."""
    return [INDICATOR]
