"""一（三）4 查处举报投诉案件结案率及行政复议维持率.

Compound: cases closed ÷ cases accepted (weight 0.6) and reconsiderations upheld ÷ decided (0.4),
each by threshold tiers, because both are judged by the level reached (达到 95%、90%、80% …).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Compound, Direction, Indicator, Input, Kind, Label, Part, Ratio, Role, ThresholdTiers, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="labour_relations.case_closure",
    area="labour_relations",
    label=Label(
        "查处举报投诉案件结案率及行政复议维持率",
        "Rate of reported and complained cases closed, and rate of administrative reconsiderations upheld",
    ),
    reference="一（三）4",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "accepted",
            Label("受理的举报投诉案件数", "reported and complained cases accepted"),
            Kind.COUNT,
            Role.ACTUAL,
            "件",
        ),
        Input(
            "closed",
            Label("已结案件数", "cases closed"),
            Kind.COUNT,
            Role.ACTUAL,
            "件",
            better=Direction.HIGHER,
        ),
        Input(
            "reviews_decided",
            Label("行政复议审结案件数", "administrative reconsiderations decided"),
            Kind.COUNT,
            Role.ACTUAL,
            "件",
        ),
        Input(
            "reviews_upheld",
            Label("行政复议维持案件数", "administrative reconsiderations upheld"),
            Kind.COUNT,
            Role.ACTUAL,
            "件",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio("closure_rate", Label("结案率", "case closure rate"), "closed", "accepted"),
        Ratio(
            "upheld_rate",
            Label("行政复议维持率", "rate of reconsiderations upheld"),
            "reviews_upheld",
            "reviews_decided",
        ),
    ),
    formula=Compound(
        (
            Part(
                "closure",
                ThresholdTiers(rate="closure_rate"),
                Decimal("0.6"),
                Label("结案率", "case closure"),
                applies_if="accepted",
            ),
            Part(
                "upheld",
                ThresholdTiers(rate="upheld_rate"),
                Decimal("0.4"),
                Label("行政复议维持率", "reconsiderations upheld"),
                applies_if="reviews_decided",
            ),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 查处举报投诉案件结案率及行政复议维持率."""
    return [INDICATOR]
