"""Validate one region's raw values for one indicator: parse, bound, apply rules, derive rates.

Every problem is reported at once as a finding; a value that is missing is never taken as zero.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from targetrule.convert import read_flag
from targetrule.findings import Finding, FindingCode, did_you_mean, finding
from targetrule.indicator import Indicator, Input, Kind
from targetrule.rounding import ONE, ZERO
from targetrule.rules import breach_finding, malformed, rule_name

# Figures beyond these sizes are typing slips, and would overflow the decimal context when divided.
LARGEST = Decimal(10) ** 15
SMALLEST = Decimal(10) ** -6


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
    if value and not SMALLEST <= value.copy_abs() <= LARGEST:  # copy_abs: no context, no Overflow
        raise _Problem("input.implausible")
    if spec.kind is Kind.COUNT and value != value.to_integral_value():
        raise _Problem("input.not_integer")
    if spec.minimum is not None and value < spec.minimum:
        raise _Problem("input.below_minimum", limit=spec.minimum)
    upper = spec.upper_bound
    if upper is not None and value > upper:
        raise _Problem("input.above_maximum", limit=upper)
    return value


# Numbers written as text: plain decimals, or thousands separated by commas in groups of three
# (18,596; 1,234,567.5), an exponent (1e5), a sign; after NFKC, so full-width digits, ，and ％ read
# as their ASCII forms. Digits split by any other separator (4,5; 17,28; 1,23,456; 1.234,5; 1 234;
# 1_000) are ambiguous and never guessed; other text (1.2.3, 约5000) is not a number.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|[+-]?\.\d+(?:[eE][+-]?\d+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|snan|inf|infinity)", re.IGNORECASE)
_ACCEPTED = "18596, 18,596, 1234.5, 95%"


def _parse_text(raw: str, spec: Input) -> Decimal:
    text = unicodedata.normalize("NFKC", raw).strip() if not raw.isascii() else raw.strip()
    if spec.kind is Kind.RATE and text.endswith("%"):
        text = text[:-1].strip()
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # an exponent beyond the context's reach
            raise _Problem("input.implausible") from None
    if _NOT_FINITE.fullmatch(text):
        raise _Problem("input.not_finite")
    if len(text) <= 100 and re.fullmatch(r"[+-]?[\d.,' _]*\d[\d.,' _]*", text) and re.search(r"\d[,' _]\d", text):
        raise _Problem("input.ambiguous_number", accepted=_ACCEPTED, **_readings(text))
    raise _Problem("input.not_a_number")


def _readings(text: str) -> dict[str, str]:
    """What an ambiguous number could mean, to show beside it: each separator dropped, or a decimal comma."""
    plain = re.sub(r"[,' _]", "", text)
    readings = [plain] if plain.count(".") <= 1 else []
    last = max(text.rfind(","), text.rfind("."))
    if text[last : last + 1] == ",":
        head, tail = text[:last], text[last + 1 :]
        readings.insert(0, re.sub(r"[.,' _]", "", head) + "." + tail)  # a decimal comma, as in 4,5
    readings = list(dict.fromkeys(readings))
    return {
        "read_zh": "可读作 " + " 或 ".join(readings) if readings else "无法确定",
        "read_en": "it could be read as " + " or ".join(readings) if readings else "it cannot be read",
    }


def _parse_flag(raw: Any) -> Decimal:
    value = read_flag(raw)
    if value is None:
        raise _Problem("input.not_flag")
    return ONE if value else ZERO


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
