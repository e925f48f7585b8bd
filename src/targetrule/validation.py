"""The full validator: one region's raw values for one indicator → parsed values and every finding.

It walks the indicator's validation plan (:mod:`targetrule.validation_plan`, where every bound,
rule and ratio is defined once), parsing text, reporting every problem at once as a finding and
never taking a missing value as zero. The generated fast check (:mod:`targetrule.fast_path`) is
compiled from the same plan.
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
from targetrule.indicator import Indicator, Input
from targetrule.rounding import ONE, ZERO
from targetrule.rules import breach_finding, malformed, rule_name
from targetrule.text import Label
from targetrule.validation_plan import LARGEST, SMALLEST, InputCheck, ValidationPlan, plan_of

__all__ = ["LARGEST", "SMALLEST", "check_plan", "check_values", "input_path", "parse_value", "read_value"]


class _Problem(Exception):
    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details


def parse_value(raw: Any, spec: Input) -> Decimal:
    """Parse a raw value for ``spec`` into a Decimal, or raise a problem naming what was wrong."""
    return read_value(raw, InputCheck.of(spec))


def read_value(raw: Any, check: InputCheck) -> Decimal:
    """Parse a raw value for an input's ``check`` into a Decimal, or raise a problem naming what was wrong."""
    if check.flag:
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
        value = _parse_text(raw, check.percent)
    else:
        raise _Problem("input.not_a_number")
    if not value.is_finite():
        raise _Problem("input.not_finite")
    problem = check.problem(value)
    if problem is not None:
        raise _Problem(problem[0], **problem[1])
    return value


# Numbers written as text: plain decimals, or thousands separated by commas in groups of three
# (18,596; 1,234,567.5), an exponent (1e5), a sign; after NFKC, so full-width digits, ，and ％ read
# as their ASCII forms. Digits split by any other separator (4,5; 17,28; 1,23,456; 1.234,5; 1 234;
# 1_000) are ambiguous and never guessed; other text (1.2.3, 约5000) is not a number.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|[+-]?\.\d+(?:[eE][+-]?\d+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|snan|inf|infinity)", re.IGNORECASE)
_ACCEPTED = "18596, 18,596, 1234.5, 95%"


def _parse_text(raw: str, percent: bool) -> Decimal:
    text = unicodedata.normalize("NFKC", raw).strip() if not raw.isascii() else raw.strip()
    if percent and text.endswith("%"):
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


def _with_labels(plan: ValidationPlan, details: Mapping[str, str]) -> dict[str, str]:
    """Add ``<key>_zh``/``<key>_en`` labels for the input names a breach mentions."""
    labelled = dict(details)
    for key in ("part", "whole"):
        if key not in details:  # labels only for the input names a breach mentions
            continue
        names = details[key].split(" + ")
        labels = [plan.label_of(n) for n in names]
        labelled[f"{key}_zh"] = " + ".join(zh for zh, _ in labels)
        labelled[f"{key}_en"] = " + ".join(en for _, en in labels)
    return labelled


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
    :mod:`targetrule.fast_path`, compiled from the same plan, which accepts plain valid numbers
    only, and comes here for the rest.
    """
    return check_plan(
        plan_of(indicator), raw, region, region_path, codes=codes, plugin=plugin, distribution=distribution
    )


def check_plan(
    plan: ValidationPlan,
    raw: Any,
    region: str,
    region_path: str,
    *,
    codes: Mapping[str, FindingCode] | None = None,
    plugin: str = "?",
    distribution: str = "?",
) -> tuple[dict[str, Decimal], list[Finding]]:
    """:func:`check_values` for an indicator's plan (:func:`targetrule.validation_plan.plan_of`)."""
    indicator_id = plan.indicator_id
    problems: list[Finding] = []
    if raw is None:
        path = input_path(region_path, indicator_id)
        label = plan.label or Label(indicator_id, indicator_id)
        missing = finding(
            "indicator.missing", region=region, indicator=indicator_id, path=path, label_zh=label.zh, label_en=label.en
        )
        return {}, [missing]
    if type(raw) is not dict and not isinstance(raw, Mapping):
        path = input_path(region_path, indicator_id)
        return {}, [finding("indicator.not_an_object", region=region, indicator=indicator_id, path=path, value=raw)]
    values: dict[str, Decimal] = {}
    for check in plan.inputs:
        name = check.name
        given = raw.get(name)
        if given is None:
            if check.required:
                problems.append(
                    finding(
                        "input.missing",
                        region=region,
                        indicator=indicator_id,
                        input=name,
                        path=input_path(region_path, indicator_id, name),
                        label_zh=check.label.zh,
                        label_en=check.label.en,
                    )
                )
            continue
        try:
            values[name] = read_value(given, check)
        except _Problem as problem:
            problems.append(
                finding(
                    problem.code,
                    region=region,
                    indicator=indicator_id,
                    input=name,
                    path=input_path(region_path, indicator_id, name),
                    value=given,
                    **problem.details,
                )
            )
    known = plan.by_name
    if not known.keys() >= raw.keys():
        for name in raw:
            if name not in known:
                problems.append(
                    finding(
                        "input.unknown",
                        region=region,
                        indicator=indicator_id,
                        input=name,
                        path=input_path(region_path, indicator_id, name),
                        suggestion=did_you_mean(name, known),
                    )
                )
    for step in plan.rules:
        rule = step.rule
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
                        indicator=indicator_id,
                        path=input_path(region_path, indicator_id, breach.input),
                        details=_with_labels(plan, breach.details),
                    )
                )
                continue
        except Exception as exc:
            wrong = repr(exc)
        problems.append(
            finding(
                "rule.failed",
                region=region,
                indicator=indicator_id,
                path=input_path(region_path, indicator_id),
                rule=rule_name(rule),
                error=wrong,
                plugin=plugin,
                distribution=distribution,
            )
        )
    for ratio in plan.ratios:
        numerator, denominator = values.get(ratio.numerator), values.get(ratio.denominator)
        if numerator is not None and denominator is not None:
            try:
                values[ratio.name] = ratio.compute(numerator, denominator)
            except ArithmeticError:
                # Only a numerator far above its denominator (1e999999 over 1e-999999) overflows; the
                # part-above-whole rule has reported it, so the rate is left out rather than raising.
                continue
    return values, problems
