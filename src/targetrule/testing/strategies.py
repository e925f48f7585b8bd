"""Hypothesis strategies derived from an indicator's own declaration, and from a whole scheme.

Everything here is read off the declaration: each input's kind, role and bounds, its sub-items
(``part_of``), the ratios' numerators and denominators, the part-whole rules and which inputs are
required. Valid strategies draw only what validation must accept; the invalid ones draw each kind
of mistake the declaration rules out, tagged with the finding code validation must report.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from attrs import frozen
from hypothesis import assume
from hypothesis import strategies as st

from targetrule.indicator import Indicator, Input, Kind
from targetrule.rules import PartNotAboveWhole
from targetrule.scheme import Scheme
from targetrule.testing._constraints import constraints, natural_bounds, room, snap, step_of
from targetrule.validation import parse_value

Raw = dict[str, Any]


@frozen
class InvalidCase:
    """An invalid raw input for one indicator, and the finding validation must report for it."""

    kind: str  # the sort of mistake, one of INVALID_KINDS
    raw: Any  # what is passed as the indicator's data
    code: str  # the finding code validation must report
    input: str | None  # the input the finding must name (None: the indicator as a whole)
    note: str  # what was done, for the failure message


INVALID_KINDS: tuple[str, ...] = (
    "not_finite",
    "text",
    "wrong_type",
    "below_minimum",
    "not_integer",
    "above_maximum",
    "not_flag",
    "part_above_whole",
    "numerator_above_denominator",
    "parts_above_whole",
    "missing",
    "null",
    "unknown_input",
    "indicator_missing",
    "not_an_object",
)
"""Every kind of invalid input :func:`invalid_inputs` can draw."""

_NOT_FINITE: tuple[Any, ...] = (math.nan, math.inf, -math.inf, "NaN", "nan", "Infinity", "-inf", "sNaN", Decimal("NaN"))
_TEXT: tuple[str, ...] = ("", " ", "abc", "十二", "N/A", "—", "1.2.3", "约5000", "5000人", "95%%")
_TEXT_ALPHABET = "bcdgjkmopqruvwxz十二万人元约"  # no letter of nan, inf, infinity, snan or an exponent
_WRONG_TYPE: tuple[Any, ...] = (True, False, [1], [], {"value": 1}, {})
_NOT_FLAG: tuple[Any, ...] = (2, -1, 0.5, 1.5, "maybe", "也许", "", [1], {})
_NOT_AN_OBJECT: tuple[Any, ...] = ([], [1, 2], "95000", 95000, 1.5, True)


def numbers(spec: Input, low: Decimal, high: Decimal) -> st.SearchStrategy[Decimal]:
    """Values of the input's kind (whole numbers, or cents) in [low, high], its ends drawn often."""
    ends = st.sampled_from(sorted({low, high}))
    if spec.kind in (Kind.COUNT, Kind.FLAG):
        return st.one_of(ends, st.integers(int(low), int(high)).map(Decimal))
    return st.one_of(ends, st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def valid_values(draw: st.DrawFn, indicator: Indicator, *, complete: bool = False) -> dict[str, Decimal]:
    """Parsed values that validation accepts: within bounds, sub-items and numerators within their wholes.

    Optional inputs are sometimes left out, unless ``complete``. Rules the declaration states as
    code (anything other than the part-whole rules) are honoured by filtering.
    """
    rel = constraints(indicator)
    values: dict[str, Decimal] = {}
    for name in rel.order:
        spec = indicator.input(name)
        if not spec.required and not complete and not draw(st.booleans()):
            continue
        low, high = room(indicator, rel, name, values)
        assume(low <= high)
        values[name] = draw(numbers(spec, low, high))
    if len(indicator.rules) > rel.known_rules:
        assume(all(rule.check(values) is None for rule in indicator.rules))
    return values


def render(spec: Input, value: Decimal) -> st.SearchStrategy[Any]:
    """The ways a person or a program may write ``value`` for ``spec``: int, float, text, Decimal, 95%."""
    if spec.kind is Kind.FLAG:
        yes = value == 1
        return st.sampled_from([yes, int(yes), "是" if yes else "否", "yes" if yes else "no"])
    forms: list[Any] = [str(value), float(value), value]
    if value == value.to_integral_value():
        forms.append(int(value))
        if abs(value) >= 1000:
            forms.append(f"{int(value):,}")
    if spec.kind is Kind.RATE:
        forms.append(f"{value}%")
    return st.sampled_from(forms)


@st.composite
def valid_inputs(draw: st.DrawFn, indicator: Indicator, *, complete: bool = False) -> Raw:
    """A raw input (as a submission carries it) that validation accepts without a finding."""
    values = draw(valid_values(indicator, complete=complete))
    return {name: draw(render(indicator.input(name), value)) for name, value in values.items()}


# --- invalid inputs ------------------------------------------------------------------------------

Builder = Callable[[Indicator], "st.SearchStrategy[InvalidCase] | None"]


def _replace(
    kind: str, code: str, specs: Sequence[Input], bad: Callable[[Input, Decimal], st.SearchStrategy[Any]]
) -> Builder:
    """A builder that replaces one of ``specs``' values in a valid input by a bad one."""

    def build(indicator: Indicator) -> st.SearchStrategy[InvalidCase] | None:
        chosen = [s for s in specs if s.name in indicator.input_map] if specs else []
        if not chosen:
            return None

        @st.composite
        def case(draw: st.DrawFn) -> InvalidCase:
            values = draw(valid_values(indicator, complete=True))
            raw = {name: draw(render(indicator.input(name), v)) for name, v in values.items()}
            spec = draw(st.sampled_from(chosen))
            value = draw(bad(spec, values[spec.name]))
            raw[spec.name] = value
            return InvalidCase(kind, raw, code, spec.name, f"{spec.name} = {value!r}")

        return case()

    return build


def _numeric(indicator: Indicator) -> list[Input]:
    return [s for s in indicator.inputs if s.kind is not Kind.FLAG]


def _below(spec: Input, _: Decimal) -> st.SearchStrategy[Any]:
    assert spec.minimum is not None
    step = step_of(spec)
    low = snap(spec, spec.minimum - step, spec.minimum - step)[1]
    return st.integers(0, 10**6).map(lambda k: low - k * step).flatmap(lambda v: render(spec, v))


def _above(spec: Input, _: Decimal) -> st.SearchStrategy[Any]:
    upper = spec.upper_bound
    assert upper is not None
    step = step_of(spec)
    high = snap(spec, upper + step, upper + step)[0]
    return st.integers(0, 10**6).map(lambda k: high + k * step).flatmap(lambda v: render(spec, v))


def _fraction(spec: Input, value: Decimal) -> st.SearchStrategy[Any]:
    return st.sampled_from([Decimal("0.5"), Decimal("0.25"), Decimal("0.1"), Decimal("0.99")]).flatmap(
        lambda f: st.sampled_from([str(value + f), float(value + f), value + f])
    )


def _const(values: tuple[Any, ...]) -> Callable[[Input, Decimal], st.SearchStrategy[Any]]:
    return lambda spec, value: st.sampled_from(values)


def _text(spec: Input, value: Decimal) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(_TEXT), st.text(alphabet=_TEXT_ALPHABET, min_size=1, max_size=8))


