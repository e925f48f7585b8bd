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

from targetrule.analysis.draws import DrawPlan, factor_names, to_parameters
from targetrule.analysis.recompute import Problem, composites, decide_chunk
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
    return dists


def model(problem: Problem, plan: DrawPlan) -> Any:
    """The function the Sobol design evaluates: factors (d, n) → ranks of the candidates and the mean shift (s, n)."""
    k = int(plan.varying.sum())
    weighted = any(name.startswith("weight:") for name in factor_names(plan))

    def evaluate(x: NDArray[np.float64]) -> NDArray[np.float64]:
        n = x.shape[1]
        factors = np.ones((n, k + 1))
        factors[:, -1] = 0.0
        column = 0
        if weighted:
            factors[:, :k] = x[:k].T
            column = k
        if len(plan.alternatives) > 1:
            factors[:, -1] = x[column]
        units, choice = to_parameters(plan, factors)
        decided = decide_chunk(problem, composites(problem, plan, units, choice))
        ranks = decided.rank.astype(np.float64)
        shift = np.abs(decided.rank - problem.nominal_rank[None, :]).mean(axis=1) if ranks.shape[1] else np.zeros(n)
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
        model(problem, plan), names, factor_distributions(plan), outputs, sobol.samples, sobol.resamples,
        float(sobol.confidence), rng,
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
    """The Saltelli estimates of ``func`` (factors (d, n) → outputs (s, n)) with bootstrap intervals."""
    from scipy.stats import sobol_indices as run

    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")  # an output that never varies has no index: reported as null
        found = run(func=func, n=samples, dists=list(dists), rng=rng)
        interval = found.bootstrap(confidence_level=confidence, n_resamples=resamples)
    first, total = found.first_order, found.total_order
    low_f, high_f = interval.first_order.confidence_interval
    low_t, high_t = interval.total_order.confidence_interval
    return tuple(
        SobolIndex(
            factor=name,
            output=output,
            first=float(first[o, f]),
            first_interval=(float(low_f[o, f]), float(high_f[o, f])),
            total=float(total[o, f]),
            total_interval=(float(low_t[o, f]), float(high_t[o, f])),
        )
        for o, output in enumerate(outputs)
        for f, name in enumerate(names)
    )
