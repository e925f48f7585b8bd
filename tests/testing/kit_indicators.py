"""Indicators for the kit's own tests: well-behaved declarations and deliberately broken formulas."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from targetrule import (
    Attainment,
    CappedCompletion,
    Direction,
    Indicator,
    Input,
    Kind,
    Label,
    Parameter,
    PartsNotAboveWhole,
    PassFail,
    PerPoint,
    Ratio,
    Role,
)
from targetrule.formulas import Params

JOBS = Indicator(
    id="kit.jobs",
    area="kit",
    label=Label("新增就业", "new jobs"),
    reference="kit 1",
    unit="人",
    inputs=(
        Input("actual", Label("新增就业人数", "new jobs"), Kind.COUNT, better=Direction.HIGHER),
        Input("target", Label("目标", "target"), Kind.COUNT, Role.TARGET),
        Input("posts", Label("其中：公益性岗位", "of which: public posts"), Kind.COUNT, part_of="actual"),
    ),
    formula=CappedCompletion("actual", "target"),
)

PAID = Indicator(
    id="kit.paid",
    area="kit",
    label=Label("按时足额发放率", "paid on time"),
    reference="kit 2",
    unit="%",
    inputs=(
        Input("paid", Label("按时足额发放", "paid on time"), Kind.AMOUNT, unit="万元", better=Direction.HIGHER),
        Input("due", Label("应发放", "due"), Kind.AMOUNT, unit="万元"),
    ),
    derived=(Ratio("rate", Label("发放率", "rate paid"), "paid", "due"),),
    formula=PerPoint("rate"),
)

EXPORT = Indicator(
    id="kit.export",
    area="kit",
    label=Label("劳务输出", "labour export"),
    reference="kit 3",
    unit="人",
    inputs=(
        Input("actual", Label("劳务输出人数", "exported"), Kind.COUNT, better=Direction.HIGHER),
        Input("target", Label("目标", "target"), Kind.COUNT, Role.TARGET),
        Input("rural", Label("其中：农村劳动力", "of which: rural"), Kind.COUNT, required=False),
        Input("abroad", Label("其中：境外就业", "of which: abroad"), Kind.COUNT, required=False),
    ),
    rules=(PartsNotAboveWhole(("rural", "abroad"), "actual"),),
    formula=CappedCompletion("actual", "target"),
)

CENTRE = Indicator(
    id="kit.centre",
    area="kit",
    label=Label("数据中心建成", "data centre built"),
    reference="kit 4",
    unit="",
    inputs=(Input("built", Label("是否建成", "built"), Kind.FLAG, better=Direction.HIGHER),),
    formula=PassFail("built"),
)

SIGNING = Indicator(
    id="kit.signing",
    area="kit",
    label=Label("劳动合同签订率", "contract signing rate"),
    reference="kit 5",
    unit="%",
    inputs=(Input("rate", Label("签订率", "signing rate"), Kind.RATE, unit="%", better=Direction.HIGHER),),
    formula=PerPoint("rate"),
)

GOOD = (JOBS, PAID, EXPORT, CENTRE, SIGNING)


# --- deliberately broken formulas ----------------------------------------------------------------


@frozen
class _Broken:
    """Shared parts of the broken formulas: they read an actual and a target."""

    family: ClassVar[str] = "broken"
    parameters: ClassVar[Mapping[str, Parameter]] = {}
    actual: str = "actual"
    target: str = "target"

    def uses(self) -> tuple[str, ...]:
        """Reads the actual and the target."""
        return (self.actual, self.target)

    def directions(self) -> Mapping[str, Direction]:
        """Claims, like the real family, that more actual is better."""
        return {self.actual: Direction.HIGHER}

    def param_specs(self) -> Mapping[str, Parameter]:
        """No parameters."""
        return self.parameters

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """States the numbers."""
        a, t = facts["actual"], facts["target"]
        return Label(f"完成 {a} / 目标 {t}", f"actual {a} / target {t}")


@frozen
class Decreasing(_Broken):
    """Wrong way round: the more a region achieves, the lower it scores."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """``1 − actual / target`` within [0, 1]."""
        a, t = values[self.actual], values[self.target]
        ratio = Decimal(1) if t == 0 else a / t
        value = max(Decimal(0), min(Decimal(1), 1 - ratio))
        return Attainment(value, self, {"actual": a, "target": t})


@frozen
class Uncapped(_Broken):
    """Forgets the cap: over-completion scores above full marks."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """``actual / target``, never capped."""
        a, t = values[self.actual], values[self.target]
        return Attainment(Decimal(1) if t == 0 else a / t, self, {"actual": a, "target": t})


@frozen
class DividesByZero(_Broken):
    """Forgets that a target may be zero."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """``min(actual / target, 1)``: raises when the target is 0."""
        a, t = values[self.actual], values[self.target]
        return Attainment(min(a / t, Decimal(1)), self, {"actual": a, "target": t})


@frozen
class Silent(_Broken):
    """Explains nothing: the sentence has no numbers."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """The capped completion, correctly."""
        a, t = values[self.actual], values[self.target]
        return Attainment(Decimal(1) if t == 0 else min(a / t, Decimal(1)), self, {"actual": a, "target": t})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """No numbers at all."""
        return Label("已计分", "scored")


_calls = itertools.count()


@frozen
class Forgetful(_Broken):
    """Depends on how often it was called: every other call scores a little less."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Capped completion, minus 0.01 on odd calls."""
        a, t = values[self.actual], values[self.target]
        base = Decimal(1) if t == 0 else min(a / t, Decimal(1))
        value = max(Decimal(0), base - Decimal("0.01") * (next(_calls) % 2))
        return Attainment(value, self, {"actual": a, "target": t})


_sometimes = itertools.count()


@frozen
class Sometimes(_Broken):
    """Nondeterministic now and then: every third call scores a little less (a replay may not fail)."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Capped completion, minus 0.01 on every third call."""
        a, t = values[self.actual], values[self.target]
        base = Decimal(1) if t == 0 else min(a / t, Decimal(1))
        value = max(Decimal(0), base - Decimal("0.01") * (next(_sometimes) % 3 == 0))
        return Attainment(value, self, {"actual": a, "target": t})


@frozen
class Dice(_Broken):
    """Rolls dice: a random deduction of 0.01 about half the time."""

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Capped completion, minus 0.01 when ``random.random()`` is below 0.5."""
        a, t = values[self.actual], values[self.target]
        base = Decimal(1) if t == 0 else min(a / t, Decimal(1))
        value = max(Decimal(0), base - Decimal("0.01") * (random.random() < 0.5))
        return Attainment(value, self, {"actual": a, "target": t})


def with_formula(formula: object, indicator: Indicator = JOBS) -> Indicator:
    """``indicator`` re-declared with another formula."""
    import attrs

    return attrs.evolve(indicator, formula=formula)


DECREASING = with_formula(Decreasing())
UNCAPPED = with_formula(Uncapped())
DIVIDES_BY_ZERO = with_formula(DividesByZero())
SILENT = with_formula(Silent())
FORGETFUL = with_formula(Forgetful())
SOMETIMES = with_formula(Sometimes())
DICE = with_formula(Dice())
