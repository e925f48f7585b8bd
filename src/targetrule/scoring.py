"""Score one indicator on its own: validate raw values, derive rates, apply the formula.

The engine uses this for data that its generated fast check (:mod:`targetrule.fast_path`) turns
away; plugin authors and tests use it to score a declaration directly, with the formula's default
parameters or their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, finding
from targetrule.formulas import Attainment, Formula
from targetrule.indicator import Indicator
from targetrule.validation import check_values


@frozen
class Outcome:
    """What scoring one indicator gave: the parsed values, the findings, and the attainment if valid."""

    values: Mapping[str, Decimal]
    findings: tuple[Finding, ...]
    attainment: Attainment | None


def default_params(formula: Formula) -> dict[str, Any]:
    """The formula's parameters at their declared defaults."""
    return {name: spec.default for name, spec in formula.param_specs().items()}


@exact
def score_indicator(
    indicator: Indicator,
    raw: Any,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    region: str = "",
    region_path: str = "$",
    plugin: str = "?",
) -> Outcome:
    """Validate ``raw`` for ``indicator`` and, when valid, score it; never raises for bad input."""
    formula = formula or indicator.formula
    params = params if params is not None else default_params(formula)
    return Outcome(*score_values(indicator, formula, params, raw, region, region_path, plugin))


def score_values(
    indicator: Indicator,
    formula: Formula,
    params: Mapping[str, Any],
    raw: Any,
    region: str,
    region_path: str,
    plugin: str,
) -> tuple[dict[str, Decimal], tuple[Finding, ...], Attainment | None]:
    """The full path: parsed values, every finding, and the attainment when the values are valid."""
    values, problems = check_values(indicator, raw, region, region_path)
    if problems:
        return values, tuple(problems), None
    try:
        return values, (), formula.score(values, params)
    except Exception as exc:  # a plugin's bug must not stop the other indicators
        return values, (formula_failed(indicator.id, region, plugin, exc),), None


def formula_failed(indicator: str, region: str, plugin: str, error: Exception) -> Finding:
    """The finding for a formula that raised, naming its plugin, the region and the indicator."""
    return finding("indicator.formula_failed", region=region, indicator=indicator, plugin=plugin, error=repr(error))
