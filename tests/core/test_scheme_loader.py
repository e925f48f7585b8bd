"""Scheme loading: structured by cattrs, checked against the plugins, every problem reported at once."""

from __future__ import annotations

import types
from decimal import Decimal as D
from typing import Any, ClassVar

import pytest
from attrs import frozen

from targetrule import Engine, Label, Registry, SchemeError, SchemeSource, builtin, hookimpl
from targetrule.formulas import Attainment, Parameter, ParamProblem
from targetrule.indicator import Direction
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


def test_a_misspelt_item_is_one_finding_not_a_cascade(registry: Registry) -> None:
    """The veto names t.paid correctly; the area misspells it: only the misspelling is reported."""
    text = sample_plugin.SCHEME.replace('{id = "t.paid", points = 20}', '{id = "t.pay", points = 20}')
    with pytest.raises(SchemeError) as caught:
        load(text, registry)
    assert [(f.code, f.path, f.suggestion) for f in caught.value.findings] == [
        ("scheme.unknown_indicator", "$.areas[0].indicators[1].id", "t.paid")
    ]


def test_an_award_for_nobody_is_a_bad_value_not_a_bad_reference(registry: Registry) -> None:
    """count = 0 used to be reported as scheme.bad_reference, which names nothing that was referred to."""
    with pytest.raises(SchemeError) as caught:
        load(sample_plugin.SCHEME.replace("count = 2", "count = 0"), registry)
    assert [(f.code, f.path) for f in caught.value.findings] == [("scheme.bad_value", "$.awards[1].count")]


def test_domains_and_family_checks_are_reported_together(registry: Registry) -> None:
    text = (
        sample_plugin.SCHEME.replace("cap = 5", "cap = -5")
        .replace("points = 2\ncancels", "points = -2\ncancels")
        .replace(
            '{id = "t.unemployment", points = 25}', '{id = "t.unemployment", points = 25, params = {ceiling = -1}}'
        )
        .replace("below = 1", "below = 2")
    )
    with pytest.raises(SchemeError) as caught:
        load(text, registry)
    assert sorted((f.code, f.path) for f in caught.value.findings) == [
        ("scheme.bad_parameter", "$.areas[1].indicators[0].params.ceiling"),
        ("scheme.bad_value", "$.bonus.cap"),
        ("scheme.bad_value", "$.deductions[0].points"),
        ("scheme.bad_value", "$.vetoes[0].below"),  # t.paid (per_point, cap 1) reaches 1 at most
    ]


@frozen
class Counting:
    """A third-party family whose check counts its calls."""

    family: ClassVar[str] = "counting"
    parameters: ClassVar[dict[str, Parameter]] = {"limit": Parameter(D(1), Label("上限", "limit"))}
    calls: ClassVar[list[str]] = []

    rate: str

    def uses(self) -> tuple[str, ...]:
        return (self.rate,)

    def directions(self) -> dict[str, Direction]:
        return {self.rate: Direction.LOWER}

    def param_specs(self) -> dict[str, Parameter]:
        return self.parameters

    def check_params(self, params: dict[str, Any]) -> list[ParamProblem]:
        Counting.calls.append(self.rate)
        if params["limit"] == 13:
            raise RuntimeError("unlucky")
        if params["limit"] < 0:
            return [ParamProblem("limit", Label("应不小于 0", "must be at least 0"))]
        return []

    def score(self, values: dict[str, D], params: dict[str, Any]) -> Attainment:
        return Attainment(D(1), self, {})  # type: ignore[arg-type]

    def explain(self, facts: dict[str, D]) -> Label:
        return Label("", "")


@frozen
class Unchecked(Counting):
    """A third-party family with no check of its own."""

    family: ClassVar[str] = "unchecked"
    check_params = None  # type: ignore[assignment]


@frozen
class Loose(Counting):
    """A third-party family whose defaults are an int and a text, not Decimals: accepted as they are."""

    family: ClassVar[str] = "loose"
    parameters: ClassVar[dict[str, Parameter]] = {
        "limit": Parameter(2, Label("上限", "limit")),  # type: ignore[arg-type]
        "mode": Parameter("fast", Label("方式", "mode")),  # type: ignore[arg-type]
    }


@pytest.fixture(scope="module")
def third_party() -> Registry:
    plugin = types.ModuleType("third_party_families")

    @hookimpl
    def targetrule_formula_families() -> list[type]:
        return [Counting, Unchecked, Loose]

    plugin.targetrule_formula_families = targetrule_formula_families  # type: ignore[attr-defined]
    return Registry.from_plugins([builtin, sample_plugin, plugin])


def with_family(family: str, params: str = "") -> str:
    extra = f", params = {{{params}}}" if params else ""
    return sample_plugin.SCHEME.replace(
        '{id = "t.unemployment", points = 25}',
        f'{{id = "t.unemployment", points = 25, formula = {{family = "{family}", rate = "rate"}}{extra}}}',
    )


def test_a_family_checks_its_parameters_once_at_load_never_when_scoring(third_party: Registry) -> None:
    Counting.calls.clear()
    scheme = load(with_family("counting"), third_party)
    assert Counting.calls == ["rate"]  # one item uses the family: one check
    Engine(third_party).evaluate(scheme, [sample_plugin.region(r) for r in ("a", "b", "c")])
    assert Counting.calls == ["rate"]  # three regions scored: no further check


def test_a_third_party_check_reports_under_bad_parameter(third_party: Registry) -> None:
    with pytest.raises(SchemeError) as caught:
        load(with_family("counting", "limit = -1"), third_party)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("scheme.bad_parameter", "$.areas[1].indicators[0].params.limit")
    ]
    assert caught.value.findings[0].message.en.endswith("is invalid: must be at least 0")


def test_a_third_party_check_that_fails_is_a_finding_not_an_exception(third_party: Registry) -> None:
    with pytest.raises(SchemeError) as caught:
        load(with_family("counting", "limit = 13"), third_party)
    (problem,) = caught.value.findings
    assert problem.code == "scheme.bad_parameter" and "RuntimeError: unlucky" in problem.message.en


def test_a_family_without_a_check_still_loads(third_party: Registry) -> None:
    scheme = load(with_family("unchecked", "limit = -1"), third_party)  # nothing checks its limit
    assert scheme.item("t.unemployment").params == {"limit": D(-1)}


def test_a_family_with_defaults_that_are_not_decimals_still_loads(third_party: Registry) -> None:
    scheme = load(with_family("loose"), third_party)
    assert scheme.item("t.unemployment").params == {"limit": 2, "mode": "fast"}
