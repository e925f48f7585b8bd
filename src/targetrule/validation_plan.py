"""One indicator's validation as data: what each input must be, which rules hold, which rates are derived.

This is the one place where a declaration becomes checks. :func:`plan_of` reads an
:class:`~targetrule.indicator.Indicator` once and fixes, for each input, its kind, whether it is
required and the least and greatest values accepted (the declared minimum and upper bound and the
plausibility limits :data:`SMALLEST` and :data:`LARGEST` together), whole numbers for counts; the
rules (part-not-above-whole and parts-not-above-whole, written as sums, and rules as code); and the
derived ratios (``if_zero``, ``complement``, ``scale``).

Two interpreters read the plan, and nothing else of the declaration:

- :mod:`targetrule.validation` walks it for every value, parsing text and naming every problem
  (the full validator, ``check_values``);
- :mod:`targetrule.fast_path` compiles it into one small Python function per indicator that
  accepts plain in-bounds numbers only and returns ``None`` at the first problem.

A value is accepted by :meth:`InputCheck.accepts` (the full validator) exactly when the generated
code's test of ``low``, ``high``, ``SMALLEST`` and ``whole`` passes, and a ratio's value is
:meth:`RatioStep.expression` in both: the generated line is that expression, the full validator
evaluates it through :meth:`RatioStep.compute`. A bound, a rule or a ratio changed here changes
both paths together; a property test (``tests/core/test_fast_path.py``) holds them to the same answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import frozen

from targetrule.indicator import Indicator, Input, Kind
from targetrule.rules import PartNotAboveWhole, PartsNotAboveWhole, Rule
from targetrule.text import Label

# Figures beyond these sizes are typing slips, and would overflow the decimal context when divided.
LARGEST = Decimal(10) ** 15
SMALLEST = Decimal(10) ** -6


def value_test(v: str, low: str, high: str, whole: bool) -> str:
    """Whether the finite ``Decimal`` named ``v`` is a valid value, as Python text (``SMALLEST`` as ``_SMALLEST``).

    Plausible (zero, or at least :data:`SMALLEST` in size; ``low``/``high`` keep it within
    :data:`LARGEST`), within ``[low, high]``, and whole when ``whole``. ``copy_abs`` needs no
    context, so a size far beyond the context's reach is turned away, never an Overflow.
    """
    test = f"(not {v} or _SMALLEST <= {v}.copy_abs()) and {low} <= {v} <= {high}"
    return f"{test} and {v} == {v}.to_integral_value()" if whole else test


def rate_expression(complement: bool, n: str, d: str, if_zero: str, scale: str) -> str:
    """A derived rate as Python text: ``if_zero`` over a zero denominator, else the (complement's) share × scale."""
    share = f"({d} - {n})" if complement else n
    return f"{if_zero} if {d} == 0 else {share} / {d} * {scale}"


def _compiled(text: str, name: str) -> Any:
    return eval(compile(text, f"<targetrule {name}>", "eval"), {"_SMALLEST": SMALLEST})


# The texts above, compiled once for the full validator: two forms each, a fixed size.
_ACCEPTS = {
    whole: _compiled(f"lambda v, lo, hi: {value_test('v', 'lo', 'hi', whole)}", "value test") for whole in (False, True)
}
_RATE = {
    c: _compiled(f"lambda n, d, if_zero, scale: {rate_expression(c, 'n', 'd', 'if_zero', 'scale')}", "rate")
    for c in (False, True)
}


@frozen
class InputCheck:
    """What one input's value must be. ``low``/``high`` are the bounds and plausibility together."""

    name: str
    label: Label
    kind: Kind
    required: bool
    minimum: Decimal | None  # as declared: the limit a below-minimum finding names
    maximum: Decimal | None  # as declared, or the kind's natural one: the limit an above-maximum finding names
    low: Decimal  # the least value accepted: the minimum, never below -LARGEST
    high: Decimal  # the greatest value accepted: the upper bound, never above LARGEST
    whole: bool  # a count: whole numbers only
    flag: bool  # yes/no, read as 1/0
    percent: bool  # a rate: text may end in %

    @classmethod
    def of(cls, spec: Input) -> InputCheck:
        """The check of one declared input."""
        upper = spec.upper_bound
        low = -LARGEST if spec.minimum is None else max(spec.minimum, -LARGEST)
        high = LARGEST if upper is None else min(upper, LARGEST)
        kind = spec.kind
        return cls(
            spec.name,
            spec.label,
            kind,
            spec.required,
            spec.minimum,
            upper,
            low,
            high,
            kind is Kind.COUNT,
            kind is Kind.FLAG,
            kind is Kind.RATE,
        )

    def accepts(self, value: Decimal) -> bool:
        """Whether a finite number is a valid value: plausible, within ``[low, high]``, whole if a count.

        This is :func:`value_test`, the text the generated check runs, compiled once for each of its two forms.
        """
        return bool(_ACCEPTS[self.whole](value, self.low, self.high))

    def problem(self, value: Decimal) -> tuple[str, dict[str, Any]] | None:
        """Why a finite number is not valid (the finding code and details), or None when :meth:`accepts` it.

        The codes come in this order: implausible, not whole, below the minimum, above the maximum.
        """
        if self.accepts(value):
            return None
        if value and not SMALLEST <= value.copy_abs() <= LARGEST:
            return "input.implausible", {}
        if self.whole and value != value.to_integral_value():
            return "input.not_integer", {}
        if self.minimum is not None and value < self.minimum:
            return "input.below_minimum", {"limit": self.minimum}
        if self.maximum is not None and value > self.maximum:
            return "input.above_maximum", {"limit": self.maximum}
        raise AssertionError(f"{self.name}: {value} refused by no check")  # pragma: no cover - low/high are the above


@frozen
class SumCheck:
    """A part-whole rule the fast path writes inline: the parts (added from zero when several) ≤ the whole."""

    rule: Rule
    parts: tuple[str, ...]
    whole: str
    summed: bool  # PartsNotAboveWhole adds its parts from zero, left to right; PartNotAboveWhole compares one

    def names(self) -> tuple[str, ...]:
        """Every input the rule reads."""
        return (*self.parts, self.whole)


@frozen
class CodeCheck:
    """A rule as code (a plugin's own, or a part-whole rule over values that may be absent): called as is."""

    rule: Rule


RuleCheck = SumCheck | CodeCheck


@frozen
class RatioStep:
    """A derived rate: ``if_zero`` over a zero denominator, else the numerator (or complement) / denominator × scale."""

    name: str
    label: Label
    numerator: str
    denominator: str
    complement: bool
    if_zero: Decimal
    scale: Decimal

    def expression(self, n: str, d: str, if_zero: str, scale: str) -> str:
        """The rate as a Python expression over the names given: the one formula both paths evaluate."""
        return rate_expression(self.complement, n, d, if_zero, scale)

    def compute(self, numerator: Decimal, denominator: Decimal) -> Decimal:
        """The rate of two parsed values: :meth:`expression`, compiled once (ArithmeticError on absurd sizes)."""
        rate: Decimal = _RATE[self.complement](numerator, denominator, self.if_zero, self.scale)
        return rate


@frozen
class ValidationPlan:
    """An indicator's checks in the order both validators apply them: inputs, rules, ratios."""

    indicator_id: str
    inputs: tuple[InputCheck, ...]
    rules: tuple[RuleCheck, ...]
    ratios: tuple[RatioStep, ...]
    by_name: Mapping[str, InputCheck]
    label: Label | None = None  # the indicator's own label, for findings about it as a whole

    def label_of(self, name: str) -> tuple[str, str]:
        """The labels of an input or a derived ratio (the name itself when it is neither)."""
        check = self.by_name.get(name)
        if check is not None:
            return check.label.zh, check.label.en
        ratio = next((r for r in self.ratios if r.name == name), None)
        return (ratio.label.zh, ratio.label.en) if ratio else (name, name)


def plan_of(indicator: Indicator) -> ValidationPlan:
    """The validation plan of ``indicator``: every bound, rule and ratio of its declaration, fixed once."""
    inputs = tuple(InputCheck.of(spec) for spec in indicator.inputs)
    rules: list[RuleCheck] = []
    for rule in indicator.all_rules():
        if type(rule) is PartNotAboveWhole:
            rules.append(SumCheck(rule, (rule.part,), rule.whole, summed=False))
        elif type(rule) is PartsNotAboveWhole:
            rules.append(SumCheck(rule, tuple(rule.parts), rule.whole, summed=True))
        else:
            rules.append(CodeCheck(rule))
    ratios = tuple(
        RatioStep(r.name, r.label, r.numerator, r.denominator, r.complement, r.if_zero, r.scale)
        for r in indicator.derived
    )
    return ValidationPlan(indicator.id, inputs, tuple(rules), ratios, {c.name: c for c in inputs}, indicator.label)
