"""A formula family new in 2008: a control ceiling with deductions in steps (每超 0.1 个百分点扣 …).

2007 deducted in proportion to the excess over the ceiling; the 2008 rules count the excess in
steps of a tenth of a percentage point, each started step costing a fixed share of the item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any, ClassVar

from attrs import frozen

from targetrule import Attainment, Direction, Formula, Label, Parameter, hookimpl
from targetrule.rounding import fmt, fmt_plain

ONE, ZERO = Decimal(1), Decimal(0)


@frozen
class SteppedCeiling:
    """Full marks within the ceiling; above it, ``deduct_per_step`` per started ``step`` of excess, down to zero."""

    family: ClassVar[str] = "stepped_ceiling"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "ceiling": Parameter(Decimal("4.5"), Label("控制上限（%）", "ceiling (%)")),
        "step": Parameter(Decimal("0.1"), Label("每档的百分点数", "percentage points per step")),
        "deduct_per_step": Parameter(
            Decimal("0.125"), Label("每档扣减的得分率", "share of full marks deducted per started step")
        ),
    }
    rate: str
    ceiling_input: str | None = None

    def uses(self) -> tuple[str, ...]:
        """Reads the rate, and the ceiling when it is an input."""
        return (self.rate,) + ((self.ceiling_input,) if self.ceiling_input else ())

    def directions(self) -> Mapping[str, Direction]:
        """A lower rate is better."""
        return {self.rate: Direction.LOWER}

    def param_specs(self) -> Mapping[str, Parameter]:
        """Ceiling, step and deduction per step."""
        return self.parameters

    def score(self, values: Mapping[str, Decimal], params: Mapping[str, Any]) -> Attainment:
        """``max(0, 1 − ⌈excess / step⌉ × deduct_per_step)``; a step of 0 makes any excess one step."""
        rate = values[self.rate]
        ceiling = values[self.ceiling_input] if self.ceiling_input else params["ceiling"]
        step, per_step = params["step"], params["deduct_per_step"]
        over = max(ZERO, rate - ceiling)
        if over == 0:
            steps = ZERO
        elif step <= 0:
            steps = ONE
        else:
            steps = (over / step).to_integral_value(rounding=ROUND_CEILING)
        value = max(ZERO, ONE - steps * per_step)
        facts = {"rate": rate, "ceiling": ceiling, "over": over, "step": step, "steps": steps, "value": value}
        return Attainment(value, self, facts)

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，控制上限 c%，超出 o 个百分点（n 档），得分率 v%."""
        r, c, v = fmt(facts["rate"]), fmt(facts["ceiling"]), fmt(facts["value"] * 100) + "%"
        if facts["over"] == 0:
            return Label(f"实际 {r}%，在控制上限 {c}% 以内，得分率 {v}", f"rate {r}% within the ceiling of {c}%: {v}")
        o, n, s = fmt(facts["over"]), fmt_plain(facts["steps"]), fmt_plain(facts["step"])
        return Label(
            f"实际 {r}%，超出控制上限 {c}% 共 {o} 个百分点，按每 {s} 个百分点一档计 {n} 档，得分率 {v}",
            f"rate {r}% is {o} points over the ceiling of {c}%: {n} steps of {s} points, attainment {v}",
        )


@hookimpl
def targetrule_formula_families() -> Sequence[type[Formula]]:
    """Add ``stepped_ceiling``."""
    return [SteppedCeiling]
