"""Results: frozen, explained, and unstructured to JSON with a versioned schema.

Every number carries its explanation: an indicator's from its formula and the real figures, an
area's and the composite's from the parts that add up to them, a grade's, a rank's and an
award's from the scheme's rules.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding
from targetrule.formulas import Attainment
from targetrule.indicator import Department
from targetrule.region_scores import RegionScores
from targetrule.rounding import fmt, fmt_plain, fmt_points
from targetrule.scheme import SchemeLink
from targetrule.submissions import Region
from targetrule.text import Label

RESULTS_SCHEMA = "targetrule.results/1"


class Status(enum.Enum):
    """Whether an indicator was scored."""

    SCORED = "scored"
    NOT_SCORED = "not_scored"  # its data had errors (lenient mode): counted as 0, marked, never silent


@frozen
class IndicatorResult:
    """One indicator of one region: points out of full marks, and how they were reached."""

    indicator: str
    label: Label
    area: str
    status: Status
    max_points: Decimal
    points: Decimal
    attainment: Attainment | None
    values: Mapping[str, Decimal]
    department: Department | None = None  # 牵头部门, as the indicator declares it

    def explanation(self) -> Label:
        """The formula's sentence with the real figures, then the points it gives."""
        return self.explained()[0]

    @exact
    def explained(self) -> tuple[Label, str | None]:
        """The explanation, and what went wrong when the formula's ``explain()`` failed (else None).

        A plugin's ``explain()`` that raises or returns anything but a :class:`Label` of two strings
        never stops a report: a plain sentence with the attainment stands in for it.
        """
        places = max(2, -int(self.points.as_tuple().exponent))  # the scheme's precision, which the points carry
        mx = fmt(self.max_points, places)
        if self.attainment is None:
            return Label(f"数据有误，未计分（满分 {mx}）", f"not scored: the data has errors (full marks {mx})"), None
        error = None
        try:
            base = self.attainment.explanation()
            if not (isinstance(base, Label) and isinstance(base.zh, str) and isinstance(base.en, str)):
                error = f"returned {_short(base)} instead of a Label of two strings"
        except Exception as exc:  # a plugin's explain() is its own code
            error = _short(exc)
        if error is not None:
            share = fmt(self.attainment.value * 100) + "%"
            family = getattr(self.attainment.formula, "family", "?")
            base = Label(
                f"得分率 {share}（计分公式 {family} 的说明生成出错）",
                f"attainment {share} (the {family} formula's explanation failed)",
            )
        pts = fmt_points(self.points)
        return Label(f"{base.zh}，得 {pts} 分（满分 {mx}）", f"{base.en}: {pts} of {mx} points"), error


@frozen
class AreaResult:
    """One area of one region: its points and the items they come from."""

    area: str
    label: Label
    max_points: Decimal
    points: Decimal
    method: Label
    additive: bool
    indicators: tuple[IndicatorResult, ...]
    formula: Label | None = None  # a non-additive area's real formula, from its items' unrounded attainments

    @exact
    def explanation(self) -> Label:
        """The items' points adding up to the area's, or the method's real formula over their attainments."""
        parts = " + ".join(fmt_points(i.points) for i in self.indicators)
        total = fmt_points(self.points)
        if self.additive:
            return Label(f"{parts} = {total}", f"{parts} = {total}")
        if self.formula is not None:
            return self.formula
        return Label(
            f"按{self.method.zh}汇总各项得分率（各项分 {parts}），得 {total} 分（满分 {fmt(self.max_points)}）",
            f"{self.method.en} of the items' attainments (item points {parts}): {total} of {fmt(self.max_points)}",
        )


@frozen
class Adjustment:
    """A bonus (加分) or a deduction (扣分) applied to a region's composite."""

    kind: str  # "bonus" or "deduction"
    id: str
    label: Label
    points: Decimal
    note: str = ""
    cancels_awards: bool = False  # set for misreporting found by verification (弄虚作假)


@frozen
class Discrepancy:
    """A figure the inspection team verified that differs from the one the region reported."""

    indicator: str
    input: str
    label: Label
    reported: Decimal | None  # None: the region did not report it (or not as a number)
    verified: Decimal
    relative: Decimal | None  # |verified − reported| ÷ |verified|; None when not computable
    beyond_tolerance: bool
    by: str = ""
    on: str = ""
    source: str = ""
    note: str = ""

    @exact
    def explanation(self) -> Label:
        """上报 X，核实 Y（差异 Z%）, with who verified it, when and from what."""
        reported = "未填报" if self.reported is None else fmt_plain(self.reported)
        reported_en = "not reported" if self.reported is None else fmt_plain(self.reported)
        verified = fmt_plain(self.verified)
        share = "" if self.relative is None else f"（差异 {fmt(self.relative * 100)}%）"
        share_en = "" if self.relative is None else f" (a difference of {fmt(self.relative * 100)}%)"
        who = "，".join(x for x in (self.by, self.on, self.source) if x)
        who_en = ", ".join(x for x in (self.by, self.on, self.source) if x)
        return Label(
            f"{self.label.zh}：上报 {reported}，核实 {verified}{share}" + (f"（{who}）" if who else ""),
            f"{self.label.en}: reported {reported_en}, verified {verified}{share_en}" + (f" ({who_en})" if who else ""),
        )


