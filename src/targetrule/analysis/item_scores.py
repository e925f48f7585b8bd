"""Each draw's item points where items vary: attainment × drawn full marks, half up to the cent, added up per area.

The items whose points or figures vary are kept as a regions × items matrix of attainments and of
the engine's points (in cents), read once off the evaluation. A draw's points are computed in
floating point and rounded half up, the values within a hair of a half cent recomputed in
``Decimal``; an item whose figures vary is re-scored exactly (:mod:`targetrule.analysis.data`).
The result is each area's change in points (in units of the scheme's precision: cents) against
the evaluation, per draw and region.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from targetrule.analysis.data import DataPlan
from targetrule.analysis.item_points import ItemPointPlan
from targetrule.results import Evaluation
from targetrule.scheme import Scheme

Ints = NDArray[np.int64]
_NEAR_HALF = 1e-6  # in cents, as for the composites


@frozen(eq=False)
class ItemVariation:
    """The fixed inputs of the varied items: attainments, nominal points, areas, and the two plans."""

    indicators: tuple[str, ...]  # every item whose points or figures vary, in scheme order
    area: Ints  # per item: its area's position
    areas: int
    points: tuple[Decimal, ...]  # nominal full marks
    attainment: tuple[tuple[Decimal | None, ...], ...]  # (regions, items); None: not scored
    attainment_float: NDArray[np.float64]
    cents: Ints  # (regions, items): the evaluation's points, in cents
    items: ItemPointPlan | None
    data: DataPlan | None
    item_column: Ints  # per item: its column in the item-point plan, or −1
    data_column: Ints  # per item: its position in the data plan, or −1
    places: int  # points are computed in whole numbers of 10 ** -places points
    watched: tuple[str, ...] = ()  # the items whose figures vary and that a veto or the gate reads
    digits: int = 2  # points are kept in units of 10 ** -digits (the scheme's precision: cents at 0.01)

    def area_deltas(self, seeds: Ints) -> Ints:
        """(draws, regions, areas): each area's points minus the evaluation's, in cents (see :meth:`changes`)."""
        return self.changes(seeds)[0]

    def changes(self, seeds: Ints) -> tuple[Ints, list[list[dict[str, Decimal | None]]] | None]:
        """Each area's points minus the evaluation's, in cents (draws, regions, areas), and the watched attainments.

        ``seeds`` is (draws, 2): the seeds of the item points and of the figures. The second part
        gives, per draw and region, the attainment of each :attr:`watched` item (None without any).
        """
        count = seeds.shape[0]
        regions, width = self.cents.shape
        places = self.places
        units = np.broadcast_to(self._nominal_units(places), (count, width)).copy()
        if self.items is not None and self.items.varies:
            drawn = self.items.units(seeds[:, 0]) * 10 ** (places - self.items.places)
            moved = self.item_column >= 0
            units[:, moved] = drawn[:, self.item_column[moved]]
        scaled = self.attainment_float[None, :, :] * (units[:, None, :] * 10.0 ** (self.digits - places))
        scaled += 0.5
        cents = np.floor(scaled)
        fraction = np.abs(scaled - cents - 0.5)
        cents_int = cents.astype(np.int64)
        quantum = Decimal(1).scaleb(-places)
        for d, r, i in zip(*np.nonzero(fraction > 0.5 - _NEAR_HALF), strict=True):
            attained = self.attainment[r][i]
            if attained is not None:
                cents_int[d, r, i] = _cents(attained, Decimal(int(units[d, i])) * quantum, self.digits)
        unscored = np.array([[a is None for a in row] for row in self.attainment], dtype=bool).reshape(regions, width)
        cents_int[:, unscored] = self.cents[unscored][None, :]
        watched: list[list[dict[str, Decimal | None]]] | None = None
        if self.data is not None:
            column_of = {int(k): i for i, k in enumerate(self.data_column.tolist()) if k >= 0}
            position = {ident: i for i, ident in enumerate(self.indicators)}
            watched = [] if self.watched else None
            for d, seed in enumerate(seeds[:, 1].tolist()):
                draw_attained: list[dict[str, Decimal | None]] = []
                for r, row in enumerate(self.data.rescored(seed)):
                    found = {w: self.attainment[r][position[w]] for w in self.watched}
                    for k, used in enumerate(row):
                        if used is not None:
                            i = column_of[k]
                            cents_int[d, r, i] = _cents(used[1], Decimal(int(units[d, i])) * quantum, self.digits)
                            if self.indicators[i] in found:
                                found[self.indicators[i]] = used[1]
                    draw_attained.append(found)
                if watched is not None:
                    watched.append(draw_attained)
        delta = cents_int - self.cents[None, :, :]
        out = np.zeros((count, regions, self.areas), dtype=np.int64)
        for i in range(width):
            out[:, :, int(self.area[i])] += delta[:, :, i]
        return out, watched

    def _nominal_units(self, places: int) -> Ints:
        return np.array([int(p.scaleb(places)) for p in self.points], dtype=np.int64)


def _cents(attainment: Decimal, points: Decimal, digits: int) -> int:
    """The engine's points of an item, in units of its precision (cents): attainment × full marks, half up."""
    return int((attainment * points).scaleb(digits).to_integral_value(ROUND_HALF_UP))


def item_variation(
    evaluation: Evaluation, scheme: Scheme, items: ItemPointPlan | None, data: DataPlan | None
) -> ItemVariation | None:
    """The varied items' fixed inputs (None when neither item points nor figures vary)."""
    if (items is None or not items.varies) and data is None:
        return None
    varied = set(items.indicators if items is not None and items.varies else ()) | set(data.indicators if data else ())
    chosen = [(n, i) for n, a in enumerate(scheme.areas) for i in a.items if i.indicator.id in varied]
    ids = tuple(i.indicator.id for _, i in chosen)
    attainment = []
    cents = []
    digits = -int(scheme.quantum.as_tuple().exponent)
    for result in evaluation.regions:
        scored = [result.indicator(ident) for ident in ids]
        attainment.append(tuple(None if s.attainment is None else s.attainment.value for s in scored))
        cents.append([int((s.points or Decimal(0)).scaleb(digits)) for s in scored])
    spec = scheme.spec
    read = {v.indicator for v in spec.vetoes if v.indicator is not None} | set(
        spec.gate.indicators if spec.gate else ()
    )
    exponents = [max(0, -int(i.points.normalize().as_tuple().exponent)) for _, i in chosen]
    places = max([4, *exponents, *([items.places] if items is not None else [])])
    item_index = {ident: k for k, ident in enumerate(items.indicators)} if items is not None and items.varies else {}
    data_index = {ident: k for k, ident in enumerate(data.indicators)} if data is not None else {}
    return ItemVariation(
        indicators=ids,
        area=np.array([n for n, _ in chosen], dtype=np.int64),
        areas=len(scheme.areas),
        points=tuple(i.points for _, i in chosen),
        attainment=tuple(attainment),
        attainment_float=np.array(
            [[0.0 if a is None else float(a) for a in row] for row in attainment], dtype=np.float64
        ).reshape(len(attainment), len(ids)),
        cents=np.array(cents, dtype=np.int64).reshape(len(attainment), len(ids)),
        items=items if items is not None and items.varies else None,
        data=data,
        item_column=np.array([item_index.get(ident, -1) for ident in ids], dtype=np.int64),
        data_column=np.array([data_index.get(ident, -1) for ident in ids], dtype=np.int64),
        places=places,
        digits=digits,
        watched=tuple(i for i in (data.indicators if data is not None else ()) if i in read),
    )
