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
from typing import Any

import numpy as np
from attrs import evolve, frozen
from numpy.typing import NDArray

from targetrule.aggregation import Aggregation
from targetrule.analysis.decisions import DrawStates, draw_states
from targetrule.analysis.draws import DrawPlan
from targetrule.analysis.item_scores import ItemVariation, item_variation
from targetrule.analysis.parameters import ParameterPlan, deltas
from targetrule.decimal_context import CONTEXT
from targetrule.ranking import misreported, quota_size, sort_key, standings
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


MEAN_METHODS = ("sum", "weighted_mean")


@frozen(eq=False)
class ParameterDeltas:
    """How one parameter's values change its item's points: per value, per region (exact, and as area shares)."""

    area: int
    exact: tuple[tuple[Decimal, ...], ...]  # (values, regions): points under the value − nominal points
    shares: NDArray[np.float64]  # (values, regions): the same over the area's full marks


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
    eligible: NDArray[np.bool_]  # per candidate: eligible for awards, whatever its grade
    tiers: tuple[int, ...]  # each award tier's count
    methods: tuple[Aggregation, ...]  # the aggregation alternatives
    total: Decimal
    scheme: Scheme
    nominal_rank: Ints  # per candidate
    nominal_composite: Ints  # per region, in units
    award_grade: int | None = None  # the lowest grade (as an index) that may win a prize
    area_points: tuple[tuple[Decimal, ...], ...] = ()  # each region's area points, as the engine kept them
    full: tuple[Decimal, ...] = ()  # each area's full marks
    deltas: tuple[ParameterDeltas, ...] = ()  # one per varied parameter
    share_ext: NDArray[np.float64] | None = None  # the area shares, then each parameter value's share change
    variation: ItemVariation | None = None  # the items whose points or figures vary
    per_point: NDArray[np.float64] | None = None  # per area: the share change of one unit (a cent at 0.01)
    digits: int = 2  # the items' points are in units of 10 ** -digits points (the scheme's precision)

    @property
    def unit(self) -> Decimal:
        """The step of a composite, in points."""
        return Decimal(1).scaleb(-self.places)


def problem_of(evaluation: Evaluation, scheme: Scheme, plan: DrawPlan, methods: Sequence[Aggregation]) -> Problem:
    """The fixed inputs of the draws."""
    if not evaluation.ranked:
        raise ValueError("the evaluation is not ranked")
    results = evaluation.regions
    # The areas' points as the engine kept them (no item rebuilt), over each area's full marks.
    full = [a.spec.points for a in scheme.areas]
    shares = tuple(
        tuple(p / m if m else ZERO for p, m in zip(r.scores.area_points, full, strict=True)) for r in results
    )
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
    # The lowest grade each region may have whatever its points: its vetoes' ceilings, and the
    # misreporting cap (both fixed by the data, not by the weights).
    cap = spec.misreporting.max_grade if spec.misreporting is not None else None
    veto_floor = np.array(
        [
            max([0, *(caps.get(v, 0) for v in r.vetoes), order[cap] if cap and misreported(r, scheme) else 0])
            for r in results
        ],
        dtype=np.int64,
    )
    quotas = tuple((order[g.id], quota_size(g.quota, len(candidates))) for g in grades if g.quota is not None)
    deltas = tuple(_deltas_of(evaluation, scheme, p, full) for p in plan.parameters)
    digits = -int(scheme.quantum.as_tuple().exponent)  # items' points are in units of the scheme's precision
    share_matrix = np.array([[float(x) for x in row] for row in shares], dtype=np.float64).reshape(len(results), -1)
    share_ext = np.hstack([share_matrix, *(d.shares.T for d in deltas)]) if deltas else None
    return Problem(
        results=results,
        region_ids=tuple(r.region.id for r in results),
        shares=shares,
        share_matrix=share_matrix,
        adjust=np.array([int(a * scale) for a in adjustments], dtype=np.int64),
        places=places,
        candidates=candidates,
        tie_break=np.array([tie_rank[key(r)[1:]] for r in results], dtype=np.int64),
        grade_mins=np.array([int((g.min * scale).to_integral_value(ROUND_FLOOR)) for g in grades], dtype=np.int64),
        veto_floor=veto_floor,
        quotas=quotas,
        eligible=np.array([_may_win(results[i], scheme) for i in candidates], dtype=bool),
        award_grade=order[spec.award_min_grade] if spec.award_min_grade is not None else None,
        tiers=tuple(t.count for t in spec.awards),
        methods=tuple(methods),
        total=spec.total_points,
        scheme=scheme,
        nominal_rank=np.array([results[i].rank for i in candidates], dtype=np.int64),
        nominal_composite=np.array([int(r.composite * scale) for r in results], dtype=np.int64),
        area_points=tuple(tuple(r.scores.area_points) for r in results),
        full=tuple(full),
        deltas=deltas,
        share_ext=share_ext,
        variation=item_variation(evaluation, scheme, plan.items, plan.data),
        per_point=np.array([1 / float(m.scaleb(digits)) if m else 0.0 for m in full], dtype=np.float64),
        digits=digits,
    )


