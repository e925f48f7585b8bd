"""The contract's properties as plain functions: each runs hypothesis and raises AssertionError on a counterexample.

The contract classes (:mod:`targetrule.testing.contract`) call these; a plugin author may call them
directly too, for one indicator, with a scheme's parameters or a replacement formula.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from targetrule.engine import Engine
from targetrule.formulas import Formula
from targetrule.indicator import Direction, Indicator, Kind
from targetrule.results import Evaluation, RegionResult, Status
from targetrule.rounding import ONE, ZERO, fmt, fmt_plain
from targetrule.scheme import Scheme
from targetrule.scoring import Outcome, default_params, score_indicator
from targetrule.testing import _config
from targetrule.testing._constraints import constraints, room
from targetrule.testing.strategies import (
    InvalidCase,
    arbitrary_inputs,
    invalid_inputs,
    invalid_kinds,
    numbers,
    submissions,
    valid_inputs,
    valid_values,
)

T = TypeVar("T")

INDICATOR_EXAMPLES = 40
SCHEME_EXAMPLES = 10


def contract_settings(max_examples: int | None = None, default: int = INDICATOR_EXAMPLES) -> settings:
    """Hypothesis settings for one property: the current profile, a modest example count, no deadline."""
    return settings(
        max_examples=max_examples or _config.max_examples or default,
        deadline=None,
        report_multiple_bugs=False,  # one shrunk counterexample, an AssertionError, not an exception group
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


def for_all(
    strategy: st.SearchStrategy[T],
    body: Callable[[T], None],
    max_examples: int | None = None,
    *,
    default: int = INDICATOR_EXAMPLES,
    name: str = "example",
) -> None:
    """Run ``body`` on examples drawn from ``strategy`` under the contract's settings; a failure is shrunk and raised.

    Every failure is an ``AssertionError``: hypothesis's ``FlakyFailure`` (an example that failed,
    then passed when replayed) becomes one saying the code is nondeterministic. ``name`` is what
    hypothesis calls the example in its report (``raw=...``, ``case=...``).
    """

    @given(**{name: strategy})
    @contract_settings(max_examples, default)
    def run(**drawn: Any) -> None:
        body(drawn[name])

    try:
        run()
    except Flaky as exc:  # failed once, passed when replayed: the code under test is not deterministic
        first = next(iter(getattr(exc, "exceptions", ())), None)
        shown = f": {type(first).__name__}: {first}" if first is not None else ""
        raise AssertionError(
            "nondeterministic: an example failed and then passed when run again with the same input "
            f"(does the formula read a clock, a counter or random numbers?){shown}"
        ) from exc


def resolve_params(formula: Formula, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The formula's default parameters, overridden by ``params`` (as a scheme would)."""
    return default_params(formula) | dict(params or {})


def attainment_cap(params: Mapping[str, Any]) -> Decimal:
    """The highest attainment the parameters allow: the largest ``cap`` (or ``<part>.cap``), default 1."""
    caps = [Decimal(v) for k, v in params.items() if k == "cap" or k.endswith(".cap")]
    return max(caps) if caps else ONE


def _score(indicator: Indicator, raw: Any, params: Mapping[str, Any], formula: Formula | None) -> Outcome:
    return score_indicator(indicator, raw, params, formula=formula, region="contract")


def _findings(outcome: Outcome) -> str:
    return "; ".join(str(f) for f in outcome.findings)


def _as_raw(indicator: Indicator, values: Mapping[str, Decimal]) -> dict[str, Any]:
    """Values as a submission carries them: flags as 1/0, numbers as decimals."""
    return {n: int(v) if indicator.input(n).kind is Kind.FLAG else v for n, v in values.items()}


