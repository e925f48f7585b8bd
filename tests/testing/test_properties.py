"""The contract's properties: well-declared indicators pass, deliberately broken formulas are caught."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from targetrule import (
    Direction,
    Engine,
    Evaluation,
    Input,
    Kind,
    Label,
    PerPoint,
    Ratio,
    Registry,
    Scheme,
    builtin,
    score_indicator,
)
from targetrule.indicators.employment import new_urban_jobs
from targetrule.testing import (
    attainment_cap,
    check_attainment_within_cap,
    check_declaration,
    check_deterministic,
    check_explanation_mentions_numbers,
    check_invalid_inputs_found,
    check_monotone,
    check_rank_follows_composite,
    check_region_order_irrelevant,
    check_scheme_scores_valid_submissions,
    check_valid_inputs_score,
    check_validation_never_raises,
)
from targetrule.testing.properties import mentions

from . import kit_indicators as kit

ALL_CHECKS = (
    check_declaration,
    check_valid_inputs_score,
    check_attainment_within_cap,
    check_monotone,
    check_deterministic,
    check_invalid_inputs_found,
    check_validation_never_raises,
    check_explanation_mentions_numbers,
)


@pytest.mark.parametrize("indicator", kit.GOOD, ids=[i.id for i in kit.GOOD])
@pytest.mark.parametrize("check", ALL_CHECKS, ids=[c.__name__ for c in ALL_CHECKS])
def test_well_declared_indicators_pass_every_check(indicator: object, check: object) -> None:
    check(indicator)  # type: ignore[operator]


def test_a_formula_that_falls_as_the_actual_rises_is_caught() -> None:
    with pytest.raises(AssertionError, match="attainment fell"):
        check_monotone(kit.DECREASING, max_examples=100)


def test_a_formula_that_exceeds_its_cap_is_caught() -> None:
    with pytest.raises(AssertionError, match=r"outside \[0, 1\]"):
        check_attainment_within_cap(kit.UNCAPPED, max_examples=100)


def test_the_cap_comes_from_the_parameters() -> None:
    # CappedCompletion with cap = 1.2 may reach 1.2: within the cap it was given, not within 1.
    check_attainment_within_cap(kit.JOBS, {"cap": Decimal("1.2")}, max_examples=30)
    with pytest.raises(AssertionError, match=r"outside \[0, 1\]"):
        check_attainment_within_cap(kit.JOBS, {"cap": Decimal("1.2")}, cap=Decimal(1), max_examples=100)


def test_attainment_cap_reads_cap_and_part_caps() -> None:
    assert attainment_cap({}) == 1
    assert attainment_cap({"cap": Decimal("1.2")}) == Decimal("1.2")
    assert attainment_cap({"jobs.cap": Decimal("1.1"), "rate.cap": Decimal("1.3"), "rate.weight": 5}) == Decimal("1.3")


def test_a_formula_that_divides_by_a_zero_target_is_caught() -> None:
    # The target 0 is a valid input; the formula fails, so a valid input yields a finding.
    with pytest.raises(AssertionError, match=r"indicator\.formula_failed"):
        check_valid_inputs_score(kit.DIVIDES_BY_ZERO, max_examples=100)


def test_an_explanation_without_its_numbers_is_caught() -> None:
    with pytest.raises(AssertionError, match="does not show actual"):
        check_explanation_mentions_numbers(kit.SILENT, max_examples=20)


def test_a_formula_that_depends_on_its_history_is_caught() -> None:
    with pytest.raises(AssertionError, match="two scores"):
        check_deterministic(kit.FORGETFUL, max_examples=20)


@pytest.mark.parametrize("indicator", [kit.SOMETIMES, kit.DICE], ids=["every-third-call", "random"])
def test_a_formula_nondeterministic_now_and_then_is_an_assertion_error(indicator: object) -> None:
    # Caught within one example (two scores) or on replay (hypothesis's FlakyFailure, turned into an AssertionError):
    # either way an AssertionError, as the docs promise, and never FlakyFailure.
    with pytest.raises(AssertionError, match=r"two scores|nondeterministic") as caught:
        check_deterministic(indicator, max_examples=30)  # type: ignore[arg-type]
    assert type(caught.value) is AssertionError


def test_a_declaration_that_contradicts_its_formula_is_caught() -> None:
    # The input says lower is better; CappedCompletion scores a higher actual higher.
    lying = attrs.evolve(
        kit.JOBS,
        inputs=(attrs.evolve(kit.JOBS.inputs[0], better=Direction.LOWER), *kit.JOBS.inputs[1:]),
    )
    with pytest.raises(AssertionError, match="says lower is better"):
        check_declaration(lying)


def test_a_formula_reading_an_undeclared_name_is_caught() -> None:
    stray = attrs.evolve(kit.PAID, formula=PerPoint("rate_paid"))
    with pytest.raises(AssertionError, match="reads 'rate_paid'"):
        check_declaration(stray)


def test_a_bound_that_validation_does_not_enforce_would_be_caught() -> None:
    # A rate declared with a maximum of 120: the kit draws 100 < value ≤ 120 as valid and
    # 120.01 upwards as invalid, so the contract follows the declaration, not the kind's default.
    rate = Input("rate", Label("比率", "rate"), Kind.RATE, maximum=Decimal(120), better=Direction.HIGHER)
    wide = attrs.evolve(kit.SIGNING, inputs=(rate,))
    check_invalid_inputs_found(wide, kinds=("above_maximum",), max_examples=20)
    check_valid_inputs_score(wide, max_examples=20)


def test_a_ratio_whose_numerator_is_not_declared_as_an_input_is_caught() -> None:
    broken = attrs.evolve(kit.PAID, derived=(Ratio("rate", Label("发放率", "rate paid"), "paid_out", "due"),))
    with pytest.raises(AssertionError, match="ratio rate reads unknown input paid_out"):
        check_declaration(broken)


def test_mentions_finds_whole_numbers_only() -> None:
    assert mentions("完成 95,000 / 目标 100,000", Decimal(95000))
    assert mentions("rate 95.24% against", Decimal("95.238"))  # shown to two decimals, half up
    assert not mentions("完成 195,000", Decimal(95000))  # only a piece of a longer number
    assert not mentions("rate 5.5%", Decimal(5))


def test_extreme_magnitudes_found_an_overflow_in_validation_now_a_finding() -> None:
    # The kit's extreme inputs found this: 1e999999 / 1e-999999 overflowed Decimal while deriving the
    # rate, after the part-above-whole rule had already reported the pair. Such sizes are now refused
    # as implausible figures at parsing, each its own finding; never a traceback.
    outcome = score_indicator(kit.PAID, {"paid": "1e999999", "due": "1e-999999"})
    assert [(f.code, f.input) for f in outcome.findings] == [
        ("input.implausible", "paid"),
        ("input.implausible", "due"),
    ]
    assert outcome.attainment is None


# --- the scheme properties catch a broken ranking ------------------------------------------------


class _ReversedRanks(Engine):
    """Ranks the worst region first."""

    def evaluate(self, scheme: Any, data: Any, **options: Any) -> Evaluation:
        evaluation = super().evaluate(scheme, data, **options)
        ranked = sum(1 for r in evaluation.regions if r.rank is not None)
        regions = tuple(
            attrs.evolve(r, rank=ranked + 1 - r.rank) if r.rank is not None else r for r in evaluation.regions
        )
        return attrs.evolve(evaluation, regions=regions)


class _FirstComeBonus(Engine):
    """Gives the region listed first a hundredth of a point: the order of the data matters."""

    def evaluate(self, scheme: Any, data: Any, **options: Any) -> Evaluation:
        evaluation = super().evaluate(scheme, data, **options)
        first = evaluation.regions[0]
        regions = (attrs.evolve(first, composite=first.composite + Decimal("0.01")), *evaluation.regions[1:])
        return attrs.evolve(evaluation, regions=regions)


def _mini(engine_class: type[Engine]) -> tuple[Engine, Scheme]:
    engine = engine_class(Registry.from_plugins([builtin, new_urban_jobs]))
    return engine, engine.load_scheme(Path(__file__).parents[1] / "data" / "mini.toml")


def test_the_scheme_properties_hold_for_the_engine() -> None:
    engine, scheme = _mini(Engine)
    check_rank_follows_composite(engine, scheme, max_examples=20)
    check_region_order_irrelevant(engine, scheme, max_examples=20)
    check_scheme_scores_valid_submissions(engine, scheme, max_examples=20)


def test_ranks_against_composites_are_caught() -> None:
    engine, scheme = _mini(_ReversedRanks)
    with pytest.raises(AssertionError, match=r"regions score higher|ranks \d+ with .*, above"):
        check_rank_follows_composite(engine, scheme, max_examples=50)


def test_scores_that_depend_on_the_order_of_regions_are_caught() -> None:
    engine, scheme = _mini(_FirstComeBonus)
    with pytest.raises(AssertionError, match="in one order"):
        check_region_order_irrelevant(engine, scheme, max_examples=50)


def test_a_failure_that_does_not_replay_is_an_assertion_error_not_flaky_failure() -> None:
    from hypothesis import strategies as st

    from targetrule.testing.properties import for_all

    calls = []

    def fails_once(_: int) -> None:
        calls.append(1)
        assert len(calls) > 1, "failed the first time only"

    with pytest.raises(AssertionError, match=r"nondeterministic.*failed the first time only") as caught:
        for_all(st.integers(), fails_once, max_examples=5)
    assert type(caught.value) is AssertionError  # hypothesis raised FlakyFailure; the kit turns it into this
