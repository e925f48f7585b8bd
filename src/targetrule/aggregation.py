"""Aggregation methods: how item scores combine into an area, and areas into the composite."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from attrs import frozen

from targetrule.rounding import ZERO, geometric_mean, half_up
from targetrule.text import Label

Combine = Callable[[Sequence[Decimal], Sequence[Decimal]], Decimal]


@frozen
class Aggregation:
    """A named way to combine attainments (shares of full marks) under weights.

    ``combine(attainments, weights)`` returns the combined attainment. When ``additive`` is
    true the combined points are exactly the sum of the parts' displayed points, so the parts
    shown always add up to the total shown. The scheme loader guarantees the weights it passes are
    at least 0 and not all 0, so a method need not guard against them; the built-in ones still give
    0 for weights adding up to 0, for callers outside a scheme.
    """

    name: str
    label: Label
    combine: Combine
    additive: bool = False


def _weighted_mean(attainments: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    total = sum(weights, ZERO)
    if total == 0:
        return ZERO
    return sum((a * w for a, w in zip(attainments, weights, strict=True)), ZERO) / total


def _minimum(attainments: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    return min(attainments, default=ZERO)


SUM = Aggregation("sum", Label("分值相加", "sum of points"), _weighted_mean, additive=True)
WEIGHTED_MEAN = Aggregation("weighted_mean", Label("加权算术平均", "weighted arithmetic mean"), _weighted_mean)
WEIGHTED_GEOMETRIC_MEAN = Aggregation(
    "weighted_geometric_mean", Label("加权几何平均", "weighted geometric mean"), geometric_mean
)
MINIMUM = Aggregation("minimum", Label("取最低得分率", "minimum attainment"), _minimum)

BUILTIN_AGGREGATIONS: Sequence[Aggregation] = (SUM, WEIGHTED_MEAN, WEIGHTED_GEOMETRIC_MEAN, MINIMUM)


def combined_points(
    method: Aggregation, shares: Sequence[Decimal], weights: Sequence[Decimal], points: Decimal, quantum: Decimal
) -> Decimal:
    """The points of a non-additive combination: the unrounded shares combined, × ``points``, rounded half up once.

    ``shares`` are the parts' attainments before any rounding (for a composite: each area's
    unrounded combined attainment, never its displayed points ÷ its full marks); ``quantum`` is
    the scheme's precision (:attr:`targetrule.scheme.Scheme.quantum`).
    """
    return half_up(method.combine(shares, weights) * points, quantum)
