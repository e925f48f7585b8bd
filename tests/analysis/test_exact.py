"""The analysis decides each draw as the engine does: the nominal draw, the vectorised path, replays."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from attrs import evolve

from targetrule import Engine, Evaluation, Scheme
from targetrule.analysis import load_spec, replay, sensitivity
from targetrule.analysis.draws import draw_factors, plan_of, to_parameters
from targetrule.analysis.recompute import composites, decide_chunk, decide_draw, problem_of

from .conftest import EXAMPLE

LOOSE = {
    "weights": {"method": "dirichlet", "concentration": 3},
    "aggregation": {"alternatives": ["weighted_geometric_mean"]},
    "parameters": [
        {"indicator": "employment.zero_employment_households", "name": "deduct_per_point", "values": [0.1, 0.5, 2]},
        {
            "indicator": "labour_relations.contract_signing",
            "name": "tiers",
            "values": [[[95, 1], [90, 0.8], [80, 0.5]], [[99, 1], [95, 0.5]]],
        },
    ],
}


def _prepared(evaluation: Evaluation, scheme: Scheme, engine: Engine, table: dict[str, object]):  # type: ignore[no-untyped-def]
    spec = load_spec(table, scheme=scheme)
    plan = plan_of(scheme, spec)
    methods = [
        scheme.aggregation if n == scheme.aggregation.name else engine.registry.aggregations[n]
        for n in plan.alternatives
    ]
    return plan, problem_of(evaluation, scheme, plan, methods)


def test_the_nominal_draw_is_the_engines_evaluation(evaluation: Evaluation, scheme: Scheme, engine: Engine) -> None:
    plan, problem = _prepared(evaluation, scheme, engine, {"weights": {"method": "fixed"}})
    units = plan.nominal_units()[None, :]
    composite = composites(problem, plan, units, np.zeros(1, dtype=np.int64), np.zeros((1, 0), dtype=np.int64))
    # composites in cents, straight from the engine's Decimal results
    expected = [int(r.composite * 100) for r in evaluation.regions]
    assert composite[0].tolist() == expected
    decided = decide_chunk(problem, composite)
    ranked = [evaluation.regions[int(j)] for j in problem.candidates]
    assert decided.rank[0].tolist() == [r.rank for r in ranked]
    grades = [g.id for g in scheme.spec.grades]
    assert [grades[int(g)] for g in decided.grade[0]] == [r.grade for r in evaluation.regions]
    tiers = [t.id for t in scheme.spec.awards] + [None]
    assert [tiers[int(a)] for a in decided.award[0]] == [r.award for r in ranked]


@pytest.mark.parametrize("award_min_grade", ["pass", "excellent"])
def test_vectorised_decisions_equal_the_engines_standings(
    evaluation: Evaluation, scheme: Scheme, engine: Engine, award_min_grade: str
) -> None:
    # jilin-2007 gives prizes down to Pass; with Excellent only, a region's prize hangs on its grade in each draw
    scheme = evolve(scheme, spec=evolve(scheme.spec, award_min_grade=award_min_grade))
    evaluation = engine.evaluate(scheme, EXAMPLE)
    plan, problem = _prepared(evaluation, scheme, engine, LOOSE)
    units, choice, picks = to_parameters(plan, draw_factors(plan, 300, np.random.default_rng(7)))
    composite = composites(problem, plan, units, choice, picks)
    decided = decide_chunk(problem, composite)
    grades = [g.id for g in scheme.spec.grades]
    tiers = [t.id for t in scheme.spec.awards] + [None]
    moved = 0
    for row in range(composite.shape[0]):
        standing = decide_draw(problem, composite[row])  # targetrule.ranking.standings itself
        ranked = [standing[problem.region_ids[int(j)]] for j in problem.candidates]
        assert decided.rank[row].tolist() == [r["rank"] for r in ranked]
        assert [grades[int(g)] for g in decided.grade[row]] == [standing[r]["grade"] for r in problem.region_ids]
        assert [tiers[int(a)] for a in decided.award[row]] == [r.get("award") for r in ranked]
        moved += decided.rank[row].tolist() != problem.nominal_rank.tolist()
    assert moved > 30  # the loose spec really moves the ranks, so the comparison is not of 300 copies


@pytest.mark.parametrize("index", [0, 1, 17, 42])
def test_a_draw_replays_through_the_engine_to_the_same_numbers(
    evaluation: Evaluation, scheme: Scheme, engine: Engine, index: int
) -> None:
    result = sensitivity(evaluation, load_spec(LOOSE, scheme=scheme), draws=50, seed=3, scheme=scheme, engine=engine)
    draw = result.draw(index)
    replayed = replay(draw, scheme, EXAMPLE, engine=engine)
    plan, problem = _prepared(evaluation, scheme, engine, LOOSE)
    rows = slice(index, index + 1)
    composite = composites(problem, plan, result.units[rows], result.choice[rows], result.picks[rows])
    decided = decide_chunk(problem, composite)
    assert [r.composite for r in replayed.regions] == [Decimal(int(c)) / 100 for c in composite[0]]
    ranked = [replayed.regions[int(j)] for j in problem.candidates]
    assert [r.rank for r in ranked] == decided.rank[0].tolist()
    assert sum(w for _, w in draw.weights) == scheme.spec.total_points  # renormalised to the total


def test_the_same_seed_gives_the_same_results(evaluation: Evaluation, scheme: Scheme, engine: Engine) -> None:
    spec = load_spec(LOOSE | {"sobol": {"samples": 16, "resamples": 20}}, scheme=scheme)
    one = sensitivity(evaluation, spec, draws=200, seed=11, scheme=scheme, engine=engine).to_dict()
    two = sensitivity(evaluation, spec, draws=200, seed=11, scheme=scheme, engine=engine).to_dict()
    other = sensitivity(evaluation, spec, draws=200, seed=12, scheme=scheme, engine=engine).to_dict()
    assert one == two
    assert one["draw_parameters"] != other["draw_parameters"]


def test_zero_variance_gives_zero_width_bands(evaluation: Evaluation, scheme: Scheme, engine: Engine) -> None:
    spec = load_spec({"weights": {"method": "uniform", "spread": 0}})
    result = sensitivity(evaluation, spec, draws=100, seed=1, scheme=scheme, engine=engine)
    for region in result.regions:
        nominal = evaluation.region(region.region)
        assert region.grade_probability[nominal.grade] == 1
        if nominal.rank is None:
            continue
        assert region.band == (nominal.rank, nominal.rank)
        assert region.median_rank == nominal.rank
        assert region.mean_abs_shift == 0
        if nominal.award is not None:
            assert region.award_probability[nominal.award] == 1
    assert result.sobol == ()  # nothing varies: no factor to attribute anything to
