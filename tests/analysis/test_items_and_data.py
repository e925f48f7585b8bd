"""Item points within their areas ([items]) and reported figures within a tolerance ([data])."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from targetrule import Engine, Evaluation, Scheme
from targetrule.analysis import SpecError, load_spec, replay, sensitivity
from targetrule.analysis.data import _rescore, plan_data
from targetrule.analysis.draws import plan_of
from targetrule.analysis.recompute import composites, decide_chunk, problem_of, varied

from .conftest import EXAMPLE

BOTH = {
    "weights": {"method": "fixed"},
    "items": {"vary": True, "concentration": 5},
    "data": {"tolerance": 0.05},
    "sobol": {"samples": 16, "resamples": 20},
}


def _problem(evaluation: Evaluation, scheme: Scheme, table: dict[str, object]):  # type: ignore[no-untyped-def]
    spec = load_spec(table, scheme=scheme)
    plan = plan_of(scheme, spec, evaluation)
    return spec, plan, problem_of(evaluation, scheme, plan, [scheme.aggregation])


def test_zero_variance_gives_zero_width_bands_and_the_engines_composites(
    evaluation: Evaluation, scheme: Scheme, engine: Engine
) -> None:
    # spread 0: every item keeps its points; a tolerance of 10^-7 moves no figure past half its last digit
    # (the largest figure, 1,467,121 people, by 0.15 at most)
    table = {
        "weights": {"method": "fixed"},
        "items": {"vary": True, "method": "uniform", "spread": 0},
        "data": {"tolerance": 0.0000001},
        "sobol": {"enabled": False},
    }
    spec, plan, problem = _problem(evaluation, scheme, table)
    assert plan.data is not None and problem.variation is not None
    seeds = np.array([[5, s] for s in range(4)], dtype=np.int64)
    assert not problem.variation.area_deltas(seeds).any()
    units = np.broadcast_to(plan.nominal_units(), (4, len(plan.areas)))
    composite = composites(problem, plan, units, np.zeros(4, dtype=np.int64), np.zeros((4, 0), dtype=np.int64), seeds)
    assert composite.tolist() == [[int(r.composite * 100) for r in evaluation.regions]] * 4
    result = sensitivity(evaluation, spec, draws=20, seed=4, scheme=scheme, engine=engine)
    for region in result.regions:
        if region.nominal_rank is not None:
            assert region.band == (region.nominal_rank, region.nominal_rank)
            assert region.mean_abs_shift == 0


@pytest.mark.parametrize("index", [0, 7])
def test_a_draw_replays_through_the_engine_to_the_same_numbers(
    evaluation: Evaluation, scheme: Scheme, engine: Engine, index: int
) -> None:
    spec, plan, problem = _problem(evaluation, scheme, BOTH)
    result = sensitivity(evaluation, spec, draws=10, seed=9, scheme=scheme, engine=engine)
    draw = result.draw(index)
    assert draw.figures and draw.item_points  # both really vary in this draw
    employment = [p for i, p in draw.item_points if i.startswith("employment.")]
    assert sum(employment) == 30  # renormalised to the area's points
    replayed = replay(draw, scheme, EXAMPLE, engine=engine)
    rows = slice(index, index + 1)
    composite = composites(
        problem, plan, result.units[rows], result.choice[rows], result.picks[rows], result.seeds[rows]
    )
    assert [r.composite for r in replayed.regions] == [Decimal(int(c)) / 100 for c in composite[0]]
    decided = decide_chunk(problem, composite)
    ranked = [replayed.regions[int(j)] for j in problem.candidates]
    assert [r.rank for r in ranked] == decided.rank[0].tolist()
    assert {s.factor for s in result.sobol} == {"items", "data"}  # one factor each


def test_the_vetoes_and_the_gate_are_re_decided_per_draw_as_the_engine_does(
    evaluation: Evaluation, scheme: Scheme, engine: Engine
) -> None:
    # only the gate's three main targets and the vetoed pension item vary, by up to 3%: the gate sits
    # at attainment 1 (a target just met), so a small change decides who may win a prize
    table = {
        "weights": {"method": "fixed"},
        "data": {
            "indicators": [*scheme.spec.gate.indicators, "pension.paid_on_time"],  # type: ignore[union-attr]
            "tolerance": 0.03,
        },
        "sobol": {"enabled": False},
    }
    spec, plan, problem = _problem(evaluation, scheme, table)
    result = sensitivity(evaluation, spec, draws=12, seed=5, scheme=scheme, engine=engine)
    grades = [g.id for g in scheme.spec.grades]
    tiers = [t.id for t in scheme.spec.awards] + [None]
    changed = 0
    for index in range(result.draws):
        rows = slice(index, index + 1)
        composite, states = varied(
            problem, plan, result.units[rows], result.choice[rows], result.picks[rows], result.seeds[rows]
        )
        assert states is not None
        decided = decide_chunk(problem, composite, states)
        again = replay(result.draw(index), scheme, EXAMPLE, engine=engine)
        assert [r.gate_passed for r in again.regions] == states.gate[0].tolist()
        assert [r.vetoes for r in again.regions] == list(states.vetoes[0])
        assert [r.grade for r in again.regions] == [grades[int(g)] for g in decided.grade[0]]
        ranked = [again.regions[int(j)] for j in problem.candidates]
        assert [r.award for r in ranked] == [tiers[int(a)] for a in decided.award[0]]
        changed += [r.gate_passed for r in again.regions] != [r.gate_passed for r in evaluation.regions]
    assert changed >= 3  # the gate really moves in these draws


def test_the_same_seed_gives_the_same_results(evaluation: Evaluation, scheme: Scheme, engine: Engine) -> None:
    spec = load_spec(BOTH | {"sobol": {"enabled": False}}, scheme=scheme)
    one = sensitivity(evaluation, spec, draws=8, seed=2, scheme=scheme, engine=engine).to_dict()
    two = sensitivity(evaluation, spec, draws=8, seed=2, scheme=scheme, engine=engine).to_dict()
    assert one == two
    assert len(one["draw_parameters"]["data"]["seeds"]) == 8
    assert len(one["draw_parameters"]["item_points"]["points"][0]) == 40  # every item of the nine areas


def test_a_figure_drawn_and_rescored_by_hand(evaluation: Evaluation, scheme: Scheme) -> None:
    chosen = (("employment.guaranteed_loans", (("actual", Decimal("0.05")),)),)
    plan = plan_data(evaluation, scheme, chosen)
    assert plan is not None and plan.regions[0] == "changchun"
    used = _rescore(plan.items[0], plan.reported[0][0], np.array([0.25]), "changchun")
    assert used is not None
    raw, attainment = used
    # u = 0.25: 1 + 0.05 × (2 × 0.25 − 1) = 0.975; 16,469.1 × 0.975 = 16,057.3725 → 16,057.4 (one decimal, as
    # reported). Capped completion: 16,057.4 ÷ 16,608.9 = 0.96679…; × 2 points = 1.9336 → 1.93 (Changchun had 1.98)
    assert raw == {"actual": Decimal("16057.4"), "target": Decimal("16608.9")}
    assert (attainment * 2).quantize(Decimal("0.01")) == Decimal("1.93")
    # a drawn figure never leaves the input's bounds: u → 0 on a 0.99 tolerance gives 1%, still ≥ 0
    spec_plan = plan_data(evaluation, scheme, (("employment.guaranteed_loans", (("actual", Decimal("0.99")),)),))
    assert spec_plan is not None
    low = _rescore(spec_plan.items[0], spec_plan.reported[0][0], np.array([0.0]), "changchun")
    assert low is not None and low[0]["actual"] == Decimal("164.7")  # 16,469.1 × 0.01 = 164.691 → 164.7


def test_a_bad_items_or_data_section_gives_every_finding_at_once(scheme: Scheme) -> None:
    text = """
