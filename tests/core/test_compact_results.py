"""Compact results (issue 11): points kept as numbers, results and explanations built on access.

The engine keeps each region's item points as one tuple of hundredths (``RegionScores``); the
public ``IndicatorResult`` and ``AreaResult`` are built from the inputs, the parameters and the
pure formula when asked for. These tests hold the views to what the scoring gave, and the
shortcut every built-in family scores with (``score_value``) to its full ``score``.
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targetrule import CappedCompletion, Engine, Registry, Status, score_indicator
from targetrule.formulas import Attainment, value_scorer
from targetrule.testing.strategies import valid_values

D = Decimal


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    text = (resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def test_an_item_s_points_are_its_attainment_times_full_marks_half_up(engine: Engine, example: dict[str, Any]) -> None:
    evaluation = engine.evaluate("jilin-2007", example)
    item = evaluation.region("siping").indicator("employment.reemployment")
    # Siping re-employed 27,873 of a target of 29,900: 27873 / 29900 = 0.93220735..., of 5 points
    # 0.93220735 × 5 = 4.6610367... → 4.66 (half up to the cent).
    assert item.points == D("4.66")
    assert item.status is Status.SCORED
    assert item.attainment is not None and str(item.attainment.value)[:10] == "0.93220735"
    assert item.values == {"actual": D(27873), "target": D(29900), "older_hard_to_employ": D(6968)}
    # the compact form holds exactly that, in hundredths
    scores = evaluation.region("siping").scores
    assert scores.points_of("employment.reemployment") == D("4.66")
    assert 466 in scores.item_points


def test_built_views_agree_with_scoring_each_indicator_on_its_own(engine: Engine, example: dict[str, Any]) -> None:
    """Every rebuilt item equals an independent ``score_indicator`` of its raw inputs under the scheme's parameters."""
    scheme = engine.load_scheme("jilin-2007")
    evaluation = engine.evaluate(scheme, example)
    by_id = {r["id"]: r for r in example["regions"]}
    for region in evaluation.regions:
        raw = by_id[region.region.id]["inputs"]
        for area in scheme.areas:
            built = region.area(area.spec.id)
            assert built.points == region.scores.points_of_area(area.spec.id)
            for item, result in zip(area.items, built.indicators, strict=True):
                alone = score_indicator(item.indicator, raw[item.indicator.id], item.params, formula=item.formula)
                assert alone.attainment is not None
                assert result.attainment == alone.attainment  # value, formula and facts
                assert result.values == alone.values
                assert result.explanation().en.startswith(alone.attainment.explanation().en + ": ")
                assert result == region.indicator(item.indicator.id)  # built twice, equal


def test_views_are_built_afresh_not_cached(engine: Engine, example: dict[str, Any]) -> None:
    region = engine.evaluate("jilin-2007", example).region("changchun")
    first, second = region.areas, region.areas
    assert first == second and first is not second  # nothing kept behind: built on each access


def test_unknown_ids_are_key_errors(engine: Engine, example: dict[str, Any]) -> None:
    region = engine.evaluate("jilin-2007", example).region("changchun")
    with pytest.raises(KeyError):
        region.indicator("no.such_item")
    with pytest.raises(KeyError):
        region.area("no_such_area")


def test_not_scored_items_keep_zero_points_and_their_partial_values(engine: Engine, example: dict[str, Any]) -> None:
    document = json.loads(json.dumps(example))
    document["regions"][0]["inputs"]["employment.reemployment"]["actual"] = -3  # below the minimum of 0
    region = engine.evaluate("jilin-2007", document, mode="lenient").region("changchun")
    item = region.indicator("employment.reemployment")
    assert item.status is Status.NOT_SCORED and item.points == D(0) and item.attainment is None
    target = example["regions"][0]["inputs"]["employment.reemployment"]["target"]
    assert "actual" not in item.values and item.values["target"] == D(target)
    assert region.scores.item_points[region.scores.layout.positions["employment.reemployment"]] is None


def test_the_compact_points_are_not_tracked_by_the_collector(engine: Engine, example: dict[str, Any]) -> None:
    """Plain tuples of numbers are left alone by the cyclic collector after one pass: the reason for the form."""
    evaluation = engine.evaluate("jilin-2007", example)
    gc.collect()
    for region in evaluation.regions:
        assert not gc.is_tracked(region.scores.item_points)
        assert all(p is None or type(p) is int for p in region.scores.item_points)


