"""Scheme loading: structured by cattrs, checked against the plugins, every problem reported at once."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from targetrule import Registry, SchemeError, SchemeSource
from targetrule.scheme_loader import load_scheme

from . import sample_plugin


def load(text: str, registry: Registry):  # type: ignore[no-untyped-def]
    return load_scheme(SchemeSource("x", text, "test.toml"), registry)


def codes(exc: SchemeError) -> list[str]:
    return [f.code for f in exc.findings]


def test_sample_scheme_resolves_items_params_and_hash(registry: Registry) -> None:
    scheme = load(sample_plugin.SCHEME, registry)
    assert [i.indicator.id for i in scheme.items()] == ["t.jobs", "t.paid", "t.unemployment", "t.petitions"]
    assert scheme.item("t.unemployment").params == {"ceiling": D("4.5"), "deduct_per_point": D(1)}
    assert scheme.item("t.jobs").weight == D(40)  # weight defaults to the item's points
    assert len(scheme.sha256) == 64


def test_every_problem_is_reported_at_once(registry: Registry) -> None:
    text = (
        sample_plugin.SCHEME.replace('{id = "t.jobs", points = 40}', '{id = "t.job", points = 40}')
        .replace('{id = "t.paid", points = 20}', '{id = "t.paid", points = 20, params = {standrad = 95}}')
        .replace('id = "stability"\nlabel', 'id = "stability"\naggregation = "avg"\nlabel')
        .replace('{id = "t.petitions", points = 15}', '{id = "t.petitions", points = 14}')
    )
    with pytest.raises(SchemeError) as caught:
        load(text, registry)
    found = {f.code: f for f in caught.value.findings}
    assert found["scheme.unknown_indicator"].suggestion == "t.jobs"
    assert found["scheme.unknown_parameter"].suggestion == "standard"
    assert found["scheme.unknown_aggregation"].path == "$.areas[1].aggregation"
    # the scheme's areas still add to 60 + 40 = 100; the "work" area's items no longer matter (t.job is
    # unknown) but the points of the declared items are still checked: 40 + 20 = 60 is fine.
    assert "scheme.points_mismatch" not in found or found["scheme.points_mismatch"].path != "$.areas[0].indicators"
    assert len(caught.value.findings) >= 3
    assert "did you mean t.jobs" in found["scheme.unknown_indicator"].message.en


def test_points_must_add_up_for_summed_areas_and_the_total(registry: Registry) -> None:
    text = sample_plugin.SCHEME.replace('{id = "t.paid", points = 20}', '{id = "t.paid", points = 25}')
    with pytest.raises(SchemeError) as caught:
        load(text, registry)
    # area "work": 40 + 25 = 65, declared 60
    mismatch = [f for f in caught.value.findings if f.code == "scheme.points_mismatch"]
    assert len(mismatch) == 1
    assert "65" in mismatch[0].message.en and "60" in mismatch[0].message.en


def test_malformed_toml_and_wrong_types_become_findings(registry: Registry) -> None:
    with pytest.raises(SchemeError) as caught:
        load("id = [unclosed", registry)
    assert codes(caught.value) == ["scheme.malformed"]
    with pytest.raises(SchemeError) as caught:
        load(sample_plugin.SCHEME.replace("year = 2007", 'year = "two thousand"'), registry)
    assert [f.path for f in caught.value.findings] == ["$.year"]


def test_references_grades_and_params_are_checked(registry: Registry) -> None:
    text = (
        sample_plugin.SCHEME.replace('indicator = "t.paid"', 'indicator = "t.pay"')
        .replace('max_grade = "pass"', 'max_grade = "passed"')
        .replace('indicators = ["t.jobs"]', 'indicators = ["t.jbos"]')
        .replace("min = 75", "min = 95")
        .replace(
            '{id = "t.unemployment", points = 25}', '{id = "t.unemployment", points = 25, params = {ceiling = "high"}}'
        )
    )
    with pytest.raises(SchemeError) as caught:
        load(text, registry)
    paths = {f.path for f in caught.value.findings}
    assert {"$.vetoes[0].indicator", "$.vetoes[0].max_grade", "$.gate.indicators[0]", "$.grades"} <= paths
    assert "$.areas[1].indicators[0].params.ceiling" in paths


def test_a_scheme_can_replace_a_formula_by_family_name(registry: Registry) -> None:
    text = sample_plugin.SCHEME.replace(
        '{id = "t.paid", points = 20}',
        '{id = "t.paid", points = 20, formula = {family = "threshold_tiers", rate = "rate"}, '
        "params = {tiers = [[99, 1], [95, 0.5]]}}",
    )
    item = load(text, registry).item("t.paid")
    assert item.formula.family == "threshold_tiers"
    assert item.params["tiers"] == ((D(99), D(1)), (D(95), D("0.5")))
    bad = sample_plugin.SCHEME.replace(
        '{id = "t.paid", points = 20}', '{id = "t.paid", points = 20, formula = {family = "tiers"}}'
    )
    with pytest.raises(SchemeError) as caught:
        load(bad, registry)
    assert caught.value.findings[0].code == "scheme.unknown_family"
    assert caught.value.findings[0].suggestion == "threshold_tiers"
