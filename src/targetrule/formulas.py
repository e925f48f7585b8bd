"""Formula families: the reusable scoring rules found in real evaluation regulations.

A formula turns an indicator's validated values and the scheme's parameters into an
:class:`Attainment`: a share of full marks (normally 0-1, above 1 only where a ``cap`` above 1
allows an over-completion bonus) together with the numbers it used. The bilingual explanation is
rendered from those numbers only when someone reads it, so scoring stays cheap.

Every family is a frozen attrs class whose fields name the values it reads; its ``parameters``
are the defaults a scheme may override per indicator (``params = {cap = 1.2}``). A family may also
check its parameters (``check_params``) and state the highest attainment they allow
(``max_attainment``); the scheme loader calls both once per item, when the scheme loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Protocol, cast, runtime_checkable

from attrs import field, frozen

from targetrule.decimal_context import exact
from targetrule.indicator import Direction
from targetrule.rounding import HUNDRED, ONE, ZERO, fmt, fmt_plain
from targetrule.text import Label

Tiers = tuple[tuple[Decimal, Decimal], ...]
ParamValue = Decimal | Tiers | str | bool
Params = Mapping[str, Any]


@frozen
class Parameter:
    """A formula parameter: its default and what it means; the default's type is the parameter's type.

    A number (``Decimal``), a table of ``(threshold, attainment)`` rows (a tuple of pairs), a yes/no
    switch (``True``/``False``, written ``true``/``false`` in a scheme), or one of several words
    (``choices``). Bounds are the family's ``check_params`` (docs/parameters.md).
    """

    default: ParamValue
    label: Label
    choices: tuple[str, ...] = ()

    @property
    def is_tiers(self) -> bool:
        """True for a table of (threshold, attainment) rows rather than one number."""
        return isinstance(self.default, tuple)

    @property
    def is_switch(self) -> bool:
        """True for a yes/no switch (a ``bool`` default)."""
        return isinstance(self.default, bool)


@frozen
class Attainment:
    """The share of full marks a formula awarded, with the numbers it used to get there."""

    value: Decimal
    formula: Formula
    facts: Mapping[str, Decimal]

    @exact
    def explanation(self) -> Label:
        """The bilingual sentence that shows how the share was reached, from the real numbers."""
        return self.formula.explain(self.facts)


@runtime_checkable
class Formula(Protocol):
    """What every formula family provides."""

    family: ClassVar[str]
    parameters: ClassVar[Mapping[str, Parameter]]

    def uses(self) -> tuple[str, ...]:
        """The value names (inputs or derived ratios) this formula reads."""
        ...

    def directions(self) -> Mapping[str, Direction]:
        """For each value read, which way raises the attainment (others held fixed)."""
        ...

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Score validated values under resolved parameters."""
        ...

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """Render the explanation of an attainment from its facts."""
        ...

    def param_specs(self) -> Mapping[str, Parameter]:
        """The parameters this formula accepts (for compound formulas, prefixed by part)."""
        ...


@frozen
class ParamProblem:
    """A parameter outside its family's domain: the parameter's name and what is wrong, in both languages."""

    name: str
    problem: Label


@runtime_checkable
class ChecksParams(Protocol):
    """Optional for a family: it checks its own parameters when a scheme loads (third-party families may omit it)."""

    def check_params(self, params: Params) -> list[ParamProblem]:
        """Every problem with these resolved parameters (defaults and the scheme's values); empty when valid."""
        ...


def check_params(formula: Formula, params: Params) -> list[ParamProblem]:
    """The family's own check of ``params``, or no problems for a family that does not check."""
    method = getattr(formula, "check_params", None)
    return list(method(params)) if callable(method) else []


def max_attainment(formula: Formula, params: Params) -> Decimal:
    """The highest attainment ``formula`` can give under ``params``: the family's own answer, else ``max(1, cap)``."""
    method = getattr(formula, "max_attainment", None)
    if callable(method):
        result = method(params)
        if isinstance(result, Decimal) and result.is_finite():
            return result
    return _capped_at(params)


@runtime_checkable
class ScoresValue(Protocol):
    """Optional for a family: the attainment alone, without building the facts of its explanation.

    The engine scores with it and explains with :meth:`Formula.score`, so both must agree:
    ``score_value(values, params) == score(values, params).value`` (the built-ins share one body).
    """

    def score_value(self, values: Mapping[str, Decimal], params: Params) -> Decimal:
        """The attainment ``score(values, params)`` would give."""
        ...


