"""The validation plan compiled: one generated checker per indicator for plain in-bounds numbers.

The full validator (:mod:`targetrule.validation`) walks an indicator's validation plan
(:mod:`targetrule.validation_plan`), parsing text and naming every problem; most regions' data
needs none of that. This module writes the same plan as one small Python function, the way attrs
and cattrs generate their methods, that accepts an indicator's raw values only when every input is
a plain ``int``, ``float`` or ``Decimal`` (``bool`` for a flag) that the plan accepts, no unknown
name is present and every rule holds, and then returns exactly the values the full validator
would, derived rates included. For anything else it returns ``None`` and the engine runs the full
validator, which reports every finding.

Bounds and ratios are not written twice: the value test is :func:`~targetrule.validation_plan.value_test`
and each rate :meth:`~targetrule.validation_plan.RatioStep.expression`, the texts the full validator
compiles too; constants reach the code through its namespace, never as text. A property test
holds the two paths to the same answer on generated data.

The generated source is registered in :mod:`linecache` (as attrs does), so tracebacks and
debuggers show its lines, under ``<targetrule generated check {id} {hash}>``: the hash is of the
source, so compiling the same declaration again reuses its entry, and the entry is removed when
the last function compiled from that source is freed. linecache therefore holds at most one entry
per distinct source of a live check (the engine keeps its registry's checks, one per indicator).
"""

from __future__ import annotations

import hashlib
import linecache
import threading
import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from targetrule.indicator import Indicator
from targetrule.rounding import ONE, ZERO
from targetrule.validation_plan import (
    SMALLEST,
    CodeCheck,
    InputCheck,
    SumCheck,
    ValidationPlan,
    plan_of,
    rate_expression,
    value_test,
)

FastCheck = Callable[[Any], "dict[str, Decimal] | None"]


def fast_check(indicator: Indicator) -> FastCheck:
    """The generated checker of ``indicator``, compiled anew (the engine keeps its own per registry)."""
    return compile_plan(plan_of(indicator))


def fast_check_source(indicator: Indicator) -> str:
    """The Python source of ``indicator``'s checker, for reading and debugging."""
    return _Writer(plan_of(indicator)).source()[0]


def compile_plan(plan: ValidationPlan) -> FastCheck:
    """The generated checker of a validation plan, its source registered in :mod:`linecache`."""
    source, namespace = _Writer(plan).source()
    # The function's globals hold the registration: its linecache entry lives as long as the function.
    registration = namespace["_SOURCE"] = _register(plan.indicator_id, source)
    exec(compile(source, registration.filename, "exec"), namespace)
    check: FastCheck = namespace.pop("check")  # not kept in its own globals: no cycle, freed when dropped
    return check


class _Registration:
    """Holds one linecache entry; when the last check holding it is freed, the entry is removed."""

    __slots__ = ("__weakref__", "filename", "lines")

    def __init__(self, filename: str, lines: list[str]) -> None:
        self.filename, self.lines = filename, lines


# Live registrations by file name: weak, so it holds no more than the live checks do.
_registrations: weakref.WeakValueDictionary[str, _Registration] = weakref.WeakValueDictionary()
# Reentrant: a check freed by the collector while a thread registers runs _forget on that same thread.
_lock = threading.RLock()


def _register(indicator_id: str, source: str) -> _Registration:
    """The linecache entry of ``source``: the live one when this source is already registered, else a new one."""
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    filename = f"<targetrule generated check {indicator_id} {digest}>"
    with _lock:
        registration = _registrations.get(filename)
        entry: tuple[Any, ...] | None = linecache.cache.get(filename)
        if registration is None or entry is None or len(entry) < 3 or entry[2] is not registration.lines:
            lines = source.splitlines(keepends=True)
            registration = _Registration(filename, lines)
            _registrations[filename] = registration
            linecache.cache[filename] = (len(source), None, lines, filename)
            weakref.finalize(registration, _forget, filename, lines).atexit = False
    return registration


def _forget(filename: str, lines: list[str]) -> None:
    """Remove a freed registration's linecache entry, unless a newer registration replaced it."""
    with _lock:
        entry: tuple[Any, ...] | None = linecache.cache.get(filename)
        if entry is not None and len(entry) > 2 and entry[2] is lines:
            del linecache.cache[filename]


def _bound(value: Decimal) -> int | Decimal:
    """A bound as an ``int`` when whole, which compares with ``int`` inputs faster and just as exactly."""
    return int(value) if value == value.to_integral_value() else value


