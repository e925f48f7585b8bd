"""Validation rules over several inputs of one indicator; a broken rule is a finding."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol, runtime_checkable

from attrs import frozen


@frozen
class Breach:
    """What a rule saw when it was broken: the code, the inputs involved and the details."""

    code: str
    input: str
    details: Mapping[str, str]


@runtime_checkable
class Rule(Protocol):
    """A check over an indicator's parsed values; returns a breach or None."""

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Return a :class:`Breach` when the rule is broken, else ``None``."""
        ...


@frozen
class PartNotAboveWhole:
    """A sub-item (其中) or a numerator never exceeds its total or denominator."""

    part: str
    whole: str

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Breached when both values are present and the part is larger than the whole."""
        part, whole = values.get(self.part), values.get(self.whole)
        if part is None or whole is None or part <= whole:
            return None
        return Breach(
            "rule.part_exceeds_whole",
            self.part,
            {"part": self.part, "whole": self.whole, "part_value": str(part), "whole_value": str(whole)},
        )


@frozen
class PartsNotAboveWhole:
    """Several sub-items together never exceed their total."""

    parts: tuple[str, ...]
    whole: str

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Breached when all values are present and the parts add up to more than the whole."""
        if self.whole not in values or any(p not in values for p in self.parts):
            return None
        total = sum((values[p] for p in self.parts), Decimal(0))
        if total <= values[self.whole]:
            return None
        return Breach(
            "rule.part_exceeds_whole",
            self.parts[0],
            {
                "part": " + ".join(self.parts),
                "whole": self.whole,
                "part_value": str(total),
                "whole_value": str(values[self.whole]),
            },
        )
