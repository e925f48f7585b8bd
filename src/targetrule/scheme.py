"""A scheme: one year's evaluation as data (a TOML file), and the resolved form the engine runs.

The raw classes mirror the TOML file one to one and are structured by cattrs; the loader
(:mod:`targetrule.scheme_loader`) checks them against the installed plugins and resolves them
into a :class:`Scheme`. Each class's docstring states the domain of its numbers; the loader
checks every one of them and reports all problems together (docs/scheme-format.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from attrs import field, frozen

from targetrule.aggregation import Aggregation
from targetrule.formulas import Formula
from targetrule.indicator import Indicator
from targetrule.text import Label


@frozen
class SchemeSource:
    """A scheme's TOML text, as shipped by a plugin or read from a file."""

    id: str
    text: str
    origin: str = ""


@frozen
class SchemeLink:
    """One file of an extending scheme's chain (``extends``): its id, origin and the SHA-256 of its text."""

    id: str
    origin: str
    sha256: str


@frozen
class ItemSpec:
    """One indicator in an area: its full marks (> 0), weight (≥ 0, default the points), parameters, formula."""

    id: str
    points: Decimal
    weight: Decimal | None = None
    params: dict[str, Any] = field(factory=dict)
    formula: dict[str, Any] | None = None


@frozen
class AreaSpec:
    """An area (领域) of the scheme with its points (> 0), its items (at least one) and how they aggregate."""

    id: str
    label: Label
    points: Decimal
    indicators: tuple[ItemSpec, ...]
    aggregation: str = "sum"


@frozen
class GradeBand:
    """A grade (等次) from ``min`` points (0 to the reachable maximum); ``quota`` (0 < q ≤ 1) caps its share."""

    id: str
    label: Label
    min: Decimal
    quota: Decimal | None = None


@frozen
class BonusItem:
    """A commendation a region may claim, worth up to ``points`` (≥ 0) each time."""

    id: str
    label: Label
    points: Decimal


@frozen
class BonusPool:
    """The bonus items and the cap (≥ 0) on their total (加分总额上限)."""

    cap: Decimal
    items: tuple[BonusItem, ...] = ()


@frozen
class DeductionItem:
    """A deduction (扣分) of ``points`` (≥ 0) per occurrence; may cancel awards (弄虚作假)."""

    id: str
    label: Label
    points: Decimal
    cancels_awards: bool = False


@frozen
class Misreporting:
    """What a verified figure differing from the reported one costs (弄虚作假).

    A difference beyond ``tolerance`` (a share 0-1, relative to the verified figure: 0.05 allows 5%) applies
    the deduction ``deduction`` (an id of ``[[deductions]]``) once per such figure; with
    ``cancels_awards`` it also cancels awards, even if the deduction item alone does not; with
    ``max_grade`` (a grade id) a region with that deduction is graded at most that, whatever its bonuses.
    """

    deduction: str
    tolerance: Decimal = Decimal(0)
    cancels_awards: bool = True
    max_grade: str | None = None


@frozen
class Veto:
    """A one-vote veto (一票否决): an indicator's attainment below ``below`` (0 to its reach), or declared in data."""

    id: str
    label: Label
    indicator: str | None = None
    below: Decimal = Decimal(1)
    max_grade: str | None = None
    no_awards: bool = True


MAIN_TARGETS = Label("主要目标任务完成", "main targets completed")


@frozen
class Gate:
    """Main targets (at least one) completed (attainment ≥ ``min_attainment``, 0 up to their reach) for awards."""

    indicators: tuple[str, ...]
    min_attainment: Decimal = Decimal(1)
    effect: Literal["awards", "ranking"] = "awards"
    label: Label = MAIN_TARGETS
    missed: Label | None = None  # the note when not passed (未过门槛：…), followed by the targets missed


@frozen
class Limit:
    """A province-wide limit on one input of every region (no city ceiling above the province's 4.5%)."""

    indicator: str
    input: str
    label: Label
    maximum: Decimal | None = None
    minimum: Decimal | None = None