def _may_win(result: RegionResult, scheme: Scheme) -> bool:
    """A ranked region's eligibility for prizes apart from its grade (``ranking._award``'s other reasons)."""
    spec = scheme.spec
    cancels = {d.id for d in spec.deductions if d.cancels_awards}
    no_awards = {v.id for v in spec.vetoes if v.no_awards}
    return not (
        result.survey_only
        or any(v in no_awards for v in result.vetoes)
        or (spec.gate is not None and not result.gate_passed)
        or any(a.kind == "deduction" and (a.id in cancels or a.cancels_awards) for a in result.adjustments)
    )


def _deltas_of(
    evaluation: Evaluation, scheme: Scheme, parameter: ParameterPlan, full: list[Decimal]
) -> ParameterDeltas:
    exact = deltas(evaluation, scheme, parameter)
    points = full[parameter.area]
    shares = np.array([[float(d / points) for d in row] for row in exact], dtype=np.float64)
    return ParameterDeltas(parameter.area, tuple(tuple(row) for row in exact), shares)


def _places(value: Decimal) -> int:
    exponent = value.normalize(context=CONTEXT).as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


@frozen(eq=False)
class Decided:
    """One chunk of draws decided: composites, the candidates' ranks, grades, and the awards given."""

    composite: Ints  # (draws, regions), in units
    rank: Ints  # (draws, candidates)
    grade: NDArray[np.int8]  # (draws, regions): index into the scheme's grades
    awarded: tuple[Ints, Ints, Ints]  # (draw, candidate column, tier) of every award given
    tiers: int

    @property
    def award(self) -> Ints:
        """(draws, candidates): each candidate's award tier, ``tiers`` for none."""
        award = np.full(self.rank.shape, self.tiers, dtype=np.int64)
        rows, columns, tiers = self.awarded
        award[rows, columns] = tiers
        return award


def composites(
    problem: Problem, plan: DrawPlan, units: Ints, choice: Ints, picks: Ints | None = None, seeds: Ints | None = None
) -> Ints:
    """Each draw's composite of each region, in units, exactly as the engine computes it.

    ``seeds`` (draws, 2) are the draws' seeds of the item points and the figures, when they vary.
    """
    return varied(problem, plan, units, choice, picks, seeds)[0]


