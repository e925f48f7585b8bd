"""Indicator declarations: what a plugin says about one evaluation item (分项)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import field, frozen

from targetrule.rules import PartNotAboveWhole, Rule
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.formulas import Formula


class Direction(enum.Enum):
    """Which way is better for an indicator or an input."""

    HIGHER = "higher"
    LOWER = "lower"


class Role(enum.Enum):
    """Where an input's value comes from."""

    ACTUAL = "actual"  # reported by the region (实际完成)
    TARGET = "target"  # from the target responsibility statement (目标责任状)
    BASELINE = "baseline"  # last year's figure (上年)


class Kind(enum.Enum):
    """What sort of number an input holds; decides parsing and default bounds."""

    COUNT = "count"  # people, projects, communities: whole numbers >= 0
    AMOUNT = "amount"  # money in the stated unit (e.g. 万元): >= 0, decimals allowed
    QUANTITY = "quantity"  # any other measure in the stated unit (years, a ratio, an index): decimals allowed
    RATE = "rate"  # a percentage, 0-100 unless declared otherwise
    FLAG = "flag"  # yes/no, stored as 1/0


_DEFAULT_MAXIMUM = {Kind.RATE: Decimal(100), Kind.FLAG: Decimal(1)}


@frozen
class Input:
    """A typed, named value an indicator needs, with its role, unit and bounds.

    ``unit`` is shown beside the value (``万元``, ``years``, ``%``); ``minimum`` defaults to 0 (``None``
    allows any value), ``maximum`` to the kind's natural one (100 for a rate, 1 for a flag, none otherwise).
    """

    name: str
    label: Label
    kind: Kind = Kind.COUNT
    role: Role = Role.ACTUAL
    unit: str = ""
    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None
    required: bool = True
    part_of: str | None = None  # a sub-item (其中) of this other input; never exceeds it
    better: Direction | None = None  # which way improves the score, other inputs held fixed

    @property
    def upper_bound(self) -> Decimal | None:
        """The declared maximum, or the kind's natural one (100 for a rate, 1 for a flag)."""
        return self.maximum if self.maximum is not None else _DEFAULT_MAXIMUM.get(self.kind)


@frozen
class Ratio:
    """A rate the indicator computes from two of its inputs, so rates are never averaged.

    ``value = numerator / denominator × scale``; when the denominator is zero the value is
    ``if_zero`` (for example 100: nothing was due, so nothing was missed). With ``complement``
    the value is the share *not* in the numerator, ``(denominator − numerator) / denominator × scale``
    (合规率 = (全部基金 − 不合规金额) ÷ 全部基金).
    """

    name: str
    label: Label
    numerator: str
    denominator: str
    scale: Decimal = Decimal(100)
    if_zero: Decimal = Decimal(100)
    unit: str = "%"
    complement: bool = False


@frozen
class Department:
    """The department answerable for an item (牵头部门), e.g. the provincial labour and social security department."""

    id: str
    label: Label


@frozen
class Indicator:
    """A frozen declaration of one evaluation item: inputs, rules, formula and direction."""

    id: str
    area: str
    label: Label
    reference: str  # the clause of the source document, e.g. "一（一）1"
    unit: str
    inputs: tuple[Input, ...]
    formula: Formula
    direction: Direction = Direction.HIGHER
    derived: tuple[Ratio, ...] = ()
    rules: tuple[Rule, ...] = ()
    description: Label | None = None
    department: Department | None = None  # 牵头部门: who answers for the item (None: not declared)
    input_map: dict[str, Input] = field(init=False, eq=False, repr=False)
    _checks: tuple[Rule, ...] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "input_map", {i.name: i for i in self.inputs})
        implied: list[Rule] = [PartNotAboveWhole(i.name, i.part_of) for i in self.inputs if i.part_of]
        implied += [PartNotAboveWhole(r.numerator, r.denominator) for r in self.derived]
        object.__setattr__(self, "_checks", (*implied, *self.rules))

    def input(self, name: str) -> Input:
        """Return the input called ``name``."""
        return self.input_map[name]

    def all_rules(self) -> tuple[Rule, ...]:
        """The declared rules plus one part-not-above-whole rule per sub-item and ratio."""
        return self._checks

    def names(self) -> tuple[str, ...]:
        """Every value name the formula may use: inputs, then derived ratios."""
        return tuple(i.name for i in self.inputs) + tuple(r.name for r in self.derived)