@frozen
class RegionResult:
    """Everything the evaluation says about one region."""

    region: Region
    scores: RegionScores  # the item and area points, compact; ``areas`` builds the results from them
    base_points: Decimal
    bonus_points: Decimal
    deduction_points: Decimal
    composite: Decimal
    adjustments: tuple[Adjustment, ...]
    findings: tuple[Finding, ...]
    vetoes: tuple[str, ...] = ()
    gate_passed: bool = True
    rank: int | None = None
    grade: str | None = None
    grade_label: Label | None = None
    grade_note: Label | None = None
    award: str | None = None
    award_label: Label | None = None
    eligible_for_awards: bool = False
    ineligible_because: tuple[Label, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def survey_only(self) -> bool:
        """True for a region surveyed, not scored into the ranking (督查调研)."""
        return self.region.survey_only

    @property
    def areas(self) -> tuple[AreaResult, ...]:
        """Every area's result with its indicators' results, built on access from the compact scores."""
        return self.scores.areas()

    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator result, area by area."""
        return tuple(i for a in self.areas for i in a.indicators)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The result for one indicator (``KeyError`` for an indicator not in the scheme)."""
        return self.scores.indicator(indicator_id)

    def area(self, area_id: str) -> AreaResult:
        """The result for one area (``KeyError`` for an area not in the scheme)."""
        return self.scores.area(area_id)

    @exact
    def explanation(self) -> Label:
        """Area points adding up to the base (or the composite's real formula), then bonus and deductions."""
        formula = self.scores.composite_formula()
        if formula is None:
            parts = " + ".join(fmt_points(points) for points in self.scores.area_points)
            zh = f"各领域 {parts} = {fmt_points(self.base_points)}"
            en = f"areas {parts} = {fmt_points(self.base_points)}"
        else:
            zh, en = f"各领域{formula.zh}", f"areas, {formula.en}"
        if self.bonus_points or self.deduction_points:
            zh += f"；加分 {fmt_points(self.bonus_points)}，扣分 {fmt_points(self.deduction_points)}"
            en += f"; bonus {fmt_points(self.bonus_points)}, deductions {fmt_points(self.deduction_points)}"
        total = fmt_points(self.composite)
        return Label(f"{zh}；综合得分 {total}", f"{en}; composite {total}")


@frozen
class PluginRecord:
    """A plugin that took part, for provenance."""

    name: str
    distribution: str
    version: str


@frozen
class SpecialReport:
    """A region's special report (专题报告) as its return names it, and the SHA-256 of the file (empty if not read)."""

    region: str
    file: str
    sha256: str = ""


@frozen
class Provenance:
    """What produced a result: library and plugin versions, the scheme and the input, hashed."""

    library_version: str
    plugins: tuple[PluginRecord, ...]
    scheme_id: str
    scheme_sha256: str
    input_sha256: str
    scheme_origin: str = ""
    verifications_sha256: str = ""  # of the verified figures passed apart from the submissions, if any
    # every file of a scheme that extends another (``extends``), the scheme's own first; empty for one file
    scheme_chain: tuple[SchemeLink, ...] = ()
    # each region's special report (专题报告) its return names, with the file's hash where it was read
    special_reports: tuple[SpecialReport, ...] = ()


@frozen
class Evaluation:
    """The whole evaluation: every region's result, the ranking, the findings and the provenance."""

    scheme: str
    scheme_title: Label
    mode: str
    ranked: bool
    regions: tuple[RegionResult, ...]
    findings: tuple[Finding, ...]
    provenance: Provenance
    not_ranked_because: Label | None = None
    note: Label | None = None  # the data's own note, e.g. "illustrative figures"
    # indicator id -> (plugin, distribution) answerable for its formula: named when its explanation fails
    formula_plugins: Mapping[str, tuple[str, str]] = field(factory=dict, eq=False, repr=False)

    def region(self, region_id: str) -> RegionResult:
        """The result for one region."""
        for result in self.regions:
            if result.region.id == region_id:
                return result
        raise KeyError(region_id)

    def ranking(self) -> tuple[RegionResult, ...]:
        """The ranked regions, best first (survey-only and unranked regions left out)."""
        return tuple(sorted((r for r in self.regions if r.rank is not None), key=lambda r: (r.rank, r.region.id)))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that are errors."""
        return tuple(f for f in self.findings if f.is_error)

    @exact
    def to_dict(self) -> dict[str, Any]:
        """Unstructure to plain JSON types, explanations included, under a versioned schema."""
        from targetrule.plain_json import evaluation_to_dict

        return evaluation_to_dict(self)


def _short(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # an object whose repr() raises
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 120 else text[:117] + "..."
