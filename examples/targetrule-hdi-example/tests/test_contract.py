"""The example index's indicators meet the targetrule contract, and its scheme loads with its own precision."""

from __future__ import annotations

from decimal import Decimal

from targetrule_hdi_example import goalposts, indicators, schemes
from targetrule_hdi_example.indicators import EXPECTED_SCHOOLING, INCOME, LIFE, MEAN_SCHOOLING

from targetrule import Engine, Registry, builtin
from targetrule.testing import IndicatorContract


class TestLife(IndicatorContract):
    """Life expectancy, 20–85 years."""

    indicator = LIFE


class TestMeanSchooling(IndicatorContract):
    """Mean years of schooling, 0–15."""

    indicator = MEAN_SCHOOLING


class TestExpectedSchooling(IndicatorContract):
    """Expected years of schooling, 0–18."""

    indicator = EXPECTED_SCHOOLING


class TestIncome(IndicatorContract):
    """GNI per capita on logarithms, 100–75,000."""

    indicator = INCOME


def test_the_scheme_loads_with_full_marks_of_one_and_thousandths() -> None:
    scheme = Engine(Registry.from_plugins([builtin, goalposts, indicators, schemes])).load_scheme("hdi-example")
    assert scheme.spec.total_points == 1 and scheme.quantum == Decimal("0.001")
    assert scheme.aggregation.name == "weighted_geometric_mean"
