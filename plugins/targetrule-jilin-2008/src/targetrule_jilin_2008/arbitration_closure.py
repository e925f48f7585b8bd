"""2008 新增：劳动人事争议仲裁结案率 (labour dispute arbitration closure rate).

New with the Labour Dispute Mediation and Arbitration Law in force from 1 May 2008; scored in
threshold tiers of the share of accepted cases closed.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import Direction, Indicator, Input, Kind, Label, Ratio, Role, ThresholdTiers, hookimpl

INDICATOR = Indicator(
    id="labour_relations.arbitration_closure",
    area="labour_relations",
    label=Label("劳动人事争议仲裁结案率", "Labour dispute arbitration closure rate"),
    reference="2008 新增",
    unit="%",
    inputs=(
        Input("accepted", Label("仲裁立案受理件数", "arbitration cases accepted"), Kind.COUNT, Role.ACTUAL, "件"),
        Input(
            "closed",
            Label("其中：已结案件数", "of which: closed"),
            Kind.COUNT,
            Role.ACTUAL,
            "件",
            better=Direction.HIGHER,
        ),
    ),
    derived=(Ratio("closure_rate", Label("仲裁结案率", "arbitration closure rate"), "closed", "accepted"),),
    formula=ThresholdTiers(rate="closure_rate"),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 劳动人事争议仲裁结案率."""
    return [INDICATOR]
