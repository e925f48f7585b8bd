"""One source of validation truth: both validators read the same plan, so a bound, a rule or a ratio
changed in the plan changes both answers together; the generated checks show in tracebacks and leave
linecache as they found it once they are freed."""

from __future__ import annotations

import gc
import linecache
import traceback
from collections.abc import Mapping
from decimal import Decimal as D
from typing import Any

import attrs
import pytest
from attrs import frozen

from targetrule import Engine
from targetrule.fast_path import compile_plan, fast_check, fast_check_source
from targetrule.formulas import CappedCompletion
from targetrule.indicator import Indicator, Input, Kind, Ratio
from targetrule.rules import Breach
from targetrule.text import Label
from targetrule.validation import check_plan, check_values
from targetrule.validation_plan import LARGEST, SMALLEST, CodeCheck, SumCheck, plan_of, rate_expression, value_test

L = Label("标签", "label")


def jobs(**bounds: Any) -> Indicator:
    """A small declaration: actual and target counts, a sub-item, a ratio; ``bounds`` go on ``actual``."""
    return Indicator(
        "plan.jobs",
        "plan",
        L,
        "-",
        "",
        (Input("actual", L, **bounds), Input("target", L), Input("posts", L, part_of="actual")),
        CappedCompletion("actual", "target"),
        derived=(Ratio("share", L, "posts", "actual"),),
    )


def both(plan_or_indicator: Any, raw: Any) -> tuple[Any, list[tuple[str, str]], dict[str, D]]:
    """The fast path's answer, the full validator's (code, English message) findings, and its values."""
    if isinstance(plan_or_indicator, Indicator):
        fast = fast_check(plan_or_indicator)(raw)
        values, problems = check_values(plan_or_indicator, raw, "r", "$")
    else:
        fast = compile_plan(plan_or_indicator)(raw)
        values, problems = check_plan(plan_or_indicator, raw, "r", "$")
    return fast, [(p.code, p.message.en) for p in problems], values


def test_a_new_bound_in_the_declaration_changes_both_paths_together() -> None:
    raw = {"actual": 60, "target": 50, "posts": 5}
    fast, problems, _ = both(jobs(), raw)
    assert fast is not None and problems == []
    fast, problems, _ = both(jobs(maximum=D(50)), raw)
    assert fast is None and [code for code, _ in problems] == ["input.above_maximum"] and "50" in problems[0][1]
    fast, problems, _ = both(jobs(minimum=D(61)), raw)
    assert fast is None and [code for code, _ in problems] == ["input.below_minimum"] and "61" in problems[0][1]
    fast, problems, _ = both(jobs(kind=Kind.AMOUNT), {**raw, "actual": 60.5})  # decimals allowed now
    assert fast is not None and fast["actual"] == D("60.5") and problems == []


def test_the_plan_is_what_both_paths_read() -> None:
    plan = plan_of(jobs())
    raw = {"actual": 60, "target": 50, "posts": 15}
    # A plan with a tighter upper bound for actual: both turn 60 away, the finding names the plan's limit.
    actual = plan.inputs[0]
    tighter = attrs.evolve(plan, inputs=(attrs.evolve(actual, maximum=D(55), high=D(55)), *plan.inputs[1:]))
    fast, problems, _ = both(tighter, raw)
    assert fast is None and [code for code, _ in problems] == ["input.above_maximum"] and "55" in problems[0][1]
    # A plan whose ratio scales to a share of one: both give 0.25, not 25.
    ratio = attrs.evolve(plan.ratios[0], scale=D(1))
    fast, problems, values = both(attrs.evolve(plan, ratios=(ratio,)), raw)
    assert fast is not None and problems == []
    assert fast["share"] == values["share"] == D("0.25")
    # A plan without its part-whole rule: both accept posts above actual.
    fast, problems, _ = both(attrs.evolve(plan, rules=()), {**raw, "posts": 70})
    assert fast is not None and fast["share"] == D("116.6666666666666666666666667") and problems == []


def test_bounds_rules_and_ratios_are_fixed_once_in_the_plan() -> None:
    plan = plan_of(jobs(minimum=None, maximum=D(10) ** 20))
    actual = plan.inputs[0]
    # The declared limits are what findings name; low/high hold them and plausibility together.
    assert (actual.minimum, actual.maximum, actual.low, actual.high) == (None, D(10) ** 20, -LARGEST, LARGEST)
    assert actual.whole and not actual.flag and actual.required
    assert [type(step) for step in plan.rules] == [SumCheck, SumCheck]  # posts ≤ actual, and the ratio's
    assert [(s.parts, s.whole) for s in plan.rules if isinstance(s, SumCheck)] == [
        (("posts",), "actual"),
        (("posts",), "actual"),
    ]
    assert (plan.ratios[0].numerator, plan.ratios[0].denominator, plan.ratios[0].scale) == ("posts", "actual", 100)
    # The generated code is written from the same texts the full validator compiles.
    source = fast_check_source(jobs())
    assert value_test("x0", "_LO0", "_HI0", True) in source
    assert rate_expression(False, "v2", "v0", "_IFZERO0", "_SCALE0") in source


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        (Kind.AMOUNT, D(0), None),
        (Kind.AMOUNT, SMALLEST, None),
        (Kind.AMOUNT, SMALLEST / 10, "input.implausible"),
        (Kind.COUNT, SMALLEST, "input.not_integer"),
        (Kind.COUNT, LARGEST, None),
        (Kind.COUNT, LARGEST + 1, "input.implausible"),
        (Kind.COUNT, D("2.5"), "input.not_integer"),
        (Kind.COUNT, D(-1), "input.below_minimum"),
        (Kind.RATE, D("100.5"), "input.above_maximum"),
    ],
)
def test_accepts_and_problem_are_one_test(kind: Kind, value: D, code: str | None) -> None:
    check = plan_of(jobs(kind=kind)).inputs[0]
    assert check.accepts(value) is (code is None)
    found = check.problem(value)
    assert (found[0] if found else None) == code


