"""The core built-in plugin: formula families, aggregation methods and the bundled schemes.

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