def varied(
    problem: Problem, plan: DrawPlan, units: Ints, choice: Ints, picks: Ints | None = None, seeds: Ints | None = None
) -> tuple[Ints, DrawStates | None]:
    """Each draw's composites (:func:`composites`), and its vetoes and gate where the figures they read vary."""
    count = units.shape[0]
    extra = None
    states = None
    if problem.variation is not None and seeds is not None:
        extra, watched = problem.variation.changes(seeds)  # (draws, regions, areas), in cents
        if watched is not None:
            states = draw_states(problem.results, problem.scheme, problem.candidates, watched)
    out = np.empty((count, len(problem.results)), dtype=np.int64)
    # The weights of a draw add up to the nominal total, so the weighted mean's division is one factor.
    scale = float(problem.total) * 10.0**problem.places / plan.total_units
    none = np.zeros((count, 0), dtype=np.int64)
    picks = none if picks is None or not problem.deltas else picks
    for index, method in enumerate(problem.methods):
        rows = np.arange(count) if len(problem.methods) == 1 else np.flatnonzero(choice == index)
        if rows.size == 0:
            continue
        chosen = picks[rows]
        moved = None if extra is None else extra[rows]
        scaled = _scaled_share(method, problem, units[rows].astype(np.float64), scale, chosen, moved)
        if scaled is None:  # a plugin's method: every draw in Decimal
            base = np.array(
                [
                    [
                        _exact_base(problem, plan, units[r], method, j, picks[r], _row(extra, int(r), j))
                        for j in range(out.shape[1])
                    ]
                    for r in rows
                ]
            )
        else:
            scaled += 0.5
            base_float = np.floor(scaled)
            scaled -= base_float  # now the fraction above the half: near 0 or 1 is near a half unit
            scaled -= 0.5
            np.abs(scaled, out=scaled)
            near = scaled > 0.5 - _NEAR_HALF
            base = base_float.astype(np.int64)
            if near.any():
                for r, j in zip(*np.nonzero(near), strict=True):
                    base[r, j] = _exact_base(
                        problem, plan, units[rows[r]], method, int(j), chosen[r], _row(moved, int(r), int(j))
                    )
        if problem.adjust.any():
            base += problem.adjust[None, :]
            np.maximum(base, 0, out=base)
        out[rows] = base
    return out, states


def _row(extra: Ints | None, draw: int, region: int) -> Sequence[int]:
    """One draw's change of one region's area points, in cents (none without varied items)."""
    return () if extra is None else [int(c) for c in extra[draw, region]]


def _scaled_share(
    method: Aggregation,
    problem: Problem,
    units: NDArray[np.float64],
    scale: float,
    picks: Ints,
    extra: Ints | None = None,
) -> NDArray[np.float64] | None:
    """The combined share of every region under every draw's weights and parameters, times ``scale``.

    None for a plugin's method (decided in ``Decimal``). For the weighted means the parameters'
    share changes are extra columns of one matrix product: each draw weighs the value it picked by
    its area's weight, and the others by 0.
    """
    moved = None
    if extra is not None:
        assert problem.per_point is not None
        moved = extra * problem.per_point[None, None, :]  # (draws, regions, areas): the shares' changes
    if method.name in MEAN_METHODS:
        if picks.shape[1] == 0:
            scaled: NDArray[np.float64] = (units * scale) @ problem.share_matrix.T
            if moved is not None:
                scaled += np.einsum("dk,drk->dr", units * scale, moved)
            return scaled
        columns = [units]
        for p, delta in enumerate(problem.deltas):
            values = np.arange(delta.shares.shape[0])
            columns.append(units[:, [delta.area]] * (picks[:, [p]] == values[None, :]))
        assert problem.share_ext is not None
        extended: NDArray[np.float64] = (np.hstack(columns) * scale) @ problem.share_ext.T
        if moved is not None:
            extended += np.einsum("dk,drk->dr", units * scale, moved)
        return extended
    total = units.sum(axis=1, keepdims=True)
    unit = scale * total  # the composite's points in units: every row's weights add up to the same total
    shares = problem.share_matrix[None, :, :]
    if moved is not None:
        shares = shares + moved
    if picks.shape[1]:
        shares = np.repeat(shares, units.shape[0], axis=0) if moved is None else shares
        for p, delta in enumerate(problem.deltas):
            shares[:, :, delta.area] += delta.shares[picks[:, p]]
    if method.name == "weighted_geometric_mean":
        positive = shares > 0
        logs = np.log(np.where(positive, shares, 1.0))
        weights = units / total
        zero = np.einsum("dk,drk->dr", (units > 0).astype(np.float64), (~positive).astype(np.float64)) > 0
        mean_log = np.einsum("dk,drk->dr", weights, np.broadcast_to(logs, (units.shape[0], *logs.shape[1:])))
        geometric: NDArray[np.float64] = np.where(zero, 0.0, np.exp(mean_log)) * unit
        return geometric
    if method.name == "minimum":
        width = shares.shape[2]
        lowest = shares.min(axis=2, initial=np.inf) if width else np.zeros(shares.shape[:2])
        minimum: NDArray[np.float64] = np.broadcast_to(lowest, (units.shape[0], shares.shape[1])) * unit
        return minimum
    return None


