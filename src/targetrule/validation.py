"""Validate one region's raw values for one indicator: parse, bound, apply rules, derive rates.

Every problem is reported at once as a finding; a value that is missing is never taken as zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from targetrule.findings import Finding, FindingCode, did_you_mean, finding
from targetrule.indicator import Indicator, Input, Kind
from targetrule.rounding import ONE, ZERO
from targetrule.rules import breach_finding, malformed, rule_name

# Figures beyond these sizes are typing slips, and would overflow the decimal context when divided.
LARGEST = Decimal(10) ** 15
SMALLEST = Decimal(10) ** -6

_TRUE = {"true", "yes", "y", "1", "是", "有", "√"}
_FALSE = {"false", "no", "n", "0", "否", "无", "×"}


class _Problem(Exception):
    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details


def parse_value(raw: Any, spec: Input) -> Decimal:
    """Parse a raw value for ``spec`` into a Decimal, or raise a problem naming what was wrong."""
    if spec.kind is Kind.FLAG:
        return _parse_flag(raw)
    if isinstance(raw, bool):
        raise _Problem("input.not_a_number")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Problem("input.not_finite")
        value = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, str):
        value = _parse_text(raw, spec)
    else:
        raise _Problem("input.not_a_number")
    if not value.is_finite():
        raise _Problem("input.not_finite")
    if value and not SMALLEST <= abs(value) <= LARGEST:
        raise _Problem("input.implausible")
    if spec.kind is Kind.COUNT and value != value.to_integral_value():
        raise _Problem("input.not_integer")
    if spec.minimum is not None and value < spec.minimum:
        raise _Problem("input.below_minimum", limit=spec.minimum)
    upper = spec.upper_bound
    if upper is not None and value > upper:
        raise _Problem("input.above_maximum", limit=upper)
    return value


def _parse_text(raw: str, spec: Input) -> Decimal:
    text = raw.strip().replace(",", "").replace("，", "")
    if spec.kind is Kind.RATE and text.endswith(("%", "％")):
        text = text[:-1].strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _Problem("input.not_a_number") from None


def _parse_flag(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        return ONE if raw else ZERO
    if isinstance(raw, int) and raw in (0, 1):
        return Decimal(raw)
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _TRUE:
            return ONE
        if text in _FALSE:
            return ZERO
    raise _Problem("input.not_flag")


def _with_labels(indicator: Indicator, details: Mapping[str, str]) -> dict[str, str]:
    """Add ``<key>_zh``/``<key>_en`` labels for the input names a breach mentions."""
    labelled = dict(details)
    for key in ("part", "whole"):
        if key not in details:  # labels only for the input names a breach mentions
            continue
        names = details[key].split(" + ")
        labels = [_label_of(indicator, n) for n in names]
        labelled[f"{key}_zh"] = " + ".join(zh for zh, _ in labels)
        labelled[f"{key}_en"] = " + ".join(en for _, en in labels)
    return labelled


def _label_of(indicator: Indicator, name: str) -> tuple[str, str]:
    spec = indicator.input_map.get(name)
    if spec is not None:
        return spec.label.zh, spec.label.en
    ratio = next((r for r in indicator.derived if r.name == name), None)
    return (ratio.label.zh, ratio.label.en) if ratio else (name, name)


def input_path(region_path: str, indicator_id: str, input_name: str | None = None) -> str:
    """The JSON path of an indicator's (or an input's) value in a submission."""
    base = f"{region_path}.inputs['{indicator_id}']"
    return f"{base}.{input_name}" if input_name else base


def check_values(
    indicator: Indicator,
    raw: Any,
    region: str,
    region_path: str,
    *,
    codes: Mapping[str, FindingCode] | None = None,
    plugin: str = "?",
    distribution: str = "?",
) -> tuple[dict[str, Decimal], list[Finding]]:
    """Parse and check one indicator's raw values; return the parsed values and every finding.

    ``codes`` are the finding codes the plugins declared (``Registry.finding_codes``); ``plugin``
    and ``distribution`` name the indicator's plugin in the finding for a rule that fails.

    This is the full validator. The engine first tries the generated checker of
    :mod:`targetrule.fast_path`, which accepts plain valid numbers only, and comes here for the rest.
    """
    problems: list[Finding] = []
    if raw is None:
        path = input_path(region_path, indicator.id)
        return {}, [finding("indicator.missing", region=region, indicator=indicator.id, path=path)]
    if type(raw) is not dict and not isinstance(raw, Mapping):
        path = input_path(region_path, indicator.id)
        return {}, [finding("indicator.not_an_object", region=region, indicator=indicator.id, path=path, value=raw)]
    values: dict[str, Decimal] = {}
    for spec in indicator.inputs:
        name = spec.name
        given = raw.get(name)
        if given is None:
            if spec.required:
                problems.append(
                    finding(
                        "input.missing",
                        region=region,
                        indicator=indicator.id,
                        input=name,
                        path=input_path(region_path, indicator.id, name),
                        label_zh=spec.label.zh,
                        label_en=spec.label.en,
                    )
                )
            continue
        try:
            values[name] = parse_value(given, spec)
        except _Problem as problem:
            problems.append(
                finding(
                    problem.code,
                    region=region,
                    indicator=indicator.id,
                    input=name,
                    path=input_path(region_path, indicator.id, name),
                    value=given,
                    **problem.details,
                )
            )
    if not indicator.input_map.keys() >= raw.keys():
        for name in raw:
            if name not in indicator.input_map:
                problems.append(
                    finding(
                        "input.unknown",
                        region=region,
                        indicator=indicator.id,
                        input=name,
                        path=input_path(region_path, indicator.id, name),
                        suggestion=did_you_mean(name, indicator.input_map),
                    )
                )
    for rule in indicator.all_rules():
        # A plugin's rule is its own code: a raise or a wrong return value is a finding naming it.
        try:
            breach = rule.check(values)
            if breach is None:
                continue
            wrong = malformed(breach)
            if wrong is None:
                problems.append(
                    breach_finding(
                        breach,
                        codes,
                        region=region,
                        indicator=indicator.id,
                        path=input_path(region_path, indicator.id, breach.input),
                        details=_with_labels(indicator, breach.details),
                    )
                )
                continue
        except Exception as exc:
            wrong = repr(exc)
        problems.append(
            finding(
                "rule.failed",
                region=region,
                indicator=indicator.id,
                path=input_path(region_path, indicator.id),
                rule=rule_name(rule),
                error=wrong,
                plugin=plugin,
                distribution=distribution,
            )
        )
    for ratio in indicator.derived:
        numerator, denominator = values.get(ratio.numerator), values.get(ratio.denominator)
        if numerator is not None and denominator is not None:
            share = denominator - numerator if ratio.complement else numerator
            try:
                values[ratio.name] = ratio.if_zero if denominator == 0 else share / denominator * ratio.scale
            except ArithmeticError:
                # Only a numerator far above its denominator (1e999999 over 1e-999999) overflows; the
                # part-above-whole rule has reported it, so the rate is left out rather than raising.
                continue
    return values, problems
