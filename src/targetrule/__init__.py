"""targetrule: target-responsibility evaluations (目标责任制督查考评) as code.

One pluggy plugin per indicator; a core engine that validates every region's data, scores each
indicator (分项评定), aggregates into area and composite scores (综合打分), grades, ranks and
explains every number.
"""

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
from targetrule.indicator import Direction, Indicator, Input, Kind, Ratio, Role
from targetrule.registry import PluginError, PluginInfo, Registry, builtin_plugins
from targetrule.results import AreaResult, Evaluation, IndicatorResult, RegionResult, Status
from targetrule.rules import Breach, PartNotAboveWhole, PartsNotAboveWhole, Rule
from targetrule.scheme import Scheme, SchemeSource
from targetrule.scheme_loader import SchemeError
from targetrule.scoring import Outcome, default_params, score_indicator
from targetrule.submissions import Region, Submissions, load_submissions, read_submissions
from targetrule.text import Label

__version__ = "0.1.0"

__all__ = [
    "AreaResult",
    "Attainment",
    "Breach",
    "CappedCompletion",
    "Compound",
    "ControlCeiling",
    "DeclineRate",
    "DeductUntilZero",
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