def _pair_case(
    indicator: Indicator, kind: str, pairs: Sequence[tuple[str, str]]
) -> st.SearchStrategy[InvalidCase] | None:
    """A valid input with one part (or numerator) made larger than its whole (or denominator)."""
    pairs = [(p, w) for p, w in pairs if p in indicator.input_map and w in indicator.input_map]
    if not pairs:
        return None

    @st.composite
    def case(draw: st.DrawFn) -> InvalidCase:
        values = draw(valid_values(indicator, complete=True))
        part, whole = draw(st.sampled_from(pairs))
        p_spec, w_spec = indicator.input(part), indicator.input(whole)
        p_high = natural_bounds(p_spec)[1]
        above = snap(p_spec, values[whole] + step_of(p_spec), p_high)
        if above[0] <= above[1]:
            values[part] = draw(st.integers(0, 1000).map(lambda k: min(above[0] + k * step_of(p_spec), above[1])))
        else:  # the part cannot go higher: bring the whole below it instead
            w_low, _ = natural_bounds(w_spec)
            below = snap(w_spec, w_low, values[part] - step_of(w_spec))
            assume(below[0] <= below[1])
            values[whole] = below[1]
        raw = {name: draw(render(indicator.input(name), v)) for name, v in values.items()}
        return InvalidCase(
            kind, raw, "rule.part_exceeds_whole", part, f"{part} = {values[part]} > {whole} = {values[whole]}"
        )

    return case()


