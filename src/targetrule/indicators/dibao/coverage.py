"""一（九）1 符合低保条件城市困难居民应保尽保、分类施保率.

A compound item (Compound) of two rates, each scored per percentage point below 100% (PerPoint):
应保尽保 (covered ÷ eligible, weight 0.7) and 分类施保 (given category assistance ÷ due it,
weight 0.3). Everyone eligible must be covered, so every point short is deducted, down to zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Compound, Direction, Indicator, Input, Kind, Label, Part, PerPoint, Ratio, Role, hookimpl
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.coverage",
    area="dibao",
    label=Label(
        "符合低保条件城市困难居民应保尽保、分类施保率",
        "Rate at which eligible urban residents in hardship are all covered and given allowances by category",
    ),
    reference="一（九）1",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input(
            "eligible",
            Label("符合低保条件的城市困难居民", "urban residents in hardship eligible for the allowance"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
        ),
        Input(
            "covered",
            Label("已纳入低保的人数", "eligible residents covered"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
        Input(
            "category_due",
            Label("其中：应分类施保人数", "of which: residents due assistance by category"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            part_of="covered",
        ),
        Input(
            "category_given",
            Label("已分类施保人数", "residents given assistance by category"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "coverage_rate",
            Label("应保尽保率", "rate of the eligible covered"),
            numerator="covered",
            denominator="eligible",
        ),
        Ratio(
            "category_rate",
            Label("分类施保率", "rate of assistance by category"),
            numerator="category_given",
            denominator="category_due",
        ),
    ),
    formula=Compound(
        (
            Part(
                "coverage",
                PerPoint(rate="coverage_rate"),
                Decimal("0.7"),
                Label("应保尽保", "coverage"),
                applies_if="eligible",
            ),
            Part(
                "category",
                PerPoint(rate="category_rate"),
                Decimal("0.3"),
                Label("分类施保", "assistance by category"),
                applies_if="category_due",
            ),
        )
    ),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 符合低保条件城市困难居民应保尽保、分类施保率."""
    return [INDICATOR]
