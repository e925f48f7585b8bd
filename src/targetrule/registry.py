"""Plugin discovery: build a registry of indicators, schemes, formula families and aggregations.

Built-in plugins are registered exactly as third-party ones are (one pluggy plugin per module);
third-party distributions are found through the entry-point group ``targetrule``. Duplicate
names and implementations of unknown hooks are startup errors that name the plugins involved.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any, TypeVar

import pluggy
from attrs import frozen

from targetrule import hookspecs
from targetrule.aggregation import Aggregation
from targetrule.findings import TargetruleError
from targetrule.formulas import Formula
from targetrule.indicator import Indicator
from targetrule.scheme import SchemeSource

T = TypeVar("T")


class PluginError(TargetruleError):
    """A plugin cannot be loaded: a duplicate name, an unknown hook, a wrong declaration."""


@frozen
class PluginInfo:
    """One registered plugin: its name, the distribution it came from and what it provides."""

    name: str
    distribution: str
    version: str
    hooks: tuple[str, ...]


def builtin_plugins() -> list[ModuleType]:
    """The modules the package registers as plugins: the core set, then every indicator module."""
    from targetrule import builtin

    modules: list[ModuleType] = [builtin]
    package = importlib.import_module("targetrule.indicators")
    for info in sorted(pkgutil.walk_packages(package.__path__, package.__name__ + "."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        if hasattr(module, "targetrule_indicators"):
            modules.append(module)
    return modules


class Registry:
    """Everything the installed plugins provide, checked for clashes."""

    def __init__(self, plugin_manager: pluggy.PluginManager) -> None:
        self.plugin_manager = plugin_manager
        self._check_hooks()
        self.indicators: dict[str, Indicator] = {}
        self.indicator_plugins: dict[str, str] = {}
        self.schemes: dict[str, SchemeSource] = {}
        self.families: dict[str, type[Formula]] = {}
        self.aggregations: dict[str, Aggregation] = {}
        self._owners: dict[tuple[str, str], str] = {}
        self._collect()

    @classmethod
    def default(cls, *, entry_points: bool = True, extra: Iterable[object] = ()) -> Registry:
        """The built-in plugins, the installed distributions' plugins, and ``extra`` ones."""
        pm = _new_manager()
        for module in builtin_plugins():
            _register(pm, module)
        if entry_points:
            try:
                pm.load_setuptools_entrypoints(hookspecs.PROJECT_NAME)
            except ValueError as exc:  # pluggy: a plugin name registered twice
                raise PluginError(f"插件重复注册 / a plugin is registered twice: {exc}") from exc
        for plugin in extra:
            _register(pm, plugin)
        return cls(pm)

    @classmethod
    def from_plugins(cls, plugins: Iterable[object]) -> Registry:
        """Only the given plugins (modules or objects), no entry points: for hosts that control loading.

        Pass :func:`builtin_plugins` along to keep the built-in indicators.
        """
        pm = _new_manager()
        for plugin in plugins:
            _register(pm, plugin)
        return cls(pm)

    def plugin_name(self, plugin: object) -> str:
        """The name a plugin was registered under."""
        return self.plugin_manager.get_name(plugin) or repr(plugin)

    def plugins(self) -> list[PluginInfo]:
        """Every registered plugin with its distribution, version and the hooks it implements."""
        dists = {id(plugin): dist for plugin, dist in self.plugin_manager.list_plugin_distinfo()}
        from targetrule import __version__

        infos = []
        for name, plugin in sorted(self.plugin_manager.list_name_plugin(), key=lambda p: p[0]):
            dist = dists.get(id(plugin))
            hooks = tuple(
                sorted(
                    h.name
                    for h in self.plugin_manager.get_hookcallers(plugin) or ()
                    if h.name.startswith("targetrule_")
                )
            )
            if dist is not None:
                infos.append(PluginInfo(name, dist.project_name, dist.version, hooks))
            elif getattr(plugin, "__name__", "").startswith("targetrule."):
                infos.append(PluginInfo(name, "targetrule", __version__, hooks))
            else:
                infos.append(PluginInfo(name, "(unpackaged)", "", hooks))
        return infos

    def _check_hooks(self) -> None:
        try:
            self.plugin_manager.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self.plugin_name(exc.plugin)
            raise PluginError(
                f"插件 {name} 实现了未知的钩子 / plugin {name} implements an unknown hook: {exc}"
            ) from exc

    def _collect(self) -> None:
        hook = self.plugin_manager.hook
        for plugin, indicator in self._results(hook.targetrule_indicators, Indicator, "indicator"):
            self._add(self.indicators, indicator.id, indicator, plugin, "indicator")
            self.indicator_plugins[indicator.id] = plugin
        for plugin, source in self._results(hook.targetrule_schemes, SchemeSource, "scheme"):
            self._add(self.schemes, source.id, source, plugin, "scheme")
        for plugin, family in self._results(hook.targetrule_formula_families, type, "formula family"):
            self._add(self.families, getattr(family, "family", family.__name__), family, plugin, "formula family")
        for plugin, method in self._results(hook.targetrule_aggregations, Aggregation, "aggregation"):
            self._add(self.aggregations, method.name, method, plugin, "aggregation")

    def _results(self, caller: Any, kind: type, what: str) -> list[tuple[str, Any]]:
        found = []
        for impl in caller.get_hookimpls():
            name = impl.plugin_name
            try:
                returned = impl.function()
            except Exception as exc:
                raise PluginError(
                    f"插件 {name} 声明{what}时出错 / plugin {name} failed to declare its {what}s: {exc!r}"
                ) from exc
            for value in returned or ():
                if not isinstance(value, kind):
                    raise PluginError(
                        f"插件 {name} 返回的不是 {kind.__name__} / "
                        f"plugin {name} returned {value!r} where a {kind.__name__} was expected"
                    )
                found.append((name, value))
        return found

    def _add(self, table: dict[str, T], key: str, value: T, plugin: str, what: str) -> None:
        if key in table:
            first = self._owners[(what, key)]
            raise PluginError(
                f"{what} {key!r} 重复：插件 {first} 与 {plugin} / "
                f"duplicate {what} {key!r}: declared by plugins {first} and {plugin}"
            )
        table[key] = value
        self._owners[(what, key)] = plugin

    def indicators_by_area(self) -> Mapping[str, Sequence[Indicator]]:
        """The indicators grouped by area, in registration order."""
        grouped: dict[str, list[Indicator]] = {}
        for indicator in self.indicators.values():
            grouped.setdefault(indicator.area, []).append(indicator)
        return grouped


def _new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    return pm


def plugin_label(plugin: object) -> str:
    """The name a plugin is registered under: a module's or class's own name, else its type's."""
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str):
        return name
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _register(pm: pluggy.PluginManager, plugin: object) -> None:
    name = plugin_label(plugin)
    try:
        pm.register(plugin, name=name)
    except ValueError as exc:
        raise PluginError(f"插件重复注册 / a plugin is registered twice: {exc}") from exc
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"插件 {name or plugin!r} 无效 / plugin {name or plugin!r} is invalid: {exc}") from exc
