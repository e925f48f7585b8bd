"""Drawing the uncertain factors: area weights (Dirichlet or ±x% uniform, renormalised) and aggregation alternatives.

Every draw is recorded exactly: the area weights as whole numbers of a quantum (0.0001 points, or
finer when the scheme's points need it) that add up to the nominal total, and the index of the
aggregation alternative. :meth:`DrawPlan.draw` turns a record back into the decimals a replay
through the engine uses. A numpy ``Generator`` seeded once makes the same seed give the same draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from targetrule.analysis.data import DataPlan, plan_data
from targetrule.analysis.item_points import ItemPointPlan, plan_item_points, seeds_of
from targetrule.analysis.parameters import ParameterPlan, plan_parameters
from targetrule.analysis.spec import UncertaintySpec
from targetrule.results import Evaluation
from targetrule.scheme import Scheme

Units = NDArray[np.int64]


@frozen
class Draw:
    """One draw's parameters: each area's weight (in points, adding up to the nominal total) and the aggregation."""

    index: int
    weights: tuple[tuple[str, Decimal], ...]
    aggregation: str
    parameters: tuple[tuple[str, str, Any], ...] = ()  # (indicator, parameter, value) of each varied one
    item_points: tuple[tuple[str, Decimal], ...] = ()  # (indicator, full marks) of each item whose points vary
    data_seed: int | None = None  # the seed of the draw's figures (None: the reported figures)
    data: DataPlan | None = field(default=None, eq=False, repr=False)

    @property
    def figures(self) -> tuple[tuple[str, str, str, Decimal], ...]:
        """The draw's figures that differ from the reported ones: (region, indicator, input, value)."""
        if self.data is None or self.data_seed is None:
            return ()
        return self.data.figures(self.data_seed)

    def to_dict(self) -> dict[str, object]:
        """The draw as plain JSON types."""
        return {
            "index": self.index,
            "weights": {a: str(w) for a, w in self.weights},
            "aggregation": self.aggregation,
            "parameters": [{"indicator": i, "name": n, "value": _plain(v)} for i, n, v in self.parameters],
            "item_points": {i: str(p) for i, p in self.item_points},
            "data_seed": self.data_seed,
            "figures": [{"region": r, "indicator": i, "input": n, "value": str(v)} for r, i, n, v in self.figures],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Decimal) else value


@frozen(eq=False)
class DrawPlan:
    """What the draws vary, read off the scheme and the spec once."""

    areas: tuple[str, ...]
    points: tuple[Decimal, ...]  # each area's nominal points: the composite's nominal weights
    varying: NDArray[np.bool_]
    places: int  # the weights are whole numbers of 10 ** -places points
    alternatives: tuple[str, ...]  # aggregation names; the first is the scheme's own
    spec: UncertaintySpec
    parameters: tuple[ParameterPlan, ...] = ()
    items: ItemPointPlan | None = None  # the items whose points vary (None: none)
    data: DataPlan | None = None  # the items whose figures vary (None: none)

    @property
    def item_factor(self) -> bool:
        """True when the items' points are a factor (they vary in some draw)."""
        return self.items is not None and self.items.varies

    @property
    def seed_columns(self) -> int:
        """How many seed factors follow the parameters: the item points', then the figures'."""
        return int(self.item_factor) + int(self.data is not None)

    @property
    def quantum(self) -> Decimal:
        """The smallest step of a drawn weight, in points."""
        return Decimal(1).scaleb(-self.places)

    @property
    def total_units(self) -> int:
        """The weights' total (the nominal points added up) in quanta."""
        return int(sum(self.points, Decimal(0)).scaleb(self.places))

    def nominal_units(self) -> Units:
        """The nominal weights, in quanta."""
        return np.array([int(p.scaleb(self.places)) for p in self.points], dtype=np.int64)

    def draw(
        self, index: int, units: Units, choice: int, picks: Sequence[int] = (), seeds: Sequence[int] = (0, 0)
    ) -> Draw:
        """The record of one draw, in decimals, from its weights in quanta, aggregation, parameter indexes, seeds."""
        quantum = self.quantum
        weights = tuple((a, (Decimal(int(u)) * quantum).normalize()) for a, u in zip(self.areas, units, strict=True))
        chosen = tuple((p.indicator, p.name, p.values[int(v)]) for p, v in zip(self.parameters, picks, strict=True))
        items: tuple[tuple[str, Decimal], ...] = ()
        if self.items is not None and self.item_factor:
            items = self.items.drawn(self.items.units(np.array([int(seeds[0])], dtype=np.int64))[0])
        data_seed = int(seeds[1]) if self.data is not None else None
        return Draw(index, weights, self.alternatives[choice], chosen, items, data_seed, self.data)


