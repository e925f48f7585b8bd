"""targetrule: target-responsibility evaluations (目标责任制督查考评) as code.

One pluggy plugin per indicator; a core engine that validates every region's data, scores each
indicator (分项评定), aggregates into area and composite scores (综合打分), grades, ranks and
explains every number.

The public names below are imported on first use (PEP 562), so ``import targetrule`` loads
nothing heavy: ``from targetrule import Engine`` imports the engine then, and
``targetrule.__version__`` never does.
"""

from targetrule._version import __version__

# typing.TYPE_CHECKING without importing typing (about 10 ms); type checkers take the name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:  # the real imports, for type checkers and IDEs; at run time ``__getattr__`` below
    from targetrule.engine import Engine
    from targetrule.findings import Finding, FindingCode, FindingsError, Severity, TargetruleError
    from targetrule.formulas import (
        Attainment,
        CappedCompletion,
        Compound,
        ControlCeiling,
        DeclineRate,
        DeductUntilZero,
        Formula,
        Parameter,
        Part,
        PassFail,
        PerPoint,
        ShortfallBands,
        ThresholdTiers,
    )
    from targetrule.hookspecs import hookimpl
    from targetrule.indicator import Department, Direction, Indicator, Input, Kind, Ratio, Role
    from targetrule.registry import PluginError, PluginInfo, Registry, builtin_plugins
    from targetrule.results import AreaResult, Evaluation, IndicatorResult, RegionResult, Status
    from targetrule.rules import Breach, PartNotAboveWhole, PartsNotAboveWhole, Rule
    from targetrule.scheme import Scheme, SchemeSource
    from targetrule.scheme_loader import SchemeError
    from targetrule.scoring import Outcome, default_params, score_indicator
    from targetrule.submissions import Region, Submissions, load_submissions, read_submissions
    from targetrule.text import Label

# Each public name and the module it is imported from on first use (the same as the block above).
_EXPORTS: dict[str, str] = {
    "Engine": "targetrule.engine",
    **dict.fromkeys(["Finding", "FindingCode", "FindingsError", "Severity", "TargetruleError"], "targetrule.findings"),
    **dict.fromkeys(
        [
            "Attainment",
            "CappedCompletion",
            "Compound",
            "ControlCeiling",
            "DeclineRate",
            "DeductUntilZero",
            "Formula",
            "Parameter",
            "Part",
            "PassFail",
            "PerPoint",
            "ShortfallBands",
            "ThresholdTiers",
        ],
        "targetrule.formulas",
    ),
    "hookimpl": "targetrule.hookspecs",
    **dict.fromkeys(["Department", "Direction", "Indicator", "Input", "Kind", "Ratio", "Role"], "targetrule.indicator"),
    **dict.fromkeys(["PluginError", "PluginInfo", "Registry", "builtin_plugins"], "targetrule.registry"),
    **dict.fromkeys(["AreaResult", "Evaluation", "IndicatorResult", "RegionResult", "Status"], "targetrule.results"),
    **dict.fromkeys(["Breach", "PartNotAboveWhole", "PartsNotAboveWhole", "Rule"], "targetrule.rules"),
    **dict.fromkeys(["Scheme", "SchemeSource"], "targetrule.scheme"),
    "SchemeError": "targetrule.scheme_loader",
    **dict.fromkeys(["Outcome", "default_params", "score_indicator"], "targetrule.scoring"),
    **dict.fromkeys(["Region", "Submissions", "load_submissions", "read_submissions"], "targetrule.submissions"),
    "Label": "targetrule.text",
}

__all__ = [
    "AreaResult",
    "Attainment",
    "Breach",
    "CappedCompletion",
    "Compound",
    "ControlCeiling",
    "DeclineRate",
    "DeductUntilZero",
    "Department",
    "Direction",
    "Engine",
    "Evaluation",
    "Finding",
    "FindingCode",
    "FindingsError",
    "Formula",
    "Indicator",
    "IndicatorResult",
    "Input",
    "Kind",
    "Label",
    "Outcome",
    "Parameter",
    "Part",
    "PartNotAboveWhole",
    "PartsNotAboveWhole",
    "PassFail",
    "PerPoint",
    "PluginError",
    "PluginInfo",
    "Ratio",
    "Region",
    "RegionResult",
    "Registry",
    "Role",
    "Rule",
    "Scheme",
    "SchemeError",
    "SchemeSource",
    "Severity",
    "ShortfallBands",
    "Status",
    "Submissions",
    "TargetruleError",
    "ThresholdTiers",
    "__version__",
    "builtin_plugins",
    "default_params",
    "hookimpl",
    "load_submissions",
    "read_submissions",
    "score_indicator",
]

if not TYPE_CHECKING:  # hidden from type checkers, which see the real imports and no catch-all attribute

    def __getattr__(name: str) -> object:
        """A public name, imported from its module on first use and then kept here (PEP 562)."""
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module), name)
        globals()[name] = value  # later lookups are plain attribute reads
        return value


def __dir__() -> list[str]:
    """The module's names, the public ones included before their first use."""
    return sorted(set(globals()) | set(__all__))


del TYPE_CHECKING  # only for the imports above: not a public name