def _sum_case(indicator: Indicator) -> st.SearchStrategy[InvalidCase] | None:
    sums = constraints(indicator).sums
    if not sums:
        return None

    @st.composite
    def case(draw: st.DrawFn) -> InvalidCase:
        values = draw(valid_values(indicator, complete=True))
        parts, whole = draw(st.sampled_from(sums))
        first = indicator.input(parts[0])
        others = sum((values[p] for p in parts[1:]), Decimal(0))
        low, high = snap(first, values[whole] - others + step_of(first), natural_bounds(first)[1])
        assume(low <= high)
        values[parts[0]] = low
        raw = {name: draw(render(indicator.input(name), v)) for name, v in values.items()}
        return InvalidCase(
            "parts_above_whole", raw, "rule.part_exceeds_whole", parts[0], f"{' + '.join(parts)} > {whole}"
        )

    return case()


def _missing(indicator: Indicator, kind: str) -> st.SearchStrategy[InvalidCase] | None:
    required = [s.name for s in indicator.inputs if s.required]
    if not required:
        return None

    @st.composite
    def case(draw: st.DrawFn) -> InvalidCase:
        raw = draw(valid_inputs(indicator, complete=True))
        name = draw(st.sampled_from(required))
        if kind == "null":
            raw[name] = None
        else:
            del raw[name]
        return InvalidCase(
            kind, raw, "input.missing", name, f"{name} left out" if kind == "missing" else f"{name} = None"
        )

    return case()


def _unknown(indicator: Indicator) -> st.SearchStrategy[InvalidCase]:
    names = list(indicator.input_map)
    typos = [n + suffix for n in names for suffix in ("_", "s", "_total")] + ["actaul", "targte", "备注", "value"]
    key = st.one_of(st.sampled_from(typos), st.text(min_size=1, max_size=12)).filter(lambda k: k not in names)

    @st.composite
    def case(draw: st.DrawFn) -> InvalidCase:
        raw = draw(valid_inputs(indicator))
        name = draw(key)
        raw[name] = draw(st.one_of(st.integers(0, 100), st.text(max_size=5)))
        return InvalidCase("unknown_input", raw, "input.unknown", name, f"unknown key {name!r}")

    return case()


def _builders(indicator: Indicator) -> dict[str, st.SearchStrategy[InvalidCase] | None]:
    numeric = _numeric(indicator)
    part_pairs = [(s.name, s.part_of) for s in indicator.inputs if s.part_of]
    part_pairs += [(r.part, r.whole) for r in indicator.rules if isinstance(r, PartNotAboveWhole)]
    ratio_pairs = [(r.numerator, r.denominator) for r in indicator.derived]
    return {
        "not_finite": _replace("not_finite", "input.not_finite", numeric, _const(_NOT_FINITE))(indicator),
        "text": _replace("text", "input.not_a_number", numeric, _text)(indicator),
        "wrong_type": _replace("wrong_type", "input.not_a_number", numeric, _const(_WRONG_TYPE))(indicator),
        "below_minimum": _replace(
            "below_minimum", "input.below_minimum", [s for s in numeric if s.minimum is not None], _below
        )(indicator),
        "not_integer": _replace(
            "not_integer", "input.not_integer", [s for s in numeric if s.kind is Kind.COUNT], _fraction
        )(indicator),
        "above_maximum": _replace(
            "above_maximum", "input.above_maximum", [s for s in numeric if s.upper_bound is not None], _above
        )(indicator),
        "not_flag": _replace(
            "not_flag", "input.not_flag", [s for s in indicator.inputs if s.kind is Kind.FLAG], _const(_NOT_FLAG)
        )(indicator),
        "part_above_whole": _pair_case(indicator, "part_above_whole", part_pairs),
        "numerator_above_denominator": _pair_case(indicator, "numerator_above_denominator", ratio_pairs),
        "parts_above_whole": _sum_case(indicator),
        "missing": _missing(indicator, "missing"),
        "null": _missing(indicator, "null"),
        "unknown_input": _unknown(indicator),
        "indicator_missing": st.just(InvalidCase("indicator_missing", None, "indicator.missing", None, "no data")),
        "not_an_object": st.sampled_from(_NOT_AN_OBJECT).map(
            lambda v: InvalidCase("not_an_object", v, "indicator.not_an_object", None, f"data = {v!r}")
        ),
    }


