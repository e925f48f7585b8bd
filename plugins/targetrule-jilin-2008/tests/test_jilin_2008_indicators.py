"""The 2008 indicators: the contract suite on each, and hand-computed cases of the new formula."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from jilin_2008_support import ENGINE
from targetrule_jilin_2008.arbitration_closure import INDICATOR as ARBITRATION
from targetrule_jilin_2008.graduate_employment import INDICATOR as GRADUATES
from targetrule_jilin_2008.registered_unemployment import INDICATOR as UNEMPLOYMENT
from targetrule_jilin_2008.stepped_ceiling import SteppedCeiling

from targetrule import score_indicator
from targetrule.indicators.employment.registered_unemployment_rate import INDICATOR as UNEMPLOYMENT_2007
from targetrule.testing import IndicatorContract


class TestGraduateEmployment(IndicatorContract):
    indicator = GRADUATES


class TestArbitrationClosure(IndicatorContract):
    indicator = ARBITRATION


class TestRegisteredUnemployment2008(IndicatorContract):
    indicator = UNEMPLOYMENT


class TestEveryNewItemUnderTheSchemesParameters(IndicatorContract):
    """The contract with the parameters jilin-2008 gives each new or changed item."""

    @pytest.fixture(params=[GRADUATES.id, ARBITRATION.id, UNEMPLOYMENT.id])
    def contract_indicator(self, request: pytest.FixtureRequest) -> Any:
        """One of the plugin's indicators."""
        return ENGINE.registry.indicators[request.param]

    @pytest.fixture
    def contract_params(self, contract_indicator: Any) -> dict[str, Any]:
        """The scheme's parameters for it."""
        return dict(ENGINE.load_scheme("jilin-2008").item(contract_indicator.id).params)


def stepped(rate: str, **params: str) -> D:
    formula = SteppedCeiling("rate")
    merged = {name: spec.default for name, spec in formula.parameters.items()} | {k: D(v) for k, v in params.items()}
    return formula.score({"rate": D(rate)}, merged).value


def test_the_stepped_ceiling_counts_every_started_step() -> None:
    assert stepped("4.5") == 1  # at the ceiling of 4.5: full marks
    assert stepped("3.9") == 1  # under it
    assert stepped("4.51") == D("0.875")  # 0.01 over: one started step of 0.1, 1 − 0.125
    assert stepped("4.6") == D("0.875")  # exactly one step
    assert stepped("4.61") == D("0.75")  # 0.11 over: two steps, 1 − 2 × 0.125
    assert stepped("5.3") == 0  # 0.8 over: 8 steps × 0.125 = 1, nothing left
    assert stepped("6") == 0  # 15 steps: deducted until zero, never below
    assert stepped("4.7", step="0") == D("0.875")  # no step size: any excess is one step


def test_the_stepped_ceiling_explains_its_steps() -> None:
    formula = SteppedCeiling("rate", ceiling_input="ceiling")
    params = {name: spec.default for name, spec in formula.parameters.items()}
    text = formula.score({"rate": D("4.73"), "ceiling": D("4.5")}, params).explanation()
    # 4.73 − 4.5 = 0.23 over: ⌈0.23 / 0.1⌉ = 3 steps, 1 − 3 × 0.125 = 0.625
    assert text.zh == "实际 4.73%，超出控制上限 4.50% 共 0.23 个百分点，按每 0.1 个百分点一档计 3 档，得分率 62.50%"
    assert text.en == "rate 4.73% is 0.23 points over the ceiling of 4.50%: 3 steps of 0.1 points, attainment 62.50%"


def test_the_2008_unemployment_item_reads_the_2007_inputs_under_a_new_id() -> None:
    assert UNEMPLOYMENT.id != UNEMPLOYMENT_2007.id
    assert UNEMPLOYMENT.inputs == UNEMPLOYMENT_2007.inputs and UNEMPLOYMENT.derived == UNEMPLOYMENT_2007.derived
    assert UNEMPLOYMENT.formula != UNEMPLOYMENT_2007.formula
    # 4,800 / 100,000 = 4.80%, 0.30 over a 4.5% ceiling: 3 steps → 0.625 (2007 default: 1 − 0.3 × 1 = 0.70).
    raw = {"registered_unemployed": 4800, "labour_force": 100000, "ceiling": 4.5}
    assert score_indicator(UNEMPLOYMENT, raw).attainment.value == D("0.625")  # type: ignore[union-attr]
    assert score_indicator(UNEMPLOYMENT_2007, raw).attainment.value == D("0.70")  # type: ignore[union-attr]


def test_graduate_employment_against_the_regions_target() -> None:
    # 850 / 1,000 = 85.00% against a target of 88%: 3 points short × 0.1 (the family default) = 0.70.
    outcome = score_indicator(GRADUATES, {"graduates": 1000, "employed": 850, "rate_target": 88})
    assert outcome.attainment is not None and outcome.attainment.value == D("0.70")
    # No graduates this year: nothing could be missed, full marks (the ratio's value when the denominator is 0).
    none = score_indicator(GRADUATES, {"graduates": 0, "employed": 0, "rate_target": 85})
    assert none.attainment is not None and none.attainment.value == 1


def test_more_employed_graduates_than_graduates_is_a_finding() -> None:
    outcome = score_indicator(GRADUATES, {"graduates": 100, "employed": 120, "rate_target": 85})
    assert [f.code for f in outcome.findings] == ["rule.part_exceeds_whole"]
    assert outcome.findings[0].message.zh == "其中：已就业人数（120）不应超过应届高校毕业生人数（100）"


def test_arbitration_closure_in_tiers() -> None:
    # 92 / 100 = 92% reaches the 90% tier of the family's default tiers (95: 1, 90: 0.8, 80: 0.5).
    outcome = score_indicator(ARBITRATION, {"accepted": 100, "closed": 92})
    assert outcome.attainment is not None and outcome.attainment.value == D("0.8")