def _exact_base(
    problem: Problem,
    plan: DrawPlan,
    units: Ints,
    method: Aggregation,
    region: int,
    picks: Sequence[int] = (),
    moved: Sequence[int] = (),
) -> int:
    """One composite before bonus and deductions, in units, by the replay's own Decimal function.

    ``moved`` is the draw's change of each area's points in cents (varied item points or figures).
    """
    weights = [Decimal(int(u)) * plan.quantum for u in units]
    shares = problem.shares[region]
    if len(picks) or len(moved):
        points = list(problem.area_points[region])
        for delta, pick in zip(problem.deltas, picks, strict=True):
            points[delta.area] += delta.exact[int(pick)][region]
        for k, cents in enumerate(moved):
            points[k] += Decimal(int(cents)).scaleb(-problem.digits)
        shares = tuple(p / m if m else ZERO for p, m in zip(points, problem.full, strict=True))
    share = draw_aggregation(method, weights).combine(shares, weights)
    return int(half_up(share * problem.total) * Decimal(1).scaleb(problem.places))


def decide_chunk(problem: Problem, composite: Ints, states: DrawStates | None = None) -> Decided:
    """Ranks, grades and awards of each draw (rows of ``composite``), by the engine's rules.

    ``states`` are the draws' own vetoes and gate, where the figures they read vary.
    """
    cand = problem.candidates
    every = cand.size == composite.shape[1]  # no survey-only or unranked region: no column to pick
    competing = composite if every else composite[:, cand]
    breaks = int(problem.tie_break.max(initial=0)) + 1
    key = competing if breaks == 1 else competing * breaks + problem.tie_break[cand]
    rank = competition_ranks(key)
    grade = _grades(problem, composite, None if states is None else states.floor)
    unsettled: list[int] = []
    if problem.quotas and cand.size:
        unsettled = _apply_quotas(problem, grade, rank, every)
    awarded = _awards(problem, rank, grade if every else grade[:, cand], None if states is None else states.eligible)
    decided = Decided(composite, rank, grade, awarded, len(problem.tiers))
    if unsettled:
        decided = _decide_exactly(problem, decided, unsettled, states)
    return decided


def competition_ranks(key: Ints) -> Ints:
    """Each row's competition ranks, highest key first (1, 2, 2, 4): one more than the keys above it.

    The keys are whole units, so each row's keys are counted (a histogram over their range, summed
    from the top): no sort, and ties share a rank by construction. A range too wide to count falls
    back to a sort.
    """
    count, width = key.shape
    if width == 0:
        return np.zeros(key.shape, dtype=np.int64)
    low = int(key.min())
    span = int(key.max()) - low + 1
    if span * count > max(4 * key.size, 1 << 22):  # a histogram this wide costs more than sorting
        return _sorted_ranks(key)
    offsets = key - low
    flat = offsets + (np.arange(count, dtype=np.int64) * span)[:, None]
    counts = np.bincount(flat.ravel(), minlength=count * span).reshape(count, span)
    at_least = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]  # how many keys are this high or higher
    above = at_least - counts
    return np.take_along_axis(above, offsets, axis=1) + 1


