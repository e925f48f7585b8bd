"""First- and total-order Sobol indices of each uncertain factor, with bootstrap confidence intervals.

The factors are independent, as the Saltelli design needs: a Dirichlet draw is its independent
gamma variables (normalised afterwards), a uniform one its multipliers, the aggregation a uniform
number picking an alternative. ``scipy.stats.sobol_indices`` runs the design (``samples`` × (factors
+ 2) model runs) on every ranked region's rank and on the mean absolute rank shift.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from targetrule.analysis.draws import DrawPlan, factor_names, to_parameters, to_seeds
from targetrule.analysis.recompute import Problem, decide_chunk, varied
from targetrule.analysis.report import SobolIndex

MEAN_ABS_SHIFT = "mean_abs_shift"


def factor_distributions(plan: DrawPlan) -> list[Any]:
    """The scipy distribution of each factor of :func:`factor_names`, in order."""
    from scipy import stats

    dists: list[Any] = []
    weights = plan.spec.weights
    if not any(name.startswith("weight:") for name in factor_names(plan)):
        pass
    elif weights.method == "dirichlet":
        points = np.array([float(p) for p in plan.points])
        alpha = points[plan.varying] / points.sum() * float(weights.concentration)
        dists += [stats.gamma(a) for a in alpha]
    elif weights.method == "uniform":
        spread = float(weights.spread)
        dists += [stats.uniform(loc=1 - spread, scale=2 * spread) for _ in range(int(plan.varying.sum()))]
    if len(plan.alternatives) > 1:
        dists.append(stats.uniform(0, 1))
    dists += [stats.uniform(0, 1) for p in plan.parameters if len(p.values) > 1]
    dists += [stats.uniform(0, 1) for _ in range(plan.seed_columns)]  # the item points', the figures' seeds
    return dists


def model(problem: Problem, plan: DrawPlan) -> Any:
    """The function the Sobol design evaluates: factors (d, n) → ranks of the candidates and the mean shift (s, n)."""
    k = int(plan.varying.sum())
    weighted = any(name.startswith("weight:") for name in factor_names(plan))

    def evaluate(x: NDArray[np.float64]) -> NDArray[np.float64]:
        n = x.shape[1]
        factors = np.ones((n, k + 1 + len(plan.parameters) + plan.seed_columns))
        factors[:, k:] = 0.0
        column = 0
        if weighted:
            factors[:, :k] = x[:k].T
            column = k
        if len(plan.alternatives) > 1:
            factors[:, k] = x[column]
            column += 1
        for p, parameter in enumerate(plan.parameters):
            if len(parameter.values) > 1:
                factors[:, k + 1 + p] = x[column]
                column += 1
        for s in range(plan.seed_columns):
            factors[:, k + 1 + len(plan.parameters) + s] = x[column]
            column += 1
        units, choice, picks = to_parameters(plan, factors)
        decided = decide_chunk(problem, *varied(problem, plan, units, choice, picks, to_seeds(plan, factors)))
        rank = decided.rank
        ranks = rank.astype(np.float64)
        shift = np.abs(rank - problem.nominal_rank[None, :]).mean(axis=1) if ranks.shape[1] else np.zeros(n)
        return np.vstack([ranks.T, shift[None, :]])

    return evaluate


def sobol_indices(problem: Problem, plan: DrawPlan, rng: np.random.Generator) -> tuple[tuple[SobolIndex, ...], int]:
    """Every factor's indices on every ranked region's rank and the mean shift, and the model runs taken."""
    names = factor_names(plan)
    if not names:
        return (), 0
    outputs = [f"rank:{problem.region_ids[int(j)]}" for j in problem.candidates] + [MEAN_ABS_SHIFT]
    sobol = plan.spec.sobol
    found = estimate(
        model(problem, plan),
        names,
        factor_distributions(plan),
        outputs,
        sobol.samples,
        sobol.resamples,
        float(sobol.confidence),
        rng,
    )
    return found, sobol.samples * (len(names) + 2)


def estimate(
    func: Any,
    names: Sequence[str],
    dists: Sequence[Any],
    outputs: Sequence[str],
    samples: int,
    resamples: int,
    confidence: float,
    rng: np.random.Generator,
) -> tuple[SobolIndex, ...]:
    """The Saltelli estimates of ``func`` (factors (d, n) → outputs (s, n)) with bootstrap intervals.

    The design is scipy's: a scrambled Sobol' sequence in 2d dimensions split into the matrices A
    and B, each factor's column of B swapped into A for the matrices AB; the estimators are Saltelli
    (2010) for the first order and Jansen for the total order, as in ``scipy.stats.sobol_indices``.
    Both are drawn from ``rng`` (scipy's own bootstrap would draw from numpy's global state), so the
    same seed gives the same intervals.
    """
    from scipy.stats import bootstrap, qmc

    d = len(names)
    a_b = qmc.Sobol(d=2 * d, rng=rng, bits=64).random(samples).T
    a_b = np.vstack([dist.ppf(row) for dist, row in zip([*dists, *dists], a_b, strict=True)])
    a, b = a_b[:d], a_b[d:]
    f_a = np.asarray(func(a), dtype=np.float64)
    f_b = np.asarray(func(b), dtype=np.float64)
    f_ab = np.empty((d, *f_a.shape))
    for i in range(d):
        mixed = a.copy()
        mixed[i] = b[i]
        f_ab[i] = func(mixed)

    def indices(idx: NDArray[np.int64], axis: int = -1) -> NDArray[np.float64]:
        fa, fb, fab = f_a[..., idx], f_b[..., idx], f_ab[..., idx]
        var = np.var(np.concatenate([fa, fb], axis=-1), axis=-1)
        first = np.mean(fb * (fab - fa), axis=-1) / var
        total = 0.5 * np.mean((fa - fab) ** 2, axis=-1) / var
        return np.stack([first.T, total.T])  # (2, outputs, factors)

    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")  # an output that never varies has no index: reported as null
        point = indices(np.arange(samples))
        found = bootstrap(
            [np.arange(samples)],
            lambda idx, axis=-1: indices(np.asarray(idx)),
            vectorized=False,
            method="percentile",
            n_resamples=resamples,
            confidence_level=confidence,
            rng=rng,
        )
    low, high = found.confidence_interval
    return tuple(
        SobolIndex(
            factor=name,
            output=output,
            first=float(point[0, o, f]),
            first_interval=(float(low[0, o, f]), float(high[0, o, f])),
            total=float(point[1, o, f]),
            total_interval=(float(low[1, o, f]), float(high[1, o, f])),
        )
        for o, output in enumerate(outputs)
        for f, name in enumerate(names)
    )
