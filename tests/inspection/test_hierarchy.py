"""Regions in a hierarchy: counties roll up into their city; bad parents and cycles are findings, nothing is lost."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from conftest import DATA, figures, region
from hypothesis import given, settings
from hypothesis import strategies as st

from targetrule import Engine, Label, Region, Scheme, read_submissions
from targetrule.inspection.hierarchy import build_hierarchy, roll_up
from targetrule.validation import check_values

JOBS = "employment.new_urban_jobs"
RATE = "employment.registered_unemployment_rate"
PETITIONS = "labour_relations.petition_decline"


def example() -> dict[str, Any]:
    return json.loads((DATA / "counties.json").read_text(encoding="utf-8"))


def without_city_figures(document: dict[str, Any], keep: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The example with Changchun's own figures removed, except the inputs named in ``keep``."""
    document = copy.deepcopy(document)
    city = document["regions"][0]
    assert city["id"] == "changchun"
    city["inputs"] = {ind: {k: city["inputs"][ind][k] for k in names} for ind, names in (keep or {}).items()}
    return document


def test_rolling_up_the_example_counties_reproduces_the_city_figures(scheme: Scheme) -> None:
    original = read_submissions(example())
    city_given = original.regions[0].inputs
    rolled = roll_up(scheme, read_submissions(without_city_figures(example(), {RATE: ["ceiling"]})))
    city = rolled.region("changchun").inputs
    # 30000 + 25000 + 40000 = 95000 jobs; targets 32000 + 26000 + 42000 = 100000; posts 1500 + 1200 + 2000 = 4700
    # unemployed 120 + 90 + 150 = 360 of 4000 + 3000 + 5000 = 12000
    # petitions 30 + 20 + 35 = 85, last year 35 + 22 + 40 = 97
    for indicator in (JOBS, PETITIONS):
        for name, value in city_given[indicator].items():
            assert city[indicator][name] == Decimal(value), (indicator, name)
    assert city[RATE]["registered_unemployed"] == Decimal(360)
    assert city[RATE]["labour_force"] == Decimal(12000)
    assert city[RATE]["ceiling"] == Decimal("4.5")  # the city's own target, kept
    assert {(v.indicator, v.input) for v in rolled.rolled} == {
        (JOBS, "actual"), (JOBS, "target"), (JOBS, "public_welfare_posts"),
        (RATE, "registered_unemployed"), (RATE, "labour_force"),
        (PETITIONS, "current"), (PETITIONS, "baseline"),
    }  # fmt: skip
    assert rolled.region("changchun").sources[f"{JOBS}.actual"].startswith("由下辖 nong_an、dehui、yushu 汇总")
    assert rolled.findings == ()


def test_city_figures_that_match_their_counties_give_no_finding(scheme: Scheme) -> None:
    rolled = roll_up(scheme, read_submissions(example()))
    assert rolled.findings == ()
    assert rolled.rolled == ()


def test_a_rolled_up_city_is_scored_and_ranked_without_its_counties(engine: Engine, scheme: Scheme) -> None:
    rolled = roll_up(scheme, read_submissions(without_city_figures(example(), {RATE: ["ceiling"]})))
    result = engine.evaluate(scheme, rolled.submissions)
    assert [r.region.id for r in result.regions] == ["changchun", "changbaishan"]
    city = result.region("changchun")
    # jobs 95000 / 100000 = 0.95 × 10 = 9.50; rate 360 / 12000 = 3.00% within 4.5% → 5;
    # petitions (97 − 85) / 97 = 12.37% ≥ the 10% target → 5; 9.50 + 5 + 5 = 19.50
    assert city.composite == Decimal("19.50")
    assert city.indicator(RATE).values["rate"] == Decimal(3)
    assert city.rank == 1
    assert result.region("changbaishan").rank is None  # survey-only
    counties = engine.evaluate(scheme, rolled.tier(1))
    assert [r.region.id for r in counties.regions] == ["nong_an", "dehui", "yushu"]


def test_rate_is_recomputed_from_summed_counts_never_averaged(scheme: Scheme) -> None:
    city = region("city", {}, kind="city")
    small = region("small", figures(rate=(1, 10, 4.5)), kind="county", parent="city")  # 10%
    large = region("large", figures(rate=(90, 100, 4.5)), kind="county", parent="city")  # 90%
    data = read_submissions([city, small, large])
    rolled = roll_up(scheme, data).region("city")
    values, _ = check_values(scheme.item(RATE).indicator, rolled.inputs.get(RATE, {}) | {"ceiling": 4.5}, "city", "$")
    # (1 + 90) / (10 + 100) × 100 = 91 / 110 × 100 = 82.727…%, not the average (10 + 90) / 2 = 50%
    assert values["rate"].quantize(Decimal("0.001")) == Decimal("82.727")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**6)), min_size=1, max_size=6))
