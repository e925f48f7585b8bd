"""Plugin discovery: built-ins registered like third-party plugins; clashes are startup errors naming both plugins."""

from __future__ import annotations

import types
from collections.abc import Sequence

import pytest

from targetrule import Indicator, PluginError, Registry, builtin, builtin_plugins, hookimpl
from targetrule.findings import FindingCode, Severity
from targetrule.text import Label

from . import sample_plugin


def _plugin(name: str, indicators: Sequence[object]) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def targetrule_indicators() -> Sequence[object]:
        return list(indicators)

    module.targetrule_indicators = targetrule_indicators  # type: ignore[attr-defined]
    return module


def test_default_registry_holds_every_builtin_module_as_its_own_plugin() -> None:
    registry = Registry.default(entry_points=False)
    names = {p.name for p in registry.plugins()}
    assert "targetrule.builtin" in names
    assert "targetrule.indicators.employment.new_urban_jobs" in names
    assert registry.indicator_plugins["employment.new_urban_jobs"] == "targetrule.indicators.employment.new_urban_jobs"
    info = next(p for p in registry.plugins() if p.name == "targetrule.builtin")
    assert info.distribution == "targetrule"
    assert info.hooks == (
        "targetrule_aggregations",
        "targetrule_formula_families",
        "targetrule_schemes",
        "targetrule_steps",
    )


def test_explicit_plugins_only_load_what_is_given() -> None:
    registry = Registry.from_plugins([builtin, sample_plugin])
    assert sorted(registry.indicators) == ["t.jobs", "t.paid", "t.petitions", "t.unemployment"]
    assert "employment.new_urban_jobs" not in registry.indicators
    assert set(registry.aggregations) == {"sum", "weighted_mean", "weighted_geometric_mean", "minimum"}


def test_builtin_plugins_can_be_passed_explicitly() -> None:
    registry = Registry.from_plugins([*builtin_plugins(), sample_plugin])
    assert "employment.new_urban_jobs" in registry.indicators and "t.jobs" in registry.indicators


def test_duplicate_indicator_id_names_both_plugins() -> None:
    twin = _plugin("twin_plugin", [sample_plugin.JOBS])
    with pytest.raises(PluginError) as caught:
        Registry.from_plugins([sample_plugin, twin])
    message = str(caught.value)
    assert "t.jobs" in message and "twin_plugin" in message and "sample_plugin" in message
    assert "重复" in message and "duplicate" in message


def test_implementation_of_an_unknown_hook_is_a_startup_error() -> None:
    module = types.ModuleType("typo_plugin")

    @hookimpl
    def targetrule_indicator() -> list[Indicator]:  # missing "s": not a hook targetrule knows
        return []

    module.targetrule_indicator = targetrule_indicator  # type: ignore[attr-defined]
    with pytest.raises(PluginError) as caught:
        Registry.from_plugins([module])
    assert "typo_plugin" in str(caught.value) and "unknown hook" in str(caught.value)


def test_a_plugin_returning_the_wrong_type_is_named() -> None:
    with pytest.raises(PluginError, match="wrong_type_plugin"):
        Registry.from_plugins([_plugin("wrong_type_plugin", ["not an indicator"])])


def test_a_plugin_that_raises_while_declaring_is_named() -> None:
    module = types.ModuleType("broken_plugin")

    @hookimpl
    def targetrule_indicators() -> list[Indicator]:
        raise RuntimeError("boom")

    module.targetrule_indicators = targetrule_indicators  # type: ignore[attr-defined]
    with pytest.raises(PluginError, match=r"broken_plugin.*boom"):
        Registry.from_plugins([module])


def test_registering_the_same_module_twice_is_an_error() -> None:
    with pytest.raises(PluginError):
        Registry.from_plugins([sample_plugin, sample_plugin])


# --- finding codes plugins bring (targetrule_finding_codes) ---------------------------------------


def _codes_plugin(name: str, codes: Sequence[object]) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def targetrule_finding_codes() -> Sequence[object]:
        return list(codes)

    module.targetrule_finding_codes = targetrule_finding_codes  # type: ignore[attr-defined]
    return module


EVEN = FindingCode(
    "hebei.even_target", Severity.WARNING, Label("目标 {target} 应为偶数", "target {target} should be even")
)