def plan_of(scheme: Scheme, spec: UncertaintySpec, evaluation: Evaluation | None = None) -> DrawPlan:
    """The draw plan of ``spec`` on ``scheme`` (the figures vary only given the ``evaluation`` they come from)."""
    areas = tuple(a.spec.id for a in scheme.areas)
    points = tuple(a.spec.points for a in scheme.areas)
    chosen = set(spec.weights.areas) or set(areas)
    varying = np.array([a in chosen for a in areas], dtype=bool)
    places = max([4, *(max(0, -int(p.normalize().as_tuple().exponent)) for p in points)])
    own = scheme.aggregation.name
    alternatives = (own, *(a for a in spec.aggregation.alternatives if a != own))
    from targetrule.analysis.variation import data_inputs, item_point_areas

    items = plan_item_points(spec.items, scheme, item_point_areas(spec, scheme))
    data = plan_data(evaluation, scheme, data_inputs(spec, scheme)) if evaluation is not None else None
    parameters = plan_parameters(spec.parameters, scheme)
    return DrawPlan(areas, points, varying, places, alternatives, spec, parameters, items, data)


def draw_factors(plan: DrawPlan, count: int, rng: np.random.Generator) -> NDArray[np.float64]:
    """The raw factors of ``count`` draws (one column per varying area, then the aggregation's uniform)."""
    k = int(plan.varying.sum())
    method = plan.spec.weights.method
    columns = []
    if method == "dirichlet" and k:
        alpha = _dirichlet_alpha(plan)
        columns.append(rng.gamma(alpha, size=(count, k)))
    elif method == "uniform" and k:
        spread = float(plan.spec.weights.spread)
        columns.append(rng.uniform(1 - spread, 1 + spread, size=(count, k)))
    else:
        columns.append(np.ones((count, k)))
    columns.append(rng.random(size=(count, 1)) if len(plan.alternatives) > 1 else np.zeros((count, 1)))
    if plan.parameters:
        columns.append(rng.random(size=(count, len(plan.parameters))))
    if plan.seed_columns:
        columns.append(rng.random(size=(count, plan.seed_columns)))
    return np.hstack(columns)


def factor_names(plan: DrawPlan) -> list[str]:
    """The names of the independent factors the Sobol analysis varies."""
    names = [f"weight:{a}" for a, v in zip(plan.areas, plan.varying, strict=True) if v]
    weights = plan.spec.weights
    if weights.method == "fixed" or (weights.method == "uniform" and weights.spread == 0):
        names = []
    if len(plan.alternatives) > 1:
        names.append("aggregation")
    names += [f"parameter:{p.indicator}.{p.name}" for p in plan.parameters if len(p.values) > 1]
    if plan.item_factor:
        names.append("items")
    if plan.data is not None:
        names.append("data")
    return names


def to_seeds(plan: DrawPlan, factors: NDArray[np.float64]) -> Units:
    """(draws, 2): each draw's seeds of the item points and of the figures (0 where they do not vary)."""
    seeds = np.zeros((factors.shape[0], 2), dtype=np.int64)
    column = int(plan.varying.sum()) + 1 + len(plan.parameters)
    if plan.item_factor:
        seeds[:, 0] = seeds_of(factors[:, column])
        column += 1
    if plan.data is not None:
        seeds[:, 1] = seeds_of(factors[:, column])
    return seeds


def to_parameters(plan: DrawPlan, factors: NDArray[np.float64]) -> tuple[Units, Units, Units]:
    """Factors → each draw's weights in quanta (adding up to the total exactly), aggregation, parameter values."""
    count = factors.shape[0]
    k = int(plan.varying.sum())
    nominal = plan.nominal_units()
    units = np.broadcast_to(nominal, (count, len(plan.areas))).copy()
    if k and plan.spec.weights.method != "fixed":
        raw = factors[:, :k]
        if plan.spec.weights.method == "uniform":
            raw = raw * nominal[plan.varying].astype(np.float64)
        free = int(nominal[plan.varying].sum())
        units[:, plan.varying] = _largest_remainder(raw, free)
    choice = _index(factors[:, k], len(plan.alternatives))
    picks = np.empty((count, len(plan.parameters)), dtype=np.int64)
    for p, parameter in enumerate(plan.parameters):
        picks[:, p] = _index(factors[:, k + 1 + p], len(parameter.values))
    return units, choice, picks


def _index(uniform: NDArray[np.float64], count: int) -> Units:
    """Uniform numbers in [0, 1) as indexes 0 … count − 1, each equally likely."""
    index: Units = np.minimum((uniform * count).astype(np.int64), count - 1)
    return index


def _dirichlet_alpha(plan: DrawPlan) -> NDArray[np.float64]:
    points = np.array([float(p) for p in plan.points])
    share: NDArray[np.float64] = points / points.sum()
    alpha: NDArray[np.float64] = share[plan.varying] * float(plan.spec.weights.concentration)
    return alpha


def _largest_remainder(raw: NDArray[np.float64], total: int) -> Units:
    """Rows of positive numbers scaled to whole numbers adding up to ``total`` (Hamilton's method)."""
    sums = raw.sum(axis=1, keepdims=True)
    sums[sums <= 0] = 1.0
    exact = raw / sums * total
    floor = np.floor(exact).astype(np.int64)
    short = total - floor.sum(axis=1)
    order = np.argsort(-(exact - floor), axis=1, kind="stable")
    bump = np.zeros_like(floor)
    positions = np.arange(raw.shape[1])[None, :] < short[:, None]
    np.put_along_axis(bump, order, positions.astype(np.int64), axis=1)
    shared: Units = floor + bump
    return shared


def replay_weights(draw: Draw) -> Sequence[Decimal]:
    """A draw's weights in the scheme's area order."""
    return [w for _, w in draw.weights]
