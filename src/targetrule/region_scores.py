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

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from targetrule.decimal_context import exact
from targetrule.formulas import Attainment, Formula
from targetrule.indicator import Indicator
from targetrule.rounding import ZERO
from targetrule.text import Label
from targetrule.validation import check_values

if TYPE_CHECKING:
    from targetrule.results import AreaResult, IndicatorResult

FastCheck = Callable[[Any], "dict[str, Decimal] | None"]

# Item points are kept as whole units of this exponent: 10^-2, hundredths of a point.
POINTS_EXPONENT = -2


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
    method: Label
    additive: bool
    start: int
    items: tuple[ItemLayout, ...]


@frozen
class ScoreLayout:
    """The scheme's areas and items in order, shared by every region of one evaluation."""

    areas: tuple[AreaLayout, ...]
    positions: Mapping[str, int] = field(eq=False)  # indicator id -> position among all items
    area_positions: Mapping[str, int] = field(eq=False)  # area id -> position

    @classmethod
    def of(cls, areas: tuple[AreaLayout, ...]) -> ScoreLayout:
        """The layout of ``areas``, with each item's and area's position indexed."""
        positions = {item.indicator.id: area.start + k for area in areas for k, item in enumerate(area.items)}
        return cls(areas, positions, {a.id: n for n, a in enumerate(areas)})

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
        return _points(self.item_points[self.layout.positions[indicator_id]])

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

    def _area(self, n: int) -> AreaResult:
        from targetrule.results import AreaResult

        area = self.layout.areas[n]
        items = tuple(self._item(item, area.start + k) for k, item in enumerate(area.items))
        return AreaResult(area.id, area.label, area.max_points, self.area_points[n], area.method, area.additive, items)

    @exact
    def _item(self, item: ItemLayout, position: int) -> IndicatorResult:
        from targetrule.results import IndicatorResult, Status

        points = self.item_points[position]
        values = {} if self.empty else self._values(item)
        attainment: Attainment | None = None
        if points is not None:
            attainment = _attainment_again(item, values, _points(points))
        status = Status.NOT_SCORED if points is None else Status.SCORED
        return IndicatorResult(
            item.indicator.id,
            item.label,
            item.area,
            status,
            item.max_points,
            _points(points),
            attainment,
            values,
            item.indicator.department,
        )

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


def _points(units: int | None) -> Decimal:
    return ZERO if units is None else Decimal(units).scaleb(POINTS_EXPONENT)