@frozen
class Raises:
    """A rule as code that raises: the generated check calls it, so the traceback passes through it."""

    def check(self, values: Mapping[str, D]) -> Breach | None:
        raise ZeroDivisionError("boom")


def test_a_traceback_shows_the_generated_lines() -> None:
    indicator = attrs.evolve(jobs(), rules=(Raises(),))
    check = fast_check(indicator)
    with pytest.raises(ZeroDivisionError) as info:
        check({"actual": 60, "target": 50, "posts": 5})
    frames = traceback.extract_tb(info.value.__traceback__)
    generated = [f for f in frames if f.filename.startswith("<targetrule generated check plan.jobs ")]
    assert [f.line for f in generated] == ["if _RULE0.check(values) is not None:"]
    assert "_RULE0.check(values)" in "".join(traceback.format_tb(info.value.__traceback__))
    # The full validator turns the same raise into a finding naming the rule.
    _, problems = check_values(indicator, {"actual": 60, "target": 50, "posts": 5}, "r", "$")
    assert [p.code for p in problems] == ["rule.failed"]


def _generated() -> set[str]:
    return {name for name in linecache.cache if name.startswith("<targetrule generated check ")}


def test_linecache_holds_one_entry_per_live_source_and_lets_it_go() -> None:
    gc.collect()
    before = _generated()
    indicator = jobs()
    first, second = fast_check(indicator), fast_check(indicator)
    added = _generated() - before
    assert len(added) == 1  # the same declaration compiled twice: one entry, keyed by its source's hash
    assert first.__code__.co_filename == second.__code__.co_filename == next(iter(added))
    assert fast_check(jobs(maximum=D(50))).__code__.co_filename == first.__code__.co_filename  # bounds are constants
    del first
    gc.collect()
    assert _generated() - before == added  # still held by the other check
    del second
    gc.collect()
    assert _generated() == before  # the last check freed: the entry is gone


def test_linecache_does_not_grow_with_new_declarations_or_engines() -> None:
    # A host building new declarations (new ids, new input names) and engines over and over.
    Engine().fast_check(Engine().registry.indicators["employment.new_urban_jobs"])  # first-use imports
    gc.collect()
    before = _generated()
    for k in range(40):
        indicator = attrs.evolve(
            jobs(), id=f"plan.jobs_{k}", inputs=(*jobs().inputs, Input(f"extra_{k}", L, required=False))
        )
        assert fast_check(indicator)({"actual": 2, "target": 2, "posts": 1}) is not None
        engine = Engine()
        engine.fast_check(engine.registry.indicators["employment.new_urban_jobs"])
        assert len(_generated() - before) <= 2  # the live ones only
    del engine
    gc.collect()
    assert _generated() <= before


def test_an_engine_keeps_one_entry_per_indicator_it_checks() -> None:
    gc.collect()
    before = _generated()  # other tests' engines may still hold checks of the same declarations
    engine = Engine()
    ids = list(engine.registry.indicators)[:5]
    for indicator_id in ids:
        check = engine.fast_check(engine.registry.indicators[indicator_id])
        assert engine.fast_check(engine.registry.indicators[indicator_id]) is check  # compiled once per engine
    names = {check.__code__.co_filename for check in engine._fast_checks.values()}
    assert sorted(name.split()[3] for name in names) == sorted(ids)
    assert names <= _generated()
    del engine, check
    gc.collect()
    assert _generated() <= before  # nothing of this engine's is left


def test_a_rule_the_fast_path_cannot_inline_is_called_as_code() -> None:
    # posts is optional: its part-whole rule may find it absent, so the check calls the rule itself.
    indicator = attrs.evolve(
        jobs(), inputs=(Input("actual", L), Input("target", L), Input("posts", L, part_of="actual", required=False))
    )
    plan = plan_of(indicator)
    assert all(isinstance(step, SumCheck) for step in plan.rules)
    source = fast_check_source(indicator)
    assert "_RULE0.check(values)" in source and "_RULE1.check(values)" in source
    fast, problems, _ = both(indicator, {"actual": 5, "target": 5, "posts": 6})
    assert fast is None and [code for code, _ in problems] == ["rule.part_exceeds_whole"] * 2
    assert isinstance(plan_of(attrs.evolve(jobs(), rules=(Raises(),))).rules[-1], CodeCheck)
