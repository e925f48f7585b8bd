"""一（一）8 劳务输出人数（其中四项）.

劳务输出人数，其中：（1）农村劳动力输出人数；（2）省外劳务输出人数；
（3）农村劳动力转移就业人数；（4）境外就业人数。

The four sub-items overlap (rural labour exported out of the province counts in both (1) and (2)),
so each is checked against the total on its own, never their sum.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="employment.labour_export",
    area="employment",
    label=Label("劳务输出人数", "Labour export"),
    reference="一（一）8",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="人",
    inputs=(
        Input(
            "actual",
            Label("劳务输出人数", "people in labour export"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("target", Label("目标任务数", "target"), Kind.COUNT, Role.TARGET, "人"),
        Input(
            "rural_export",
            Label("其中：（1）农村劳动力输出人数", "of which: (1) rural labour exported"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
        Input(
            "out_of_province",
            Label("其中：（2）省外劳务输出人数", "of which: (2) labour exported out of the province"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
        Input(
            "rural_transfer",
            Label("其中：（3）农村劳动力转移就业人数", "of which: (3) rural labour transferred into employment"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
        Input(
            "abroad",
            Label("其中：（4）境外就业人数", "of which: (4) people employed abroad"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="actual",
        ),
    ),
    formula=CappedCompletion(actual="actual", target="target"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 劳务输出人数."""
    return [INDICATOR]
