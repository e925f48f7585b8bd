"""一（八）3 劳动保障城域网建设覆盖率.

覆盖率 = 已联网的经办机构和服务网点 ÷ 应联网的经办机构和服务网点. Scored by proportional completion
(CappedCompletion on the counts): a network rollout earns credit for each site connected.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetrule import CappedCompletion, Direction, Indicator, Input, Kind, Label, Ratio, Role, hookimpl
from targetrule.indicators._departments import LABOUR_AND_SOCIAL_SECURITY

INDICATOR = Indicator(
    id="golden_insurance.network_coverage",
    area="golden_insurance",
    label=Label(
        "劳动保障城域网建设覆盖率", "Coverage rate of the labour-and-social-security metropolitan area network"
    ),
    reference="一（八）3",
    department=LABOUR_AND_SOCIAL_SECURITY,
    unit="%",
    inputs=(
        Input(
            "to_network",
            Label("应联网的经办机构和服务网点数", "offices and service points to be networked"),
            Kind.COUNT,
            Role.TARGET,
            "个",
        ),
        Input(
            "networked",
            Label("已联网的经办机构和服务网点数", "offices and service points networked"),
            Kind.COUNT,
            Role.ACTUAL,
            "个",
            better=Direction.HIGHER,
        ),
    ),
    derived=(
        Ratio(
            "coverage_rate",
            Label("劳动保障城域网建设覆盖率", "metropolitan area network coverage rate"),
            numerator="networked",
            denominator="to_network",
        ),
    ),
    formula=CappedCompletion(actual="networked", target="to_network"),
    direction=Direction.HIGHER,
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare 劳动保障城域网建设覆盖率."""
    return [INDICATOR]
