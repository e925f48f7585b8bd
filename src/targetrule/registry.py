"""Plugin discovery: a registry of indicators, schemes, formula families, aggregations, finding codes, steps.

Built-in plugins are registered exactly as third-party ones are (one pluggy plugin per module);
third-party distributions are found through the entry-point group ``targetrule``. Duplicate
names and implementations of unknown hooks are startup errors that name the plugins involved;
a plugin that cannot be loaded is one that names its entry point, distribution, version and cause.
A host may load only the plugins it names (``plugins=[...]``), or no entry points at all.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy
from attrs import frozen

from targetrule import hookspecs
from targetrule.aggregation import Aggregation
from targetrule.findings import CATALOG, FindingCode, Severity, TargetruleError, did_you_mean
from targetrule.formulas import Formula
from targetrule.indicator import Indicator
from targetrule.scheme import SchemeSource
from targetrule.steps import Step
from targetrule.text import Label

if TYPE_CHECKING:
    import importlib.metadata  # at run time only when entry points are scanned: it costs about 18 ms

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
    entry_point: str = ""  # ``name = module:attr`` for a plugin loaded through an entry point


@frozen
class PluginOrigin:
    """Where an entry-point plugin came from: ``name = module:attr``, its distribution and version."""

    entry_point: str
    distribution: str
    version: str


BUILTIN_DISTRIBUTION = "targetrule"
# A plugin's finding code: lower-case words joined by at least one dot, outside the core's namespaces.
_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
CORE_NAMESPACES = frozenset({code.split(".")[0] for code in CATALOG} | {"plugin", "targetrule"})


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

    def __init__(
        self, plugin_manager: pluggy.PluginManager, *, origins: Mapping[str, PluginOrigin] | None = None
    ) -> None:
        self.plugin_manager = plugin_manager
        self._origins: dict[str, PluginOrigin] = dict(origins or {})
        self._check_hooks()
        self.indicators: dict[str, Indicator] = {}
        self.indicator_plugins: dict[str, str] = {}
        self.schemes: dict[str, SchemeSource] = {}
        self.families: dict[str, type[Formula]] = {}
        self.aggregations: dict[str, Aggregation] = {}
        self.finding_codes: dict[str, FindingCode] = {}
        self.steps: dict[str, Step] = {}  # the pipeline's added steps by name, in the order they run
        self._owners: dict[tuple[str, str], str] = {}
        self._collect()
        self._distributions = {p.name: _version_of(p) for p in self.plugins()}

    @classmethod
    def default(
        cls,
        *,
        entry_points: bool = True,
        extra: Iterable[object] = (),
        plugins: Sequence[str] | None = None,
    ) -> Registry:
        """The built-in plugins, the installed distributions' plugins, and ``extra`` ones.

        ``plugins`` is an allowlist: only the entry points it names (by entry-point name or by
        distribution name) are loaded, and the others are never imported; an unknown name is a
        :class:`PluginError`. ``entry_points=False`` loads none. The built-ins always load.

        The installed distributions' entry points are read once per call, and only here: nothing
        keeps them between calls (no module-level cache), so a registry built later sees what was
        installed since, and an engine built with a registry reads none.
        """
        wanted = None if plugins is None else [n.strip() for n in plugins if n.strip()]
        if wanted is not None:
            wanted = [n for n in wanted if _normal(n) != BUILTIN_DISTRIBUTION]  # the built-ins always load
        if wanted and not entry_points:
            names = ", ".join(wanted)
            raise PluginError(
                f"已关闭入口点插件，无法加载指定的插件 {names} / "
                f"entry points are switched off, so the plugins named cannot be loaded: {names}"
            )
        pm = _new_manager()
        for module in builtin_plugins():
            _register(pm, module)
        origins = _load_entry_points(pm, wanted) if entry_points else {}
        for plugin in extra:
            _register(pm, plugin)
        return cls(pm, origins=origins)

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
        from targetrule import __version__

        infos = []
        for name, plugin in sorted(self.plugin_manager.list_name_plugin(), key=lambda p: p[0]):
            hooks = tuple(
                sorted(
                    h.name
                    for h in self.plugin_manager.get_hookcallers(plugin) or ()
                    if h.name.startswith("targetrule_")
                )
            )
            origin = self._origins.get(name)
            if origin is not None:
                infos.append(PluginInfo(name, origin.distribution, origin.version, hooks, origin.entry_point))
            elif getattr(plugin, "__name__", "").startswith("targetrule."):
                infos.append(PluginInfo(name, BUILTIN_DISTRIBUTION, __version__, hooks))
            else:
                infos.append(PluginInfo(name, "(unpackaged)", "", hooks))
        return infos

    def distribution_of(self, plugin: str) -> str:
        """The distribution and version a plugin came from (``targetrule-jilin-2008 0.1.0``), for messages."""
        return self._distributions.get(plugin, "(unknown)")

    def formula_plugin(self, indicator_id: str, formula: Formula) -> str:
        """The plugin answerable for ``formula``: the one that registered its family, else the indicator's."""
        family = getattr(type(formula), "family", None)
        if isinstance(family, str) and self.families.get(family) is type(formula):
            return self._owners[("formula family", family)]
        return self.indicator_plugins.get(indicator_id, "?")

    def aggregation_plugin(self, name: str) -> str:
        """The plugin that registered the aggregation method ``name`` (``?`` for one from elsewhere)."""
        return self._owners.get(("aggregation", name), "?")

    def step_plugin(self, name: str) -> str:
        """The plugin that added the pipeline step called ``name``."""
        return self._owners.get(("step", name), "(unknown)")

    def describe(self, plugin: str) -> Label:
        """A plugin named for a message: its name, and for an entry point its distribution, version and entry point."""
        return _describe(plugin, self._origins.get(plugin))

    def _check_hooks(self) -> None:
        try:
            self.plugin_manager.check_pending()
        except pluggy.PluginValidationError as exc:
            who = self.describe(self.plugin_name(exc.plugin))
            raise PluginError(
                f"{who.zh}实现了未知的钩子（{_cause(exc)}） / {who.en} implements an unknown hook ({_cause(exc)})"
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
        for plugin, code in self._results(hook.targetrule_finding_codes, FindingCode, "finding code"):
            self._check_code(plugin, code)
            self._add(self.finding_codes, code.code, code, plugin, "finding code")
        for plugin, step in self._results(hook.targetrule_steps, Step, "step"):
            self._add(self.steps, str(step.name), step, plugin, "step")

    def _results(self, caller: Any, kind: type, what: str) -> list[tuple[str, Any]]:
        found = []
        for impl in caller.get_hookimpls():
            name = impl.plugin_name
            who = self.describe(name)
            try:
                returned = list(impl.function() or ())
            except Exception as exc:
                raise PluginError(
                    f"{who.zh}声明{what}时出错：{_cause(exc)} / {who.en} failed to declare its {what}s: {_cause(exc)}"
                ) from exc
            for value in returned:
                if not isinstance(value, kind):
                    shown = _short(value)
                    raise PluginError(
                        f"{who.zh}返回了 {shown}，应为 {kind.__name__} / "
                        f"{who.en} returned {shown} where a {kind.__name__} was expected"
                    )
                found.append((name, value))
        return found

    def _check_code(self, plugin: str, code: FindingCode) -> None:
        who = self.describe(plugin)
        name = code.code
        if name in CATALOG:
            raise PluginError(
                f"{who.zh}声明的问题代码 {name!r} 与 targetrule 自带的代码重复 / "
                f"{who.en} declares the finding code {name!r}, which targetrule itself uses"
            )
        if not isinstance(name, str) or not _CODE.fullmatch(name) or name.split(".")[0] in CORE_NAMESPACES:
            raise PluginError(
                f"{who.zh}声明的问题代码 {name!r} 无效：应为以点分隔的小写名称，且不在 targetrule 的命名空间内"
                f"（如 myplugin.even_target） / {who.en} declares the finding code {name!r}: a plugin's code is "
                f"lower-case words joined by dots, outside targetrule's own namespaces (e.g. myplugin.even_target)"
            )
        message = code.message
        if not isinstance(code.severity, Severity) or not (
            isinstance(message, Label) and isinstance(message.zh, str) and isinstance(message.en, str)
        ):
            raise PluginError(
                f"{who.zh}声明的问题代码 {name!r} 缺少严重程度（Severity）或双语说明（Label） / "
                f"{who.en} declares the finding code {name!r} without a Severity or a bilingual Label"
            )

    def _add(self, table: dict[str, T], key: str, value: T, plugin: str, what: str) -> None:
        if key in table:
            first, second = self.describe(self._owners[(what, key)]), self.describe(plugin)
            raise PluginError(
                f"{what} {key!r} 重复：{first.zh}与{second.zh} / "
                f"duplicate {what} {key!r}: declared by {first.en} and {second.en}"
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


def _read(field: Callable[[], Any]) -> Any:
    """One field of a distribution's metadata, or None when it cannot be read (garbled or missing)."""
    try:
        return field()
    except Exception:
        return None


def _normal(name: str) -> str:
    """A distribution name normalised as packaging does (PEP 503): lower case, runs of ``-_.`` as ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _origin(entry: importlib.metadata.EntryPoint) -> PluginOrigin:
    dist = getattr(entry, "dist", None)
    # Each read on its own: metadata without a version still names its distribution.
    name = _read(lambda: dist.metadata["Name"]) if dist is not None else None
    version = _read(lambda: dist.version) if dist is not None else None
    return PluginOrigin(
        f"{entry.name} = {entry.value}", str(name) if name else "(unknown)", str(version) if version else ""
    )


def _describe(plugin: str, origin: PluginOrigin | None) -> Label:
    if origin is None:
        return Label(f"插件 {plugin} ", f"plugin {plugin}")
    version = f" {origin.version}" if origin.version else ""
    return Label(
        f"插件 {plugin}（发行包 {origin.distribution}{version}，入口点 {origin.entry_point}）",
        f"plugin {plugin} (distribution {origin.distribution}{version}, entry point {origin.entry_point})",
    )


def _version_of(info: PluginInfo) -> str:
    return f"{info.distribution} {info.version}".strip()


def _cause(exc: BaseException) -> str:
    """``repr(exc)``, short, and never with the `` / `` that separates the two languages of a message."""
    return _short(exc).replace(" / ", "/")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _select(
    available: Mapping[str, importlib.metadata.EntryPoint], wanted: Sequence[str]
) -> list[importlib.metadata.EntryPoint]:
    """The entry points named in ``wanted`` (by entry-point or distribution name), in the order found."""
    picked: set[str] = set()
    for name in wanted:
        matches = [
            ep.name
            for ep in available.values()
            if ep.name == name or _normal(_origin(ep).distribution) == _normal(name)
        ]
        if not matches:
            known = sorted(set(available) | {_origin(ep).distribution for ep in available.values()})
            suggestion = did_you_mean(name, known)
            hint_zh = f"，是否应为 {suggestion}？" if suggestion else ""
            hint_en = f"; did you mean {suggestion}?" if suggestion else ""
            listing = ", ".join(known) or "（无）"
            raise PluginError(
                f"没有名为 {name} 的插件{hint_zh}（已安装：{listing}） / "
                f"no plugin named {name}{hint_en} (installed: {listing.replace('（无）', 'none')})"
            )
        picked.update(matches)
    return [ep for ep in available.values() if ep.name in picked]


def _load_entry_points(pm: pluggy.PluginManager, wanted: Sequence[str] | None) -> dict[str, PluginOrigin]:
    """Import and register the ``targetrule`` entry points (or only those ``wanted``); pluggy's semantics.

    As ``PluginManager.load_setuptools_entrypoints``: the first entry point of a name wins, and a
    name already registered or blocked is skipped. Any failure is a :class:`PluginError` that names
    the entry point, its distribution and version, and the cause.
    """
    import importlib.metadata

    available: dict[str, importlib.metadata.EntryPoint] = {}
    try:
        found = list(importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME))
    except Exception as exc:  # an installed distribution's entry_points.txt that cannot be parsed
        raise PluginError(
            f"已安装发行包的入口点无法读取：{_cause(exc)} / "
            f"the installed distributions' entry points cannot be read: {_cause(exc)}"
        ) from exc
    for entry in found:
        available.setdefault(entry.name, entry)
    chosen = list(available.values()) if wanted is None else _select(available, wanted)
    origins: dict[str, PluginOrigin] = {}
    for entry in chosen:
        if pm.get_plugin(entry.name) is not None or pm.is_blocked(entry.name):
            continue
        origin = _origin(entry)
        who = _describe(entry.name, origin)
        try:
            plugin = entry.load()
        except (Exception, SystemExit) as exc:  # third-party code: whatever its import does is its own failure
            raise PluginError(f"{who.zh}无法加载：{_cause(exc)} / {who.en} cannot be loaded: {_cause(exc)}") from exc
        try:
            pm.register(plugin, name=entry.name)
        except ValueError as exc:
            raise PluginError(f"{who.zh}重复注册：{_cause(exc)} / {who.en} is registered twice: {_cause(exc)}") from exc
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"{who.zh}无效：{_cause(exc)} / {who.en} is invalid: {_cause(exc)}") from exc
        origins[entry.name] = origin
    return origins


def _register(pm: pluggy.PluginManager, plugin: object) -> None:
    name = plugin_label(plugin)
    try:
        pm.register(plugin, name=name)
    except ValueError as exc:
        raise PluginError(f"插件重复注册 / a plugin is registered twice: {exc}") from exc
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"插件 {name or plugin!r} 无效 / plugin {name or plugin!r} is invalid: {exc}") from exc
