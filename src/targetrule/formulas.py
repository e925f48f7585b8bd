"""Formula families: the reusable scoring rules found in real evaluation regulations.

A formula turns an indicator's validated values and the scheme's parameters into an
:class:`Attainment`: a share of full marks (normally 0-1, above 1 only where a ``cap`` above 1
allows an over-completion bonus) together with the numbers it used. The bilingual explanation is
rendered from those numbers only when someone reads it, so scoring stays cheap.

Every family is a frozen attrs class whose fields name the values it reads; its ``parameters``
are the defaults a scheme may override per indicator (``params = {cap = 1.2}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Protocol, runtime_checkable

from attrs import field, frozen

from targetrule.decimal_context import exact
from targetrule.indicator import Direction
from targetrule.rounding import HUNDRED, ONE, ZERO, fmt, fmt_plain
from targetrule.text import Label

Tiers = tuple[tuple[Decimal, Decimal], ...]
ParamValue = Decimal | Tiers
Params = Mapping[str, Any]


@frozen
class Parameter:
    """A formula parameter: its default and what it means."""

    default: ParamValue
    label: Label

    @property
    def is_tiers(self) -> bool:
        """True for a table of (threshold, attainment) rows rather than one number."""
        return isinstance(self.default, tuple)


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


def _pct(value: Decimal) -> str:
    return fmt(value * HUNDRED) + "%"


class _Family:
    """Shared behaviour of the built-in families."""

    parameters: ClassVar[Mapping[str, Parameter]] = {}

    def param_specs(self) -> Mapping[str, Parameter]:
        """The parameters this formula accepts, with their defaults."""
        return self.parameters


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """``min(actual / target, cap)``; 1 when the target is zero."""
        actual, target = values[self.actual], values[self.target]
        ratio = ONE if target == 0 else actual / target
        value = min(ratio, params["cap"])
        return Attainment(value, self, {"actual": actual, "target": target, "ratio": ratio, "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """完成 a / 目标 t = r%，得分率 v%."""
        a, t = fmt_plain(facts["actual"]), fmt_plain(facts["target"])
        if facts["target"] == 0:
            return Label(f"目标为 0，完成 {a}，得满分", f"target is 0 (actual {a}): full marks")
        r, v = _pct(facts["ratio"]), _pct(facts["value"])
        return Label(f"完成 {a} / 目标 {t} = {r}，得分率 {v}", f"actual {a} / target {t} = {r}, attainment {v}")


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Deduct per point below the standard; add per point above it, within the cap."""
        rate = values[self.rate]
        standard = values.get(self.standard_input, params["standard"]) if self.standard_input else params["standard"]
        gap = rate - standard
        if gap < 0:
            value = max(ZERO, ONE + gap * params["deduct_per_point"])
        else:
            value = max(ONE, min(ONE + gap * params["bonus_per_point"], params["cap"]))
        return Attainment(value, self, {"rate": rate, "standard": standard, "gap": gap, "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，标准 s%，差 g 个百分点，得分率 v%."""
        r, s, g, v = fmt(facts["rate"]), fmt(facts["standard"]), fmt(facts["gap"]), _pct(facts["value"])
        return Label(
            f"实际 {r}%，标准 {s}%，相差 {g} 个百分点，得分率 {v}",
            f"rate {r}% against a standard of {s}%: {g} points, attainment {v}",
        )


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Find the first band whose limit covers the shortfall."""
        actual, target = values[self.actual], values[self.target]
        shortfall = ZERO if target == 0 else max(ZERO, (target - actual) / target * HUNDRED)
        value = next((share for limit, share in params["bands"] if shortfall <= limit), ZERO)
        return Attainment(value, self, {"actual": actual, "target": target, "shortfall": shortfall, "value": value})

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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """The attainment of the highest tier the rate reaches."""
        rate = values[self.rate]
        value = next((share for threshold, share in params["tiers"] if rate >= threshold), params["floor"])
        return Attainment(value, self, {"rate": rate, "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，所在档次得分率 v%."""
        r, v = fmt(facts["rate"]), _pct(facts["value"])
        return Label(f"实际 {r}%，所在档次得分率 {v}", f"rate {r}% falls in the tier worth {v}")


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Full marks within the ceiling, deducting per point above it."""
        rate = values[self.rate]
        ceiling = values.get(self.ceiling_input, params["ceiling"]) if self.ceiling_input else params["ceiling"]
        over = max(ZERO, rate - ceiling)
        value = max(ZERO, ONE - over * params["deduct_per_point"])
        return Attainment(value, self, {"rate": rate, "ceiling": ceiling, "over": over, "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """实际 r%，控制上限 c%，超出 o 个百分点，得分率 v%."""
        r, c, o, v = fmt(facts["rate"]), fmt(facts["ceiling"]), fmt(facts["over"]), _pct(facts["value"])
        if facts["over"] == 0:
            return Label(
                f"实际 {r}%，在控制上限 {c}% 以内，得分率 {v}",
                f"rate {r}% is within the ceiling of {c}%: attainment {v}",
            )
        return Label(
            f"实际 {r}%，超出控制上限 {c}% 共 {o} 个百分点，得分率 {v}",
            f"rate {r}% is {o} points over the ceiling of {c}%: attainment {v}",
        )


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Proportional to the target decline; defined when last year was zero."""
        current, baseline, goal = values[self.current], values[self.baseline], params["target_decline"]
        if baseline == 0:
            decline = ZERO if current == 0 else -HUNDRED
            value = ONE if current == 0 else ZERO
        else:
            decline = (baseline - current) / baseline * HUNDRED
            value = (ONE if decline >= 0 else ZERO) if goal == 0 else max(ZERO, min(ONE, decline / goal))
        facts = {"current": current, "baseline": baseline, "decline": decline, "goal": goal, "value": value}
        return Attainment(value, self, facts)

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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """``max(0, 1 − count × per_item)``."""
        count = values[self.count]
        value = max(ZERO, ONE - count * params["per_item"])
        return Attainment(value, self, {"count": count, "per_item": params["per_item"], "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """发现问题 n 个，每个扣 p%，扣完为止，得分率 v%."""
        n, p, v = fmt_plain(facts["count"]), _pct(facts["per_item"]), _pct(facts["value"])
        return Label(
            f"发现问题 {n} 个，每个扣 {p}，扣完为止，得分率 {v}",
            f"{n} problems at {p} each, down to zero: attainment {v}",
        )


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

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """1 for yes, 0 for no."""
        value = ONE if values[self.flag] else ZERO
        return Attainment(value, self, {"flag": values[self.flag], "value": value})

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """达标/未达标."""
        if facts["value"]:
            return Label("已达到要求，得满分", "requirement met: full marks")
        return Label("未达到要求，不得分", "requirement not met: no marks")


@frozen
class Part:
    """One weighted part of a compound item; ``label`` names it in explanations (else ``name``)."""

    name: str
    formula: Formula
    weight: Decimal
    label: Label | None = None


@frozen
class Compound(_Family):
    """A compound item (a count and a rate in one item): the weighted mean of its parts.

    Each part's parameters are named ``<part>.<parameter>``, and its weight ``<part>.weight``,
    so a scheme can re-weight the parts without touching the plugin.
    """

    family: ClassVar[str] = "compound"
    parts: tuple[Part, ...]
    _splits: dict[int, tuple[Params, tuple[tuple[Formula, Params, Decimal, str, str], ...]]] = field(
        factory=dict, init=False, eq=False, repr=False
    )

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
            for name, spec in p.formula.param_specs().items():
                specs[f"{p.name}.{name}"] = spec
        return specs

    def score(self, values: Mapping[str, Decimal], params: Params) -> Attainment:
        """Σ weight × part attainment / Σ weight."""
        total_weight = ZERO
        weighted = ZERO
        facts: dict[str, Decimal] = {}
        for formula, part_params, weight, weight_key, prefix in self._split(params):
            sub = formula.score(values, part_params)
            total_weight += weight
            weighted += weight * sub.value
            facts[weight_key] = weight
            for key, fact in sub.facts.items():
                facts[prefix + key] = fact
        value = weighted / total_weight if total_weight else ZERO
        facts["value"] = value
        return Attainment(value, self, facts)

    def _split(self, params: Params) -> tuple[tuple[Formula, Params, Decimal, str, str], ...]:
        """Each part with its own parameters and weight; remembered per parameter table (they are fixed per scheme)."""
        cached = self._splits.get(id(params))
        if cached is not None and cached[0] is params:
            return cached[1]
        split = []
        for part in self.parts:
            prefix = part.name + "."
            own = {k[len(prefix) :]: v for k, v in params.items() if k.startswith(prefix)}
            split.append((part.formula, own, params[prefix + "weight"], prefix + "weight", prefix))
        if len(self._splits) > 64:  # a bound: tests and tools may score under many throwaway tables
            self._splits.clear()
        self._splits[id(params)] = (params, tuple(split))
        return tuple(split)

    def explain(self, facts: Mapping[str, Decimal]) -> Label:
        """Each part's sentence with its weight, then the weighted result."""
        zh, en = [], []
        for p in self.parts:
            prefix = p.name + "."
            sub = p.formula.explain({k[len(prefix) :]: v for k, v in facts.items() if k.startswith(prefix)})
            w = fmt_plain(facts[prefix + "weight"])
            name = p.label or Label(p.name, p.name)
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