def value_scorer(formula: Formula) -> Callable[[Mapping[str, Decimal], Params], Decimal] | None:
    """``formula``'s ``score_value``, when it gives what its ``score`` would; else None.

    A subclass that overrides ``score`` but inherits ``score_value`` (a plugin adapting a built-in
    family) is scored through its own ``score``: the inherited shortcut would skip the override.
    """
    method = getattr(formula, "score_value", None)
    if not callable(method):
        return None
    mro = type(formula).__mro__
    scores_at = next((c for c in mro if "score" in vars(c)), None)
    values_at = next((c for c in mro if "score_value" in vars(c)), None)
    if scores_at is None or values_at is None or not issubclass(values_at, scores_at):
        return None
    return cast("Callable[[Mapping[str, Decimal], Params], Decimal]", method)


def _capped_at(params: Params) -> Decimal:
    cap = params.get("cap")
    return max(ONE, cap) if isinstance(cap, Decimal) and cap.is_finite() else ONE


def _given(value: Decimal) -> str:
    """A figure someone set (a ceiling, a standard): two decimals, or all of its own when it has more (0.045)."""
    return fmt(value) if value == value.quantize(Decimal("0.01")) else fmt_plain(value)


def _pct(value: Decimal) -> str:
    return fmt(value * HUNDRED) + "%"


def _num(value: Decimal) -> str:
    return str(value)  # exact and context-free: these numbers are being checked, not yet trusted


class _Checks:
    """Collects parameter problems for one family check."""

    def __init__(self, params: Params) -> None:
        self.params = params
        self.problems: list[ParamProblem] = []

    def fail(self, name: str, zh: str, en: str) -> None:
        self.problems.append(ParamProblem(name, Label(zh, en)))

    def number(self, name: str) -> Decimal | None:
        """The parameter as a finite number, or None after reporting it."""
        value = self.params.get(name)
        if isinstance(value, Decimal) and value.is_finite():
            return value
        self.fail(name, f"应为数字，实为 {value!r}", f"expected a number, got {value!r}")
        return None

    def within(self, name: str, low: Decimal | None = None, high: Decimal | None = None) -> Decimal | None:
        """The parameter, reported unless ``low <= value <= high`` (either bound may be absent)."""
        value = self.number(name)
        if value is None:
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            zh, en = _range_text(low, high)
            self.fail(name, f"应为{zh}，实为 {_num(value)}", f"must be {en}, got {_num(value)}")
            return None
        return value

    def table(self, name: str) -> Tiers | None:
        """The parameter as a non-empty table of (number, number) rows, or None after reporting it."""
        value = self.params.get(name)
        if (
            isinstance(value, tuple)
            and value
            and all(
                isinstance(row, tuple) and len(row) == 2 and all(isinstance(x, Decimal) and x.is_finite() for x in row)
                for row in value
            )
        ):
            return value
        self.fail(name, "应为 [[阈值, 得分率], …]", "expected [[threshold, attainment], …]")
        return None

    def shares(self, name: str, rows: Tiers) -> None:
        """Each row's attainment within 0..1, never rising down the table; the first fault of each kind."""
        for k, (_, share) in enumerate(rows):
            if not ZERO <= share <= ONE:
                self.fail(
                    name,
                    f"第 {k + 1} 行的得分率应在 0 与 1 之间，实为 {_num(share)}",
                    f"row {k + 1}: the attainment must be between 0 and 1, got {_num(share)}",
                )
                return
        for k in range(1, len(rows)):
            if rows[k][1] > rows[k - 1][1]:
                self.fail(
                    name,
                    f"第 {k + 1} 行的得分率 {_num(rows[k][1])} 高于上一行的 {_num(rows[k - 1][1])}",
                    f"row {k + 1}: the attainment {_num(rows[k][1])} is above the previous row's "
                    f"{_num(rows[k - 1][1])}",
                )
                return

    def ordered(self, name: str, rows: Tiers, *, rising: bool, zh: str, en: str) -> bool:
        """True when the first column strictly rises (or falls); else the first fault is reported."""
        for k in range(1, len(rows)):
            before, here = rows[k - 1][0], rows[k][0]
            if (here <= before) if rising else (here >= before):
                order_zh, order_en = ("从小到大", "rise") if rising else ("从高到低", "fall")
                not_zh, not_en = ("不大于", "is not above") if rising else ("不低于", "is not below")
                self.fail(
                    name,
                    f"{zh}应{order_zh}排列且互不相同：第 {k + 1} 行的 {_num(here)} {not_zh}上一行的 {_num(before)}",
                    f"{en} must {order_en}, each distinct: row {k + 1} ({_num(here)}) {not_en} "
                    f"the previous row ({_num(before)})",
                )
                return False
        return True


