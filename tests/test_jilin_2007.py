"""The jilin-2007 scheme end to end: 40 plugins, the scheme's points, and the illustrative example."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from targetrule import Engine, Evaluation, Registry, Scheme

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "targetrule" / "examples" / "jilin-2007.json"
CITIES = ("changchun", "jilin", "siping", "liaoyuan", "tonghua", "baishan", "songyuan", "baicheng", "yanbian")


@pytest.fixture(scope="module")
def registry() -> Registry:
    """Only the built-in plugins, so an installed third-party plugin cannot change the counts."""
    return Registry.default(entry_points=False)


@pytest.fixture(scope="module")
def scheme(registry: Registry) -> Scheme:
    """The bundled jilin-2007 scheme."""
    return Engine(registry).load_scheme("jilin-2007")


@pytest.fixture(scope="module")
def evaluation(registry: Registry, scheme: Scheme) -> Evaluation:
    """The committed example evaluated in strict mode."""
    return Engine(registry).evaluate(scheme, EXAMPLE, mode="strict")


def load_script(name: str) -> ModuleType:
    """Import one of the scripts/ files as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


def test_forty_plugins_in_nine_areas(registry: Registry) -> None:
    counts = {area: len(items) for area, items in registry.indicators_by_area().items()}
    # the notice: 一 10 items, 二 5, 三 5, 四 4, 五 3, 六 2, 七 2, 八 3, 九 6 = 40
    assert counts == {
        "employment": 10,
        "training": 5,
        "labour_relations": 5,
        "pension": 4,
        "unemployment_insurance": 3,
        "medical_insurance": 2,
        "injury_maternity": 2,
        "golden_insurance": 3,
        "dibao": 6,
    }


def test_scheme_points_add_up_per_area(scheme: Scheme) -> None:
    declared = {area.spec.id: area.spec.points for area in scheme.areas}
    assert declared == {
        "employment": 30,
        "training": 12,
        "labour_relations": 12,
        "pension": 12,
        "unemployment_insurance": 8,
        "medical_insurance": 6,
        "injury_maternity": 5,
        "golden_insurance": 6,
        "dibao": 9,
    }
    for area in scheme.areas:
        assert sum((item.points for item in area.items), Decimal(0)) == area.spec.points, area.spec.id
    # 30 + 12 + 12 + 12 + 8 + 6 + 5 + 6 + 9 = 100
    assert sum(declared.values(), Decimal(0)) == scheme.spec.total_points == 100
    assert len(scheme.items()) == 40
    assert scheme.spec.note is not None and "吉政发〔2007〕4号" in scheme.spec.note.zh


def test_every_item_belongs_to_its_area(scheme: Scheme) -> None:
    for area in scheme.areas:
        assert {item.indicator.area for item in area.items} == {area.spec.id}


def test_example_is_what_the_generator_writes(registry: Registry) -> None:
    maker = load_script("make_example")
    assert maker.render(maker.build(registry)) == EXAMPLE.read_text(encoding="utf-8")


def test_example_respects_the_published_figures() -> None:
    regions = json.loads(EXAMPLE.read_text(encoding="utf-8"))["regions"]
    jobs = [r["inputs"]["employment.new_urban_jobs"] for r in regions]
    assert sum(j["target"] for j in jobs) == 400_000
    posts = sum(j["public_welfare_posts"] for j in jobs)
    assert 33_000 <= posts <= 37_000  # "about 35,000"
    assert {r["inputs"]["employment.registered_unemployment_rate"]["ceiling"] for r in regions} == {4.5}


def test_example_has_no_errors_and_is_ranked(evaluation: Evaluation) -> None:
    assert evaluation.errors == ()
    assert evaluation.ranked


def test_nine_cities_ranked_by_composite(evaluation: Evaluation) -> None:
    cities = [evaluation.region(c) for c in CITIES]
    for city in cities:
        assert city.rank is not None
        assert 1 <= city.rank <= 9
        # competition ranking: one more than the number of cities strictly ahead
        assert city.rank == 1 + sum(other.composite > city.composite for other in cities)
    assert Counter(c.rank for c in cities)[1] >= 1