class _Writer:
    """Writes one plan's checker; constants reach the code through its namespace, never as text."""

    def __init__(self, plan: ValidationPlan) -> None:
        self.plan = plan
        self.namespace: dict[str, Any] = {"_D": Decimal, "_ONE": ONE, "_ZERO": ZERO, "_dict": dict, "_int": int}
        self.namespace |= {"_float": float, "_repr": repr, "_len": len, "_SMALLEST": SMALLEST}
        self.lines: list[str] = []
        # Variables of the inputs every valid submission has; only these are used by inline checks.
        self.required = {check.name: f"v{k}" for k, check in enumerate(plan.inputs) if check.required}

    def constant(self, name: str, value: Any) -> str:
        """Put ``value`` in the namespace under ``name`` and return the name."""
        self.namespace[name] = value
        return name

    def source(self) -> tuple[str, dict[str, Any]]:
        """The function's source and the namespace it runs in."""
        plan = self.plan
        optional = any(not check.required for check in plan.inputs)
        self.lines = ["def check(raw):", "    if type(raw) is not _dict:", "        return None"]
        if optional:
            self.lines.append(f"    present = {len(self.required)}")  # required inputs are all there or rejected
        else:
            self.lines += [f"    if _len(raw) != {len(plan.inputs)}:", "        return None"]
        for k, check in enumerate(plan.inputs):
            self._input(k, check)
        if optional:
            self.lines += ["    if _len(raw) != present:", "        return None"]
        generic = self._inline_rules()
        self._values(optional)
        for j, rule in enumerate(generic):
            self.lines += [
                f"    if {self.constant(f'_RULE{j}', rule)}.check(values) is not None:",
                "        return None",
            ]
        self._ratios()
        self.lines.append("    return values")
        return "\n".join(self.lines) + "\n", self.namespace

    def _input(self, k: int, check: InputCheck) -> None:
        x, v = f"x{k}", f"v{k}"
        self.lines.append(f"    {x} = raw.get({check.name!r})")
        indent = "    "
        if not check.required:
            self.lines += [f"    if {x} is None:", f"        {v} = None", "    else:", "        present += 1"]
            indent = "        "
        for line in self._flag(x, v) if check.flag else self._number(k, check, x, v):
            self.lines.append(indent + line)

    @staticmethod
    def _flag(x: str, v: str) -> list[str]:
        return [
            f"if {x} is True:",
            f"    {v} = _ONE",
            f"elif {x} is False:",
            f"    {v} = _ZERO",
            "else:",
            "    return None",
        ]

    def _number(self, k: int, check: InputCheck, x: str, v: str) -> list[str]:
        lo, hi = self.constant(f"_LO{k}", check.low), self.constant(f"_HI{k}", check.high)
        ilo, ihi = self.constant(f"_ILO{k}", _bound(check.low)), self.constant(f"_IHI{k}", _bound(check.high))
        # An int is whole, and plausible when not zero: the plan's value test is then low <= x <= high,
        # compared as ints. Everything else is the plan's value test on the Decimal itself.
        lines = [
            f"if type({x}) is _int:",
            f"    if not {ilo} <= {x} <= {ihi}:",
            "        return None",
            f"    {v} = _D({x})",
        ]
        if not check.whole:  # a float count (3.0) is for the full parser, which names it
            lines += [
                f"elif type({x}) is _float:",
                f"    {v} = _D(_repr({x}))",  # as the full parser reads a float
                f"    if not ({v}.is_finite() and {value_test(v, lo, hi, check.whole)}):",
                "        return None",
            ]
        lines += [  # a host that keeps exact numbers hands over Decimals
            f"elif type({x}) is _D and {x}.is_finite() and {value_test(x, lo, hi, check.whole)}:",
            f"    {v} = {x}",
            "else:",
            "    return None",
        ]
        return lines

    def _inline_rules(self) -> list[Any]:
        """Write the plan's part-whole sums over required inputs inline; return the other rules."""
        generic: list[Any] = []
        req = self.required
        for step in self.plan.rules:
            if isinstance(step, SumCheck) and all(name in req for name in step.names()):
                # Several parts are added from zero, left to right, as the rule itself adds them.
                parts = [req[p] for p in step.parts]
                total = " + ".join(["_ZERO", *parts]) if step.summed else parts[0]
                self.lines += [f"    if {total} > {req[step.whole]}:", "        return None"]
            else:
                assert isinstance(step, SumCheck | CodeCheck)
                generic.append(step.rule)
        return generic

    def _values(self, optional: bool) -> None:
        """Build the values dict in declaration order, leaving out optional inputs not given."""
        inputs = self.plan.inputs
        if not optional:
            items = ", ".join(f"{check.name!r}: v{k}" for k, check in enumerate(inputs))
            self.lines.append(f"    values = {{{items}}}")
            return
        self.lines.append("    values = {}")
        for k, check in enumerate(inputs):
            if check.required:
                self.lines.append(f"    values[{check.name!r}] = v{k}")
            else:
                self.lines += [f"    if v{k} is not None:", f"        values[{check.name!r}] = v{k}"]

    def _ratios(self) -> None:
        req = self.required
        for r, ratio in enumerate(self.plan.ratios):
            zero, factor = self.constant(f"_IFZERO{r}", ratio.if_zero), self.constant(f"_SCALE{r}", ratio.scale)
            if ratio.numerator in req and ratio.denominator in req:
                n, d, indent = req[ratio.numerator], req[ratio.denominator], "    "
            else:
                self.lines += [
                    f"    n, d = values.get({ratio.numerator!r}), values.get({ratio.denominator!r})",
                    "    if n is not None and d is not None:",
                ]
                n, d, indent = "n", "d", "        "
            body = [
                "try:",
                f"    values[{ratio.name!r}] = {rate_expression(ratio.complement, n, d, zero, factor)}",
                "except ArithmeticError:",  # as the full validator: the rate is left out
                "    pass",
            ]
            self.lines += [indent + line for line in body]
