"""The jilin-2008 scheme: its shape, reuse of the 2007 plugins, the example data, and the comparison with 2007."""

from __future__ import annotations

import copy
from decimal import Decimal as D
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from jilin_2008_support import ENGINE, INSTALLED, REGISTRY
from targetrule_jilin_2008 import example_submissions, plugin_modules

from targetrule import Label, Registry, builtin_plugins
from targetrule.compare import compare
from targetrule.testing import SchemeContract


class TestJilin2008Scheme(SchemeContract):
    scheme = "jilin-2008"
    plugins = None if INSTALLED else (*builtin_plugins(), *plugin_modules())
    max_examples = 5


def test_eight_areas_thirty_six_items_one_hundred_points() -> None:
    scheme = ENGINE.load_scheme("jilin-2008")
    assert [(a.spec.id, a.spec.points, len(a.items)) for a in scheme.areas] == [
        ("employment", 33, 11),
        ("training", 12, 5),
        ("labour_relations", 14, 6),
        ("pension", 14, 4),
        ("unemployment_insurance", 8, 3),
        ("medical_insurance", 8, 2),
        ("injury_maternity", 5, 2),
        ("golden_insurance", 6, 3),
    ]
    assert scheme.spec.total_points == 100  # 33 + 12 + 14 + 14 + 8 + 8 + 5 + 6


def test_unchanged_items_are_the_2007_plugins_themselves() -> None:
    built_in = Registry.from_plugins(builtin_plugins()).indicators
    items = ENGINE.load_scheme("jilin-2008").items()
    reused = [i.indicator.id for i in items if built_in.get(i.indicator.id) == i.indicator]
    new = sorted(i.indicator.id for i in items if i.indicator.id not in built_in)
    assert new == [
        "employment.graduate_employment",
        "employment.registered_unemployment_2008",
        "labour_relations.arbitration_closure",
    ]
    assert len(reused) == 33  # 36 items, 3 new or re-declared


def test_the_2008_diff_resolves_to_the_full_scheme_it_replaced() -> None:
    """jilin-2008.toml states only its changes to 2007; merged, it is the full file it was (in tests/data)."""
    full = ENGINE.load_scheme(Path(__file__).parent / "data" / "jilin-2008-full.toml").spec
    scheme = ENGINE.load_scheme("jilin-2008")
    # The office rules 2007 gained after the full file was written (issue 13) now reach 2008 through
    # `extends`, as a change to 2007 should: exactly these, and the gate's "missed" in 2008's words.
    parent = ENGINE.load_scheme("jilin-2007").spec
    assert full.misreporting is not None and full.gate is not None
    inherited = attrs.evolve(
        full,
        not_applicable=parent.not_applicable,
        award_min_grade=parent.award_min_grade,
        inspection=parent.inspection,
        misreporting=attrs.evolve(full.misreporting, max_grade="pass"),
        gate=attrs.evolve(
            full.gate,
            missed=Label(
                "城镇新增就业、再就业和登记失业率三项主要目标未全部完成",
                "the three main targets not all met: new urban jobs, re-employment, registered unemployment",
            ),
        ),
    )
    assert (parent.not_applicable, parent.award_min_grade) == ("reweight", "pass")
    assert scheme.spec == inherited
    assert [link.id for link in scheme.chain] == ["jilin-2008", "jilin-2007"]
    assert len(ENGINE.registry.schemes["jilin-2008"].text.splitlines()) < 80  # a diff, not a copy (the full: 200)


def test_new_urban_jobs_changes_formula_in_the_scheme_only() -> None:
    item = ENGINE.load_scheme("jilin-2008").item("employment.new_urban_jobs")
    assert item.formula.family == "shortfall_bands"
    assert item.indicator.formula.family == "capped_completion"  # the plugin is untouched


@pytest.fixture(scope="module")
def evaluation() -> Any:
    return ENGINE.evaluate("jilin-2008", example_submissions())


