"""Sobol indices: the Saltelli estimates against a toy model's analytic answer, and on a scheme."""

from __future__ import annotations

import numpy as np
from scipy import stats

from targetrule import Engine, Evaluation, Scheme
from targetrule.analysis import load_spec, sensitivity
from targetrule.analysis.sobol import MEAN_ABS_SHIFT, estimate


def test_an_additive_toy_model_matches_its_analytic_indices() -> None:
    # Y = X1 + 2·X2 + 0·X3 with Xi ~ U(0, 1) independent: Var(a·X) = a²/12, so
    # S1 = 1/(1 + 4) = 0.2, S2 = 4/5 = 0.8, S3 = 0; additive, so each total index equals its first.
    def toy(x: np.ndarray) -> np.ndarray:
        return np.vstack([x[0] + 2 * x[1] + 0 * x[2]])

    uniform = stats.uniform(0, 1)
    found = estimate(toy, ["x1", "x2", "x3"], [uniform] * 3, ["y"], 2048, 100, 0.9, np.random.default_rng(5))
    by_factor = {i.factor: i for i in found}
    for name, expected in (("x1", 0.2), ("x2", 0.8), ("x3", 0.0)):
        assert abs(by_factor[name].first - expected) < 0.03, name
        assert abs(by_factor[name].total - expected) < 0.03, name
        low, high = by_factor[name].total_interval
        assert low - 0.01 <= expected <= high + 0.01, name


def test_a_factor_that_cannot_change_a_rank_gets_no_index(
    evaluation: Evaluation, scheme: Scheme, engine: Engine
) -> None:
    # Only the aggregation varies, and on the bundled data the weighted geometric mean ranks the
    # regions as the sum does: no rank moves, so every index is null (no variance to share out).
    spec = load_spec(
        {
            "weights": {"method": "fixed"},
            "aggregation": {"alternatives": ["weighted_geometric_mean"]},
            "sobol": {"samples": 64, "resamples": 20},
        }
    )
    result = sensitivity(evaluation, spec, draws=100, seed=2, scheme=scheme, engine=engine)
    assert result.sobol_samples == 64 * (1 + 2)
    (first,) = [s for s in result.sobol if s.output == "rank:changchun"]
    assert first.first != first.first  # NaN: the rank did not vary
    assert first.to_dict()["first"] is None
    assert result.mean_abs_shift == 0
    (shift,) = result.drivers(MEAN_ABS_SHIFT)
    assert shift.to_dict()["total"] is None