def check_declaration(indicator: Indicator, formula: Formula | None = None) -> None:
    """The declaration hangs together: names resolve, sub-items point at inputs, directions agree."""
    formula = formula or indicator.formula
    names = indicator.names()
    assert len(set(names)) == len(names), f"{indicator.id}: an input or ratio name is used twice: {names}"
    for name in formula.uses():
        assert name in names, f"{indicator.id}: the formula reads {name!r}, which is not declared (have {names})"
    for spec in indicator.inputs:
        if spec.part_of is not None:
            assert spec.part_of in indicator.input_map, f"{indicator.id}: {spec.name} is part of unknown {spec.part_of}"
        low, high = spec.minimum, spec.upper_bound
        assert low is None or high is None or low <= high, f"{indicator.id}: {spec.name} has minimum above maximum"
    for ratio in indicator.derived:
        for name in (ratio.numerator, ratio.denominator):
            assert name in indicator.input_map, f"{indicator.id}: ratio {ratio.name} reads unknown input {name}"
    declared = formula.directions()
    for spec in indicator.inputs:
        if spec.better is not None and spec.name in declared:
            assert declared[spec.name] is spec.better, (
                f"{indicator.id}: input {spec.name} says {spec.better.value} is better, "
                f"the formula scores {declared[spec.name].value} as better"
            )
    assert indicator.label.zh and indicator.label.en, f"{indicator.id}: the label needs both zh and en"


def check_valid_inputs_score(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    max_examples: int | None = None,
) -> None:
    """Scoring a valid input never yields a finding, and always gives an attainment."""
    resolved = resolve_params(formula or indicator.formula, params)

    def holds(raw: dict[str, Any]) -> None:
        outcome = _score(indicator, raw, resolved, formula)
        assert not outcome.findings, f"{indicator.id}: valid input {raw!r} gave findings: {_findings(outcome)}"
        assert outcome.attainment is not None

    for_all(valid_inputs(indicator), holds, max_examples, name="raw")


def check_attainment_within_cap(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    cap: Decimal | None = None,
    max_examples: int | None = None,
) -> None:
    """The attainment of a valid input is a finite decimal within [0, cap] (cap from the parameters, default 1)."""
    resolved = resolve_params(formula or indicator.formula, params)
    limit = cap if cap is not None else attainment_cap(resolved)

    def holds(raw: dict[str, Any]) -> None:
        outcome = _score(indicator, raw, resolved, formula)
        assert outcome.attainment is not None, f"{indicator.id}: valid input {raw!r} not scored: {_findings(outcome)}"
        value = outcome.attainment.value
        assert isinstance(value, Decimal), f"{indicator.id}: attainment {value!r} is not a Decimal"
        assert value.is_finite(), f"{indicator.id}: attainment {value} is not finite"
        assert ZERO <= value <= limit, f"{indicator.id}: attainment {value} outside [0, {limit}] for {raw!r}"

    for_all(valid_inputs(indicator), holds, max_examples, name="raw")


def check_monotone(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    max_examples: int | None = None,
) -> None:
    """Moving an input with ``better`` set in its better direction, all else held and valid, never lowers the score."""
    resolved = resolve_params(formula or indicator.formula, params)
    movable = [s for s in indicator.inputs if s.better is not None]
    if not movable:
        return
    rel = constraints(indicator)

    def holds(data: st.DataObject) -> None:
        values = data.draw(valid_values(indicator, complete=True), label="values")
        spec = data.draw(st.sampled_from(movable), label="input")
        low, high = room(indicator, rel, spec.name, values)
        current = values[spec.name]
        better = spec.better
        span = (current, high) if better is Direction.HIGHER else (low, current)
        assume(span[0] <= span[1])
        moved = data.draw(numbers(spec, *span), label=f"{spec.name} moved")
        before = _score(indicator, _as_raw(indicator, values), resolved, formula)
        after = _score(indicator, _as_raw(indicator, {**values, spec.name: moved}), resolved, formula)
        assume(not any(f.code.startswith("rule.") for f in after.findings))  # a rule stated only in code
        assert before.attainment is not None, f"{indicator.id}: {values} not scored: {_findings(before)}"
        assert after.attainment is not None, f"{indicator.id}: moved input not scored: {_findings(after)}"
        a, b = before.attainment.value, after.attainment.value
        assert b >= a, (
            f"{indicator.id}: {spec.name} moved from {current} to {moved} ({better.value if better else ''} is better) "
            f"but the attainment fell from {a} to {b}; other values {values}"
        )

    for_all(st.data(), holds, max_examples, name="data")


