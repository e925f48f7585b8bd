"""A scheme's precision, and non-additive combinations computed from unrounded parts and rounded once."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from targetrule import Engine, SchemeError
from targetrule.aggregation import MINIMUM, SUM, WEIGHTED_GEOMETRIC_MEAN, WEIGHTED_MEAN, combined_points
from targetrule.combination_text import explain_combination, formula

ENGINE = Engine(entry_points=False)
SHARES = [D("0.948"), D("0.906"), D("0.978")]
EQUAL = [D(1), D(1), D(1)]


def test_precision_defaults_to_hundredths_and_may_be_thousandths(tmp_path: Path) -> None:
    assert ENGINE.load_scheme("jilin-2007").quantum == D("0.01")
    path = tmp_path / "fine.toml"
    path.write_text('extends = "jilin-2007"\nid = "fine"\nprecision = "0.001"\n', encoding="utf-8")
    assert ENGINE.load_scheme(path).quantum == D("0.001")


@pytest.mark.parametrize("written", ['"0.1"', '"0.0001"', "0.01"])
def test_other_precisions_are_refused_with_their_path(tmp_path: Path, written: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'extends = "jilin-2007"\nid = "bad"\nprecision = {written}\n', encoding="utf-8")
    with pytest.raises(SchemeError) as caught:
        ENGINE.load_scheme(path)
    [found] = caught.value.findings
    assert found.path == "$.precision" and found.code in ("scheme.bad_value", "scheme.malformed")


def test_a_geometric_mean_of_three_areas() -> None:
    # ln 0.948 = −0.053401, ln 0.906 = −0.098716, ln 0.978 = −0.022246; mean −0.058121; e^−0.058121 = 0.94354 → 0.944
    assert combined_points(WEIGHTED_GEOMETRIC_MEAN, SHARES, EQUAL, D(1), D("0.001")) == D("0.944")
    assert formula(WEIGHTED_GEOMETRIC_MEAN, SHARES, EQUAL, D("0.001")) == "(0.948^⅓ × 0.906^⅓ × 0.978^⅓)"
    text = explain_combination(WEIGHTED_GEOMETRIC_MEAN, SHARES, EQUAL, D(1), D("0.001"))
    assert text.en == "weighted geometric mean: (0.948^⅓ × 0.906^⅓ × 0.978^⅓) × full marks 1 = 0.944"


def test_unequal_weights_are_written_as_exponents_and_factors() -> None:
    weights = [D(1), D(2), D(1)]
    assert formula(WEIGHTED_GEOMETRIC_MEAN, SHARES, weights, D("0.01")) == "(0.948^¼ × 0.906^½ × 0.978^¼)"
    # (0.948 + 2 × 0.906 + 0.978) / 4 = 3.738 / 4 = 0.9345 × 100 = 93.45
    assert combined_points(WEIGHTED_MEAN, SHARES, weights, D(100), D("0.01")) == D("93.45")
    assert formula(WEIGHTED_MEAN, SHARES, weights, D("0.01")) == "(0.948 × 1 + 0.906 × 2 + 0.978 × 1) / 4"
    assert formula(WEIGHTED_GEOMETRIC_MEAN, SHARES[:2], [D(1), D(6)], D("0.01")) == "(0.948^(1/7) × 0.906^(6/7))"


def test_a_minimum_is_written_as_a_minimum() -> None:
    # min = 0.906 × 10 = 9.06
    assert explain_combination(MINIMUM, SHARES, EQUAL, D(10), D("0.01")).en.endswith(
        "min(0.948, 0.906, 0.978) × full marks 10 = 9.06"
    )


def test_rounded_once_not_part_by_part() -> None:
    # (0.005 + 0.004) / 2 = 0.0045 → 0.00; rounding each part first would give (0.01 + 0.00) / 2 = 0.005 → 0.01
    assert combined_points(WEIGHTED_MEAN, [D("0.005"), D("0.004")], [D(1), D(1)], D(1), D("0.01")) == D("0.00")
    # at thousandths the same mean is 0.005 (0.0045 half up)
    assert combined_points(WEIGHTED_MEAN, [D("0.005"), D("0.004")], [D(1), D(1)], D(1), D("0.001")) == D("0.005")


def test_a_sum_stays_a_sum_of_parts() -> None:
    assert SUM.additive and not WEIGHTED_GEOMETRIC_MEAN.additive and not MINIMUM.additive


def test_the_engine_keeps_a_scheme_s_precision_and_explains_a_geometric_composite(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The example index (examples/targetrule-hdi-example, 0.001, geometric mean) evaluated by the engine."""
    import importlib
    import tomllib
    from pathlib import Path

    from targetrule import Engine, Registry, builtin_plugins

    example = Path(__file__).parents[2] / "examples" / "targetrule-hdi-example"
    monkeypatch.syspath_prepend(str(example / "src"))
    modules = [importlib.import_module(f"targetrule_hdi_example.{m}") for m in ("goalposts", "indicators", "schemes")]
    engine = Engine(Registry.from_plugins([*builtin_plugins(), *modules]))
    cases = example / "tests" / "hdi-example.cases.toml"
    regions = tomllib.loads(cases.read_text(encoding="utf-8"))["cases"][0]["regions"]
    country = engine.evaluate("hdi-example", {"regions": regions}).region("a")
    # health: (72.5 − 20) / (85 − 20) = 0.80769… → 0.808 of 1, kept to the thousandth
    assert str(country.indicator("health.life_expectancy").points) == "0.808"
    # education: (10/15 + 15/18) / 2 = (0.6667 + 0.8333) / 2 = 0.750
    assert str(country.area("education").points) == "0.750"
    assert country.area("education").explanation().en == (
        "weighted arithmetic mean: (0.667 + 0.833) / 2 × full marks 1 = 0.750"
    )
    # index: (0.80769 × 0.75 × 0.75689)^⅓ = 0.458498^⅓ = 0.7711 → 0.771, from the unrounded dimensions
    assert str(country.composite) == "0.771"
    assert country.explanation().en == (
        "areas, weighted geometric mean: (0.808^⅓ × 0.750^⅓ × 0.757^⅓) × full marks 1 = 0.771; composite 0.771"
    )
