"""The engine end to end on the sample scheme: every expectation is computed by hand in the comments.

Full marks of the sample scheme: t.jobs 40 + t.paid 20 (area "work" 60), t.unemployment 25 +
t.petitions 15 (area "stability" 40). The default region meets everything: 40 + 20 + 25 + 15 = 100.
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Sequence
from decimal import Decimal as D
from typing import ClassVar

import pytest

import targetrule
from targetrule import Engine, Indicator, Input, Label, Registry, Scheme, SchemeSource, builtin, hookimpl
from targetrule.scheme_loader import load_scheme

from . import sample_plugin
from .sample_plugin import region


def by_id(evaluation):  # type: ignore[no-untyped-def]
    return {r.region.id: r for r in evaluation.regions}


def test_scores_grades_ranks_and_awards(engine: Engine, scheme: Scheme) -> None:
    data = {
        "regions": [
            region("a"),  # 100.00
            region("b", jobs=(950, 1000, 0)),  # jobs 950/1000 = 0.95 × 40 = 38.00 -> 98.00
            region("c", paid=(490, 500)),  # 490/500 = 98%: 2 points short × 0.1 = 0.8 × 20 = 16.00 -> 96.00
            # rate 4.8: 0.3 over 4.5 -> 0.7 × 25 = 17.50; petitions 95 vs 100: 5% of a 10% target = 0.5 × 15 = 7.50
            region("d", rate="4.8", petitions=(95, 100)),  # 40 + 20 + 17.50 + 7.50 = 85.00
            region("e", jobs=(950, 1000, 0)),  # same as b: 98.00
        ]
    }
    ev = engine.evaluate(scheme, data)
    assert ev.ranked and ev.errors == ()
    r = by_id(ev)
    assert [r[k].composite for k in "abcde"] == [D("100.00"), D("98.00"), D("96.00"), D("85.00"), D("98.00")]
    assert r["d"].area("stability").points == D("25.00")  # 17.50 + 7.50
    # ties share a rank and the next rank is skipped: 100 -> 1; 98, 98 -> 2, 2; 96 -> 4; 85 -> 5
    assert {k: r[k].rank for k in "abcde"} == {"a": 1, "b": 2, "e": 2, "c": 4, "d": 5}
    # quota: 30% of 5 ranked = 1.5 -> at most 1 优秀. a takes it; b and e (98, tied) would make 3 -> both 达标;
    # c (96) is vetoed (paid 98% < 100%) and capped at 达标; d (85) is 达标 by band.
    assert {k: r[k].grade for k in "abcde"} == {"a": "excellent", "b": "pass", "c": "pass", "d": "pass", "e": "pass"}
    assert r["c"].vetoes == ("arrears",)
    # gate: t.jobs must be complete. b and e (0.95) fail it; c is vetoed; so a then d are eligible.
    assert [r[k].gate_passed for k in "abcde"] == [True, False, True, True, False]
    assert {k: r[k].award for k in "abcde"} == {"a": "first", "b": None, "c": None, "d": "second", "e": None}
    assert [x.region.id for x in ev.ranking()] == ["a", "b", "e", "c", "d"]


def test_item_and_area_points_add_up_to_the_composite(engine: Engine, scheme: Scheme) -> None:
    # 123,125 / 1,000,000 = 0.123125 × 40 = 4.925 -> half up 4.93 (banker's rounding would give 4.92)
    ev = engine.evaluate(scheme, {"regions": [region("a", jobs=(123125, 1000000, 0))]})
    result = ev.region("a")
    assert result.indicator("t.jobs").points == D("4.93")
    assert result.area("work").points == D("24.93")  # 4.93 + 20.00
    assert result.composite == D("64.93")  # 24.93 + 40.00
    assert sum(i.points for i in result.indicators()) == result.composite
    assert result.area("work").explanation().zh == "4.93 + 20.00 = 24.93"
    assert "123,125" in result.indicator("t.jobs").explanation().zh
    assert "得 4.93 分（满分 40.00）" in result.indicator("t.jobs").explanation().zh


def test_bonus_pool_is_capped_and_deductions_cancel_awards(engine: Engine, scheme: Scheme) -> None:
    data = [
        # 85.00 + bonus min(3 + 2 × 2 = 7, cap 5) = 90.00
        region("d", rate="4.8", petitions=(95, 100), bonuses=[{"id": "national"}, {"id": "provincial", "count": 2}]),
        region("a", deductions=[{"id": "misreporting", "note": "核查不实"}]),  # 100.00 - 2.00 = 98.00, no award
    ]
    ev = engine.evaluate(scheme, data)
    d, a = ev.region("d"), ev.region("a")
    assert (d.base_points, d.bonus_points, d.composite) == (D("85.00"), D(5), D("90.00"))
    assert (a.deduction_points, a.composite) == (D(2), D("98.00"))
    assert a.rank == 1 and a.award is None and not a.eligible_for_awards
    assert [x.en for x in a.ineligible_because] == ["misreporting"]
    assert d.award == "first"
    assert "加分 5.00" in d.explanation().zh


def test_strict_mode_refuses_to_rank_while_errors_stand(engine: Engine, scheme: Scheme) -> None:
    data = [region("a"), region("b", jobs=(1000, 1000, 2000))]  # posts 2000 > actual 1000
    ev = engine.evaluate(scheme, data)
    assert not ev.ranked and ev.not_ranked_because is not None
    assert [f.code for f in ev.errors] == ["rule.part_exceeds_whole"]
    assert ev.errors[0].path == "$.regions[1].inputs['t.jobs'].posts"
    assert all(r.rank is None and r.grade is None for r in ev.regions)
    assert ev.region("a").composite == D("100.00")  # valid regions are still scored, for the inspectors


def test_lenient_mode_marks_invalid_items_not_scored_and_ranks(engine: Engine, scheme: Scheme) -> None:
    data = [region("a"), region("b", jobs=(1000, 1000, 2000))]
    ev = engine.evaluate(scheme, data, mode="lenient")
    b = ev.region("b")
    assert ev.ranked
    assert b.indicator("t.jobs").status.value == "not_scored" and b.indicator("t.jobs").points == 0
    assert b.composite == D("60.00")  # 0 + 20 + 25 + 15
    assert (ev.region("a").rank, b.rank) == (1, 2)
    assert "未计分" in b.indicator("t.jobs").explanation().zh


def test_duplicate_regions_empty_data_and_unknown_indicators(engine: Engine, scheme: Scheme) -> None:
    data = {
        "regions": [
            region("a"),
            region("a"),
            {"id": "z", "name": "空市"},
            {"name": "无编号"},
            {**region("c"), "inputs": {**region("c")["inputs"], "t.jobz": {}}},  # type: ignore[dict-item]
        ]
    }
    ev = engine.evaluate(scheme, data)
    found = {(f.code, f.path) for f in ev.findings}
    assert ("region.duplicate", "$.regions[1]") in found
    assert ("region.empty", "$.regions[2].inputs") in found
    assert ("region.missing_id", "$.regions[3].id") in found  # its own code since issue 10
    unknown = next(f for f in ev.findings if f.code == "indicator.unknown")
    assert unknown.suggestion == "t.jobs" and unknown.path == "$.regions[4].inputs['t.jobz']"
    assert [r.region.id for r in ev.regions] == ["a", "z", "c"]  # the duplicate is dropped, nothing valid lost
    empty = engine.evaluate(scheme, {"regions": []})
    assert [f.code for f in empty.findings] == ["submission.empty"] and not empty.ranked


def test_a_failing_formula_is_reported_by_plugin_and_others_still_score() -> None:
    class Exploding:
        family = "exploding"
        parameters: ClassVar[dict[str, object]] = {}

        def uses(self) -> tuple[str, ...]:
            return ("x",)

        def directions(self) -> dict[str, object]:
            return {}

        def param_specs(self) -> dict[str, object]:
            return {}

        def score(self, values, params):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("division by zero")

        def explain(self, facts):  # type: ignore[no-untyped-def]
            return Label("", "")

    bad = Indicator(
        "t.bad",
        "work",
        Label("坏", "bad"),
        "x",
        "个",
        (Input("x", Label("x", "x")),),
        Exploding(),  # type: ignore[arg-type]
    )
    plugin = types.ModuleType("exploding_plugin")

    @hookimpl
    def targetrule_indicators() -> Sequence[Indicator]:
        return [bad]

    plugin.targetrule_indicators = targetrule_indicators  # type: ignore[attr-defined]
    registry = Registry.from_plugins([builtin, sample_plugin, plugin])
    # t.bad is worth 5 points (an item's points must be above 0): the work area 60 + 5 = 65, the total 105
    text = (
        sample_plugin.SCHEME.replace(
            '{id = "t.paid", points = 20}', '{id = "t.paid", points = 20}, {id = "t.bad", points = 5}'
        )
        .replace("points = 60\n", "points = 65\n")
        .replace("total_points = 100\n", "total_points = 105\n")
    )
    scheme = load_scheme(SchemeSource("s", text), registry)
    data = region("a")
    data["inputs"]["t.bad"] = {"x": 1}  # type: ignore[index]
    ev = Engine(registry).evaluate(scheme, [data], mode="lenient")
    failure = next(f for f in ev.findings if f.code == "indicator.formula_failed")
    assert "exploding_plugin" in failure.message.en and failure.region == "a" and failure.indicator == "t.bad"
    assert ev.region("a").composite == D("100.00")  # every other indicator still scored


def test_survey_only_regions_are_scored_but_never_ranked_counted_or_awarded(engine: Engine, scheme: Scheme) -> None:
    data = [region("s", survey_only=True), region("a", jobs=(990, 1000, 0)), region("b", jobs=(980, 1000, 0))]
    ev = engine.evaluate(scheme, data)
    s = ev.region("s")
    assert s.composite == D("100.00") and s.rank is None and s.award is None
    assert s.grade == "excellent"  # graded for information, outside the quota
    assert s.ineligible_because[0].en.startswith("survey-only")
    # quota: 30% of the 2 ranked regions = 0.6 -> 0 优秀 places: a (99.60) is 达标 despite reaching 90
    assert ev.region("a").grade == "pass" and ev.region("a").rank == 1


def test_tie_break_separates_equal_composites(registry: Registry) -> None:
    text = sample_plugin.SCHEME + '\n[ranking]\ntie_break = ["area:stability"]\n'
    scheme = load_scheme(SchemeSource("tb", text), registry)
    data = [
        region("a", jobs=(900, 1000, 0)),  # 36 + 20 + 25 + 15 = 96; stability 40
        region("b", petitions=(98, 100), paid=(495, 500)),  # 40 + 19 (99%: 0.95 × 20) + 25 + 3 (2% of 10% × 15) = 87
        region("c", rate="4.6"),  # 40 + 20 + 22.50 (0.1 over: 0.9 × 25) + 15 = 97.50; stability 37.50
        region("d", jobs=(975, 1000, 0), rate="4.6", petitions=(90, 100)),  # 39 + 20 + 22.5 + 15 = 96.50
        region("e", jobs=(925, 1000, 0), rate="4.5"),  # 37 + 20 + 25 + 15 = 97; stability 40
    ]
    ev = Engine(registry).evaluate(scheme, data, mode="lenient")
    got = {r.region.id: (r.composite, r.rank) for r in ev.regions}
    assert got["c"] == (D("97.50"), 1) and got["e"] == (D("97.00"), 2)
    assert got["d"][1] == 3 and got["a"][1] == 4 and got["b"][1] == 5
    tie = [
        region("x", rate="4.6", petitions=(95, 100)),  # 40 + 20 + 22.50 + 7.50 = 90.00; stability 30.00
        region("y", jobs=(750, 1000, 0)),  # 30 + 20 + 25 + 15 = 90.00; stability 40.00
    ]
    ev = Engine(registry).evaluate(scheme, tie)
    assert ev.region("x").composite == ev.region("y").composite == D("90.00")
    assert (ev.region("y").rank, ev.region("x").rank) == (1, 2)  # separated by the stability area


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # attainments: jobs 0.5 (weight 40), paid 1.0 (weight 20)
        ("weighted_mean", D("40.00")),  # (0.5 × 40 + 1 × 20) / 60 = 0.6667 × 60 = 40.00
        ("weighted_geometric_mean", D("37.80")),  # 0.5^(40/60) × 1^(20/60) = 0.62996 × 60 = 37.798 -> 37.80
        ("minimum", D("30.00")),  # min(0.5, 1) = 0.5 × 60 = 30.00
    ],
)
def test_area_aggregation_methods(registry: Registry, method: str, expected: D) -> None:
    text = sample_plugin.SCHEME.replace('id = "work"\n', f'id = "work"\naggregation = "{method}"\n')
    scheme = load_scheme(SchemeSource("agg", text), registry)
    ev = Engine(registry).evaluate(scheme, [region("a", jobs=(500, 1000, 0))])
    assert ev.region("a").area("work").points == expected
    assert ev.region("a").composite == expected + 40


def test_results_unstructure_to_json_with_provenance(engine: Engine, scheme: Scheme) -> None:
    data = {"scheme": "sample", "regions": [region("a"), region("b", jobs=(950, 1000, 0))]}
    ev = engine.evaluate(scheme, data)
    doc = json.loads(json.dumps(ev.to_dict(), ensure_ascii=False))
    assert doc["schema"] == "targetrule.results/1"
    assert doc["ranking"] == ["a", "b"]
    first = doc["regions"][1]["areas"][0]["indicators"][0]
    assert first["points"] == "38.00" and first["attainment"] == "0.95"
    assert first["explanation"]["zh"].startswith("完成 950 / 目标 1,000 = 95.00%")
    prov = doc["provenance"]
    assert prov["scheme_sha256"] == hashlib.sha256(sample_plugin.SCHEME.encode()).hexdigest()
    assert {p["name"] for p in prov["plugins"]} == {"targetrule.builtin", sample_plugin.__name__}
    assert prov["library_version"] == targetrule.__version__
    reordered = {"regions": data["regions"], "scheme": "sample"}
    assert engine.evaluate(scheme, reordered).provenance.input_sha256 == ev.provenance.input_sha256
    assert len(ev.provenance.input_sha256) == 64


def test_scheme_mismatch_is_a_warning(engine: Engine, scheme: Scheme) -> None:
    ev = engine.evaluate(scheme, {"scheme": "jilin-2006", "regions": [region("a")]})
    assert ev.ranked and [f.code for f in ev.findings] == ["submission.wrong_scheme"]
