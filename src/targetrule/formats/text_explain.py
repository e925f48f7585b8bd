"""Why a region got its score, as lines of text: overall, for one area, for one indicator."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from targetrule.formats.text_findings import finding_line
from targetrule.formats.text_lang import say
from targetrule.formats.text_ranking import veto_names

if TYPE_CHECKING:
    from targetrule.findings import Finding
    from targetrule.results import AreaResult, Evaluation, IndicatorResult, RegionResult
    from targetrule.scheme import Scheme
    from targetrule.text import Lang


def region_explanation(result: RegionResult, evaluation: Evaluation, scheme: Scheme, lang: Lang) -> list[str]:
    """A region overall: composite, each area, adjustments, rank, grade, award, vetoes, eligibility, findings."""
    from targetrule.rounding import fmt

    name = result.region.name(lang)
    lines = [f"{name} ({result.region.id})"]
    if result.survey_only:
        lines.append(say(lang, "  仅督查调研，不参与排名和评奖", "  survey only: not ranked, no awards"))
    lines.append(say(lang, f"  综合得分 {fmt(result.composite)}：", f"  composite {fmt(result.composite)}: "))
    lines[-1] += result.explanation()(lang)
    for area in result.areas:
        lines.append(f"  {area.label(lang)} {fmt(area.points)}/{fmt(area.max_points)}: {area.explanation()(lang)}")
    for adjustment in result.adjustments:
        kind = say(lang, "加分", "bonus") if adjustment.kind == "bonus" else say(lang, "扣分", "deduction")
        lines.append(f"  {kind}: {adjustment.label(lang)} {fmt(adjustment.points)}")
    if result.rank is not None:
        lines.append(say(lang, f"  名次：第 {result.rank} 名", f"  rank: {result.rank}"))
    elif not evaluation.ranked and evaluation.not_ranked_because is not None:
        lines.append("  " + evaluation.not_ranked_because(lang))
    if result.grade_note is not None:
        from targetrule.formats.report_model import grade_limit

        lines.append(say(lang, "  等次：", "  grade: ") + (grade_limit(result, lang) or result.grade_note(lang)))
    if result.award_label is not None:
        lines.append(say(lang, "  奖项：", "  award: ") + result.award_label(lang))
    if result.vetoes:
        lines.append(say(lang, "  一票否决：", "  veto: ") + veto_names(scheme, result.vetoes, lang))
    for why in result.ineligible_because:
        lines.append(say(lang, "  不参与评奖：", "  not eligible for awards: ") + why(lang))
    for item in result.findings:
        lines.append("  " + finding_line(item, lang))
    return lines


def department_explanation(result: RegionResult, scheme: Scheme, department: str, lang: Lang) -> list[str]:
    """A region's items that one department answers for (牵头部门): each item's points and why, then their total."""
    from decimal import Decimal

    from targetrule.departments import departments, items_of
    from targetrule.rounding import fmt

    label = next(d.label for d in departments(scheme) if d.id == department)
    ids = {item.indicator.id for item in items_of(scheme, department)}
    mine = [i for i in result.indicators() if i.indicator in ids]
    lines = [f"{result.region.name(lang)} ({result.region.id}) — {label(lang)}"]
    lines += [f"  {i.label(lang)} {fmt(i.points)}/{fmt(i.max_points)}: {i.explanation()(lang)}" for i in mine]
    points = fmt(sum((i.points for i in mine), Decimal(0)))
    most = fmt(sum((i.max_points for i in mine), Decimal(0)))
    lines.append(
        say(lang, f"  合计 {points}/{most} 分（{len(mine)} 项）", f"  total {points}/{most} ({len(mine)} items)")
    )
    return lines


def area_explanation(area: AreaResult, lang: Lang) -> list[str]:
    """One area: its explanation, then each of its indicators' explanations."""
    lines = [f"{area.label(lang)}: {area.explanation()(lang)}"]
    lines += [f"  {i.label(lang)}: {i.explanation()(lang)}" for i in area.indicators]
    return lines


def shown_value(value: object) -> str:
    """``= value`` as entered; a computed figure with more than four decimals is ``≈`` it, half-up to two."""
    from decimal import Decimal

    from targetrule.rounding import fmt

    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    if isinstance(value, Decimal) and isinstance(exponent, int) and exponent < -4:
        return f"≈ {fmt(value)}"
    return f"= {value}"


def indicator_explanation(item: IndicatorResult, findings: Iterable[Finding], lang: Lang) -> list[str]:
    """One indicator: its explanation, the values it was scored on, and the ``findings`` about it."""
    lines = [f"{item.label(lang)} ({item.indicator})", f"  {item.explanation()(lang)}"]
    lines += [f"  {name} {shown_value(value)}" for name, value in item.values.items()]
    lines += [f"  {finding_line(f, lang)}" for f in findings]
    return lines
