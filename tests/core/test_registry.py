"""Plugin discovery: built-ins registered like third-party plugins; clashes are startup errors naming both plugins."""

from __future__ import annotations

import types
from collections.abc import Sequence

import pytest

from targetrule import Indicator, PluginError, Registry, builtin, builtin_plugins, hookimpl

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
    assert info.hooks == ("targetrule_aggregations", "targetrule_formula_families", "targetrule_schemes")


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
