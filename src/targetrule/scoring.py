"""Score one indicator on its own: validate raw values, derive rates, apply the formula.

The engine uses this for data that its generated fast check (:mod:`targetrule.fast_path`) turns
away; plugin authors and tests use it to score a declaration directly, with the formula's default
parameters or their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import frozen

from targetrule.aggregation import Aggregation
from targetrule.decimal_context import exact
from targetrule.findings import Finding, FindingCode, finding
from targetrule.formulas import Attainment, Formula, max_attainment
from targetrule.indicator import Indicator
from targetrule.rounding import ONE, ZERO
from targetrule.text import Label
from targetrule.validation import check_values, input_path


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
    distribution: str = "?",
    codes: Mapping[str, FindingCode] | None = None,
) -> Outcome:
    """Validate ``raw`` for ``indicator`` and, when valid, score it; never raises for bad input.

    The formula's result is checked as the engine checks it (:func:`attainment_problem`); ``codes``
    are the finding codes plugins declared (``Registry.finding_codes``).
    """
    formula = formula or indicator.formula
    params = params if params is not None else default_params(formula)
    return Outcome(
        *score_values(
            indicator, formula, params, raw, region, region_path, plugin, distribution=distribution, codes=codes
        )
    )


def score_values(
    indicator: Indicator,
    formula: Formula,
    params: Mapping[str, Any],
    raw: Any,
    region: str,
    region_path: str,
    plugin: str,
    *,
    distribution: str = "?",
    highest: Decimal | None = None,
    codes: Mapping[str, FindingCode] | None = None,
    formula_owner: tuple[str, str] | None = None,
) -> tuple[dict[str, Decimal], tuple[Finding, ...], Attainment | None]:
    """The full path: parsed values, every finding, and the attainment when the values are valid.

    Findings that are warnings (a plugin's own rule may declare one) do not stop the item being
    scored. The formula's result must be an :class:`Attainment` within ``[0, highest]`` (by default
    :func:`highest_attainment`); anything else is a finding naming the plugin and its distribution:
    ``plugin`` and ``distribution`` are the indicator's (named when one of its rules fails),
    ``formula_owner`` the plugin and distribution answerable for the formula (by default the same).
    """
    values, problems = check_values(
        indicator, raw, region, region_path, codes=codes, plugin=plugin, distribution=distribution
    )
    if any(p.is_error for p in problems):
        return values, tuple(problems), None
    limit = highest if highest is not None else highest_attainment(formula, params)
    path = input_path(region_path, indicator.id)
    owner, owner_distribution = formula_owner or (plugin, distribution)
    try:
        result = formula.score(values, params)
    except Exception as exc:  # a plugin's bug must not stop the other indicators
        failed = formula_failed(indicator.id, region, owner, exc, distribution=owner_distribution, path=path)
        return values, (*problems, failed), None
    bad = bad_attainment(result, limit, indicator.id, region, path, owner, owner_distribution)
    if bad is not None:
        return values, (*problems, bad), None
    return values, tuple(problems), result


def formula_failed(
    indicator: str,
    region: str,
    plugin: str,
    error: Exception,
    *,
    distribution: str = "?",
    path: str | None = None,
) -> Finding:
    """The finding for a formula that raised, naming its plugin and distribution, the region and the indicator."""
    return finding(
        "indicator.formula_failed",
        region=region,
        indicator=indicator,
        path=path,
        plugin=plugin,
        distribution=distribution,
        error=_short(_repr(error)),
    )


def highest_attainment(formula: Formula, params: Mapping[str, Any]) -> Decimal:
    """The highest attainment a formula may return: its family's ``max_attainment``, else ``max(1, cap)``.

    Never raises: a family whose own answer fails gets the default rule.
    """
    try:
        return max_attainment(formula, params)
    except Exception:
        cap = params.get("cap")
        return max(ONE, cap) if isinstance(cap, Decimal) and cap.is_finite() else ONE


def attainment_problem(result: object, highest: Decimal) -> tuple[object, Label] | None:
    """What is wrong with what a formula returned (the value shown, and the problem), or None when it is valid.

    Valid is an :class:`Attainment` whose ``value`` is exactly a ``Decimal`` (not a float, whose
    binary fractions are not the decimal figures of the rules; not an int or a bool), finite, at
    least 0 and at most ``highest``.
    """
    if not isinstance(result, Attainment):
        return result, Label(
            f"应返回 Attainment，实为 {type(result).__name__}", f"expected an Attainment, got a {type(result).__name__}"
        )
    value = shown = result.value
    if type(value) is not Decimal:
        kind = type(value).__name__
        return shown, Label(f"得分率应为 Decimal，实为 {kind}", f"the attainment must be a Decimal, not a {kind}")
    if not value.is_finite():
        return shown, Label("得分率不是有限数（NaN 或无穷大）", "the attainment is not finite (NaN or infinity)")
    if value < ZERO or value > highest:
        return value, Label(f"得分率超出 [0, {highest}] 的范围", f"the attainment is outside [0, {highest}]")
    return None


def bad_attainment(
    result: object, highest: Decimal, indicator: str, region: str, path: str, plugin: str, distribution: str
) -> Finding | None:
    """The ``indicator.bad_attainment`` finding for a formula's invalid result, or None when it is valid."""
    problem = attainment_problem(result, highest)
    if problem is None:
        return None
    shown, label = problem
    return finding(
        "indicator.bad_attainment",
        region=region,
        indicator=indicator,
        path=path,
        value="None" if shown is None else shown,
        plugin=plugin,
        distribution=distribution,
        problem_zh=label.zh,
        problem_en=label.en,
    )


def combined_share(
    method: Aggregation, shares: Sequence[Decimal], weights: Sequence[Decimal]
) -> tuple[Decimal, None] | tuple[None, str]:
    """A (plugin's) aggregation applied and checked: the combined share, or None and what went wrong.

    Valid is exactly a ``Decimal``, finite, at least 0 and at most ``max(1, the largest share)``.
    """
    try:
        share = method.combine(shares, weights)
        if type(share) is Decimal and share.is_finite() and ZERO <= share <= max((ONE, *shares)):
            return share, None
    except Exception as exc:  # a plugin's aggregation is its own code
        return None, _short(_repr(exc))
    return None, f"returned {_short(_repr(share))}"


def _repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # a plugin's exception whose repr() raises
        return f"<{type(value).__name__}>"


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "..."
