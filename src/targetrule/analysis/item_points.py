"""Drawing the items' points within their areas: Dirichlet or ±x% uniform, renormalised to the area's points.

The items' points are one factor: each draw's are drawn from a generator seeded by that draw's
seed (a uniform number of the Saltelli design mapped to an integer), so a draw is recorded by its
seed and its points, and the Sobol analysis varies them as one group. Drawn points are whole
numbers of a quantum (0.0001 points, or finer when the scheme's points need it) adding up to each
area's points exactly.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from attrs import evolve, frozen
from numpy.typing import NDArray

from targetrule.analysis.spec import ItemPointSpec
from targetrule.scheme import Scheme

Ints = NDArray[np.int64]
SEED_BITS = 53  # a uniform number in [0, 1) becomes the integer seed int(u × 2**53)


def seeds_of(uniform: NDArray[np.float64]) -> Ints:
    """Uniform numbers in [0, 1) as the integer seeds of the draws' generators."""
    seeds: Ints = np.minimum((uniform * 2.0**SEED_BITS).astype(np.int64), 2**SEED_BITS - 1)
    return seeds


@frozen(eq=False)
class ItemPointPlan:
    """The items whose points vary, grouped by area, and how they are drawn."""

    indicators: tuple[str, ...]
    points: tuple[Decimal, ...]  # nominal full marks
    groups: tuple[Ints, ...]  # per varied area: the positions of its items in ``indicators``
    places: int  # drawn points are whole numbers of 10 ** -places points
    spec: ItemPointSpec

    @property
    def quantum(self) -> Decimal:
        """The smallest step of a drawn item's points."""
        return Decimal(1).scaleb(-self.places)

    @property
    def varies(self) -> bool:
        """False when every draw keeps the nominal points (a fixed method, or no spread)."""
        spec = self.spec
        return bool(self.indicators) and not (spec.method == "fixed" or (spec.method == "uniform" and spec.spread == 0))

    def nominal_units(self) -> Ints:
        """The nominal points, in quanta."""
        return np.array([int(p.scaleb(self.places)) for p in self.points], dtype=np.int64)

    def units(self, seeds: Ints) -> Ints:
        """(draws, items): each draw's points in quanta, from its seed; each area's add up to its points."""
        nominal = self.nominal_units()
        out = np.broadcast_to(nominal, (seeds.size, nominal.size)).copy()
        if not self.varies:
            return out
        raw = np.empty(out.shape, dtype=np.float64)
        if self.spec.method == "dirichlet":
            alpha = np.empty(nominal.size)
            for group in self.groups:
                share = nominal[group] / max(1, int(nominal[group].sum()))
                alpha[group] = np.maximum(share * float(self.spec.concentration), 1e-12)
            for row, seed in enumerate(seeds.tolist()):
                raw[row] = np.random.default_rng(seed).gamma(alpha)
        else:
            spread = float(self.spec.spread)
            for row, seed in enumerate(seeds.tolist()):
                raw[row] = np.random.default_rng(seed).uniform(1 - spread, 1 + spread, nominal.size)
            raw *= nominal[None, :]
        from targetrule.analysis.draws import _largest_remainder

        for group in self.groups:
            out[:, group] = _largest_remainder(raw[:, group], int(nominal[group].sum()))
        return out

    def drawn(self, units: Ints) -> tuple[tuple[str, Decimal], ...]:
        """One draw's points as decimals, by indicator."""
        quantum = self.quantum
        return tuple((i, (Decimal(int(u)) * quantum).normalize()) for i, u in zip(self.indicators, units, strict=True))


def plan_item_points(spec: ItemPointSpec, scheme: Scheme, areas: tuple[int, ...]) -> ItemPointPlan | None:
    """The plan for the items of the areas at ``areas`` (None when none vary)."""
    if not areas:
        return None
    indicators: list[str] = []
    points: list[Decimal] = []
    groups = []
    for n in areas:
        start = len(indicators)
        for item in scheme.areas[n].items:
            indicators.append(item.indicator.id)
            points.append(item.points)
        groups.append(np.arange(start, len(indicators), dtype=np.int64))
    places = max([4, *(max(0, -int(p.normalize().as_tuple().exponent)) for p in points)])
    return ItemPointPlan(tuple(indicators), tuple(points), tuple(groups), places, spec)


def with_item_points(scheme: Scheme, drawn: tuple[tuple[str, Decimal], ...]) -> Scheme:
    """``scheme`` with the items' full marks set to ``drawn`` (their weights too where they were the points)."""
    if not drawn:
        return scheme
    chosen = dict(drawn)
    areas = []
    for area in scheme.areas:
        items = []
        for item in area.items:
            points = chosen.get(item.indicator.id)
            if points is None:
                items.append(item)
                continue
            weight = points if item.weight == item.points else item.weight
            items.append(evolve(item, points=points, weight=weight))
        areas.append(evolve(area, items=tuple(items)))
    return evolve(scheme, areas=tuple(areas))