def test_an_evaluation_holds_under_8_kib_a_region(engine: Engine, example: dict[str, Any]) -> None:
    """The issue's memory target, by allocation count (tracemalloc), not by time: 300 regions of the full scheme."""
    cities = [r for r in example["regions"] if not r.get("survey_only")]
    regions = [{**cities[i % len(cities)], "id": f"r{i}", "bonuses": []} for i in range(300)]
    scheme = engine.load_scheme("jilin-2007")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        evaluation = engine.evaluate(scheme, regions)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(evaluation.regions) == 300
    assert held / 300 <= 8 * 1024, f"{held / 300 / 1024:.1f} KiB a region"


# --- score_value: the shortcut the engine scores with ------------------------------------------------


_SCHEME_ITEMS = [(item.indicator, item.formula, item.params) for item in Engine().load_scheme("jilin-2007").items()]


@pytest.mark.parametrize("indicator,formula,params", _SCHEME_ITEMS, ids=[i.id for i, _, _ in _SCHEME_ITEMS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=st.data())
def test_score_value_is_the_value_score_gives(indicator: Any, formula: Any, params: Any, data: st.DataObject) -> None:
    values = data.draw(valid_values(indicator))
    from targetrule.validation import check_values

    raw = {k: str(v) for k, v in values.items()}
    parsed, problems = check_values(indicator, raw, "r", "$")
    if any(p.is_error for p in problems):
        return  # a combination the full check refuses (e.g. a derived rate out of range): nothing to score
    scorer = value_scorer(formula)
    assert scorer is not None, "every built-in family has the shortcut"
    assert scorer(parsed, params) == formula.score(parsed, params).value


class Halved(CappedCompletion):
    """A plugin's adaptation of a built-in family that overrides ``score`` only."""

    def score(self, values: Any, params: Any) -> Attainment:
        return Attainment(D("0.5"), self, {"value": D("0.5")})

    def explain(self, facts: Any) -> Any:
        from targetrule import Label

        return Label("一半", "half")


def test_a_subclass_overriding_score_is_scored_by_its_own_score(example: dict[str, Any]) -> None:
    """The inherited shortcut would skip the override; the engine must not take it."""
    halved = Halved("actual", "target")
    assert value_scorer(halved) is None
    assert value_scorer(CappedCompletion("actual", "target")) is not None
    engine = Engine(Registry.default(entry_points=False))
    scheme = engine.load_scheme("jilin-2007")
    areas = []
    for area in scheme.areas:
        items = tuple(
            attrs.evolve(i, formula=halved) if i.indicator.id == "employment.reemployment" else i for i in area.items
        )
        areas.append(attrs.evolve(area, items=items))
    changed = attrs.evolve(scheme, areas=tuple(areas))
    item = engine.evaluate(changed, example).region("siping").indicator("employment.reemployment")
    # 0.5 of 5 points = 2.50, whatever the figures
    assert item.points == D("2.50")
    assert item.explanation().en == "half: 2.50 of 5.00 points"


class FirstTimeOnly(CappedCompletion):
    """An impure formula: right when scored, raising when scored again for its explanation."""

    calls = 0

    def score(self, values: Any, params: Any) -> Attainment:
        FirstTimeOnly.calls += 1
        if FirstTimeOnly.calls > 1:
            raise RuntimeError("not pure")
        return super().score(values, params)


def test_an_impure_formula_s_explanation_says_it_failed_and_keeps_its_points(example: dict[str, Any]) -> None:
    """Points stay what scoring gave; the explanation, built again, says the formula's explanation failed."""
    engine = Engine(Registry.default(entry_points=False))
    scheme = engine.load_scheme("jilin-2007")
    impure = FirstTimeOnly("actual", "target")
    areas = []
    for area in scheme.areas:
        items = tuple(
            attrs.evolve(i, formula=impure) if i.indicator.id == "employment.reemployment" else i for i in area.items
        )
        areas.append(attrs.evolve(area, items=items))
    changed = attrs.evolve(scheme, areas=tuple(areas))
    only_siping = {"regions": [r for r in example["regions"] if r["id"] == "siping"]}
    FirstTimeOnly.calls = 0
    evaluation = engine.evaluate(changed, only_siping)
    item = evaluation.region("siping").indicator("employment.reemployment")
    assert item.points == D("4.66")  # 27873 / 29900 × 5, as scored the first time
    # the share its points show: 4.66 / 5 = 0.932
    assert "93.20%" in item.explanation().en and "explanation failed" in item.explanation().en
    document = evaluation.to_dict()
    assert any(f["code"] == "indicator.explain_failed" for f in document["findings"])
