"""Formula families: hand-computed cases, then properties (bounded, monotone, deterministic, defined at zero)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targetrule import (
    CappedCompletion,
    Compound,
    ControlCeiling,
    DeclineRate,
    DeductUntilZero,
    Formula,
    Part,
    PassFail,
    PerPoint,
    ShortfallBands,
    ThresholdTiers,
    default_params,
)
from targetrule.formulas import ParamProblem, check_params, max_attainment


def score(formula: Formula, params: Mapping[str, Any] | None = None, **values: str | int) -> D:
    """Score ``formula`` on decimal values with its default parameters (overridden by ``params``)."""
    merged = default_params(formula) | dict(params or {})
    return formula.score({k: D(v) for k, v in values.items()}, merged).value


# --- hand-computed cases -------------------------------------------------------------------------


def test_capped_completion() -> None:
    f = CappedCompletion("a", "t")
    assert score(f, a=95000, t=100000) == D("0.95")  # 95,000 / 100,000 = 0.95
    assert score(f, a=120, t=100) == 1  # 1.20 capped at the default cap 1
    assert score(f, {"cap": D("1.1")}, a=120, t=100) == D("1.1")  # 1.20 capped at 1.1
    assert score(f, {"cap": D("1.5")}, a=120, t=100) == D("1.2")  # 1.20 under a cap of 1.5
    assert score(f, a=0, t=0) == 1  # a zero target asked for nothing: full marks


def test_capped_completion_explains_with_the_numbers() -> None:
    f = CappedCompletion("a", "t")
    text = f.score({"a": D(95000), "t": D(100000)}, default_params(f)).explanation()
    assert text.zh == "完成 95,000 / 目标 100,000 = 95.00%，得分率 95.00%"
    assert "95,000" in text.en and "100,000" in text.en


def test_per_point() -> None:
    f = PerPoint("r")
    assert score(f, r="97.5") == D("0.75")  # 100 - 97.5 = 2.5 points short × 0.1 = 0.25 off
    assert score(f, r=85) == 0  # 15 points × 0.1 = 1.5 off: deducted until zero
    assert score(f, r=100) == 1
    bonus = {"standard": D(90), "bonus_per_point": D("0.02"), "cap": D("1.1")}
    assert score(f, bonus, r=93) == D("1.06")  # 3 points above 90 × 0.02 = +0.06
    assert score(f, bonus, r=99) == D("1.1")  # 9 × 0.02 = +0.18, capped at 1.1
    g = PerPoint("r", standard_input="s")
    assert score(g, r=88, s=90) == D("0.8")  # the region's own standard: 2 points short × 0.1


def test_shortfall_bands() -> None:
    f = ShortfallBands("a", "t")
    assert score(f, a=100, t=100) == 1  # no shortfall
    assert score(f, a=96, t=100) == D("0.9")  # 4% short: within the 5% band
    assert score(f, a=95, t=100) == D("0.9")  # exactly 5% short: still the 5% band
    assert score(f, a=85, t=100) == D("0.5")  # 15% short: the 20% band
    assert score(f, a=70, t=100) == 0  # 30% short: beyond every band
    assert score(f, a=0, t=0) == 1


def test_threshold_tiers() -> None:
    f = ThresholdTiers("r")
    assert score(f, r=96) == 1  # ≥ 95
    assert score(f, r=90) == D("0.8")  # ≥ 90
    assert score(f, r="89.99") == D("0.5")  # ≥ 80
    assert score(f, r=50) == 0  # below every tier: floor 0


def test_control_ceiling() -> None:
    f = ControlCeiling("r")
    assert score(f, r="4.15") == 1  # Jilin, March 2007: 4.15% under the 4.5% ceiling
    assert score(f, r="4.8") == D("0.7")  # 0.3 points over × 1 per point = 0.3 off
    assert score(f, r=6) == 0  # 1.5 points over: down to zero
    g = ControlCeiling("r", ceiling_input="c")
    assert score(g, r="4.2", c="4.0") == D("0.8")  # own ceiling 4.0: 0.2 over
    assert score(g, r="4.7") == D("0.8")  # no own ceiling given (an optional input): the parameter's 4.5, 0.2 over


def test_decline_rate() -> None:
    f = DeclineRate("c", "b")
    assert score(f, c=95, b=100) == D("0.5")  # (100-95)/100 = 5% decline of a 10% target
    assert score(f, c=80, b=100) == 1  # 20% decline, capped at full marks
    assert score(f, c=110, b=100) == 0  # a rise scores nothing
    assert score(f, c=0, b=0) == 1  # still zero: full marks
    assert score(f, c=3, b=0) == 0  # from zero to three: nothing
    assert score(f, {"target_decline": D(0)}, c=100, b=100) == 1  # no decline asked: holding level is enough


def test_deduct_until_zero_and_pass_fail() -> None:
    f = DeductUntilZero("n")
    assert score(f, n=2) == D("0.6")  # 1 - 2 × 0.2
    assert score(f, n=9) == 0
    p = PassFail("ok")
    assert score(p, ok=1) == 1 and score(p, ok=0) == 0


def test_compound_weights_and_prefixed_parameters() -> None:
    f = Compound((Part("count", CappedCompletion("a", "t"), D("0.6")), Part("rate", ThresholdTiers("r"), D("0.4"))))
    # count: 80 / 100 = 0.8; rate 91% -> tier 0.8; 0.6 × 0.8 + 0.4 × 0.8 = 0.8
    assert score(f, a=80, t=100, r=91) == D("0.8")
    # re-weighted from the scheme: 0.5 × 0.8 + 0.5 × 1 (rate 96% -> tier 1) = 0.9
    assert score(f, {"count.weight": D(1), "rate.weight": D(1)}, a=80, t=100, r=96) == D("0.9")
    assert set(f.param_specs()) == {"count.weight", "count.cap", "rate.weight", "rate.tiers", "rate.floor"}
    text = f.score({"a": D(80), "t": D(100), "r": D(91)}, default_params(f)).explanation()
    assert "80" in text.zh and "91.00%" in text.zh and "加权得分率 80.00%" in text.zh


# --- properties ----------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
caps = st.decimals(min_value=1, max_value=2, places=2)

# (formula, strategy of value dicts, the value that improves, its direction (+1 higher is better), cap param)
Case = tuple[Formula, Callable[[], st.SearchStrategy[dict[str, D]]], str, int]
CASES: dict[str, Case] = {
    "capped_completion": (
        CappedCompletion("a", "t"),
        lambda: st.fixed_dictionaries({"a": amounts, "t": amounts}),
        "a",
        1,
    ),
    "per_point": (PerPoint("r"), lambda: st.fixed_dictionaries({"r": rates}), "r", 1),
    "shortfall_bands": (ShortfallBands("a", "t"), lambda: st.fixed_dictionaries({"a": amounts, "t": amounts}), "a", 1),
    "threshold_tiers": (ThresholdTiers("r"), lambda: st.fixed_dictionaries({"r": rates}), "r", 1),
    "control_ceiling": (ControlCeiling("r"), lambda: st.fixed_dictionaries({"r": rates}), "r", -1),
    "decline_rate": (DeclineRate("c", "b"), lambda: st.fixed_dictionaries({"c": amounts, "b": amounts}), "c", -1),
    "deduct_until_zero": (DeductUntilZero("n"), lambda: st.fixed_dictionaries({"n": amounts}), "n", -1),
    "pass_fail": (PassFail("f"), lambda: st.fixed_dictionaries({"f": st.sampled_from([D(0), D(1)])}), "f", 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_bounded_deterministic_and_monotone(name: str, data: st.DataObject) -> None:
    formula, values, improving, sign = CASES[name]
    params = default_params(formula)
    if "cap" in params:
        params["cap"] = data.draw(caps, label="cap")
    if name == "per_point":
        params["bonus_per_point"] = data.draw(st.decimals(min_value=0, max_value=1, places=2), label="bonus")
    before = data.draw(values(), label="values")
    first = formula.score(before, params).value
    assert 0 <= first <= params.get("cap", 1)  # bounded
    assert formula.score(dict(before), dict(params)).value == first  # deterministic
    step = data.draw(st.decimals(min_value=0, max_value=10**6, places=2), label="step")
    after = dict(before)
    moved = before[improving] + sign * step
    if name == "pass_fail":
        moved = D(1) if step > 0 else before[improving]
    after[improving] = moved
    if moved < 0 or (name in {"per_point", "threshold_tiers", "control_ceiling"} and moved > 100):
        return  # the move left the valid range: nothing to compare
    assert formula.score(after, params).value >= first  # never worse when the improving value improves


@settings(max_examples=100, deadline=None)
@given(actual=amounts)
def test_zero_target_and_zero_baseline_are_defined(actual: D) -> None:
    assert CappedCompletion("a", "t").score({"a": actual, "t": D(0)}, {"cap": D(1)}).value == 1
    assert ShortfallBands("a", "t").score({"a": actual, "t": D(0)}, default_params(ShortfallBands("a", "t"))).value == 1
    decline = DeclineRate("c", "b").score({"c": actual, "b": D(0)}, {"target_decline": D(10)}).value
    assert decline == (1 if actual == 0 else 0)


# --- each family checks its own parameters, once, when a scheme loads -----------------------------

COMPOUND = Compound((Part("count", CappedCompletion("a", "t"), D("0.6")), Part("rate", PerPoint("r"), D("0.4"))))


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_defaults_of_every_family_pass_its_own_check(name: str) -> None:
    formula = CASES[name][0]
    assert check_params(formula, default_params(formula)) == []


def tiers(*rows: tuple[str | int, str | int]) -> tuple[tuple[D, D], ...]:
    return tuple((D(a), D(b)) for a, b in rows)


# (formula, parameters changed from the defaults, the names of the parameters reported)
BAD_PARAMS: list[tuple[str, Formula, dict[str, Any], list[str]]] = [
    ("cap-below-one", CappedCompletion("a", "t"), {"cap": D("0.99")}, ["cap"]),
    ("cap-negative", CappedCompletion("a", "t"), {"cap": D(-1)}, ["cap"]),
    ("cap-not-a-number", CappedCompletion("a", "t"), {"cap": "1"}, ["cap"]),
    ("cap-nan", CappedCompletion("a", "t"), {"cap": D("NaN")}, ["cap"]),
    ("standard-above-100", PerPoint("r"), {"standard": D("100.01")}, ["standard"]),
    ("standard-negative", PerPoint("r"), {"standard": D(-1)}, ["standard"]),
    (
        "per-point-everything",
        PerPoint("r"),
        {"deduct_per_point": D(-1), "bonus_per_point": D(-1), "cap": D(0)},
        ["deduct_per_point", "bonus_per_point", "cap"],
    ),
    ("bands-falling", ShortfallBands("a", "t"), {"bands": tiers((5, 1), (0, "0.9"))}, ["bands"]),
    ("bands-repeated", ShortfallBands("a", "t"), {"bands": tiers((5, 1), (5, "0.9"))}, ["bands"]),
    ("bands-negative", ShortfallBands("a", "t"), {"bands": tiers((-1, 1), (5, "0.9"))}, ["bands"]),
    ("bands-share-rising", ShortfallBands("a", "t"), {"bands": tiers((0, "0.5"), (5, "0.9"))}, ["bands"]),
    (
        "bands-share-above-one",
        ShortfallBands("a", "t"),
        {
            "bands": tiers(
                (0, 2),
            )
        },
        ["bands"],
    ),
    ("bands-empty", ShortfallBands("a", "t"), {"bands": ()}, ["bands"]),
    ("tiers-rising", ThresholdTiers("r"), {"tiers": tiers((80, "0.5"), (95, 1))}, ["tiers"]),
    ("tiers-share-negative", ThresholdTiers("r"), {"tiers": tiers((95, 1), (80, "-0.5"))}, ["tiers"]),
    ("floor-above-lowest", ThresholdTiers("r"), {"floor": D("0.6")}, ["floor"]),  # lowest tier: 80% -> 0.5
    ("ceiling-above-100", ControlCeiling("r"), {"ceiling": D(101)}, ["ceiling"]),
    ("ceiling-deduct-negative", ControlCeiling("r"), {"deduct_per_point": D("-0.5")}, ["deduct_per_point"]),
    ("decline-above-100", DeclineRate("c", "b"), {"target_decline": D(101)}, ["target_decline"]),
    ("decline-negative", DeclineRate("c", "b"), {"target_decline": D(-1)}, ["target_decline"]),
    ("per-item-negative", DeductUntilZero("n"), {"per_item": D("-0.2")}, ["per_item"]),
    ("compound-part", COMPOUND, {"rate.standard": D(120)}, ["rate.standard"]),
    ("compound-weight", COMPOUND, {"count.weight": D(-1)}, ["count.weight"]),
    ("compound-all-zero", COMPOUND, {"count.weight": D(0), "rate.weight": D(0)}, ["count.weight"]),
    ("compound-no-parts", Compound(()), {}, ["parts"]),
    ("compound-same-names", Compound((Part("x", PassFail("f"), D(1)), Part("x", PassFail("g"), D(1)))), {}, ["parts"]),
]


@pytest.mark.parametrize(("formula", "changes", "names"), [c[1:] for c in BAD_PARAMS], ids=[c[0] for c in BAD_PARAMS])
def test_a_family_reports_each_parameter_outside_its_domain(
    formula: Formula, changes: dict[str, Any], names: list[str]
) -> None:
    problems = check_params(formula, default_params(formula) | changes)
    assert [p.name for p in problems] == names
    for problem in problems:
        assert isinstance(problem, ParamProblem) and problem.problem.zh and problem.problem.en


def test_problems_name_the_value_in_both_languages() -> None:
    (problem,) = check_params(CappedCompletion("a", "t"), {"cap": D("0.5")})
    assert problem.problem.zh == "应为不小于 1 的数，实为 0.5"
    assert problem.problem.en == "must be at least 1, got 0.5"
    (order,) = check_params(ThresholdTiers("r"), {"tiers": tiers((80, "0.5"), (95, 1)), "floor": D(0)})
    assert order.problem.en == "thresholds must fall, each distinct: row 2 (95) is not below the previous row (80)"


def test_a_family_without_a_check_is_accepted_and_capped_at_one_or_its_cap() -> None:
    """Third-party families need not implement check_params or max_attainment."""

    class Plain:
        family = "plain"

    assert check_params(Plain(), {"anything": D(-1)}) == []  # type: ignore[arg-type]
    assert max_attainment(Plain(), {}) == 1  # type: ignore[arg-type]
    assert max_attainment(Plain(), {"cap": D("1.5")}) == D("1.5")  # type: ignore[arg-type]


def test_max_attainment() -> None:
    assert max_attainment(CappedCompletion("a", "t"), {"cap": D("1.2")}) == D("1.2")
    assert max_attainment(ThresholdTiers("r"), default_params(ThresholdTiers("r"))) == 1
    # a weighted mean never exceeds its largest part: max(1.3, 1) = 1.3
    assert max_attainment(COMPOUND, default_params(COMPOUND) | {"rate.cap": D("1.3")}) == D("1.3")


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_parameters_the_family_accepts_keep_scores_within_0_and_its_maximum(name: str, data: st.DataObject) -> None:
    """What check_params accepts, score() honours: 0 <= attainment <= max_attainment."""
    formula, values, _, _ = CASES[name]
    params = default_params(formula)
    numbers = st.decimals(min_value=-2, max_value=150, places=2)
    for key, value in params.items():
        if isinstance(value, D):
            params[key] = data.draw(numbers, label=key)
    if check_params(formula, params):
        return  # refused at load: never scored
    value = formula.score(data.draw(values(), label="values"), params).value
    assert 0 <= value <= max_attainment(formula, params)