def _sorted_ranks(key: Ints) -> Ints:
    order = np.argsort(-key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    starts = np.ones(ordered.shape, dtype=bool)
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts[:, 1:])
    positions = np.arange(1, key.shape[1] + 1, dtype=np.int64)
    rank_sorted = np.maximum.accumulate(np.where(starts, positions, 0), axis=1)
    rank = np.empty_like(rank_sorted)
    np.put_along_axis(rank, order, rank_sorted, axis=1)
    return rank


def _grades(problem: Problem, composite: Ints, floor: Ints | None = None) -> NDArray[np.int8]:
    """The band each composite reaches (bands highest first), lowered to what the region's vetoes allow.

    ``floor`` (draws, regions) is each draw's own lowest grade allowed, where the vetoes vary.
    """
    mins = problem.grade_mins
    grade = np.zeros(composite.shape, dtype=np.int8)
    # Bands are highest first and their minimums fall: a composite below a band's minimum is below
    # every band before it too, so counting the minimums it misses gives its band.
    for low in mins[:-1].tolist() if np.all(np.diff(mins) < 0) else ():
        grade += composite < low
    if not np.all(np.diff(mins) < 0):  # not falling (the loader allows equal minimums): the first band reached
        reached = composite[:, :, None] >= mins[None, None, :]
        grade[:] = np.where(reached.any(axis=2), reached.argmax(axis=2), mins.size - 1)
    if floor is not None:
        np.maximum(grade, floor.astype(np.int8), out=grade)
    elif problem.veto_floor.any():
        np.maximum(grade, problem.veto_floor.astype(np.int8)[None, :], out=grade)
    return grade


def _apply_quotas(problem: Problem, grade: NDArray[np.int8], rank: Ints, every: bool) -> list[int]:
    """Quotas admit whole tie groups while they fit; returns the draws numpy cannot settle exactly."""
    cand = problem.candidates
    last = problem.grade_mins.size - 1
    unsettled: set[int] = set()
    for index, limit in problem.quotas:
        competing = grade if every else grade[:, cand]
        rows = np.flatnonzero((competing == index).sum(axis=1) > limit)  # most draws fit the quota whole
        if rows.size == 0:
            continue
        order = np.argsort(rank[rows], axis=1, kind="stable")
        in_order = np.take_along_axis(competing[rows], order, axis=1)
        ranks = np.take_along_axis(rank[rows], order, axis=1)
        member = in_order == index
        ends = np.ones(ranks.shape, dtype=bool)
        np.not_equal(ranks[:, 1:], ranks[:, :-1], out=ends[:, :-1])
        width = ranks.shape[1]
        end_at = np.where(ends, np.arange(width), width)
        group_end = np.minimum.accumulate(end_at[:, ::-1], axis=1)[:, ::-1]
        through = np.take_along_axis(np.cumsum(member, axis=1), group_end, axis=1)
        over = member & (through > limit)
        in_order[over] = min(index + 1, last)
        for k, row in enumerate(rows.tolist()):
            failing = ranks[k][over[k]]
            if failing.size and failing.min() != failing.max():  # a later, smaller group might fit: the engine decides
                unsettled.add(row)
            columns = order[k] if every else cand[order[k]]
            grade[row, columns] = in_order[k]
    return sorted(unsettled)


