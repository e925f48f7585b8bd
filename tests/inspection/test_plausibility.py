"""The plausibility step: each warning on hand-computed figures, and silence on ordinary data."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from targetrule import Engine, Scheme
from targetrule.findings import Finding
from targetrule.inspection.plausibility import median

JOBS = "employment.new_urban_jobs"
FUND = "employment.guarantee_fund"
TRAINING = "training.vocational_training"
PETITIONS = "labour_relations.petition_decline"


@pytest.fixture(scope="module")
def jilin(engine: Engine) -> Scheme:
    return engine.load_scheme("jilin-2007")


def cities(values: list[dict[str, Any]]) -> dict[str, Any]:
    """One city per entry, each with only the inputs given (the other items are missing: lenient mode)."""
    return {"regions": [{"id": f"c{i}", "kind": "city", "inputs": inputs} for i, inputs in enumerate(values)]}


def warnings(engine: Engine, scheme: Scheme, document: dict[str, Any], code: str) -> list[Finding]:
    evaluation = engine.evaluate(scheme, document, mode="lenient")
    return [f for r in evaluation.regions for f in r.findings if f.code == code]


def test_the_median() -> None:
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == 2
    assert median([Decimal(4), Decimal(1), Decimal(2), Decimal(3)]) == Decimal("2.5")  # (2 + 3) / 2


def test_a_percentage_typed_as_a_fraction(engine: Engine, jilin: Scheme) -> None:
    rates = [60, 60, 65, 0.6]  # the others' median: 60 (> 1); 0.6 is between 0 and 1
    document = cities([{TRAINING: {"employment_rate_target": r}} for r in rates])
    found = warnings(engine, jilin, document, "plausibility.percent_as_fraction")
    assert [(f.region, f.value, f.suggestion) for f in found] == [("c3", "0.6", "60")]  # 0.6 × 100 = 60
    assert not found[0].is_error
    assert "did you mean 60%?" in found[0].message.en


def test_the_scheme_s_limit_is_the_reference_for_a_limited_percentage(engine: Engine, jilin: Scheme) -> None:
    # one region alone: no others to compare with, but the scheme limits the ceiling to 4.5 (> 1)
    document = cities([{"employment.registered_unemployment_rate": {"ceiling": 0.045}}])
    found = warnings(engine, jilin, document, "plausibility.percent_as_fraction")
    assert [(f.value, f.suggestion) for f in found] == [("0.045", "4.5")]  # 0.045 × 100 = 4.5
    assert "参考值为 4.5：是否应为 4.5%？" in found[0].message.zh


def test_a_fraction_with_too_few_others_and_no_limit_is_left_alone(engine: Engine, jilin: Scheme) -> None:
    document = cities([{TRAINING: {"employment_rate_target": r}} for r in (60, 60, 0.6)])  # 2 others < 3
    assert warnings(engine, jilin, document, "plausibility.percent_as_fraction") == []


def test_an_amount_in_yuan_where_wan_yuan_was_asked(engine: Engine, jilin: Scheme) -> None:
    # others: 1000, 1100, 1200, 1500 (万元) → median (1100 + 1200) / 2 = 1150;
    # 12,000,000 ÷ 1150 ≈ 10,435 ≥ 1,000 → probably 12,000,000 ÷ 10,000 = 1,200 万元
    amounts = [1000, 1100, 1200, 1500, 12000000]
    document = cities([{FUND: {"actual": a, "target": 1000}} for a in amounts])
    found = warnings(engine, jilin, document, "plausibility.unit_10000")
    assert [(f.region, f.suggestion) for f in found] == [("c4", "1,200")]
    assert "about 10,435 times the other regions' median 1,150" in found[0].message.en
    # a unit slip is not also reported as an outlier
    assert warnings(engine, jilin, document, "plausibility.share_outlier") == []


def test_a_count_in_wan_where_people_were_asked(engine: Engine, jilin: Scheme) -> None:
    # others: 30000, 33000, 36000 → median 33000; 3 ÷ 33000 ≈ 0.00009 ≤ 1/1000 → probably 3 × 10,000 = 30,000
    counts = [30000, 33000, 36000, 3]
    document = cities([{JOBS: {"actual": c, "target": 33000}} for c in counts])
    found = warnings(engine, jilin, document, "plausibility.unit_10000")
    assert [(f.region, f.suggestion) for f in found] == [("c3", "30,000")]


def test_a_share_of_the_target_far_from_the_others(engine: Engine, jilin: Scheme) -> None:
    # shares of a target of 10,000: 1.00, 1.02, 0.98, 1.01, 0.40 → median 1.00;
    # |share − 1.00|: 0, 0.02, 0.02, 0.01, 0.60 → MAD 0.02, raised to the floor 10% × 1.00 = 0.10;
    # z(0.40) = 0.6745 × (0.40 − 1.00) ÷ 0.10 = −4.047 → −4.0, beyond 3.5; z(0.98) = −0.13, not
    actuals = [10000, 10200, 9800, 10100, 4000]
    document = cities([{JOBS: {"actual": a, "target": 10000}} for a in actuals])
    found = warnings(engine, jilin, document, "plausibility.share_outlier")
    assert [(f.region, f.value) for f in found] == [("c4", "4000")]
    assert "robust z -4.0, threshold 3.5" in found[0].message.en and "(median 100%" in found[0].message.en


def test_an_ordinary_shortfall_is_not_an_outlier(engine: Engine, jilin: Scheme) -> None:
    # 0.80: z = 0.6745 × (0.80 − 1.00) ÷ 0.10 = −1.35, within 3.5
    actuals = [10000, 10200, 9800, 10100, 8000]
    document = cities([{JOBS: {"actual": a, "target": 10000}} for a in actuals])
    assert warnings(engine, jilin, document, "plausibility.share_outlier") == []


def test_a_jump_from_last_year(engine: Engine, jilin: Scheme) -> None:
    # petitions: 160 this year against 100 last year: (160 − 100) ÷ 100 = +60% > 50%; 140: +40%, within
    document = cities([{PETITIONS: {"current": 160, "baseline": 100}}, {PETITIONS: {"current": 140, "baseline": 100}}])
    found = warnings(engine, jilin, document, "plausibility.jump")
    assert [(f.region, f.input) for f in found] == [("c0", "current")]
    assert "reads 160 against 100 last year, a change of +60%, beyond 50%" in found[0].message.en


def test_regions_are_compared_with_their_own_kind(engine: Engine, jilin: Scheme) -> None:
    document = cities([{FUND: {"actual": a, "target": 1000}} for a in (1000, 1100, 1200, 1500)])
    document["regions"].append({"id": "tiny", "kind": "county", "inputs": {FUND: {"actual": 0.5, "target": 1}}})
    assert warnings(engine, jilin, document, "plausibility.unit_10000") == []


def test_the_bundled_example_raises_no_plausibility_warning(engine: Engine, jilin: Scheme) -> None:
    text = (resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8")
    evaluation = engine.evaluate(jilin, json.loads(text))
    codes = [f.code for r in evaluation.regions for f in r.findings] + [f.code for f in evaluation.findings]
    assert not [c for c in codes if c.startswith("plausibility.")]
    assert evaluation.ranked