def invalid_kinds(indicator: Indicator) -> tuple[str, ...]:
    """The kinds of invalid input that ``indicator``'s declaration rules out (a subset of INVALID_KINDS)."""
    return tuple(kind for kind, strategy in _builders(indicator).items() if strategy is not None)


def invalid_inputs(indicator: Indicator, kinds: Sequence[str] | None = None) -> st.SearchStrategy[InvalidCase]:
    """Invalid raw inputs of the given kinds (default: every kind that applies), each tagged with its code."""
    unknown = set(kinds or ()) - set(INVALID_KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of invalid input: {sorted(unknown)}; known: {INVALID_KINDS}")
    builders = _builders(indicator)
    chosen = [s for kind, s in builders.items() if s is not None and (kinds is None or kind in kinds)]
    if not chosen:
        raise ValueError(f"{indicator.id}: none of the kinds {list(kinds or ())} applies to this declaration")
    return st.one_of(chosen)


_JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10), st.decimals())
JSON_LIKE: st.SearchStrategy[Any] = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
"""Anything a JSON or spreadsheet reader may hand over, plus floats and decimals of every kind."""


EXTREMES: tuple[Any, ...] = (
    "1e999999",
    "1e-999999",
    "-1e999999",
    10**40,
    "9" * 60,
    1e308,
    5e-324,
    0,
    "0.000000000000000000000000000001",
)
"""Numbers at the edges of what Decimal and float can hold: every input of an indicator set to one of them."""


def arbitrary_inputs(indicator: Indicator) -> st.SearchStrategy[Any]:
    """Anything at all as an indicator's data: junk, junk under the right names, one value spoiled, extremes."""
    names = list(indicator.input_map)
    keys = st.one_of(st.sampled_from(names), st.text(max_size=8)) if names else st.text(max_size=8)

    @st.composite
    def spoiled(draw: st.DrawFn) -> Raw:
        raw = draw(valid_inputs(indicator))
        if names:
            raw[draw(st.sampled_from(names))] = draw(JSON_LIKE)
        return raw

    @st.composite
    def extreme(draw: st.DrawFn) -> Raw:
        return {name: draw(st.sampled_from(EXTREMES)) for name in names}

    return st.one_of(JSON_LIKE, st.dictionaries(keys, JSON_LIKE, max_size=len(names) + 2), spoiled(), extreme())


# --- schemes and regions -------------------------------------------------------------------------


@st.composite
def region_inputs(draw: st.DrawFn, scheme: Scheme) -> dict[str, Raw]:
    """One region's valid inputs for every indicator of ``scheme``, within the scheme's ``[[limits]]``."""
    found = {item.indicator.id: draw(valid_inputs(item.indicator)) for item in scheme.items()}
    for limit in scheme.spec.limits:
        table = found.get(limit.indicator)
        if not isinstance(table, dict) or table.get(limit.input) is None:
            continue
        spec = next(i for i in scheme.item(limit.indicator).indicator.inputs if i.name == limit.input)
        value = parse_value(table[limit.input], spec)
        if limit.maximum is not None and value > limit.maximum:
            table[limit.input] = str(limit.maximum)
        elif limit.minimum is not None and value < limit.minimum:
            table[limit.input] = str(limit.minimum)
    return found


@st.composite
def regions(
    draw: st.DrawFn, scheme: Scheme, *, min_size: int = 2, max_size: int = 6, survey_only: bool = True
) -> list[dict[str, Any]]:
    """A whole set of regions with valid data under ``scheme``: unique ids, some ties, maybe one survey-only.

    A region sometimes repeats an earlier region's data, so ties in the ranking are drawn too.
    """
    count = draw(st.integers(min_size, max_size))
    found: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        if found and draw(st.integers(0, 4)) == 0:
            inputs = draw(st.sampled_from(found))["inputs"]
        else:
            inputs = draw(region_inputs(scheme))
        found.append({"id": f"r{i:02d}", "name": {"zh": f"地区{i}", "en": f"Region {i}"}, "inputs": inputs})
    if survey_only and count > 1 and draw(st.integers(0, 3)) == 0:
        found[-1]["survey_only"] = True
    return found


@st.composite
def submissions(draw: st.DrawFn, scheme: Scheme, *, min_size: int = 2, max_size: int = 6) -> dict[str, Any]:
    """A whole valid submission document for ``scheme``: ``{"scheme": ..., "regions": [...]}``."""
    return {"scheme": scheme.id, "regions": draw(regions(scheme, min_size=min_size, max_size=max_size))}
