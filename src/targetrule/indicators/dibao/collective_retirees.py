"""一（九）6 未参保集体企业退休人员生活费发放率.

发放率 = 已发放生活费的人数 ÷ 未参保集体企业退休人员. Scored by proportional completion
(CappedCompletion on the counts): living expenses for these retirees are a programme being
extended person by person, not an established entitlement, so each retiree reached counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Ratio, Role, hookimpl
from targetrule.indicators._departments import CIVIL_AFFAIRS

INDICATOR = Indicator(
    id="dibao.collective_retirees",
    area="dibao",
    label=Label(
        "未参保集体企业退休人员生活费发放率",
        "Rate at which living expenses are paid to retirees of collective enterprises that never joined insurance",
    ),
    reference="一（九）6",
    department=CIVIL_AFFAIRS,
    unit="%",
    inputs=(
        Input(
            "retirees",
            Label("未参保集体企业退休人员", "retirees of collective enterprises never insured"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
        ),
        Input(
            "paid",
            Label("已发放生活费的人数", "retirees paid living expenses"),
            Kind.COUNT,
            Role.ACTUAL,
            "人",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "payment_rate",
            Label("生活费发放率", "rate of living expenses paid"),
            numerator="paid",
            denominator="retirees",
        ),
    ),
    formula=CappedCompletion(actual="paid", target="retirees"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 未参保集体企业退休人员生活费发放率."""
    return [INDICATOR]
