"""What an indicator's declaration says about its inputs: bounds, sub-items, numerators, sums.

Both the strategies (which draw only valid values) and the contract (which moves one input while
keeping the rest valid) read the declaration through this one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from attrs import frozen

from targetrule.indicator import Indicator, Input, Kind
from targetrule.rules import PartNotAboveWhole, PartsNotAboveWhole
from targetrule.validation import LARGEST

# Ceilings for inputs the declaration leaves open: large enough for a province, small enough to read.
COUNT_CEILING = Decimal(10_000_000)
AMOUNT_CEILING = Decimal(1_000_000)
OPEN_FLOOR = Decimal(-1_000)
CENT = Decimal("0.01")


@frozen
class Constraints:
    """The order relations the declaration implies between an indicator's inputs."""

    wholes: Mapping[str, tuple[str, ...]]  # input -> the inputs it must not exceed
    sums: tuple[tuple[tuple[str, ...], str], ...]  # (parts, whole): the parts together never exceed the whole
    order: tuple[str, ...]  # inputs in an order where every whole comes before its parts
    known_rules: int  # how many of the declared rules are expressed above (the rest are filtered)


def constraints(indicator: Indicator) -> Constraints:
    """Read the sub-items (``part_of``), the ratios and the part-whole rules of ``indicator``."""
    names = set(indicator.input_map)
    wholes: dict[str, list[str]] = {name: [] for name in indicator.input_map}
    pairs = [(i.name, i.part_of) for i in indicator.inputs if i.part_of]
    pairs += [(r.numerator, r.denominator) for r in indicator.derived]
    known = 0
    sums: list[tuple[tuple[str, ...], str]] = []
    for rule in indicator.rules:
        if isinstance(rule, PartNotAboveWhole):
            pairs.append((rule.part, rule.whole))
            known += 1
        elif isinstance(rule, PartsNotAboveWhole):
            if rule.whole in names and all(p in names for p in rule.parts):
                sums.append((tuple(rule.parts), rule.whole))
            known += 1
    for part, whole in pairs:
        if part in names and whole in names and whole not in wholes[part]:
            wholes[part].append(whole)
    for parts, whole in sums:
        for part in parts:
            if whole not in wholes[part]:
                wholes[part].append(whole)
    return Constraints({k: tuple(v) for k, v in wholes.items()}, tuple(sums), _wholes_first(indicator, wholes), known)


def _wholes_first(indicator: Indicator, wholes: Mapping[str, list[str]]) -> tuple[str, ...]:
    placed: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in placed or name in visiting:  # a cycle is left to the rule filter
            return
        visiting.add(name)
        for whole in wholes.get(name, ()):
            visit(whole)
        visiting.discard(name)
        placed.append(name)

    for spec in indicator.inputs:
        visit(spec.name)
    return tuple(placed)


def natural_bounds(spec: Input) -> tuple[Decimal, Decimal]:
    """The declared bounds of an input, closed where the declaration leaves them open."""
    ceiling = COUNT_CEILING if spec.kind is Kind.COUNT else AMOUNT_CEILING
    low = spec.minimum if spec.minimum is not None else OPEN_FLOOR
    high = spec.upper_bound if spec.upper_bound is not None else ceiling
    if spec.kind is Kind.FLAG:
        return max(low, Decimal(0)), min(high, Decimal(1))
    # Validation calls sizes beyond 10^15 implausible, whatever the declaration allows.
    return max(low, -LARGEST), min(high, LARGEST)


def room(indicator: Indicator, rel: Constraints, name: str, values: Mapping[str, Decimal]) -> tuple[Decimal, Decimal]:
    """How low and how high ``name`` may go with every other value held, keeping the input valid."""
    low, high = natural_bounds(indicator.input(name))
    for whole in rel.wholes[name]:
        if whole in values:
            high = min(high, values[whole])
    for other, its_wholes in rel.wholes.items():
        if name in its_wholes and other in values:
            low = max(low, values[other])
    for parts, whole in rel.sums:
        present = [p for p in parts if p in values]
        if name == whole and len(present) == len(parts):
            low = max(low, sum((values[p] for p in parts), Decimal(0)))
        elif name in parts and whole in values and all(p in values for p in parts if p != name):
            high = min(high, values[whole] - sum((values[p] for p in parts if p != name), Decimal(0)))
    return snap(indicator.input(name), low, high)


def snap(spec: Input, low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """Narrow a range to the values the input's kind can hold: whole numbers, or cents."""
    step = Decimal(1) if spec.kind in (Kind.COUNT, Kind.FLAG) else CENT
    return (
        (low / step).to_integral_value(ROUND_CEILING) * step,
        (high / step).to_integral_value(ROUND_FLOOR) * step,
    )


def step_of(spec: Input) -> Decimal:
    """The smallest move an input of this kind can make: one person, or one cent/hundredth of a point."""
    return Decimal(1) if spec.kind in (Kind.COUNT, Kind.FLAG) else CENT