def check_deterministic(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    max_examples: int | None = None,
) -> None:
    """The same input scores the same attainment, facts and explanation every time, and is left unchanged."""
    resolved = resolve_params(formula or indicator.formula, params)

    def holds(raw: dict[str, Any]) -> None:
        kept = copy.deepcopy(raw)
        # hypothesis seeds ``random`` the same way for every example: the two scores run under two other
        # seeds (whose first draws fall on either side of 0.5), so a formula that rolls dice is caught.
        saved = random.getstate()
        try:
            random.seed(1)
            first = _score(indicator, raw, resolved, formula)
            random.seed(2)
            second = _score(indicator, copy.deepcopy(raw), resolved, formula)
        finally:
            random.setstate(saved)
        assert raw == kept, f"{indicator.id}: scoring changed its input: {kept!r} became {raw!r}"
        assert first.attainment is not None and second.attainment is not None
        assert first.attainment.value == second.attainment.value, f"{indicator.id}: two scores for {raw!r}"
        assert dict(first.attainment.facts) == dict(second.attainment.facts)
        assert first.attainment.explanation() == second.attainment.explanation()

    for_all(valid_inputs(indicator), holds, max_examples, name="raw")


def check_invalid_inputs_found(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    kinds: tuple[str, ...] | None = None,
    max_examples: int | None = None,
) -> None:
    """Every kind of invalid input the declaration rules out yields a finding with its code, and no score.

    Each kind runs on its own, so every one is exercised however few examples are asked for.
    """
    resolved = resolve_params(formula or indicator.formula, params)
    for kind in kinds or invalid_kinds(indicator):

        def holds(case: InvalidCase) -> None:
            outcome = _score(indicator, case.raw, resolved, formula)
            assert outcome.attainment is None, f"{indicator.id}: {case.kind} ({case.note}) was scored anyway"
            matching = [f for f in outcome.findings if f.code == case.code]
            assert matching, (
                f"{indicator.id}: {case.kind} ({case.note}) should give {case.code}, "
                f"gave {[f.code for f in outcome.findings]}"
            )
            if case.input is not None:
                assert any(f.input == case.input for f in matching), (
                    f"{indicator.id}: {case.code} should name input {case.input!r}, named {[f.input for f in matching]}"
                )
            for f in matching:
                assert f.indicator == indicator.id and f.message.zh and f.message.en and f.path

        for_all(
            invalid_inputs(indicator, [kind]), holds, max_examples, default=max(5, INDICATOR_EXAMPLES // 4), name="case"
        )


def check_validation_never_raises(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    max_examples: int | None = None,
) -> None:
    """Whatever is passed as the data, scoring returns an outcome: findings and no score, or a score and none."""
    resolved = resolve_params(formula or indicator.formula, params)

    def holds(raw: Any) -> None:
        outcome = _score(indicator, raw, resolved, formula)
        if outcome.findings:
            assert outcome.attainment is None, f"{indicator.id}: scored despite {_findings(outcome)}"
        else:
            assert outcome.attainment is not None, f"{indicator.id}: no score and no finding for {raw!r}"
        for f in outcome.findings:
            assert f.message.zh and f.message.en, f"{indicator.id}: finding {f.code} lacks a bilingual message"

    for_all(arbitrary_inputs(indicator), holds, max_examples, name="raw")


def renderings(value: Decimal) -> tuple[str, ...]:
    """The ways an explanation may write a number: as given, to two or one decimals, with or without commas."""
    forms = {fmt_plain(value), fmt(value), fmt(value, 1)}
    return tuple(sorted(forms | {f.replace(",", "") for f in forms}))


def mentions(text: str, value: Decimal) -> bool:
    """True when ``text`` shows ``value`` as a whole number (not as a piece of a longer one)."""
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text) for form in renderings(value))


def check_explanation_mentions_numbers(
    indicator: Indicator,
    params: Mapping[str, Any] | None = None,
    *,
    formula: Formula | None = None,
    names: tuple[str, ...] | None = None,
    max_examples: int | None = None,
) -> None:
    """The explanation, in Chinese and in English, shows every number the formula used (flags aside).

    ``names`` narrows the check to the named values; by default every non-flag value the formula reads.
    """
    formula_used = formula or indicator.formula
    resolved = resolve_params(formula_used, params)
    flags = {s.name for s in indicator.inputs if s.kind is Kind.FLAG}
    checked = names if names is not None else tuple(n for n in formula_used.uses() if n not in flags)

    def holds(raw: dict[str, Any]) -> None:
        outcome = _score(indicator, raw, resolved, formula)
        assert outcome.attainment is not None, f"{indicator.id}: valid input not scored: {_findings(outcome)}"
        text = outcome.attainment.explanation()
        assert text.zh and text.en and text.zh != text.en, f"{indicator.id}: explanation is not bilingual: {text}"
        for name in checked:
            if name not in outcome.values:
                continue
            value = outcome.values[name]
            for lang, sentence in (("zh", text.zh), ("en", text.en)):
                assert mentions(sentence, value), (
                    f"{indicator.id}: the {lang} explanation {sentence!r} does not show {name} = {value} "
                    f"(looked for {renderings(value)})"
                )

    for_all(valid_inputs(indicator), holds, max_examples, name="raw")