def test_changbaishan_has_a_result_but_no_rank(evaluation: Evaluation) -> None:
    survey = evaluation.region("changbaishan")
    assert survey.survey_only
    assert survey.rank is None
    assert survey.award is None
    assert len(survey.areas) == 9
    assert survey.composite > 0
    assert all(i.attainment is not None for i in survey.indicators())


def test_vetoed_city_is_not_excellent_and_gets_no_award(evaluation: Evaluation) -> None:
    vetoed = [evaluation.region(c) for c in CITIES if evaluation.region(c).vetoes]
    assert [r.region.id for r in vetoed] == ["liaoyuan"]
    liaoyuan = vetoed[0]
    assert liaoyuan.vetoes == ("pension_arrears",)
    # 72,690.6 of 73,129.4 万元 paid on time: 99.4% < 100%, so attainment below 1
    assert liaoyuan.indicator("pension.paid_on_time").attainment.value < 1  # type: ignore[union-attr]
    assert liaoyuan.composite >= 90  # the points alone would reach 优秀 ...
    assert liaoyuan.grade != "excellent"  # ... the veto caps the grade
    assert liaoyuan.award is None
    assert not liaoyuan.eligible_for_awards


def test_misreporting_city_gets_no_award(evaluation: Evaluation) -> None:
    tonghua = evaluation.region("tonghua")
    assert [a.id for a in tonghua.adjustments if a.kind == "deduction"] == ["misreporting"]
    assert tonghua.deduction_points == 5
    # it met the three main targets, so only the deduction keeps it from an award
    assert tonghua.gate_passed
    assert tonghua.award is None
    assert not tonghua.eligible_for_awards


def test_bonus_is_added_to_the_composite(evaluation: Evaluation) -> None:
    yanbian = evaluation.region("yanbian")
    # 省级表彰 1 + 工作创新 1 = 2, under the pool's cap of 5
    assert yanbian.bonus_points == 2
    assert yanbian.composite == yanbian.base_points + 2


def test_changchun_composite_by_hand(evaluation: Evaluation) -> None:
    changchun = evaluation.region("changchun")
    short: dict[str, Any] = {
        # 16,469.1 / 16,608.9 = 0.99158…; × 2 = 1.983… → 1.98
        "employment.guaranteed_loans": Decimal("1.98"),
        # 53,517 / 55,363 = 0.96666…; × 2 = 1.933… → 1.93
        "training.skill_certification": Decimal("1.93"),
        # 328,714.6 / 332,178.4 = 0.98957…; × 3 = 2.9687… → 2.97
        "pension.contributions": Decimal("2.97"),
        # 481,588 / 484,426 = 0.99414…; × 3 = 2.9824… → 2.98
        "unemployment_insurance.participants": Decimal("2.98"),
        # 21,680.8 / 22,145.2 = 0.97903…; × 3 = 2.9371… → 2.94
        "unemployment_insurance.contributions": Decimal("2.94"),
        # 0.8 × (1,045,228 / 1,079,579 = 0.96818…) + 0.2 × min(56,081 / 53,978, 1) = 0.97454…; × 4 = 3.898… → 3.90
        "medical_insurance.employee_participants": Decimal("3.90"),
        # 0.8 × min(427,064 / 415,223, 1) + 0.2 × (8,118 / 8,304 = 0.97760…) = 0.99552…; × 2 = 1.991… → 1.99
        "medical_insurance.resident_participants": Decimal("1.99"),
        # 14 / 15 = 0.93333…; × 2 = 1.8666… → 1.87
        "golden_insurance.data_centre": Decimal("1.87"),
        # 115 / 120 = 0.95833…; × 2 = 1.9166… → 1.92
        "golden_insurance.network_coverage": Decimal("1.92"),
    }
    for result in changchun.indicators():
        expected = short.get(result.indicator, result.max_points)
        assert result.points == expected, result.indicator
    # points lost: 0.02 + 0.07 + 0.03 + 0.02 + 0.06 + 0.10 + 0.01 + 0.13 + 0.08 = 0.52
    # base 100 − 0.52 = 99.48; 国家级表彰 + 2 = 101.48
    assert changchun.base_points == Decimal("99.48")
    assert changchun.bonus_points == 2
    assert changchun.composite == Decimal("101.48")
    assert changchun.rank == 1
    assert changchun.award == "first"