def test_the_example_data_evaluates_cleanly_and_ranks(evaluation: Any) -> None:
    assert evaluation.findings == ()
    assert evaluation.ranked
    assert evaluation.region("changbaishan").rank is None  # survey only


def test_stepped_deduction_on_the_example_data(evaluation: Any) -> None:
    baicheng = evaluation.region("baicheng").indicator("employment.registered_unemployment_2008")
    assert baicheng.values["registered_unemployed"] == 19118 and baicheng.values["labour_force"] == 398525
    # 19,118 / 398,525 = 4.7972%: 0.2972 over the 4.5% ceiling → ⌈2.972⌉ = 3 steps → 1 − 3 × 0.125 = 0.625 × 4 = 2.50
    assert baicheng.points == D("2.50")


def test_new_items_on_the_example_data(evaluation: Any) -> None:
    baishan = evaluation.region("baishan")
    # 728 / 920 = 79.1304%, 0.8696 points under the 80% target × 0.05 = 0.0435 off → 0.9565 × 3 = 2.87
    assert baishan.indicator("employment.graduate_employment").points == D("2.87")
    # 661 / 810 = 81.60%: the 80% tier of jilin-2008's (90: 1, 85: 0.8, 80: 0.5) → 0.5 × 2 = 1.00
    assert baishan.indicator("labour_relations.arbitration_closure").points == D("1.00")


def test_the_extension_drops_and_renames_what_2008_changed() -> None:
    document = example_submissions()
    changchun = document["regions"][0]["inputs"]
    assert document["scheme"] == "jilin-2008"
    assert document["note"]["en"].startswith("Illustrative (made-up) figures")  # the 2008 note, not 2007's
    assert not any(k.startswith("dibao.") for k in changchun)
    assert "employment.registered_unemployment_rate" not in changchun
    assert "employment.registered_unemployment_2008" in changchun
    assert len(changchun) == 36


def _both_years() -> dict[str, Any]:
    """The 2007 example with the 2008 items' inputs added: both schemes find everything they need."""
    path = resources.files("targetrule") / "examples" / "jilin-2007.json"
    import json

    document = json.loads(path.read_text(encoding="utf-8"))
    extended = {r["id"]: r["inputs"] for r in example_submissions()["regions"]}
    for region in document["regions"]:
        region["inputs"] = {**copy.deepcopy(extended[region["id"]]), **region["inputs"]}
    return document


def test_this_years_results_under_next_years_rules() -> None:
    result = compare(ENGINE, "jilin-2007", "jilin-2008", _both_years())
    assert result.evaluation_a.findings == () and result.evaluation_b.findings == ()
    baicheng = result.region("baicheng")
    unemployment = {d.indicator: d for d in baicheng.drivers}
    # 2007: 1 − 0.2972 × 0.5 = 0.8514 × 4 = 3.41; 2008: 2.50 (above). The 2008 item is a new id, so the
    # comparison shows the 2007 item dropped (−3.41) and the 2008 one added (+2.50) rather than a silent mix.
    assert unemployment["employment.registered_unemployment_rate"].points_a == D("3.41")
    assert unemployment["employment.registered_unemployment_rate"].points_b is None
    assert result.evaluation_a.region("baicheng").composite == baicheng.composite_a
    assert "吉林省2008年" in result.to_text("zh").splitlines()[0]


@pytest.mark.skipif(not INSTALLED, reason="the distribution is not installed: no entry points to find")
def test_installed_plugins_are_found_through_entry_points() -> None:
    infos = {p.name: p for p in REGISTRY.plugins()}
    assert infos["jilin_2008_schemes"].distribution == "targetrule-jilin-2008"
    assert infos["jilin_2008_stepped_ceiling"].hooks == ("targetrule_formula_families",)
    assert REGISTRY.indicator_plugins["employment.graduate_employment"] == "jilin_2008_graduate_employment"
    assert "jilin-2008" in REGISTRY.schemes and "stepped_ceiling" in REGISTRY.families
