"""The hooks through which plugins extend targetrule.

Hooks are for discovery only: they are called once, when a registry is built. Scoring an
indicator is a direct call on the object a plugin declared, never a hook broadcast, so the hot
path stays cheap. The pluggy project name is ``targetrule``; third-party distributions expose
their plugin modules under the entry-point group of the same name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from targetrule.aggregation import Aggregation
    from targetrule.findings import FindingCode
    from targetrule.formulas import Formula
    from targetrule.indicator import Indicator
    from targetrule.scheme import SchemeSource
    from targetrule.steps import Step

PROJECT_NAME = "targetrule"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare the indicators this plugin provides.

    Called once per plugin when the registry is built. The built-in modules under
    ``targetrule.indicators`` each declare exactly one indicator.

    :return: the plugin's :class:`~targetrule.indicator.Indicator` declarations. Every id must be
        unique across all registered plugins; a duplicate is a startup error that names both
        plugins.
    """


@hookspec
def targetrule_schemes() -> Sequence[SchemeSource]:
    """Ship evaluation schemes (one year's evaluation, as TOML text) with a plugin.

    This is how a plugin distribution brings next year's scheme file along with next year's
    indicators. A scheme is parsed and checked against the registry only when it is loaded.

    :return: :class:`~targetrule.scheme.SchemeSource` objects, each naming its scheme id
        and carrying the TOML text. Scheme ids must be unique across all plugins.
    """


@hookspec
def targetrule_formula_families() -> Sequence[type[Formula]]:
    """Add formula families that a scheme can name to replace an indicator's formula.

    :return: attrs classes implementing :class:`~targetrule.formulas.Formula`; each class's
        ``family`` attribute is the name a scheme uses (``formula = {family = "..."}``). Family
        names must be unique.
    """


@hookspec
def targetrule_aggregations() -> Sequence[Aggregation]:
    """Add aggregation methods that a scheme can name for an area or for the composite.

    :return: :class:`~targetrule.aggregation.Aggregation` objects; each ``name`` is what a
        scheme writes as ``aggregation = "..."``. Names must be unique.
    """


@hookspec
def targetrule_finding_codes() -> Sequence[FindingCode]:
    """Declare the finding codes this plugin's rules return, with their severity and bilingual message.

    A rule (``Rule.check``) may return a :class:`~targetrule.rules.Breach` with a code of its own;
    declaring the code here gives its findings a severity (a warning lets the item be scored) and
    a message template filled in from the breach's details.

    :return: :class:`~targetrule.findings.FindingCode` objects. Codes are namespaced (lower-case
        words joined by dots, e.g. ``hebei.even_target``), outside the core namespaces (``input``,
        ``rule``, ``indicator``, ...), and unique across all plugins; a clash is a startup error
        that names both plugins.
    """


@hookspec
def targetrule_steps() -> Sequence[Step]:
    """Add steps to the evaluation pipeline, run once per evaluation before the data is checked.

    A step (:class:`~targetrule.steps.Step`) sees the whole submissions document and returns
    plain data: findings about the document and, for the regions it changes, their data as the
    later stages see it, with findings, adjustments and discrepancies of their own. The core
    plugin provides the inspection workflow's steps (counties not rolled up, verified figures),
    so the engine itself never imports :mod:`targetrule.inspection`.

    :return: objects implementing :class:`~targetrule.steps.Step`. They run in the order the
        plugins were registered (the built-ins first), each plugin's in the order returned. Step
        names must be unique across all plugins.
    """
