"""The core built-in plugin: formula families, aggregation methods, the bundled schemes and the inspection steps.

Registered exactly as a third-party plugin is; the built-in indicators are one plugin module
each under :mod:`targetrule.indicators`.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from targetrule.aggregation import BUILTIN_AGGREGATIONS, Aggregation
from targetrule.formulas import BUILTIN_FAMILIES, Formula
from targetrule.hookspecs import hookimpl
from targetrule.scheme import SchemeSource
from targetrule.steps import Step


@hookimpl
def targetrule_formula_families() -> Sequence[type[Formula]]:
    """The formula families of DESIGN.md."""
    return BUILTIN_FAMILIES


@hookimpl
def targetrule_aggregations() -> Sequence[Aggregation]:
    """Sum of points, weighted arithmetic and geometric means, minimum."""
    return BUILTIN_AGGREGATIONS


@hookimpl
def targetrule_schemes() -> Sequence[SchemeSource]:
    """Every ``*.toml`` in the package's ``schemes`` folder, named by its file stem."""
    folder = resources.files("targetrule") / "schemes"
    return [
        SchemeSource(
            entry.name.removesuffix(".toml"), entry.read_text(encoding="utf-8"), f"targetrule:schemes/{entry.name}"
        )
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]


@hookimpl
def targetrule_steps() -> Sequence[Step]:
    """The inspection workflow's steps: counties beside their city, verified figures, limits, plausibility."""
    from targetrule.inspection.hierarchy import NotRolledUp
    from targetrule.inspection.limits import ProvinceLimits
    from targetrule.inspection.plausibility import Plausibility
    from targetrule.inspection.verification import VerifiedFigures

    return [NotRolledUp(), VerifiedFigures(), ProvinceLimits(), Plausibility()]
