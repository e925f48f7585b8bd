"""The analysis itself: draw, re-decide in chunks, tally ranks, grades and awards, then the Sobol indices.

Memory is bounded by the chunk: each chunk's composites and ranks are tallied into per-region
histograms and dropped, so a hundred thousand draws need no more than a few chunks' worth (the
draws' parameters themselves are a few integers each, kept to be replayed).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from targetrule.analysis.data import MAX_RESCORED
from targetrule.analysis.decisions import DrawStates
from targetrule.analysis.draws import DrawPlan, draw_factors, factor_names, plan_of, to_parameters, to_seeds
from targetrule.analysis.recompute import MEAN_METHODS, Problem, decide_chunk, problem_of, varied
from targetrule.analysis.report import RegionSensitivity, SensitivityResult, SobolIndex, shares
from targetrule.analysis.spec import SpecError, UncertaintySpec
from targetrule.findings import finding
from targetrule.registry import Registry
from targetrule.results import Evaluation
from targetrule.rounding import half_up
from targetrule.scheme import Scheme

CHUNK_ELEMENTS = 1 << 21  # composites per chunk (draws × regions): about 16 MB an array
Progress = Callable[[int], None]


def chunk_size(regions: int) -> int:
    """How many draws one chunk holds for ``regions`` regions."""
    return max(1, CHUNK_ELEMENTS // max(1, regions))


class Tally:
    """Per-region counts over the draws: ranks, grades and awards."""

    def __init__(self, problem: Problem, grades: int) -> None:
        candidates = problem.candidates.size
        self.problem = problem
        self.counts = np.zeros((candidates, candidates + 1), dtype=np.int64)  # [candidate, rank]
        self.grades = np.zeros((len(problem.results), grades), dtype=np.int64)
        self.awards = np.zeros((candidates, len(problem.tiers) + 1), dtype=np.int64)
        self.draws = 0
        self.narrow = np.int16 if candidates < 2**15 else np.int32
        self.pending: list[NDArray[np.integer]] = []
        self.waiting = 0

    def add(self, composite: NDArray[np.int64], states: DrawStates | None = None) -> None:
        """Decide one chunk of draws (with their own vetoes and gate, where they vary) and count what it gave."""
        decided = decide_chunk(self.problem, composite, states)
        count = decided.rank.shape[0]
        self.pending.append(decided.rank.astype(self.narrow))
        self.waiting += decided.rank.size
        if self.waiting >= self.counts.size:
            self.flush()
        for index in range(self.grades.shape[1]):
            self.grades[:, index] += (decided.grade == index).sum(axis=0)
        _, candidates, tiers = decided.awarded
        a = self.awards.shape[1]
        given = np.bincount(candidates * a + tiers, minlength=self.awards.size).reshape(self.awards.shape)
        given[:, -1] = count - given.sum(axis=1)  # the draws without an award
        self.awards += given
        self.draws += count

    def flush(self) -> None:
        """Count the waiting ranks region by region (each region's counts stay in cache while counted)."""
        if self.pending:
            by_region = np.ascontiguousarray(np.concatenate(self.pending).T)
            width = self.counts.shape[1]
            for candidate in range(by_region.shape[0]):
                self.counts[candidate] += np.bincount(by_region[candidate], minlength=width)
        self.pending, self.waiting = [], 0

    @property
    def ranks(self) -> NDArray[np.int64]:
        """(candidates, ranks + 1): how many draws gave each candidate each rank (column 0 unused)."""
        self.flush()
        return self.counts

    def shift(self, ranks: NDArray[np.int64]) -> NDArray[np.int64]:
        """Per candidate: the sum over the draws of |rank − nominal rank|, from the rank counts."""
        steps = np.arange(ranks.shape[1], dtype=np.int64)[None, :]
        return (ranks * np.abs(steps - self.problem.nominal_rank[:, None])).sum(axis=1)  # type: ignore[no-any-return]


def analyse(
    evaluation: Evaluation,
    scheme: Scheme,
    spec: UncertaintySpec,
    registry: Registry,
    *,
    draws: int,
    seed: int,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Run ``draws`` draws of ``spec`` (seeded by ``seed``) over ``evaluation`` and report."""
    plan = plan_of(scheme, spec, evaluation)
    _within_budget(plan, spec, draws, len(evaluation.regions))
    methods = [
        registry.aggregations[name] if name != scheme.aggregation.name else scheme.aggregation
        for name in plan.alternatives
    ]
    problem = problem_of(evaluation, scheme, plan, methods)
    if plan.parameters and any(m.name not in MEAN_METHODS for m in methods):
        step = max(1, chunk_size(len(problem.results)) // max(1, len(plan.areas)))  # per-area shares per draw
    else:
        step = chunk_size(len(problem.results))
    if problem.variation is not None:  # a (draws, regions, items) matrix per chunk
        step = max(1, step // max(1, len(problem.variation.indicators)))
    rng = np.random.default_rng(seed)
    factors = draw_factors(plan, draws, rng)
    units, choice, picks = to_parameters(plan, factors)
    seeds = to_seeds(plan, factors)
    tally = Tally(problem, len(scheme.spec.grades))
    for start in range(0, draws, step):
        stop = min(draws, start + step)
        rows = slice(start, stop)
        tally.add(*varied(problem, plan, units[rows], choice[rows], picks[rows], seeds[rows]))
        if progress is not None:
            progress(stop - start)
    sobol: tuple[SobolIndex, ...] = ()
    runs = 0
    if spec.sobol.enabled and draws > 0:
        from targetrule.analysis.sobol import sobol_indices

        sobol, runs = sobol_indices(problem, plan, np.random.default_rng([seed, 1]))
    return _result(evaluation, scheme, spec, plan, problem, tally, sobol, runs, (units, choice, picks, seeds), seed)


def _within_budget(plan: DrawPlan, spec: UncertaintySpec, draws: int, regions: int) -> None:
    """Refuse an analysis whose figures would need more than :data:`MAX_RESCORED` item scorings."""
    if plan.data is None:
        return
    runs = draws
    if spec.sobol.enabled and draws > 0:
        runs += spec.sobol.samples * (len(factor_names(plan)) + 2)
    count = runs * regions * len(plan.data.items)
    if count > MAX_RESCORED:
        raise SpecError(
            [finding("sensitivity.too_costly", path="$.data", count=f"{count:,}", limit=f"{MAX_RESCORED:,}")]
        )


def _result(
    evaluation: Evaluation,
    scheme: Scheme,
    spec: UncertaintySpec,
    plan: DrawPlan,
    problem: Problem,
    tally: Tally,
    sobol: tuple[SobolIndex, ...],
    runs: int,
    recorded: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]],
    seed: int,
) -> SensitivityResult:
    units, choice, picks, seeds = recorded
    grades = scheme.spec.grades
    tiers = scheme.spec.awards
    column = {int(j): c for c, j in enumerate(problem.candidates)}
    ranks = tally.ranks
    shift = tally.shift(ranks)
    cumulatives = np.cumsum(ranks, axis=1)
    n = tally.draws
    regions = []
    for j, result in enumerate(problem.results):
        c = column.get(j)
        grade_p = dict(zip([g.id for g in grades], shares(tally.grades[j].tolist(), n), strict=True))
        if c is None:
            regions.append(
                RegionSensitivity(
                    result.region.id,
                    result.region.name,
                    result.survey_only,
                    None,
                    None,
                    None,
                    None,
                    result.grade,
                    grade_p,
                    None,
                    {},
                )
            )
            continue
        cumulative = cumulatives[c]
        award_p = dict(zip([t.id for t in tiers], shares(tally.awards[c].tolist(), n)[:-1], strict=True))
        regions.append(
            RegionSensitivity(
                region=result.region.id,
                name=result.region.name,
                survey_only=result.survey_only,
                nominal_rank=result.rank,
                median_rank=_percentile(cumulative, n, 50),
                band=(_percentile(cumulative, n, 5), _percentile(cumulative, n, 95)) if n else None,  # type: ignore[arg-type]
                mean_abs_shift=half_up(Decimal(int(shift[c])) / Decimal(n), Decimal("0.0001")) if n else None,
                nominal_grade=result.grade,
                grade_probability=grade_p,
                nominal_award=result.award,
                award_probability=award_p,
            )
        )
    width = max(1, problem.candidates.size)
    overall = Decimal(int(shift.sum())) / Decimal(max(1, n) * width)
    return SensitivityResult(
        scheme=scheme.id,
        scheme_sha256=scheme.sha256,
        input_sha256=evaluation.provenance.input_sha256,
        draws=n,
        seed=seed,
        spec=spec,
        regions=tuple(regions),
        sobol=sobol,
        sobol_samples=runs,
        grades=tuple((g.id, g.label) for g in grades),
        awards=tuple((t.id, t.label) for t in tiers),
        mean_abs_shift=half_up(overall, Decimal("0.0001")),
        plan=plan,
        units=units,
        choice=choice,
        picks=picks,
        seeds=seeds,
    )


def _percentile(cumulative: NDArray[np.int64], draws: int, percent: int) -> int | None:
    """The smallest rank at least ``percent``% of the draws reach (the inverted empirical distribution)."""
    if not draws:
        return None
    return int(np.searchsorted(cumulative * 100, percent * draws, side="left"))
