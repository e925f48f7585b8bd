"""Re-deciding each draw: the composite under the drawn weights, ranks with the tie rules, grades, quotas, awards.

The item and area scores do not change with the area weights, so they are read once from the
nominal evaluation; each draw re-aggregates the areas' shares into the composite. The composite is
computed in floating point and rounded half up to cents as the engine rounds it; the rare values
within a hair of a half cent are recomputed in ``Decimal`` by the very function a replay hands to
the engine (:func:`draw_aggregation`), so every composite is the engine's to the cent. Ranks,
grades (bands, vetoes, quotas that admit whole tie groups) and awards are then whole-number
decisions made in numpy; a draw whose quota falls where numpy's shortcut cannot follow the
engine's rule exactly is decided by the engine's own :func:`targetrule.ranking.decide`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

import numpy as np
from attrs import evolve, frozen
from numpy.typing import NDArray

from targetrule.aggregation import Aggregation
from targetrule.analysis.draws import DrawPlan
from targetrule.decimal_context import CONTEXT
from targetrule.ranking import decide, quota_size, sort_key
from targetrule.results import Evaluation, RegionResult
from targetrule.rounding import ZERO, half_up
from targetrule.scheme import Scheme
from targetrule.text import Label

Ints = NDArray[np.int64]
_NEAR_HALF = 1e-6  # in cents: closer than this to a half cent, floating point is not trusted with the rounding


def draw_aggregation(method: Aggregation, weights: Sequence[Decimal], name: str = "sensitivity.draw") -> Aggregation:
    """``method`` applied to the areas under the drawn ``weights`` instead of their points (a replay's composite)."""
    fixed = tuple(weights)

    def combine(shares: Sequence[Decimal], _: Sequence[Decimal]) -> Decimal:
        return method.combine(shares, fixed)

    label = Label(f"{method.label.zh}（抽样权重）", f"{method.label.en} (drawn weights)")
    return Aggregation(name, label, combine)


@frozen(eq=False)
class Problem:
    """The fixed inputs of every draw, read once off the nominal evaluation and the scheme."""

    results: tuple[RegionResult, ...]
    region_ids: tuple[str, ...]
    shares: tuple[tuple[Decimal, ...], ...]  # each region's area points ÷ area points possible
    share_matrix: NDArray[np.float64]
    adjust: Ints  # bonus − deductions, in units
    places: int  # composites are whole numbers of 10 ** -places points
    candidates: Ints  # indexes of the regions in the competition
    tie_break: Ints  # per region: its place among the tie-break keys (0 = lowest)
    grade_mins: Ints  # in units, highest grade first
    veto_floor: Ints  # per region: the lowest grade index (worst) its vetoes allow it above, as an index
    quotas: tuple[tuple[int, int], ...]  # (grade index, how many regions it admits)
    eligible: NDArray[np.bool_]  # per candidate: eligible for awards
    tiers: tuple[int, ...]  # each award tier's count
    methods: tuple[Aggregation, ...]  # the aggregation alternatives
    total: Decimal
    scheme: Scheme
    nominal_rank: Ints  # per candidate
    nominal_composite: Ints  # per region, in units

    @property
    def unit(self) -> Decimal:
        """The step of a composite, in points."""
        return Decimal(1).scaleb(-self.places)


def problem_of(evaluation: Evaluation, scheme: Scheme, plan: DrawPlan, methods: Sequence[Aggregation]) -> Problem:
    """The fixed inputs of the draws."""
    if not evaluation.ranked:
        raise ValueError("the evaluation is not ranked")
    results = evaluation.regions
    shares = tuple(tuple(a.points / a.max_points if a.max_points else ZERO for a in r.areas) for r in results)
    adjustments = [r.bonus_points - r.deduction_points for r in results]
    places = max([2, *(_places(a) for a in adjustments)])
    scale = Decimal(1).scaleb(places)
    spec = scheme.spec
    candidates = np.array([i for i, r in enumerate(results) if r.rank is not None], dtype=np.int64)
    key = sort_key(scheme)
    keys = sorted({key(r)[1:] for r in results})
    tie_rank = {k: i for i, k in enumerate(keys)}
    grades = spec.grades
    order = {g.id: i for i, g in enumerate(grades)}
    caps = {v.id: order[v.max_grade] for v in spec.vetoes if v.max_grade is not None}
    veto_floor = np.array([max([0, *(caps.get(v, 0) for v in r.vetoes)]) for r in results], dtype=np.int64)
    quotas = tuple((order[g.id], quota_size(g.quota, len(candidates))) for g in grades if g.quota is not None)
    return Problem(
        results=results,
        region_ids=tuple(r.region.id for r in results),
        shares=shares,
        share_matrix=np.array([[float(s) for s in row] for row in shares], dtype=np.float64).reshape(len(results), -1),
        adjust=np.array([int(a * scale) for a in adjustments], dtype=np.int64),
        places=places,
        candidates=candidates,
        tie_break=np.array([tie_rank[key(r)[1:]] for r in results], dtype=np.int64),
        grade_mins=np.array([int((g.min * scale).to_integral_value(ROUND_FLOOR)) for g in grades], dtype=np.int64),
        veto_floor=veto_floor,
        quotas=quotas,
        eligible=np.array([results[i].eligible_for_awards for i in candidates], dtype=bool),
        tiers=tuple(t.count for t in spec.awards),
        methods=tuple(methods),
        total=spec.total_points,
        scheme=scheme,
        nominal_rank=np.array([results[i].rank for i in candidates], dtype=np.int64),
        nominal_composite=np.array([int(r.composite * scale) for r in results], dtype=np.int64),
    )


def _places(value: Decimal) -> int:
    exponent = value.normalize(context=CONTEXT).as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


@frozen
class Decided:
    """One chunk of draws decided: composites (units), ranks of the candidates, grade and award indexes."""

    composite: Ints  # (draws, regions)
    rank: Ints  # (draws, candidates)
    grade: Ints  # (draws, regions): index into the scheme's grades
    award: Ints  # (draws, candidates): index into the award tiers, len(tiers) for none


def composites(problem: Problem, plan: DrawPlan, units: Ints, choice: Ints) -> Ints:
    """Each draw's composite of each region, in units, exactly as the engine computes it."""
    count = units.shape[0]
    out = np.empty((count, len(problem.results)), dtype=np.int64)
    quantum = float(plan.quantum)
    for index, method in enumerate(problem.methods):
        rows = np.flatnonzero(choice == index)
        if rows.size == 0:
            continue
        weights = units[rows].astype(np.float64) * quantum
        share = _float_share(method, problem.share_matrix, weights)
        if share is None:  # a plugin's method: every draw in Decimal
            base = np.array(
                [[_exact_base(problem, plan, units[r], method, j) for j in range(out.shape[1])] for r in rows]
            )
        else:
            scaled = share * float(problem.total) * 10.0**problem.places
            base = np.floor(scaled + 0.5).astype(np.int64)
            near = np.abs(scaled - np.floor(scaled) - 0.5) < _NEAR_HALF
            for r, j in zip(*np.nonzero(near), strict=True):
                base[r, j] = _exact_base(problem, plan, units[rows[r]], method, int(j))
        out[rows] = np.maximum(base + problem.adjust[None, :], 0)
    return out


def _float_share(
    method: Aggregation, shares: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64] | None:
    """The combined share of every region under every weight row, for the built-in methods; None for others."""
    totals = weights.sum(axis=1, keepdims=True)
    if method.name in ("sum", "weighted_mean"):
        return (weights @ shares.T) / totals  # type: ignore[no-any-return]
    if method.name == "weighted_geometric_mean":
        positive = shares > 0
        logs = np.log(np.where(positive, shares, 1.0))
        zero = ((weights > 0).astype(np.float64) @ (~positive).T.astype(np.float64)) > 0
        return np.where(zero, 0.0, np.exp((weights @ logs.T) / totals))
    if method.name == "minimum":
        return np.broadcast_to(
            shares.min(axis=1, initial=0.0 if shares.shape[1] == 0 else np.inf), (weights.shape[0], shares.shape[0])
        )
    return None


def _exact_base(problem: Problem, plan: DrawPlan, units: Ints, method: Aggregation, region: int) -> int:
    """One composite before bonus and deductions, in units, by the replay's own Decimal function."""
    weights = [Decimal(int(u)) * plan.quantum for u in units]
    share = draw_aggregation(method, weights).combine(problem.shares[region], weights)
    return int(half_up(share * problem.total) * Decimal(1).scaleb(problem.places))


def decide_chunk(problem: Problem, composite: Ints) -> Decided:
    """Ranks, grades and awards of each draw (rows of ``composite``), by the engine's rules."""
    cand = problem.candidates
    key = composite[:, cand] * (int(problem.tie_break.max(initial=0)) + 1) + problem.tie_break[cand]
    order = np.argsort(-key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    positions = np.arange(cand.size)
    starts = np.ones_like(ordered, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    rank_sorted = np.maximum.accumulate(np.where(starts, positions, 0), axis=1) + 1
    rank = np.empty_like(rank_sorted)
    np.put_along_axis(rank, order, rank_sorted, axis=1)
    grade = _grades(problem, composite)
    exact_rows: list[int] = []
    if problem.quotas and cand.size:
        exact_rows = _apply_quotas(problem, grade, order, rank_sorted)
    award = _awards(problem, order, rank_sorted)
    decided = Decided(composite, rank, grade, award)
    for row in exact_rows:
        _decide_exactly(problem, decided, row)
    return decided


def _grades(problem: Problem, composite: Ints) -> Ints:
    reached = composite[:, :, None] >= problem.grade_mins[None, None, :]
    last = problem.grade_mins.size - 1
    natural = np.where(reached.any(axis=2), reached.argmax(axis=2), last)
    return np.maximum(natural, problem.veto_floor[None, :])


def _apply_quotas(problem: Problem, grade: Ints, order: Ints, rank_sorted: Ints) -> list[int]:
    """Quotas admit whole tie groups while they fit; returns the draws numpy cannot settle exactly."""
    cand = problem.candidates
    last = problem.grade_mins.size - 1
    ends = np.ones_like(rank_sorted, dtype=bool)
    ends[:, :-1] = rank_sorted[:, 1:] != rank_sorted[:, :-1]
    width = rank_sorted.shape[1]
    end_at = np.where(ends, np.arange(width), width)
    group_end = np.minimum.accumulate(end_at[:, ::-1], axis=1)[:, ::-1]
    unsettled: set[int] = set()
    for index, limit in problem.quotas:
        in_order = np.take_along_axis(grade[:, cand], order, axis=1)
        member = in_order == index
        through = np.take_along_axis(np.cumsum(member, axis=1), group_end, axis=1)
        over = member & (through > limit)
        rows = np.flatnonzero(over.any(axis=1))
        for row in rows:
            failing = rank_sorted[row][over[row]]
            if failing.min() != failing.max():  # a later, smaller group might still fit: the engine's loop decides
                unsettled.add(int(row))
        demoted = np.where(over, min(index + 1, last), in_order)
        ranked = grade[:, cand]
        np.put_along_axis(ranked, order, demoted, axis=1)
        grade[:, cand] = ranked
    return sorted(unsettled)


def _awards(problem: Problem, order: Ints, rank_sorted: Ints) -> Ints:
    """Award tiers to eligible candidates in rank order; a tie group takes the tier of its first member."""
    count, width = order.shape
    none = len(problem.tiers)
    award = np.full((count, width), none, dtype=np.int64)
    if not problem.tiers or not problem.eligible.any():
        return award
    eligible_in_order = problem.eligible[order]
    tiers = problem.tiers
    for row in range(count):
        places = order[row][eligible_in_order[row]]
        ranks = rank_sorted[row][eligible_in_order[row]]
        tier, given, previous = 0, 0, -1
        for place, rank in zip(places.tolist(), ranks.tolist(), strict=True):
            if rank != previous:
                while tier < none and given >= tiers[tier]:
                    tier, given = tier + 1, 0
                previous = rank
            if tier >= none:
                break
            given += 1
            award[row, place] = tier
    return award


def _decide_exactly(problem: Problem, decided: Decided, row: int) -> None:
    """Decide one draw with the engine's own ``ranking.decide`` and write its grades and awards into ``decided``."""
    standing = decide_draw(problem, decided.composite[row])
    grade_index = {g.id: i for i, g in enumerate(problem.scheme.spec.grades)}
    tier_index = {t.id: i for i, t in enumerate(problem.scheme.spec.awards)}
    for j, result in enumerate(standing):
        decided.grade[row, j] = grade_index[result.grade] if result.grade is not None else 0
    for c, j in enumerate(problem.candidates):
        award = standing[j].award
        decided.award[row, c] = tier_index[award] if award is not None else len(problem.tiers)


def decide_draw(problem: Problem, composite: Ints) -> list[RegionResult]:
    """The engine's own decision (``ranking.decide``) on one draw's composites, in units."""
    unit = problem.unit
    results = [
        evolve(r, composite=Decimal(int(c)) * unit, rank=None, grade=None, award=None, award_label=None)
        for r, c in zip(problem.results, composite, strict=True)
    ]
    return decide(results, problem.scheme)