def _awards(
    problem: Problem, rank: Ints, grade: NDArray[np.int8], eligible_by_draw: NDArray[np.bool_] | None = None
) -> tuple[Ints, Ints, Ints]:
    """Award tiers to eligible candidates in rank order; a tie group takes the tier of its first member.

    The tiers hold ``n`` awards in all, so only eligible candidates ranked no lower than the
    ``n``-th best eligible rank can win: each draw walks just those, in rank order (the engine's
    ``ranking._award``, on whole numbers). A region graded below the scheme's ``award_min_grade``
    in a draw is not eligible in that draw, nor is one whose vetoes or gate bar it in that draw
    (``eligible_by_draw``, (draws, candidates), where they vary).
    """
    rows: list[int] = []
    columns: list[int] = []
    given_tiers: list[int] = []
    eligible = np.flatnonzero(problem.eligible if eligible_by_draw is None else eligible_by_draw.any(axis=0))
    tiers = problem.tiers
    if not tiers or eligible.size == 0:
        return _arrays(rows, columns, given_tiers)
    ranks = rank[:, eligible]
    out = rank.shape[1] + 1  # beyond every rank: a region graded too low for a prize in this draw
    if eligible_by_draw is not None:
        ranks = np.where(eligible_by_draw[:, eligible], ranks, out)
    if problem.award_grade is not None:
        ranks = np.where(grade[:, eligible] <= problem.award_grade, ranks, out)
    n = min(sum(tiers), eligible.size)
    cutoff = np.partition(ranks, n - 1, axis=1)[:, n - 1]
    for row, place in zip(*np.nonzero((ranks <= cutoff[:, None]) & (ranks < out)), strict=True):
        rows.append(int(row))
        columns.append(int(place))
    if not rows:
        return _arrays(rows, columns, given_tiers)
    row_of, place_of = np.array(rows), np.array(columns)
    rank_of = ranks[row_of, place_of]
    walk = np.lexsort((rank_of, row_of))
    given_rows: list[int] = []
    given_columns: list[int] = []
    current_row, tier, given, previous = -1, 0, 0, -1
    for row, place, r in zip(row_of[walk].tolist(), place_of[walk].tolist(), rank_of[walk].tolist(), strict=True):
        if row != current_row:
            current_row, tier, given, previous = row, 0, 0, -1
        if r != previous:
            while tier < len(tiers) and given >= tiers[tier]:
                tier, given = tier + 1, 0
            previous = r
        if tier >= len(tiers):
            continue
        given += 1
        given_rows.append(row)
        given_columns.append(int(eligible[place]))
        given_tiers.append(tier)
    return _arrays(given_rows, given_columns, given_tiers)


def _arrays(*lists: list[int]) -> tuple[Ints, Ints, Ints]:
    a, b, c = (np.array(x, dtype=np.int64) for x in lists)
    return a, b, c


def _decide_exactly(problem: Problem, decided: Decided, rows: list[int], states: DrawStates | None = None) -> Decided:
    """Decide some draws with the engine's own ``ranking.standings``: their grades and awards replace numpy's."""
    grade_index = {g.id: i for i, g in enumerate(problem.scheme.spec.grades)}
    tier_index = {t.id: i for i, t in enumerate(problem.scheme.spec.awards)}
    keep = ~np.isin(decided.awarded[0], rows)
    award_rows, award_columns, award_tiers = (a[keep].tolist() for a in decided.awarded)
    for row in rows:
        standing = decide_draw(problem, decided.composite[row], states, row)
        for j, region in enumerate(problem.region_ids):
            decided.grade[row, j] = grade_index[standing[region]["grade"]]
        for c, j in enumerate(problem.candidates.tolist()):
            award = standing[problem.region_ids[j]].get("award")
            if award is not None:
                award_rows.append(row)
                award_columns.append(c)
                award_tiers.append(tier_index[award])
    awarded = _arrays(award_rows, award_columns, award_tiers)
    return Decided(decided.composite, decided.rank, decided.grade, awarded, decided.tiers)


def decide_draw(
    problem: Problem, composite: Ints, states: DrawStates | None = None, row: int = 0
) -> dict[str, dict[str, Any]]:
    """The engine's own decision (``ranking.standings``) on one draw's composites (in units), by region id.

    With ``states``, each region's vetoes and gate are draw ``row``'s.
    """
    unit = problem.unit
    results = [evolve(r, composite=Decimal(int(c)) * unit) for r, c in zip(problem.results, composite, strict=True)]
    if states is not None:
        results = [
            evolve(r, vetoes=states.vetoes[row][j], gate_passed=bool(states.gate[row, j]))
            for j, r in enumerate(results)
        ]
    return standings(results, problem.scheme)
