"""What the engine keeps of a scored region: its points as plain numbers, and how to explain them again.

A region's items are kept as one tuple of whole hundredths of a point (``None`` for an item not
scored) and its areas as one tuple of points, beside the inputs they were scored from. The public
objects, :class:`~targetrule.results.IndicatorResult` and :class:`~targetrule.results.AreaResult`,
are built from these on access: each item's values are read again by the same check and its
attainment and facts given again by the same pure formula and parameters, so an explanation is
the one the scoring would have given. The layout (which item is where, with its formula and
parameters) is shared by every region of an evaluation.

Why: an evaluation of 100,000 regions holds 4 million items. As objects with their facts, they
took about 58 KiB a region and gave the cyclic garbage collector a hundred objects a region to walk;
as tuples of numbers they take a few KiB, and the collector stops tracking them after its first pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from targetrule.aggregation import SUM, Aggregation
from targetrule.decimal_context import exact
from targetrule.formulas import Attainment, Formula
from targetrule.indicator import Indicator
from targetrule.rounding import CENT, ZERO
from targetrule.text import Label
from targetrule.validation import check_values

if TYPE_CHECKING:
    from targetrule.results import AreaResult, IndicatorResult

FastCheck = Callable[[Any], "dict[str, Decimal] | None"]


@frozen
class ItemLayout:
    """One item of the scheme, as every region's results read it: what it is and how it is scored."""

    indicator: Indicator
    label: Label
    area: str
    max_points: Decimal
    formula: Formula
    params: Mapping[str, Any]
    fast: FastCheck = field(eq=False)


@frozen
class AreaLayout:
    """One area of the scheme: its label, full marks, method and items (``start`` is its first item's position)."""

    id: str
    label: Label
    max_points: Decimal
    aggregation: Aggregation
    weights: tuple[Decimal, ...]  # the items' weights in a non-additive method
    start: int
    items: tuple[ItemLayout, ...]

    @property
    def method(self) -> Label:
        """How the area combines its items, for people."""
        return self.aggregation.label

    @property
    def additive(self) -> bool:
        """True when the area's points are its items' points added up."""
        return self.aggregation.additive


@frozen
class ScoreLayout:
    """The scheme's areas and items in order, shared by every region of one evaluation."""

    areas: tuple[AreaLayout, ...]
    positions: Mapping[str, int] = field(eq=False)  # indicator id -> position among all items
    area_positions: Mapping[str, int] = field(eq=False)  # area id -> position
    composite: Aggregation = field(default=SUM, eq=False)  # how the areas combine
    area_maxima: tuple[Decimal, ...] = ()  # the areas' full marks: their weights in a non-additive composite
    total_points: Decimal = ZERO
    quantum: Decimal = CENT  # what points are rounded to (the scheme's precision)

    @classmethod
    def of(
        cls,
        areas: tuple[AreaLayout, ...],
        composite: Aggregation = SUM,
        area_maxima: tuple[Decimal, ...] = (),
        total_points: Decimal = ZERO,
        quantum: Decimal = CENT,
    ) -> ScoreLayout:
        """The layout of ``areas``, with each item's and area's position indexed."""
        positions = {item.indicator.id: area.start + k for area in areas for k, item in enumerate(area.items)}
        areas_at = {a.id: n for n, a in enumerate(areas)}
        return cls(areas, positions, areas_at, composite, area_maxima, total_points, quantum)

    @property
    def exponent(self) -> int:
        """Item points are kept as whole units of ``10 ** exponent`` (-2: hundredths)."""
        return int(self.quantum.as_tuple().exponent)

    def item(self, position: int) -> ItemLayout:
        """The item at ``position`` among all items, area by area."""
        for area in self.areas:
            if position < area.start + len(area.items):
                return area.items[position - area.start]
        raise IndexError(position)


