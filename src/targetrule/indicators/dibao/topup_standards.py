"""一（九）2 城乡低保补差标准到位率，其中：（1）城市；（2）农村.

到位率 = 补差标准已到位数 ÷ 应到位数, counted per county-level locality for the urban and the
rural allowance. Scored by proportional completion (CappedCompletion on the counts): with a
handful of localities per city, a per-point deduction would zero the item for one locality late.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import (
    CappedCompletion,
    Direction,
    Indicator,
    Input,
    Kind,
    Label,
    PartsNotAboveWhole,
    Ratio,
    Role,
    hookimpl,
)
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.topup_standards",
    area="dibao",
    label=Label("城乡低保补差标准到位率", "Rate at which urban and rural allowance top-up standards are met"),
    reference="一（九）2",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input(
            "due",
            Label(
                "应到位的补差标准数（城市、农村按县（市、区）计）", "top-up standards due (urban and rural, per county)"
            ),
            Kind.COUNT,
            Role.TARGET,
            "个",
        ),
        Input(
            "met",
            Label("补差标准已到位数", "top-up standards met"),
            Kind.COUNT,
            Role.ACTUAL,
            "个",
            better=Direction.HIGHER,
        ),
        Input(
            "urban_met", Label("其中：（1）城市", "of which: (1) urban"), Kind.COUNT, Role.ACTUAL, "个", part_of="met"
        ),
        Input(
            "rural_met", Label("其中：（2）农村", "of which: (2) rural"), Kind.COUNT, Role.ACTUAL, "个", part_of="met"
        ),
    ),
    derived=(
        Ratio(
            "topup_rate",
            Label("城乡低保补差标准到位率", "rate of top-up standards met"),
            numerator="met",
            denominator="due",
        ),
    ),
    rules=(PartsNotAboveWhole(("urban_met", "rural_met"), "met"),),
    formula=CappedCompletion(actual="met", target="due"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 城乡低保补差标准到位率."""
    return [INDICATOR]