def test_finding_codes_are_collected_with_their_owner() -> None:
    registry = Registry.from_plugins([builtin, _codes_plugin("codes_plugin", [EVEN])])
    assert registry.finding_codes == {"hebei.even_target": EVEN}
    info = next(p for p in registry.plugins() if p.name == "codes_plugin")
    assert info.hooks == ("targetrule_finding_codes",) and info.distribution == "(unpackaged)"


def test_a_finding_code_declared_by_two_plugins_names_both() -> None:
    with pytest.raises(PluginError) as caught:
        Registry.from_plugins([_codes_plugin("first_codes", [EVEN]), _codes_plugin("second_codes", [EVEN])])
    message = str(caught.value)
    assert "hebei.even_target" in message and "first_codes" in message and "second_codes" in message
    assert "重复" in message and "duplicate" in message


@pytest.mark.parametrize(
    "code",
    ["rule.part_exceeds_whole", "input.mine", "indicator.extra", "even_target", "Hebei.Even", "hebei..even", ""],
)
def test_a_finding_code_must_be_namespaced_outside_the_core(code: str) -> None:
    bad = FindingCode(code, Severity.ERROR, Label("坏", "bad"))
    with pytest.raises(PluginError, match="bad_codes"):
        Registry.from_plugins([_codes_plugin("bad_codes", [bad])])


@pytest.mark.parametrize(
    "declared",
    [
        FindingCode("hebei.x", "error", Label("坏", "bad")),  # type: ignore[arg-type]
        FindingCode("hebei.x", Severity.ERROR, ("坏", "bad")),  # type: ignore[arg-type]
        {"hebei.x": EVEN},
    ],
    ids=["severity-text", "message-tuple", "a-mapping"],
)
def test_a_malformed_finding_code_is_a_startup_error(declared: object) -> None:
    with pytest.raises(PluginError, match="bad_codes"):
        Registry.from_plugins([_codes_plugin("bad_codes", [declared])])


def test_a_hook_returning_something_not_iterable_is_named() -> None:
    module = types.ModuleType("scalar_plugin")

    @hookimpl
    def targetrule_indicators() -> object:
        return 42

    module.targetrule_indicators = targetrule_indicators  # type: ignore[attr-defined]
    with pytest.raises(PluginError, match=r"scalar_plugin.*TypeError"):
        Registry.from_plugins([module])


def test_the_allowlist_and_entry_points_off_cannot_be_combined() -> None:
    with pytest.raises(PluginError, match="entry points are switched off"):
        Registry.default(entry_points=False, plugins=["targetrule-jilin-2008"])
    # Naming the built-ins alone is the same as naming nothing: they always load.
    assert "targetrule.builtin" in {
        p.name for p in Registry.default(entry_points=False, plugins=["targetrule"]).plugins()
    }


def test_an_allowlist_loads_only_the_named_distribution() -> None:
    registry = Registry.default(plugins=["jilin_2008_schemes"])
    loaded = {p.name for p in registry.plugins() if p.entry_point}
    assert loaded == {"jilin_2008_schemes"}
    info = next(p for p in registry.plugins() if p.name == "jilin_2008_schemes")
    assert info.distribution == "targetrule-jilin-2008" and info.version
    assert info.entry_point == "jilin_2008_schemes = targetrule_jilin_2008.schemes"
    assert registry.distribution_of("jilin_2008_schemes") == f"targetrule-jilin-2008 {info.version}"
    # The distribution's name (any spelling) loads every entry point it has.
    everything = {p.name for p in Registry.default(plugins=["Targetrule_Jilin.2008"]).plugins() if p.entry_point}
    assert len(everything) == 5


def test_an_unknown_allowlisted_name_suggests_the_close_one() -> None:
    with pytest.raises(PluginError) as caught:
        Registry.default(plugins=["targetrule-jilin-2009"])
    assert "did you mean targetrule-jilin-2008?" in str(caught.value) and "是否应为" in str(caught.value)


def test_the_formula_plugin_is_the_family_owner_or_the_indicator_s() -> None:
    registry = Registry.from_plugins([builtin, sample_plugin])
    assert registry.formula_plugin("t.jobs", sample_plugin.JOBS.formula) == "targetrule.builtin"
    assert registry.formula_plugin("t.jobs", object()) == registry.indicator_plugins["t.jobs"]  # type: ignore[arg-type]
