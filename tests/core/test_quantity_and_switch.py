"""Kind.QUANTITY (years, ratios, indices) and yes/no switch parameters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from targetrule import CappedCompletion, Indicator, Input, Kind, Label, Parameter, score_indicator
from targetrule.formats.template_layout import bounds_text
from targetrule.scheme_loader import ParamValueError, parse_param

YEARS = Input("years", Label("预期寿命", "life expectancy"), Kind.QUANTITY, unit="years", maximum=Decimal(120))
LIFE = Indicator(
    id="health.life",
    area="health",
    label=Label("预期寿命", "life expectancy"),
    reference="",
    unit="years",
    inputs=(YEARS, Input("target", Label("目标", "target"), Kind.QUANTITY, unit="years")),
    formula=CappedCompletion("years", "target"),
)


def test_a_quantity_takes_decimals_within_its_bounds() -> None:
    outcome = score_indicator(LIFE, {"years": 72.5, "target": 80})
    assert outcome.attainment is not None and outcome.attainment.value == Decimal("0.90625")  # 72.5 / 80
    codes = {
        value: [f.code for f in score_indicator(LIFE, {"years": value, "target": 80}).findings]
        for value in (-1, 121, "old")
    }
    assert codes == {-1: ["input.below_minimum"], 121: ["input.above_maximum"], "old": ["input.not_a_number"]}


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_template_text(kind: Kind) -> None:
    assert bounds_text(Input("x", Label("x", "x"), kind)).en  # no kind is left without a column description


def test_the_template_describes_a_quantity() -> None:
    assert bounds_text(YEARS).en == "years; number, ≥ 0, ≤ 120"


def test_a_switch_parameter_takes_true_or_false_only() -> None:
    switch = Parameter(False, Label("开关", "switch"))
    assert switch.is_switch and not switch.is_tiers
    assert parse_param(switch, True) is True
    for wrong in (1, "true", Decimal(1)):
        with pytest.raises(ParamValueError, match="expected true or false"):
            parse_param(switch, wrong)
    number = Parameter(Decimal(1), Label("数", "number"))
    with pytest.raises(ParamValueError, match="expected a number"):
        parse_param(number, True)  # a number parameter never takes a switch
