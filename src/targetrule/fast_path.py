"""A generated checker per indicator for the common case: plain in-bounds numbers, every rule kept.

The full validator (:mod:`targetrule.validation`) parses text, names every problem and suggests
fixes; most regions' data needs none of that. For each indicator this module writes one small
Python function, the way attrs and cattrs generate their methods, that accepts an indicator's raw
values only when every input is a plain ``int``, ``float`` or ``Decimal`` (``bool`` for a flag)
within its bounds, no unknown name is present and every rule holds, and then returns exactly the
values the full validator would, derived rates included. For anything else it returns ``None`` and the
engine runs the full validator, which reports every finding. A property test holds the two to the
same answer on generated data.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from targetrule.indicator import Indicator, Input, Kind
from targetrule.rounding import ONE, ZERO
from targetrule.rules import PartNotAboveWhole, PartsNotAboveWhole
from targetrule.validation import LARGEST, SMALLEST

FastCheck = Callable[[Any], "dict[str, Decimal] | None"]


def fast_check(indicator: Indicator) -> FastCheck:
    """The generated checker of ``indicator``, compiled anew (the engine keeps its own per registry)."""
    return _compile(indicator)


def fast_check_source(indicator: Indicator) -> str:
    """The Python source of ``indicator``'s checker, for reading and debugging."""
    return _Writer(indicator).source()[0]


def _compile(indicator: Indicator) -> FastCheck:
    source, namespace = _Writer(indicator).source()
    code = compile(source, f"<targetrule fast check {indicator.id}>", "exec")
    exec(code, namespace)
    check: FastCheck = namespace["check"]
    return check


def _bound(value: Decimal) -> int | Decimal:
    """A bound as an ``int`` when whole, which compares with ``int`` inputs faster and just as exactly."""
    return int(value) if value == value.to_integral_value() else value