@frozen
class AwardTier:
    """A prize given to the next ``count`` (1 to 1,000,000) eligible regions in rank order."""

    id: str
    label: Label
    count: int


@frozen
class RankingSpec:
    """How regions are ranked: ties share a rank unless tie-breaks (``area:ID``/``indicator:ID``) are given."""

    tie_break: tuple[str, ...] = ()


@frozen
class InspectionSpec:
    """The inspection on the spot (督查考评): counties drawn per city and when the teams go.

    ``least_counties`` to ``most_counties`` (1-100) counties are drawn in each city (一至二个县);
    the teams start on ``starts`` (an ISO date, ``2007-12-03``) for about ``days`` (1-366) days.
    """

    least_counties: int = 1
    most_counties: int | None = None
    starts: str = ""
    days: int | None = None


@frozen
class ReportSpec:
    """The report's title block as the scheme sets it (the command line may override each part)."""

    issuer: str | None = None
    number: str | None = None
    title: str | None = None
    signature: str | None = None


@frozen
class SchemeSpec:
    """The scheme file, field for field: ``year`` 1900-2100, ``total_points`` > 0, ``tolerance`` a share 0-1.

    ``not_applicable`` is one of ``reweight``, ``zero``, ``full``; ``award_min_grade`` a grade's id.
    """

    id: str
    title: Label
    year: int
    total_points: Decimal
    areas: tuple[AreaSpec, ...]
    grades: tuple[GradeBand, ...]
    schema: str = "targetrule.scheme/1"
    note: Label | None = None
    aggregation: str = "sum"
    plugins: tuple[str, ...] = ()
    bonus: BonusPool | None = None
    deductions: tuple[DeductionItem, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    gate: Gate | None = None
    awards: tuple[AwardTier, ...] = ()
    ranking: RankingSpec = RankingSpec()
    tolerance: Decimal = Decimal(0)
    misreporting: Misreporting | None = None
    not_applicable: str | None = None  # what a 0 ÷ 0 part of a compound item gets: reweight, zero or full
    award_min_grade: str | None = None  # the lowest grade (an id of grades) that may win an award
    inspection: InspectionSpec | None = None
    precision: str = "0.01"
    limits: tuple[Limit, ...] = ()
    report: ReportSpec | None = None


@frozen
class ScoredItem:
    """An indicator as this scheme scores it: declaration, full marks, weight, formula, parameters."""

    indicator: Indicator
    area: str
    points: Decimal
    weight: Decimal
    formula: Formula
    params: Mapping[str, Any]


@frozen
class ResolvedArea:
    """An area with its items resolved against the registry."""

    spec: AreaSpec
    aggregation: Aggregation
    items: tuple[ScoredItem, ...]


@frozen
class Scheme:
    """A scheme checked against the installed plugins, ready for the engine."""

    spec: SchemeSpec
    areas: tuple[ResolvedArea, ...]
    aggregation: Aggregation
    sha256: str
    origin: str
    #: The files merged into this scheme, itself first, when it ``extends`` another (empty otherwise).
    chain: tuple[SchemeLink, ...] = ()

    @property
    def id(self) -> str:
        """The scheme's id, e.g. ``jilin-2007``."""
        return self.spec.id

    @property
    def quantum(self) -> Decimal:
        """What points are rounded to (half up): ``Decimal("0.01")`` unless the scheme's ``precision`` says 0.001."""
        return Decimal(self.spec.precision)

    def items(self) -> tuple[ScoredItem, ...]:
        """Every scored indicator, area by area, in scheme order."""
        return tuple(item for area in self.areas for item in area.items)

    def item(self, indicator_id: str) -> ScoredItem:
        """The scored item for ``indicator_id``."""
        for item in self.items():
            if item.indicator.id == indicator_id:
                return item
        raise KeyError(indicator_id)
