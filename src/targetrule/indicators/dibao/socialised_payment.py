"""一（九）4 城市低保金的社会化发放及信息化建设达标率.

A compound item (Compound): socialised payment (recipients paid through banks or post offices ÷
all recipients, weight 0.5) scored per percentage point below 100% (PerPoint), because every
allowance must reach its recipient that way; and the information system (localities meeting
the standard ÷ all localities, weight 0.5) scored by proportional completion (CappedCompletion),
as a construction programme.
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
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.socialised_payment",
    area="dibao",
    label=Label(
        "城市低保金的社会化发放及信息化建设达标率",
        "Rate at which urban allowances are paid through socialised channels"
        " and the information system meets the standard",
    ),
    reference="一（九）4",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input("recipients", Label("城市低保对象人数", "urban allowance recipients"), Kind.COUNT, Role.ACTUAL, "人"),
        Input(
            "paid_socially",
            Label("社会化发放人数", "recipients paid through socialised channels"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input("localities", Label("县（市、区）数", "county-level localities"), Kind.COUNT, Role.ACTUAL, "个"),
        Input(
            "it_compliant",
            Label("信息化建设达标的县（市、区）数", "localities whose information system meets the standard"),
            Kind.COUNT,
            Role.ACTUAL,
            "个",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "socialised_rate",
            Label("社会化发放率", "rate paid through socialised channels"),
            numerator="paid_socially",
            denominator="recipients",
        ),
        Ratio(
            "it_rate",
            Label("信息化建设达标率", "rate of localities meeting the information-system standard"),
            numerator="it_compliant",
            denominator="localities",
        ),
    ),
    formula=Compound(
        (
            Part(
                "payment",
                PerPoint(rate="socialised_rate"),
                Decimal("0.5"),
                Label("社会化发放", "socialised payment"),
                applies_if="recipients",
            ),
            Part(
                "information",
                CappedCompletion(actual="it_compliant", target="localities"),
                Decimal("0.5"),
                Label("信息系统达标", "information system"),
                applies_if="localities",
            ),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城市低保金的社会化发放及信息化建设达标率."""
    return [INDICATOR]
