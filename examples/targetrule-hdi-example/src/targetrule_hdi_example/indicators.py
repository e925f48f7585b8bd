"""The four indicators of the example index: one family, four sets of goalposts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule import Indicator, Input, Kind, Label, hookimpl
from targetrule_hdi_example.goalposts import Goalposts


def _indicator(indicator_id: str, label: Label, unit: str, formula: Goalposts, maximum: int | None) -> Indicator:
    value = Input(formula.value, label, Kind.QUANTITY, unit=unit, maximum=None if maximum is None else Decimal(maximum))
    return Indicator(
        id=indicator_id,
        area=indicator_id.split(".")[0],
        label=label,
        reference="",
        unit=unit,
        inputs=(value,),
        formula=formula,
    )


LIFE = _indicator(
    "health.life_expectancy",
    Label("出生时预期寿命", "life expectancy at birth"),
    "years",
    Goalposts("years", Decimal(20), Decimal(85)),
    120,
)
MEAN_SCHOOLING = _indicator(
    "education.mean_schooling",
    Label("平均受教育年限", "mean years of schooling"),
    "years",
    Goalposts("years", Decimal(0), Decimal(15)),
    30,
)
EXPECTED_SCHOOLING = _indicator(
    "education.expected_schooling",
    Label("预期受教育年限", "expected years of schooling"),
    "years",
    Goalposts("years", Decimal(0), Decimal(18)),
    30,
)
INCOME = _indicator(
    "income.gni_per_capita",
    Label("人均国民总收入", "GNI per capita"),
    "PPP $",
    Goalposts("gni", Decimal(100), Decimal(75000), logarithm=True),
    None,
)
INDICATORS = (LIFE, MEAN_SCHOOLING, EXPECTED_SCHOOLING, INCOME)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare the four indicators."""
    return list(INDICATORS)