class _Writer:
    """Writes one indicator's checker; constants reach the code through its namespace, never as text."""

    def __init__(self, indicator: Indicator) -> None:
        self.indicator = indicator
        self.namespace: dict[str, Any] = {"_D": Decimal, "_ONE": ONE, "_ZERO": ZERO, "_dict": dict, "_int": int}
        self.namespace |= {"_float": float, "_repr": repr, "_abs": abs, "_len": len, "_SMALLEST": SMALLEST}
        self.lines: list[str] = []
        # Variables of the inputs every valid submission has; only these are used by inline checks.
        self.required = {spec.name: f"v{k}" for k, spec in enumerate(indicator.inputs) if spec.required}

    def constant(self, name: str, value: Any) -> str:
        """Put ``value`` in the namespace under ``name`` and return the name."""
        self.namespace[name] = value
        return name

    def source(self) -> tuple[str, dict[str, Any]]:
        """The function's source and the namespace it runs in."""
        indicator = self.indicator
        optional = any(not spec.required for spec in indicator.inputs)
        self.lines = ["def check(raw):", "    if type(raw) is not _dict:", "        return None"]
        if optional:
            self.lines.append(f"    present = {len(self.required)}")  # required inputs are all there or rejected
        else:
            self.lines += [f"    if _len(raw) != {len(indicator.inputs)}:", "        return None"]
        for k, spec in enumerate(indicator.inputs):
            self._input(k, spec)
        if optional:
            self.lines += ["    if _len(raw) != present:", "        return None"]
        generic = self._inline_rules()
        self._values(optional)
        for j, rule in enumerate(generic):
            self.lines += [
                f"    if {self.constant(f'_RULE{j}', rule)}.check(values) is not None:",
                "        return None",
            ]
        for r, ratio in enumerate(indicator.derived):
            self._ratio(r, ratio.name, ratio.numerator, ratio.denominator, ratio.complement, ratio.if_zero, ratio.scale)
        self.lines.append("    return values")
        return "\n".join(self.lines) + "\n", self.namespace

    def _input(self, k: int, spec: Input) -> None:
        x, v = f"x{k}", f"v{k}"
        self.lines.append(f"    {x} = raw.get({spec.name!r})")
        indent = "    "
        if not spec.required:
            self.lines += [f"    if {x} is None:", f"        {v} = None", "    else:", "        present += 1"]
            indent = "        "
        for line in self._convert(k, spec, x, v):
            self.lines.append(indent + line)

    def _convert(self, k: int, spec: Input, x: str, v: str) -> list[str]:
        if spec.kind is Kind.FLAG:
            return [
                f"if {x} is True:",
                f"    {v} = _ONE",
                f"elif {x} is False:",
                f"    {v} = _ZERO",
                "else:",
                "    return None",
            ]
        low = LARGEST.copy_negate() if spec.minimum is None else max(spec.minimum, LARGEST.copy_negate())
        upper = spec.upper_bound
        high = LARGEST if upper is None else min(upper, LARGEST)
        lo, hi = self.constant(f"_LO{k}", low), self.constant(f"_HI{k}", high)
        ilo, ihi = self.constant(f"_ILO{k}", _bound(low)), self.constant(f"_IHI{k}", _bound(high))
        lines = [
            f"if type({x}) is _int:",
            f"    if not {ilo} <= {x} <= {ihi}:",
            "        return None",
            f"    {v} = _D({x})",
        ]
        if spec.kind is not Kind.COUNT:
            lines += [
                f"elif type({x}) is _float and ({x} == 0 or 1e-06 <= _abs({x}) <= 1e15):",
                f"    {v} = _D(_repr({x}))",
                f"    if not {lo} <= {v} <= {hi}:",
                "        return None",
            ]
        whole = f" and {x} == {x}.to_integral_value()" if spec.kind is Kind.COUNT else ""
        lines += [  # a host that keeps exact numbers hands over Decimals
            # copy_abs() is quiet: abs() would round to the context and overflow on 1e999999999
            f"elif type({x}) is _D and {x}.is_finite() and (not {x} or _SMALLEST <= {x}.copy_abs()){whole}:",
            f"    if not {lo} <= {x} <= {hi}:",
            "        return None",
            f"    {v} = {x}",
        ]
        return [*lines, "else:", "    return None"]

    def _inline_rules(self) -> list[Any]:
        """Write the part-not-above-whole rules over required inputs inline; return the other rules."""
        generic: list[Any] = []
        req = self.required
        for rule in self.indicator.all_rules():
            if type(rule) is PartNotAboveWhole and rule.part in req and rule.whole in req:
                self.lines += [f"    if {req[rule.part]} > {req[rule.whole]}:", "        return None"]
            elif type(rule) is PartsNotAboveWhole and rule.whole in req and all(p in req for p in rule.parts):
                # Added from zero, left to right, as the rule itself adds them.
                total = " + ".join(["_ZERO", *(req[p] for p in rule.parts)])
                self.lines += [f"    if {total} > {req[rule.whole]}:", "        return None"]
            else:
                generic.append(rule)
        return generic

    def _values(self, optional: bool) -> None:
        """Build the values dict in declaration order, leaving out optional inputs not given."""
        inputs = self.indicator.inputs
        if not optional:
            items = ", ".join(f"{spec.name!r}: v{k}" for k, spec in enumerate(inputs))
            self.lines.append(f"    values = {{{items}}}")
            return
        self.lines.append("    values = {}")
        for k, spec in enumerate(inputs):
            if spec.required:
                self.lines.append(f"    values[{spec.name!r}] = v{k}")
            else:
                self.lines += [f"    if v{k} is not None:", f"        values[{spec.name!r}] = v{k}"]

    def _ratio(
        self, r: int, name: str, numerator: str, denominator: str, complement: bool, if_zero: Decimal, scale: Decimal
    ) -> None:
        zero, factor = self.constant(f"_IFZERO{r}", if_zero), self.constant(f"_SCALE{r}", scale)
        req = self.required
        if numerator in req and denominator in req:
            num, den = req[numerator], req[denominator]
            self.lines.append(f"    n, d = {num}, {den}")
        else:
            self.lines += [
                f"    n, d = values.get({numerator!r}), values.get({denominator!r})",
                "    if n is not None and d is not None:",
            ]
        body = [
            "try:",
            f"    values[{name!r}] = {zero} if d == 0 else {'(d - n)' if complement else 'n'} / d * {factor}",
            "except ArithmeticError:",  # as the full validator: the rate is left out
            "    pass",
        ]
        indent = "    " if numerator in req and denominator in req else "        "
        self.lines += [indent + line for line in body]