def test_rate_rolled_up_equals_rate_of_summed_counts(pairs: list[tuple[int, int]]) -> None:
    scheme = Engine().load_scheme(DATA / "inspection.toml")
    counties = [
        region(f"c{i}", {RATE: {"registered_unemployed": min(n, d), "labour_force": d, "ceiling": 4.5}},
               kind="county", parent="city")
        for i, (n, d) in enumerate(pairs)
    ]  # fmt: skip
    city = region("city", {RATE: {"ceiling": 4.5}}, kind="city")
    rolled = roll_up(scheme, read_submissions([city, *counties])).region("city")
    values, problems = check_values(scheme.item(RATE).indicator, rolled.inputs[RATE], "city", "$")
    assert problems == []
    numerator = sum(min(n, d) for n, d in pairs)
    denominator = sum(d for _, d in pairs)
    assert values["rate"] == Decimal(numerator) / Decimal(denominator) * 100


def test_typed_in_rate_cannot_be_rolled_up(scheme: Scheme) -> None:
    rolled = roll_up(scheme, read_submissions(without_city_figures(example())))
    [problem] = rolled.findings
    assert problem.code == "hierarchy.not_additive"
    assert (problem.region, problem.indicator, problem.input) == ("changchun", RATE, "ceiling")
    assert "比率" in problem.message.zh and "rate typed in" in problem.message.en
    assert "ceiling" not in rolled.region("changchun").inputs[RATE]


def test_city_figure_differing_from_its_counties_beyond_tolerance(scheme: Scheme) -> None:
    document = example()
    document["regions"][0]["inputs"][JOBS]["actual"] = 99000
    rolled = roll_up(scheme, read_submissions(document))
    [problem] = rolled.findings
    assert problem.code == "hierarchy.mismatch"
    assert problem.path == "$.regions[0].inputs['employment.new_urban_jobs'].actual"
    # 99000 − (30000 + 25000 + 40000) = 4000 > 0 × 95000
    assert "99,000" in problem.message.zh and "95,000" in problem.message.zh and "4,000" in problem.message.zh
    assert rolled.region("changchun").inputs[JOBS]["actual"] == 99000  # the city's own figure is kept
    # within a 5% tolerance: 4000 ≤ 0.05 × 95000 = 4750
    assert roll_up(scheme, read_submissions(document), tolerance=Decimal("0.05")).findings == ()
    # beyond 4%: 4000 > 0.04 × 95000 = 3800
    assert [f.code for f in roll_up(scheme, read_submissions(document), tolerance=Decimal("0.04")).findings] == [
        "hierarchy.mismatch"
    ]


def test_county_missing_a_figure_or_giving_a_bad_one(scheme: Scheme) -> None:
    document = without_city_figures(example(), {RATE: ["ceiling"]})
    del document["regions"][1]["inputs"][JOBS]["public_welfare_posts"]
    document["regions"][2]["inputs"][JOBS]["actual"] = "两万五"
    rolled = roll_up(scheme, read_submissions(document))
    found = {(f.code, f.region, f.input) for f in rolled.findings}
    assert found == {
        ("input.not_a_number", "dehui", "actual"),
        ("hierarchy.incomplete", "changchun", "actual"),
        ("hierarchy.incomplete", "changchun", "public_welfare_posts"),
    }
    incomplete = next(f for f in rolled.findings if f.input == "public_welfare_posts")
    assert "nong_an" in incomplete.message.zh
    bad = next(f for f in rolled.findings if f.code == "input.not_a_number")
    assert bad.path == "$.regions[2].inputs['employment.new_urban_jobs'].actual"
    city = rolled.region("changchun").inputs
    assert "actual" not in city[JOBS] and "public_welfare_posts" not in city[JOBS]
    assert city[JOBS]["target"] == Decimal(100000)  # what could be rolled up still is


def _region(region_id: str, kind: str = "county", parent: str | None = None) -> Region:
    return Region(region_id, Label(region_id, region_id), kind, parent)


def test_unknown_parent_is_a_finding_with_did_you_mean_and_the_region_is_kept() -> None:
    hierarchy = build_hierarchy([_region("changchun", "city", "jilin"), _region("nong_an", parent="changchn")])
    [problem] = hierarchy.findings
    assert problem.code == "hierarchy.unknown_parent"
    assert problem.suggestion == "changchun"
    assert "是否应为 changchun" in problem.message.zh and "did you mean changchun" in problem.message.en
    # the city may name the province without the province being in the data; the orphan stays, at the top
    assert hierarchy.roots() == ("changchun", "nong_an")