def _range_text(low: Decimal | None, high: Decimal | None) -> tuple[str, str]:
    if low is not None and high is not None:
        return f" {_num(low)} 至 {_num(high)} 之间的数", f"between {_num(low)} and {_num(high)}"
    if low is not None:
        return f"不小于 {_num(low)} 的数", f"at least {_num(low)}"
    assert high is not None
    return f"不大于 {_num(high)} 的数", f"at most {_num(high)}"


class _Family:
    """Shared behaviour of the built-in families."""

    parameters: ClassVar[Mapping[str, Parameter]] = {}

    def param_specs(self) -> Mapping[str, Parameter]:
        """The parameters this formula accepts, with their defaults."""
        return self.parameters

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """The attainment with the facts that explain it (:meth:`score_value` telling its steps)."""
        facts: dict[str, Decimal] = {}
        return Attainment(self.score_value(values, params, facts), cast("Formula", self), facts)

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """The attainment alone; each family overrides it, and records its steps in ``facts`` when given."""
        raise NotImplementedError

    def check_params(self, params: Params) -> list[ParamProblem]:
        """Every problem with these parameters; the built-in families override it."""
        return []

    def max_attainment(self, params: Params) -> Decimal:
        """The highest attainment these parameters allow: ``cap`` when above 1, else 1."""
        return _capped_at(params)


_CAP = Parameter(
    Decimal(1),
    Label("得分率上限（大于 1 表示允许超额加分）", "attainment cap (above 1 allows an over-completion bonus)"),
)


