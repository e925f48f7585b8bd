"""The uncertainty spec: defaults, and every problem of a bad one reported at once with its path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from targetrule.analysis import DEFAULT_SPEC, SpecError, load_spec

AREAS = ["employment", "training", "pension"]
METHODS = ["sum", "weighted_mean", "weighted_geometric_mean", "minimum"]


def test_an_empty_spec_is_the_default() -> None:
    assert load_spec("", areas=AREAS, aggregations=METHODS) == DEFAULT_SPEC
    assert DEFAULT_SPEC.weights.method == "dirichlet"
    assert DEFAULT_SPEC.weights.concentration == Decimal(100)


def test_a_full_spec_is_read() -> None:
    text = """
schema = "targetrule.uncertainty/1"
[weights]
method = "uniform"
spread = 0.2
areas = ["employment", "pension"]
[aggregation]
alternatives = ["weighted_geometric_mean"]
[sobol]
samples = 128
resamples = 50
confidence = 0.95
"""
    spec = load_spec(text, areas=AREAS, aggregations=METHODS)
    assert spec.weights.spread == Decimal("0.2")
    assert spec.weights.areas == ("employment", "pension")
    assert spec.aggregation.alternatives == ("weighted_geometric_mean",)
    assert (spec.sobol.samples, spec.sobol.resamples, spec.sobol.confidence) == (128, 50, Decimal("0.95"))


def test_a_bad_spec_gives_every_finding_at_once() -> None:
    text = """
schema = "targetrule.uncertainty/2"
[weights]
method = "dirichlt"
concentration = -1
spread = 1.5
areas = ["employmnt", "pension", "pension"]
[aggregation]
alternatives = ["geometric"]
[sobol]
samples = 100
resamples = 5
confidence = 1
[sobl]
"""
    with pytest.raises(SpecError) as caught:
        load_spec(text, areas=AREAS, aggregations=METHODS)
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("sensitivity.unknown_key", "$.sobl"),
        ("sensitivity.bad_value", "$.schema"),
        ("sensitivity.bad_value", "$.weights.method"),
        ("sensitivity.bad_value", "$.weights.concentration"),
        ("sensitivity.bad_value", "$.weights.spread"),
        ("sensitivity.unknown_name", "$.weights.areas[0]"),
        ("sensitivity.duplicate", "$.weights.areas[2]"),
        ("sensitivity.unknown_name", "$.aggregation.alternatives[0]"),
        ("sensitivity.bad_value", "$.sobol.samples"),
        ("sensitivity.bad_value", "$.sobol.resamples"),
        ("sensitivity.bad_value", "$.sobol.confidence"),
    }
    by_path = {f.path: f for f in caught.value.findings}
    assert by_path["$.weights.areas[0]"].suggestion == "employment"
    assert "did you mean employment" in by_path["$.weights.areas[0]"].message.en
    assert "是否应为 employment" in by_path["$.weights.areas[0]"].message.zh


def test_wrong_types_are_findings_with_paths_not_tracebacks() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec({"weights": {"concentration": "lots", "colour": 1}, "sobol": {"samples": "many"}})
    paths = {f.path for f in caught.value.findings}
    assert {"$.weights.concentration", "$.sobol.samples"} <= paths
    assert all(f.code.startswith("sensitivity.") for f in caught.value.findings)


def test_unparsable_toml_is_one_finding() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec("[weights\n")
    assert [f.code for f in caught.value.findings] == ["sensitivity.bad_spec"]


def test_chances_add_up_to_one_exactly() -> None:
    from targetrule.analysis.report import shares

    # 1/3 each of 3 draws: 0.3333 × 3 = 0.9999, so the one missing ten-thousandth goes to the first
    assert shares([1, 1, 1], 3) == [Decimal("0.3334"), Decimal("0.3333"), Decimal("0.3333")]
    # 3 and 9997 of 10,000 (exact): 0.0003 + 0.9997
    assert shares([3, 9997], 10_000) == [Decimal("0.0003"), Decimal("0.9997")]
    # 1/8000 = 0.000125 → 0.0001 (0.25 of a ten-thousandth left over); 7999/8000 = 0.999875 → 0.9998 (0.75
    # left over): 0.9999 in all, so the last ten-thousandth goes to the larger remainder, the second
    assert shares([1, 7999], 8000) == [Decimal("0.0001"), Decimal("0.9999")]


def test_bad_parameter_alternatives_are_findings_at_their_paths() -> None:
    from targetrule import Engine

    scheme = Engine(entry_points=False).load_scheme("jilin-2007")
    text = """
[[parameters]]
indicator = "employment.zero_employment_household"
name = "deduct_per_point"
values = [0.1]

[[parameters]]
indicator = "employment.fund_budget"
name = "deduct_per_pt"
values = [0.1]

[[parameters]]
indicator = "employment.zero_employment_households"
name = "deduct_per_point"
values = [0.1, "lots", -1]

[[parameters]]
indicator = "pension.paid_on_time"
name = "deduct_per_point"
values = [0.1, 0.2]

[[parameters]]
indicator = "dibao.budget"
name = "deduct_per_point"
values = []
"""
    with pytest.raises(SpecError) as caught:
        load_spec(text, scheme=scheme)
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("sensitivity.unknown_name", "$.parameters[0].indicator"),
        ("sensitivity.unknown_name", "$.parameters[1].name"),
        ("sensitivity.bad_value", "$.parameters[2].values[1]"),
        ("sensitivity.bad_value", "$.parameters[2].values[2]"),
        ("sensitivity.unsupported", "$.parameters[3]"),  # the pension-arrears veto reads this item
        ("sensitivity.bad_value", "$.parameters[4].values"),
    }
    by_path = {f.path: f for f in caught.value.findings}
    assert by_path["$.parameters[0].indicator"].suggestion == "employment.zero_employment_households"
    assert by_path["$.parameters[1].name"].suggestion == "deduct_per_point"