def test_city_naming_an_unknown_province_is_flagged_when_the_province_is_in_the_data() -> None:
    regions = [
        _region("jilin", "province"),
        _region("changchun", "city", "jilln"),
        _region("jilin_city", "city", "jilin"),
    ]
    hierarchy = build_hierarchy(regions)
    assert [(f.code, f.region, f.suggestion) for f in hierarchy.findings] == [
        ("hierarchy.unknown_parent", "changchun", "jilin")
    ]


def test_cycle_is_a_finding_and_its_members_are_kept_on_their_own(scheme: Scheme) -> None:
    document = {
        "regions": [
            region("a", kind="county", parent="b"),
            region("b", kind="county", parent="a"),
            region("c", kind="county", parent="c"),
            region("d", kind="county", parent="a"),
        ]
    }
    rolled = roll_up(scheme, read_submissions(document))
    cycles = sorted(f.message.en for f in rolled.findings if f.code == "hierarchy.cycle")
    assert len(cycles) == 2
    assert "a → b → a" in cycles[0] and "c → c" in cycles[1]
    assert all(f.code == "hierarchy.cycle" for f in rolled.findings)
    # a, b and c are roots now; d stays under a, and a's own figures are kept as given
    assert [d.region.id for d in rolled.submissions.regions] == ["a", "b", "c"]
    assert rolled.region("a").inputs[JOBS]["actual"] == 100000


def test_roll_up_findings_reach_the_evaluation(engine: Engine, scheme: Scheme) -> None:
    document = example()
    document["regions"][1]["parent"] = "changchn"
    rolled = roll_up(scheme, read_submissions(document))
    result = engine.evaluate(scheme, rolled.submissions)
    assert "hierarchy.unknown_parent" in {f.code for f in result.errors}
    assert not result.ranked  # strict mode: an orphan county's figures are not in its city's totals


def test_province_in_the_data_rolls_up_its_cities_and_the_cities_are_evaluated(scheme: Scheme) -> None:
    document = example()
    document["regions"].insert(0, {"id": "jilin", "name": "吉林省", "kind": "province", "inputs": {}})
    document["regions"][5]["parent"] = "jilin"  # Changbai Mountain under the province too
    rolled = roll_up(scheme, read_submissions(document))
    assert [d.region.id for d in rolled.submissions.regions] == ["changchun", "changbaishan"]
    # province jobs: Changchun 95000 + Changbai Mountain 8000 = 103000
    assert rolled.region("jilin").inputs[JOBS]["actual"] == Decimal(103000)


def test_verified_county_figure_makes_the_citys_rolled_up_figure_checked(engine: Engine, scheme: Scheme) -> None:
    document = without_city_figures(example(), {RATE: ["ceiling"]})
    who = {"by": "督查考评组第一组", "on": "2007-12-05", "source": "德惠市就业花名册"}
    document["regions"][2]["verified"] = {JOBS: {"actual": {"value": 20000, **who}}}  # dehui reported 25000
    rolled = roll_up(scheme, read_submissions(document))
    entry = rolled.region("changchun").verified[JOBS]["actual"]
    # 30000 + 20000 (verified) + 40000 = 90000, against the reported 30000 + 25000 + 40000 = 95000
    assert entry["value"] == Decimal(90000)
    assert (entry["by"], entry["on"]) == ("督查考评组第一组", "2007-12-05")
    assert "dehui" in entry["source"]
    city = engine.evaluate(scheme, rolled.submissions).region("changchun")
    [found] = city.discrepancies
    assert (found.reported, found.verified, found.beyond_tolerance) == (Decimal(95000), Decimal(90000), True)
    # |90000 − 95000| / 90000 = 0.0556 > 0.05: misreporting, 2 points
    # 90000 / 100000 × 10 = 9.00; + 5 + 5 − 2 = 17.00
    assert city.composite == Decimal("17.00")
    # the county, evaluated on its own, shows its own discrepancy
    dehui = engine.evaluate(scheme, rolled.tier(1)).region("dehui")
    assert [(d.reported, d.verified) for d in dehui.discrepancies] == [(Decimal(25000), Decimal(20000))]


def test_counties_evaluated_beside_their_city_without_a_roll_up_stop_the_ranking(
    engine: Engine, scheme: Scheme
) -> None:
    result = engine.evaluate(scheme, read_submissions(example()))
    problems = [f for f in result.errors if f.code == "hierarchy.not_rolled_up"]
    assert [(f.region, f.value) for f in problems] == [
        ("nong_an", "'changchun'"),
        ("dehui", "'changchun'"),
        ("yushu", "'changchun'"),
    ]
    assert "roll_up" in problems[0].message.en
    assert not result.ranked
    rolled = engine.evaluate(scheme, roll_up(scheme, read_submissions(example())).submissions)
    assert rolled.ranked and rolled.errors == ()
