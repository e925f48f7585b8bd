"""The strategies draw what the declaration says: valid values within every relation, mistakes of each kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from targetrule import Engine, Registry, Scheme, builtin
from targetrule.testing import (
    INVALID_KINDS,
    InvalidCase,
    invalid_inputs,
    invalid_kinds,
    regions,
    submissions,
    valid_inputs,
    valid_values,
)
from targetrule.validation import check_values

from . import kit_indicators as kit

MINI = Path(__file__).parents[1] / "data" / "mini.toml"


@given(values=valid_values(kit.JOBS))
def test_a_sub_item_never_exceeds_its_total(values: dict[str, Decimal]) -> None:
    assert values["posts"] <= values["actual"]
    assert all(v == v.to_integral_value() and v >= 0 for v in values.values())  # counts: whole, not negative


@given(values=valid_values(kit.PAID))
def test_a_numerator_never_exceeds_its_denominator(values: dict[str, Decimal]) -> None:
    assert 0 <= values["paid"] <= values["due"]
    assert all(v == v.quantize(Decimal("0.01")) for v in values.values())  # amounts: whole cents


@given(values=valid_values(kit.EXPORT, complete=True))
def test_sub_items_together_never_exceed_their_total(values: dict[str, Decimal]) -> None:
    assert values["rural"] + values["abroad"] <= values["actual"]


@given(values=valid_values(kit.SIGNING))
def test_a_rate_stays_within_0_and_100(values: dict[str, Decimal]) -> None:
    assert 0 <= values["rate"] <= 100


@given(values=valid_values(kit.EXPORT))
def test_optional_inputs_are_sometimes_left_out_required_ones_never(values: dict[str, Decimal]) -> None:
    assert {"actual", "target"} <= set(values)


def test_optional_inputs_are_left_out_in_some_draws() -> None:
    seen: set[frozenset[str]] = set()

    @given(values=valid_values(kit.EXPORT))
    @settings(max_examples=60)
    def collect(values: dict[str, Decimal]) -> None:
        seen.add(frozenset(values))

    collect()
    assert frozenset({"actual", "target"}) in seen
    assert frozenset({"actual", "target", "rural", "abroad"}) in seen


@given(raw=valid_inputs(kit.JOBS))
def test_valid_inputs_pass_validation_in_every_written_form(raw: dict[str, Any]) -> None:
    values, findings = check_values(kit.JOBS, raw, "r", "$")
    assert findings == []
    assert set(values) == set(raw)


def test_the_kinds_of_mistake_follow_the_declaration() -> None:
    # JOBS: three counts, one a sub-item, all required, no ratio, no upper bound, no flag.
    assert invalid_kinds(kit.JOBS) == (
        "not_finite",
        "text",
        "wrong_type",
        "below_minimum",
        "not_integer",
        "part_above_whole",
        "missing",
        "null",
        "unknown_input",
        "indicator_missing",
        "not_an_object",
    )
    # PAID: amounts (never "not an integer"), and a ratio paid / due.
    assert "not_integer" not in invalid_kinds(kit.PAID)
    assert "numerator_above_denominator" in invalid_kinds(kit.PAID)
    # A rate has an upper bound (100); a flag is only ever "not a flag" or missing.
    assert "above_maximum" in invalid_kinds(kit.SIGNING)
    assert invalid_kinds(kit.CENTRE) == (
        "not_flag",
        "missing",
        "null",
        "unknown_input",
        "indicator_missing",
        "not_an_object",
    )
    # Two optional sub-items that together must stay within the total.
    assert "parts_above_whole" in invalid_kinds(kit.EXPORT)
    assert set(invalid_kinds(kit.EXPORT)) <= set(INVALID_KINDS)


def test_asking_for_a_kind_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown kinds"):
        invalid_inputs(kit.JOBS, ["negative_zero"])
    with pytest.raises(ValueError, match="none of the kinds"):
        invalid_inputs(kit.CENTRE, ["not_integer"])


@given(case=invalid_inputs(kit.JOBS, ["below_minimum"]))
def test_below_minimum_draws_a_negative_count(case: InvalidCase) -> None:
    assert case.code == "input.below_minimum"
    assert Decimal(str(case.raw[case.input]).replace(",", "")) < 0


@given(case=invalid_inputs(kit.SIGNING, ["above_maximum"]))
def test_above_maximum_draws_a_rate_above_100(case: InvalidCase) -> None:
    assert case.code == "input.above_maximum"
    assert Decimal(str(case.raw["rate"]).rstrip("%").replace(",", "")) > 100


@given(case=invalid_inputs(kit.JOBS, ["part_above_whole"]))
def test_part_above_whole_draws_a_sub_item_above_its_total(case: InvalidCase) -> None:
    raw = {k: Decimal(str(v).replace(",", "")) for k, v in case.raw.items()}
    assert raw["posts"] > raw["actual"]
    assert case.input == "posts"


@given(case=invalid_inputs(kit.PAID, ["numerator_above_denominator"]))
def test_numerator_above_denominator_is_drawn(case: InvalidCase) -> None:
    paid, due = (Decimal(str(case.raw[k]).replace(",", "")) for k in ("paid", "due"))
    assert paid > due


@given(case=invalid_inputs(kit.JOBS, ["missing", "unknown_input"]))
def test_missing_and_unknown_names(case: InvalidCase) -> None:
    if case.kind == "missing":
        assert case.input not in case.raw and case.code == "input.missing"
    else:
        assert case.input in case.raw and case.input not in kit.JOBS.input_map and case.code == "input.unknown"


@pytest.fixture(scope="module")
def mini() -> Scheme:
    from targetrule.indicators.employment import new_urban_jobs

    return Engine(Registry.from_plugins([builtin, new_urban_jobs])).load_scheme(MINI)


def test_regions_have_unique_ids_and_data_for_every_indicator(mini: Scheme) -> None:
    @given(found=regions(mini, min_size=2, max_size=5))
    @settings(max_examples=30)
    def run(found: list[dict[str, Any]]) -> None:
        ids = [r["id"] for r in found]
        assert len(set(ids)) == len(ids) and 2 <= len(ids) <= 5
        assert all(set(r["inputs"]) == {"employment.new_urban_jobs"} for r in found)

    run()


def test_submissions_name_their_scheme(mini: Scheme) -> None:
    @given(document=submissions(mini))
    @settings(max_examples=10)
    def run(document: dict[str, Any]) -> None:
        assert document["scheme"] == "mini"
        assert [r["id"] for r in document["regions"]][:2] == ["r01", "r02"]

    run()


def test_regions_sometimes_repeat_data_so_ties_are_drawn(mini: Scheme) -> None:
    repeated: list[bool] = []
    survey: list[bool] = []

    @given(found=regions(mini, min_size=3, max_size=3))
    @settings(max_examples=60)
    def collect(found: list[dict[str, Any]]) -> None:
        inputs = [repr(r["inputs"]) for r in found]
        repeated.append(len(set(inputs)) < len(inputs))
        survey.append(any(r.get("survey_only") for r in found))

    collect()
    assert any(repeated) and not all(repeated)
    assert any(survey) and not all(survey)
