"""The goalposts family: ``(x − lowest) / (highest − lowest)`` within 0–1, optionally on natural logarithms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from attrs import frozen

from targetrule import Attainment, Direction, Label, Parameter, hookimpl
from targetrule.formulas import ParamProblem


@frozen
class Goalposts:
    """A value between two goalposts as a share of full marks; each indicator gives its own goalposts."""

    family: ClassVar[str] = "goalposts"
    value: str
    lowest: Decimal = Decimal(0)
    highest: Decimal = Decimal(100)
    logarithm: bool = False

    def uses(self) -> tuple[str, ...]:
        """Reads one input."""
        return (self.value,)

    def directions(self) -> Mapping[str, Direction]:
        """More is better."""
        return {self.value: Direction.HIGHER}

    def param_specs(self) -> Mapping[str, Parameter]:
        """The goalposts and the logarithm switch, with this indicator's defaults."""
        return {
            "lowest": Parameter(self.lowest, Label("下限（得 0）", "lowest goalpost (scores 0)")),
            "highest": Parameter(self.highest, Label("上限（得满分）", "highest goalpost (full marks)")),
            "logarithm": Parameter(self.logarithm, Label("是否取自然对数", "on natural logarithms")),
        }

    def check_params(self, params: Mapping[str, Any]) -> list[ParamProblem]:
        """``lowest`` below ``highest``; above 0 on logarithms."""
        low, high = params["lowest"], params["highest"]
        problems = []
        if not low < high:
            problems.append(ParamProblem("highest", Label(f"应大于下限 {low}", f"must be above the lowest, {low}")))
        if params["logarithm"] and not low > 0:
            problems.append(ParamProblem("lowest", Label("取对数时应大于 0", "must be above 0 on logarithms")))
        return problems

    def score(self, values: Mapping[str, Decimal], params: Mapping[str, Any]) -> Attainment:
        """The share between the goalposts, with the numbers that explain it."""
        x, low, high = values[self.value], params["lowest"], params["highest"]
        clipped = min(max(x, low), high)
        if params["logarithm"]:
            share = (clipped.ln() - low.ln()) / (high.ln() - low.ln())
        else:
            share = (clipped - low) / (high - low)
        facts = {"x": x, "lowest": low, "highest": high, "log": Decimal(bool(params["logarithm"])), "share": share}
        return Attainment(share, self, facts)

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """(x − lowest) / (highest − lowest) = share, or the same on logarithms."""
        x, low, high, share = facts["x"], facts["lowest"], facts["highest"], round(facts["share"], 4)
        if facts["log"]:
            text = f"(ln {x} − ln {low}) / (ln {high} − ln {low}) = {share}"
        else:
            text = f"({x} − {low}) / ({high} − {low}) = {share}"
        return Label(f"得分率 {text}", f"attainment {text}")


@hookimpl
def targetrule_formula_families() -> Sequence[type]:
    """Add the goalposts family."""
    return [Goalposts]