# --- schemes -------------------------------------------------------------------------------------


def _summary(result: RegionResult) -> tuple[Any, ...]:
    points = tuple((i.indicator, i.points) for i in result.indicators())
    return (result.composite, result.base_points, points, result.rank, result.grade, result.award)


def _errors(evaluation: Evaluation) -> str:
    return "; ".join(str(f) for f in evaluation.errors[:5])


def check_scheme_scores_valid_submissions(engine: Engine, scheme: Scheme, *, max_examples: int | None = None) -> None:
    """Whole valid submissions evaluate without an error, every indicator scored, the regions ranked."""

    def holds(document: dict[str, Any]) -> None:
        evaluation = engine.evaluate(scheme, document)
        assert not evaluation.errors, f"{scheme.id}: valid submissions gave errors: {_errors(evaluation)}"
        assert evaluation.ranked, f"{scheme.id}: valid submissions were not ranked"
        for region in evaluation.regions:
            for item in region.indicators():
                assert item.status is Status.SCORED, f"{scheme.id}: {region.region.id} {item.indicator} not scored"
            assert region.composite >= 0, f"{scheme.id}: {region.region.id} has a negative composite"

    for_all(submissions(scheme), holds, max_examples, default=SCHEME_EXAMPLES, name="document")


def check_region_order_irrelevant(engine: Engine, scheme: Scheme, *, max_examples: int | None = None) -> None:
    """Re-ordering the regions never changes any region's points, composite, rank, grade or award."""

    def shuffled(document: dict[str, Any]) -> st.SearchStrategy[tuple[dict[str, Any], list[int]]]:
        return st.permutations(range(len(document["regions"]))).map(lambda order: (document, order))

    def holds(drawn: tuple[dict[str, Any], list[int]]) -> None:
        document, order = drawn
        reordered = {**document, "regions": [document["regions"][i] for i in order]}
        first, second = engine.evaluate(scheme, document), engine.evaluate(scheme, reordered)
        for result in first.regions:
            other = second.region(result.region.id)
            assert _summary(result) == _summary(other), (
                f"{scheme.id}: region {result.region.id} scored {_summary(result)} in one order "
                f"and {_summary(other)} in another ({order})"
            )

    for_all(
        submissions(scheme).flatmap(shuffled), holds, max_examples, default=SCHEME_EXAMPLES, name="document_and_order"
    )


def check_rank_follows_composite(engine: Engine, scheme: Scheme, *, max_examples: int | None = None) -> None:
    """Ranks agree with composites: a higher composite ranks better; without tie-breaks, equal ones share a rank."""
    tie_breaks = bool(scheme.spec.ranking.tie_break)

    def holds(document: dict[str, Any]) -> None:
        evaluation = engine.evaluate(scheme, document)
        ranked = [r for r in evaluation.regions if r.rank is not None]
        for region in evaluation.regions:
            assert not (region.survey_only and region.rank is not None), f"survey-only {region.region.id} ranked"
        for a in ranked:
            better = sum(1 for b in ranked if b.composite > a.composite)
            assert a.rank is not None
            if tie_breaks:
                assert a.rank >= better + 1, f"{a.region.id}: rank {a.rank} above {better} better composites"
            else:
                assert a.rank == better + 1, (
                    f"{a.region.id}: composite {a.composite} ranked {a.rank}, but {better} regions score higher"
                )
            for b in ranked:
                assert b.rank is not None
                if a.rank < b.rank:
                    assert a.composite >= b.composite, (
                        f"{a.region.id} ranks {a.rank} with {a.composite}, above {b.region.id} "
                        f"ranked {b.rank} with {b.composite}"
                    )

    for_all(submissions(scheme), holds, max_examples, default=SCHEME_EXAMPLES, name="document")