[items]
vary = true
method = "dirichlt"
concentration = 0
spread = 2
areas = ["employmnt", "dibao"]

[data]
tolerance = 1.5
indicators = ["dibao.budget", "pension.participants", "pension.participants", "no.such"]
[data.inputs]
"training.vocational_training.trainee" = 0.1
"dibao.coverage.covered" = -0.1

[[parameters]]
indicator = "dibao.budget"
name = "deduct_per_point"
values = [0.1, 0.2]
"""
    with pytest.raises(SpecError) as caught:
        load_spec(text, scheme=scheme)
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("sensitivity.bad_value", "$.items.method"),
        ("sensitivity.bad_value", "$.items.concentration"),
        ("sensitivity.bad_value", "$.items.spread"),
        ("sensitivity.unknown_name", "$.items.areas[0]"),
        ("sensitivity.bad_value", "$.data.tolerance"),
        ("sensitivity.bad_value", '$.data.inputs["dibao.coverage.covered"]'),
        ("sensitivity.cannot_vary", "$.data.indicators[0]"),  # its formula parameters vary too
        ("sensitivity.duplicate", "$.data.indicators[2]"),
        ("sensitivity.unknown_name", "$.data.indicators[3]"),
        ("sensitivity.unknown_name", '$.data.inputs["training.vocational_training.trainee"]'),
        ("sensitivity.cannot_vary", "$.parameters[0]"),  # dibao's item points vary too
    }
    by_path = {f.path: f for f in caught.value.findings}
    assert "cannot be varied yet" in by_path["$.data.indicators[0]"].message.en
    assert by_path['$.data.inputs["training.vocational_training.trainee"]'].suggestion == "trained"


def test_too_many_rescorings_are_refused_before_any_work(
    evaluation: Evaluation, scheme: Scheme, engine: Engine
) -> None:
    spec = load_spec({"data": {"tolerance": 0.05}}, scheme=scheme)
    with pytest.raises(SpecError) as caught:
        sensitivity(evaluation, spec, draws=1_000_000, seed=1, scheme=scheme, engine=engine)
    assert [f.code for f in caught.value.findings] == ["sensitivity.too_costly"]


def test_an_area_under_drawn_item_points_by_hand(evaluation: Evaluation, scheme: Scheme) -> None:
    from targetrule.analysis.item_points import plan_item_points
    from targetrule.analysis.item_scores import item_variation
    from targetrule.analysis.spec import ItemPointSpec

    dibao = len(scheme.areas) - 1
    plan = plan_item_points(ItemPointSpec(vary=True), scheme, (dibao,))
    assert plan is not None and plan.indicators[0] == "dibao.coverage"
    drawn = [Decimal(p) for p in ("2", "2", "2", "1", "1", "1")]  # 3, 1.5, 1.5, 1, 1, 1 redrawn; still 9 points

    class Drawn:  # the plan with these points in every draw
        indicators, places, varies = plan.indicators, plan.places, True

        def units(self, seeds: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
            row = [int(p.scaleb(plan.places)) for p in drawn]
            return np.array([row] * len(seeds), dtype=np.int64)

    variation = item_variation(evaluation, scheme, Drawn(), None)  # type: ignore[arg-type]
    assert variation is not None
    delta = variation.area_deltas(np.zeros((1, 2), dtype=np.int64))
    siping = [r.region.id for r in evaluation.regions].index("siping")
    # Siping's dibao attainments: coverage 0.836177…, top-up 0.916666…, budget 0.957780…, the others 0.85, 0.96,
    # 0.87 points (unchanged at 1 point each). Drawn: 0.836177 × 2 = 1.672 → 1.67; 0.916667 × 2 = 1.833 → 1.83;
    # 0.957780 × 2 = 1.916 → 1.92; 1.67 + 1.83 + 1.92 + 0.85 + 0.96 + 0.87 = 8.10 against 8.01: +9 cents
    assert delta[0, siping].tolist() == [0] * dibao + [9]