@frozen
class RegionScores:
    """One region's item and area points, compact, with the inputs they were scored from."""

    layout: ScoreLayout = field(eq=False, repr=False)
    region: str
    path: str  # the region's place in the submissions, for the checks that read its inputs again
    inputs: Mapping[str, Any] = field(repr=False)
    item_points: tuple[int | None, ...]  # hundredths of a point; None: not scored
    area_points: tuple[Decimal, ...]
    empty: bool = False  # the region gave no inputs: its items were not read at all

    def points_of(self, indicator_id: str) -> Decimal:
        """An item's points (0 when it was not scored), without building its result."""
        return self._points(self.item_points[self.layout.positions[indicator_id]])

    def points_of_area(self, area_id: str) -> Decimal:
        """An area's points, without building its result."""
        return self.area_points[self.layout.area_positions[area_id]]

    def areas(self) -> tuple[AreaResult, ...]:
        """Every area's result with its items' results, built now."""
        return tuple(self._area(n) for n in range(len(self.layout.areas)))

    def area(self, area_id: str) -> AreaResult:
        """One area's result, built now."""
        return self._area(self.layout.area_positions[area_id])

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """One item's result, built now."""
        position = self.layout.positions[indicator_id]
        return self._item(self.layout.item(position), position)

    def area_shares(self) -> tuple[Decimal, ...]:
        """Each area's attainment as a non-additive composite combines it: unrounded where the area is not a sum."""
        return tuple(
            self._combined_share(n) if not area.additive else _share(self.area_points[n], area.max_points)
            for n, area in enumerate(self.layout.areas)
        )

    def composite_formula(self) -> Label | None:
        """A non-additive composite's real formula with the areas' attainments (None for a sum)."""
        layout = self.layout
        if layout.composite.additive:
            return None
        return _formula(layout.composite, self.area_shares(), layout.area_maxima, layout.total_points, layout.quantum)

    def _combined_share(self, n: int) -> Decimal:
        area = self.layout.areas[n]
        shares = [self._share_of(area.start + k) for k in range(len(area.items))]
        try:
            return area.aggregation.combine(shares, list(area.weights))
        except Exception:  # a plugin's method failed when scored too: the area counted 0 (area.aggregation_failed)
            return ZERO

    def _share_of(self, position: int) -> Decimal:
        """An item's attainment again (0 when not scored), from its pure formula."""
        if self.item_points[position] is None:
            return ZERO
        item = self.layout.item(position)
        return _attainment_again(item, self._values(item), self._points(self.item_points[position])).value

    def _area(self, n: int) -> AreaResult:
        from targetrule.results import AreaResult

        area = self.layout.areas[n]
        items = tuple(self._item(item, area.start + k) for k, item in enumerate(area.items))
        formula = None
        if not area.additive:
            shares = [i.attainment.value if i.attainment is not None else ZERO for i in items]
            formula = _formula(area.aggregation, shares, area.weights, area.max_points, self.layout.quantum)
        points = self.area_points[n]
        return AreaResult(area.id, area.label, area.max_points, points, area.method, area.additive, items, formula)

    @exact
    def _item(self, item: ItemLayout, position: int) -> IndicatorResult:
        from targetrule.results import IndicatorResult, Status

        points = self.item_points[position]
        values = {} if self.empty else self._values(item)
        attainment: Attainment | None = None
        if points is not None:
            attainment = _attainment_again(item, values, self._points(points))
        status = Status.NOT_SCORED if points is None else Status.SCORED
        return IndicatorResult(
            item.indicator.id,
            item.label,
            item.area,
            status,
            item.max_points,
            self._points(points),
            attainment,
            values,
            item.indicator.department,
        )

    def _points(self, units: int | None) -> Decimal:
        return ZERO if units is None else Decimal(units).scaleb(self.layout.exponent)

    def _values(self, item: ItemLayout) -> dict[str, Decimal]:
        """The item's values as the scoring read them: the generated check's, else the full validator's."""
        raw = self.inputs.get(item.indicator.id)
        try:
            values = item.fast(raw)
        except Exception:  # a plugin's own rule raised: the full validator reads it, as the scoring did
            values = None
        if values is None:
            values, _ = check_values(item.indicator, raw, self.region, self.path)
        return values


def _attainment_again(item: ItemLayout, values: Mapping[str, Decimal], points: Decimal) -> Attainment:
    """The item's attainment with its facts, from its pure formula, as the scoring had it.

    A plugin's formula that is not pure (it raises now, or gives no Attainment) gets one with the
    share its points show and no facts: its explanation then fails, and the results say so
    (``indicator.explain_failed``) instead of stopping a report.
    """
    try:
        attainment = item.formula.score(values, item.params)
    except Exception:  # a plugin's formula is its own code
        attainment = None
    if isinstance(attainment, Attainment):
        return attainment
    share = points / item.max_points if item.max_points else ZERO
    return Attainment(share, item.formula, {})


def _share(points: Decimal, maximum: Decimal) -> Decimal:
    return points / maximum if maximum else ZERO


def _formula(
    method: Aggregation, shares: Sequence[Decimal], weights: Sequence[Decimal], points: Decimal, quantum: Decimal
) -> Label | None:
    """The real formula of a non-additive combination, or None where a plugin's method fails to give one."""
    from targetrule.combination_text import explain_combination

    try:
        return explain_combination(method, shares, weights, points, quantum)
    except Exception:  # a plugin's method: the plain sentence stands in
        return None