@frozen
class CappedCompletion(_Family):
    """Proportional completion: ``actual / target``, capped (完成数/目标数 × 分值，满分为止).

    A zero target asked for nothing, so it scores full marks.
    """

    family: ClassVar[str] = "capped_completion"
    parameters: ClassVar[Mapping[str, Parameter]] = {"cap": _CAP}
    actual: str
    target: str

    def uses(self) -> tuple[str, ...]:
        """Reads the actual and the target."""
        return (self.actual, self.target)

    def directions(self) -> Mapping[str, Direction]:
        """More actual is better."""
        return {self.actual: Direction.HIGHER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """``min(actual / target, cap)``; 1 when the target is zero."""
        actual, target = values[self.actual], values[self.target]
        ratio = ONE if target == 0 else actual / target
        value: Decimal = min(ratio, params["cap"])
        if facts is not None:
            facts.update(actual=actual, target=target, ratio=ratio, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """完成 a / 目标 t = r%，得分率 v%."""
        a, t = fmt_plain(facts["actual"]), fmt_plain(facts["target"])
        if facts["target"] == 0:
            return Label(f"目标为 0，完成 {a}，得满分", f"target is 0 (actual {a}): full marks")
        r, v = _pct(facts["ratio"]), _pct(facts["value"])
        return Label(f"完成 {a} / 目标 {t} = {r}，得分率 {v}", f"actual {a} / target {t} = {r}, attainment {v}")

    def check_params(self, params: Params) -> list[ParamProblem]:
        """``cap`` at least 1 (full marks must be reachable)."""
        checks = _Checks(params)
        checks.within("cap", ONE)
        return checks.problems


@frozen
class PerPoint(_Family):
    """Linear deduction (and optional bonus) per percentage point against a standard rate.

    ``1 − (standard − rate) × deduct_per_point`` below the standard, down to zero (扣完为止);
    ``1 + (rate − standard) × bonus_per_point`` above it, up to ``cap``. The standard is the
    ``standard`` parameter, or the region's own target when ``standard_input`` names one and
    the region gave it.
    """

    family: ClassVar[str] = "per_point"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "standard": Parameter(Decimal(100), Label("标准（%）", "standard rate (%)")),
        "deduct_per_point": Parameter(
            Decimal("0.1"), Label("每低 1 个百分点扣减的得分率", "share of full marks deducted per point below")
        ),
        "bonus_per_point": Parameter(
            Decimal(0), Label("每高 1 个百分点增加的得分率", "share of full marks added per point above")
        ),
        "cap": _CAP,
    }
    rate: str
    standard_input: str | None = None

    def uses(self) -> tuple[str, ...]:
        """Reads the rate, and the standard when it is an input."""
        return (self.rate,) + ((self.standard_input,) if self.standard_input else ())

    def directions(self) -> Mapping[str, Direction]:
        """A higher rate is better."""
        return {self.rate: Direction.HIGHER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """Deduct per point below the standard; add per point above it, within the cap."""
        rate = values[self.rate]
        standard = values.get(self.standard_input, params["standard"]) if self.standard_input else params["standard"]
        gap = rate - standard
        value: Decimal
        if gap < 0:
            value = max(ZERO, ONE + gap * params["deduct_per_point"])
        else:
            value = max(ONE, min(ONE + gap * params["bonus_per_point"], params["cap"]))
        if facts is not None:
            facts.update(rate=rate, standard=standard, gap=gap, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，标准 s%，差 g 个百分点，得分率 v%."""
        r, s, g, v = fmt(facts["rate"]), fmt(facts["standard"]), fmt(facts["gap"]), _pct(facts["value"])
        return Label(
            f"实际 {r}%，标准 {s}%，相差 {g} 个百分点，得分率 {v}",
            f"rate {r}% against a standard of {s}%: {g} points, attainment {v}",
        )

    def check_params(self, params: Params) -> list[ParamProblem]:
        """``standard`` within 0..100, deductions and bonuses per point at least 0, ``cap`` at least 1."""
        checks = _Checks(params)
        checks.within("standard", ZERO, HUNDRED)
        checks.within("deduct_per_point", ZERO)
        checks.within("bonus_per_point", ZERO)
        checks.within("cap", ONE)
        return checks.problems


@frozen
class ShortfallBands(_Family):
    """Tiered bands of shortfall against the target (差 5% 以内得 90%，差 10% 以内得 70% …).

    ``bands`` is a table of (largest shortfall in percent, attainment), in rising shortfall;
    a shortfall beyond the last band scores zero; meeting the target scores full marks.
    """

    family: ClassVar[str] = "shortfall_bands"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "bands": Parameter(
            (
                (Decimal(0), ONE),
                (Decimal(5), Decimal("0.9")),
                (Decimal(10), Decimal("0.7")),
                (Decimal(20), Decimal("0.5")),
            ),
            Label("差距档次（差距百分比上限, 得分率）", "shortfall bands (largest shortfall %, attainment)"),
        ),
    }
    actual: str
    target: str

    def uses(self) -> tuple[str, ...]:
        """Reads the actual and the target."""
        return (self.actual, self.target)

    def directions(self) -> Mapping[str, Direction]:
        """More actual is better."""
        return {self.actual: Direction.HIGHER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """Find the first band whose limit covers the shortfall."""
        actual, target = values[self.actual], values[self.target]
        shortfall = ZERO if target == 0 else max(ZERO, (target - actual) / target * HUNDRED)
        value = next((share for limit, share in params["bands"] if shortfall <= limit), ZERO)
        if facts is not None:
            facts.update(actual=actual, target=target, shortfall=shortfall, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """完成 a / 目标 t，差距 s%，对应得分率 v%."""
        a, t, s, v = (
            fmt_plain(facts["actual"]),
            fmt_plain(facts["target"]),
            fmt(facts["shortfall"]),
            _pct(facts["value"]),
        )
        return Label(
            f"完成 {a} / 目标 {t}，差距 {s}%，对应得分率 {v}",
            f"actual {a} / target {t}: shortfall {s}%, band attainment {v}",
        )

    def check_params(self, params: Params) -> list[ParamProblem]:
        """Band limits at least 0 and strictly rising; attainments within 0..1, never rising."""
        checks = _Checks(params)
        bands = checks.table("bands")
        if bands is not None:
            negative = next((k for k, (limit, _) in enumerate(bands) if limit < 0), None)
            if negative is not None:
                limit = bands[negative][0]
                checks.fail(
                    "bands",
                    f"第 {negative + 1} 行的差距应不小于 0，实为 {_num(limit)}",
                    f"row {negative + 1}: the shortfall must be at least 0, got {_num(limit)}",
                )
            elif checks.ordered("bands", bands, rising=True, zh="差距", en="shortfalls"):
                checks.shares("bands", bands)
        return checks.problems


@frozen
class ThresholdTiers(_Family):
    """Threshold tiers for a rate (达到 95% 得满分，90% 得 80% …); below every tier: ``floor``."""

    family: ClassVar[str] = "threshold_tiers"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "tiers": Parameter(
            ((Decimal(95), ONE), (Decimal(90), Decimal("0.8")), (Decimal(80), Decimal("0.5"))),
            Label("档次（达到的比率 %, 得分率），从高到低", "tiers (rate reached %, attainment), highest first"),
        ),
        "floor": Parameter(ZERO, Label("低于所有档次时的得分率", "attainment below every tier")),
    }
    rate: str

    def uses(self) -> tuple[str, ...]:
        """Reads the rate."""
        return (self.rate,)

    def directions(self) -> Mapping[str, Direction]:
        """A higher rate is better."""
        return {self.rate: Direction.HIGHER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """The attainment of the highest tier the rate reaches."""
        rate = values[self.rate]
        value: Decimal = next((share for threshold, share in params["tiers"] if rate >= threshold), params["floor"])
        if facts is not None:
            facts.update(rate=rate, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，所在档次得分率 v%."""
        r, v = fmt(facts["rate"]), _pct(facts["value"])
        return Label(f"实际 {r}%，所在档次得分率 {v}", f"rate {r}% falls in the tier worth {v}")

    def check_params(self, params: Params) -> list[ParamProblem]:
        """Thresholds strictly falling; attainments within 0..1, never rising; ``floor`` within 0..the lowest tier's."""
        checks = _Checks(params)
        tiers = checks.table("tiers")
        if tiers is not None and checks.ordered("tiers", tiers, rising=False, zh="阈值", en="thresholds"):
            checks.shares("tiers", tiers)
        lowest = tiers[-1][1] if tiers is not None and ZERO <= tiers[-1][1] <= ONE else ONE
        checks.within("floor", ZERO, lowest)
        return checks.problems


@frozen
class ControlCeiling(_Family):
    """A lower-is-better rate held under a ceiling (控制在 4.5% 以内).

    Within the ceiling: full marks; above it, ``deduct_per_point`` of full marks per percentage
    point over, down to zero. The ceiling is the region's own target when ``ceiling_input``
    names one and the region gave it, else the ``ceiling`` parameter.
    """

    family: ClassVar[str] = "control_ceiling"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "ceiling": Parameter(Decimal("4.5"), Label("控制上限（%）", "ceiling (%)")),
        "deduct_per_point": Parameter(
            ONE, Label("每超出 1 个百分点扣减的得分率", "share of full marks deducted per point over")
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

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """Full marks within the ceiling, deducting per point above it."""
        rate = values[self.rate]
        ceiling = values.get(self.ceiling_input, params["ceiling"]) if self.ceiling_input else params["ceiling"]
        over = max(ZERO, rate - ceiling)
        value: Decimal = max(ZERO, ONE - over * params["deduct_per_point"])
        if facts is not None:
            facts.update(rate=rate, ceiling=ceiling, over=over, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，控制上限 c%，超出 o 个百分点，得分率 v%."""
        r, c, o, v = fmt(facts["rate"]), _given(facts["ceiling"]), fmt(facts["over"]), _pct(facts["value"])
        if facts["over"] == 0:
            return Label(
                f"实际 {r}%，在控制上限 {c}% 以内，得分率 {v}",
                f"rate {r}% is within the ceiling of {c}%: attainment {v}",
            )
        return Label(
            f"实际 {r}%，超出控制上限 {c}% 共 {o} 个百分点，得分率 {v}",
            f"rate {r}% is {o} points over the ceiling of {c}%: attainment {v}",
        )

    def check_params(self, params: Params) -> list[ParamProblem]:
        """``ceiling`` within 0..100, ``deduct_per_point`` at least 0."""
        checks = _Checks(params)
        checks.within("ceiling", ZERO, HUNDRED)
        checks.within("deduct_per_point", ZERO)
        return checks.problems


@frozen
class DeclineRate(_Family):
    """Decline against last year (下降率), scored against a target decline.

    ``decline = (baseline − current) / baseline × 100``; attainment ``decline / target_decline``
    within 0-1. Last year zero: still zero this year scores full marks, any case scores zero.
    """

    family: ClassVar[str] = "decline_rate"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "target_decline": Parameter(Decimal(10), Label("目标下降率（%）", "target decline (%)")),
    }
    current: str
    baseline: str

    def uses(self) -> tuple[str, ...]:
        """Reads this year's and last year's figures."""
        return (self.current, self.baseline)

    def directions(self) -> Mapping[str, Direction]:
        """Fewer this year is better."""
        return {self.current: Direction.LOWER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """Proportional to the target decline; defined when last year was zero."""
        current, baseline, goal = values[self.current], values[self.baseline], params["target_decline"]
        if baseline == 0:
            decline = ZERO if current == 0 else -HUNDRED
            value = ONE if current == 0 else ZERO
        else:
            decline = (baseline - current) / baseline * HUNDRED
            value = (ONE if decline >= 0 else ZERO) if goal == 0 else max(ZERO, min(ONE, decline / goal))
        if facts is not None:
            facts.update(current=current, baseline=baseline, decline=decline, goal=goal, value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """上年 b，本年 c，下降 d%（目标 g%），得分率 v%."""
        b, c, v = fmt_plain(facts["baseline"]), fmt_plain(facts["current"]), _pct(facts["value"])
        if facts["baseline"] == 0:
            return Label(f"上年为 0，本年 {c}，得分率 {v}", f"last year 0, this year {c}: attainment {v}")
        d, g = fmt(facts["decline"]), fmt(facts["goal"])
        return Label(
            f"上年 {b}，本年 {c}，下降 {d}%（目标下降 {g}%），得分率 {v}",
            f"last year {b}, this year {c}: decline {d}% (target {g}%), attainment {v}",
        )

    def check_params(self, params: Params) -> list[ParamProblem]:
        """``target_decline`` within 0..100 (a decline cannot exceed 100%)."""
        checks = _Checks(params)
        checks.within("target_decline", ZERO, HUNDRED)
        return checks.problems


@frozen
class DeductUntilZero(_Family):
    """Deduct a share of full marks per problem found, until the item reaches zero (扣完为止)."""

    family: ClassVar[str] = "deduct_until_zero"
    parameters: ClassVar[Mapping[str, Parameter]] = {
        "per_item": Parameter(
            Decimal("0.2"), Label("每个问题扣减的得分率", "share of full marks deducted per problem")
        ),
    }
    count: str

    def uses(self) -> tuple[str, ...]:
        """Reads the number of problems found."""
        return (self.count,)

    def directions(self) -> Mapping[str, Direction]:
        """Fewer problems is better."""
        return {self.count: Direction.LOWER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """``max(0, 1 − count × per_item)``."""
        count = values[self.count]
        value: Decimal = max(ZERO, ONE - count * params["per_item"])
        if facts is not None:
            facts.update(count=count, per_item=params["per_item"], value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """发现问题 n 个，每个扣 p%，扣完为止，得分率 v%."""
        n, p, v = fmt_plain(facts["count"]), _pct(facts["per_item"]), _pct(facts["value"])
        return Label(
            f"发现问题 {n} 个，每个扣 {p}，扣完为止，得分率 {v}",
            f"{n} problems at {p} each, down to zero: attainment {v}",
        )

    def check_params(self, params: Params) -> list[ParamProblem]:
        """``per_item`` at least 0."""
        checks = _Checks(params)
        checks.within("per_item", ZERO)
        return checks.problems


@frozen
class PassFail(_Family):
    """Pass or fail on a yes/no input: full marks or nothing."""

    family: ClassVar[str] = "pass_fail"
    flag: str

    def uses(self) -> tuple[str, ...]:
        """Reads the flag."""
        return (self.flag,)

    def directions(self) -> Mapping[str, Direction]:
        """Yes is better than no."""
        return {self.flag: Direction.HIGHER}

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """1 for yes, 0 for no."""
        value = ONE if values[self.flag] else ZERO
        if facts is not None:
            facts.update(flag=values[self.flag], value=value)
        return value

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """达标/未达标."""
        if facts["value"]:
            return Label("已达到要求，得满分", "requirement met: full marks")
        return Label("未达到要求，不得分", "requirement not met: no marks")


@frozen
class Part:
    """One weighted part of a compound item; ``label`` names it in explanations (else ``name``).

    ``applies_if`` names the input a rate of this part is divided by (培训人数 for 培训后就业率): when it
    is zero the rate is 0 ÷ 0, the part is not applicable, and the part's ``not_applicable``
    parameter says what happens (:data:`NOT_APPLICABLE`).
    """

    name: str
    formula: Formula
    weight: Decimal
    label: Label | None = None
    applies_if: str | None = None


#: What a part that does not apply (0 ÷ 0) gets: its weight moves to the item's other parts, it scores
#: zero, or full marks; a scheme chooses (``not_applicable``), the explanation says which.
NOT_APPLICABLE: tuple[str, ...] = ("reweight", "zero", "full")
_NOT_APPLICABLE_DEFAULT = "full"  # what a 0 ÷ 0 rate (Ratio.if_zero = 100) gave before schemes could choose
_NOT_APPLICABLE_PARAM = Parameter(
    _NOT_APPLICABLE_DEFAULT,
    Label(
        "分母为 0 时（不适用）：reweight 权重移至其他部分，zero 计 0 分，full 计满分",
        "when the denominator is 0 (not applicable): reweight moves the weight to the other parts, "
        "zero scores 0, full scores full marks",
    ),
    NOT_APPLICABLE,
)
_NA_TEXT = {
    "reweight": ("权重移至其他部分", "its weight moves to the other parts"),
    "zero": ("计 0 分", "it scores 0"),
    "full": ("计满分", "it scores full marks"),
}


# A compound's part as scored: its formula, own parameters, weight, weight's and facts' keys, value scorer.
_PartSplit = tuple[Formula, Params, Decimal, str, str, "Callable[[Mapping[str, Decimal], Params], Decimal] | None"]


@frozen
class Compound(_Family):
    """A compound item (a count and a rate in one item): the weighted mean of its parts.

    Each part's parameters are named ``<part>.<parameter>``, and its weight ``<part>.weight``,
    so a scheme can re-weight the parts without touching the plugin.
    """

    family: ClassVar[str] = "compound"
    parts: tuple[Part, ...]
    _splits: dict[int, tuple[Params, tuple[_PartSplit, ...]]] = field(factory=dict, init=False, eq=False, repr=False)

    def uses(self) -> tuple[str, ...]:
        """Every value any part reads."""
        return tuple(dict.fromkeys(name for p in self.parts for name in p.formula.uses()))

    def directions(self) -> Mapping[str, Direction]:
        """The union of the parts' directions."""
        merged: dict[str, Direction] = {}
        for p in self.parts:
            merged.update(p.formula.directions())
        return merged

    def param_specs(self) -> Mapping[str, Parameter]:
        """Each part's parameters prefixed by the part's name, plus one weight per part."""
        specs: dict[str, Parameter] = {}
        for p in self.parts:
            specs[f"{p.name}.weight"] = Parameter(p.weight, Label(f"{p.name} 的权重", f"weight of {p.name}"))
            if p.applies_if:
                specs[f"{p.name}.not_applicable"] = _NOT_APPLICABLE_PARAM
            for name, spec in p.formula.param_specs().items():
                specs[f"{p.name}.{name}"] = spec
        return specs

    def check_params(self, params: Params) -> list[ParamProblem]:
        """At least one part, distinct part names, weights at least 0 and not all 0; each part checks its own."""
        checks = _Checks(params)
        names = [p.name for p in self.parts]
        if not names:
            checks.fail("parts", "至少需要一个组成部分", "at least one part is needed")
        for name in sorted({n for n in names if names.count(n) > 1}):
            checks.fail("parts", f"组成部分 {name} 重复", f"part {name} appears twice")
        weights = [checks.within(f"{p.name}.weight", ZERO) for p in self.parts]
        if names and all(w == 0 for w in weights):
            checks.fail(f"{names[0]}.weight", "各部分的权重不能全为 0", "the parts' weights cannot all be 0")
        for part in self.parts:
            prefix = part.name + "."
            own = {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}
            if part.applies_if and own.get("not_applicable", _NOT_APPLICABLE_DEFAULT) not in NOT_APPLICABLE:
                shown = own.get("not_applicable")
                checks.fail(
                    prefix + "not_applicable",
                    f"应为 {'、'.join(NOT_APPLICABLE)} 之一，实为 {shown!r}",
                    f"must be one of {', '.join(NOT_APPLICABLE)}, got {shown!r}",
                )
            own.pop("not_applicable", None)
            for problem in check_params(part.formula, own):
                checks.problems.append(ParamProblem(prefix + problem.name, problem.problem))
        return checks.problems

    def max_attainment(self, params: Params) -> Decimal:
        """The highest of the parts' highest attainments (a weighted mean never exceeds its largest part)."""
        highest = ONE
        for part in self.parts:
            prefix = part.name + "."
            own = {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}
            own.pop("not_applicable", None)
            highest = max(highest, max_attainment(part.formula, own))
        return highest

    def score_value(
        self, values: Mapping[str, Decimal], params: Params, facts: dict[str, Decimal] | None = None
    ) -> Decimal:
        """Σ weight × part attainment / Σ weight; a part that does not apply as its ``not_applicable`` says.

        Each part's facts are recorded under its prefix when asked.
        """
        total_weight = ZERO
        weighted = ZERO
        split = self._split(params)
        for part, (formula, part_params, weight, weight_key, prefix, scorer) in zip(self.parts, split, strict=True):
            if facts is not None:
                facts[weight_key] = weight
            if part.applies_if and values.get(part.applies_if) == 0:
                mode = params.get(prefix + "not_applicable", _NOT_APPLICABLE_DEFAULT)
                if facts is not None:
                    facts[prefix + "not_applicable"] = Decimal(NOT_APPLICABLE.index(mode))
                    for k, name in enumerate(formula.uses()):  # shown, so the explanation hides nothing it read
                        if name in values:
                            facts[f"{prefix}read.{k}"] = values[name]
                if mode == "reweight":
                    continue
                total_weight += weight
                weighted += weight * (ONE if mode == "full" else ZERO)
                continue
            if facts is None:
                share = scorer(values, part_params) if scorer is not None else formula.score(values, part_params).value
            else:
                sub = formula.score(values, part_params)
                share = sub.value
                for key, fact in sub.facts.items():
                    facts[prefix + key] = fact
            total_weight += weight
            weighted += weight * share
        value = weighted / total_weight if total_weight else ZERO
        if facts is not None:
            facts["value"] = value
        return value

    def _split(self, params: Params) -> tuple[_PartSplit, ...]:
        """Each part with its own parameters and weight; remembered per parameter table (they are fixed per scheme)."""
        cached = self._splits.get(id(params))
        if cached is not None and cached[0] is params:
            return cached[1]
        split = []
        for part in self.parts:
            prefix = part.name + "."
            own = {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}
            own.pop("not_applicable", None)  # the compound's own, not the part formula's
            scorer = value_scorer(part.formula)
            split.append((part.formula, own, params[prefix + "weight"], prefix + "weight", prefix, scorer))
        if len(self._splits) > 64:  # a bound: tests and tools may score under many throwaway tables
            self._splits.clear()
        self._splits[id(params)] = (params, tuple(split))
        return tuple(split)

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """Each part's sentence with its weight, then the weighted result."""
        zh, en = [], []
        for p in self.parts:
            prefix = p.name + "."
            w = fmt_plain(facts[prefix + "weight"])
            name = p.label or Label(p.name, p.name)
            mode = facts.get(prefix + "not_applicable")
            if mode is not None:
                what_zh, what_en = _NA_TEXT[NOT_APPLICABLE[int(mode)]]
                read = [fmt_plain(v) for k, v in sorted(facts.items()) if k.startswith(prefix + "read.")]
                shown_zh = f"，所读数值 {'、'.join(read)} 不计" if read else ""
                shown_en = f"; the values read ({', '.join(read)}) do not count" if read else ""
                sub = Label(
                    f"分母为 0（0 ÷ 0{shown_zh}），不适用，按方案{what_zh}",
                    f"the denominator is 0 (0 ÷ 0{shown_en}): not applicable, and under the scheme {what_en}",
                )
            else:
                sub = p.formula.explain({k[len(prefix) :]: v for k, v in facts.items() if k.startswith(prefix)})
            zh.append(f"［{name.zh}，权重 {w}］{sub.zh}")
            en.append(f"[{name.en}, weight {w}] {sub.en}")
        v = _pct(facts["value"])
        return Label("；".join(zh) + f"；加权得分率 {v}", "; ".join(en) + f"; weighted attainment {v}")


BUILTIN_FAMILIES: Sequence[type[Formula]] = (
    CappedCompletion,
    PerPoint,
    ShortfallBands,
    ThresholdTiers,
    ControlCeiling,
    DeclineRate,
    DeductUntilZero,
    PassFail,
    Compound,
)
