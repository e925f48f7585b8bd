"""Listings as text: the plugins, a scheme's indicators, a scheme in full, a spot-check draw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from targetrule.formats.text_findings import finding_line
from targetrule.formats.text_lang import list_separator, say
from targetrule.formats.text_table import pad, table, width

if TYPE_CHECKING:
    from targetrule.inspection.plan import Plan
    from targetrule.inspection.spot_check import SpotCheck
    from targetrule.registry import PluginInfo
    from targetrule.scheme import Scheme, ScoredItem
    from targetrule.text import Lang


def plugins_listing(infos: Sequence[PluginInfo], lang: Lang) -> list[str]:
    """A table of the plugins (name, distribution, version, hooks), then their count."""
    headers = [say(lang, "插件", "plugin"), say(lang, "发行包", "distribution"), say(lang, "版本", "version")]
    headers.append(say(lang, "钩子", "hooks"))
    rows = [
        [p.name, p.distribution, p.version, ", ".join(h.removeprefix("targetrule_") for h in p.hooks)] for p in infos
    ]
    return [*table(headers, rows).split("\n"), say(lang, f"共 {len(infos)} 个插件", f"{len(infos)} plugins")]


def indicators_listing(scheme: Scheme, lang: Lang, items: Sequence[ScoredItem] | None = None) -> list[str]:
    """A table of the scheme's indicators (or of ``items``): area, clause, id, points, formula, department, label."""
    from targetrule.rounding import fmt_plain

    items = scheme.items() if items is None else items
    areas = {a.spec.id: a.spec.label(lang) for a in scheme.areas}
    headers = [
        say(lang, "领域", "area"),
        say(lang, "条款", "clause"),
        say(lang, "编号", "id"),
        say(lang, "分值", "points"),
        say(lang, "公式", "formula"),
        say(lang, "牵头部门", "department"),
        say(lang, "指标", "indicator"),
    ]
    rows = [
        [
            areas[item.area],
            item.indicator.reference,
            item.indicator.id,
            fmt_plain(item.points),
            item.formula.family,
            item.indicator.department.label(lang) if item.indicator.department else "—",
            item.indicator.label(lang),
        ]
        for item in items
    ]
    total = fmt_plain(sum((item.points for item in items), Decimal(0)))
    count = say(lang, f"共 {len(items)} 项指标，{total} 分", f"{len(items)} indicators, {total} points")
    return [*table(headers, rows, numeric=[3]).split("\n"), count]


def scheme_listing(scheme: Scheme, lang: Lang) -> list[str]:
    """The scheme in full: title, total, each area with its items, grades, awards, bonuses, deductions, vetoes, gate."""
    from targetrule.rounding import fmt_plain

    spec = scheme.spec
    lines = [f"{spec.title(lang)}  ({spec.id}, {spec.year})"]
    total = fmt_plain(spec.total_points)
    method = scheme.aggregation.label
    lines.append(say(lang, f"总分 {total}（各领域{method.zh}）", f"total points {total} (areas combined: {method.en})"))
    lines.append("")
    id_width = max((len(item.indicator.id) for item in scheme.items()), default=0)
    # the widest reference sets the column, so a long one never runs into the points
    ref_width = max((width(item.indicator.reference) for item in scheme.items()), default=0)
    for area in scheme.areas:
        head = f"{area.spec.label(lang)}  [{area.spec.id}]  {fmt_plain(area.spec.points)} "
        lines.append(head + say(lang, f"分（{area.aggregation.label.zh}）", f"points ({area.aggregation.label.en})"))
        for item in area.items:
            indicator = item.indicator
            points = fmt_plain(item.points)
            ref = pad(indicator.reference, ref_width)
            lines.append(f"  {ref} {points:>5}  {indicator.id:<{id_width}}  {indicator.label(lang)}")
    lines.append("")
    lines.append(say(lang, "等次：", "grades:"))
    for grade in spec.grades:
        quota = ""
        if grade.quota is not None:
            share = fmt_plain(grade.quota * 100)
            quota = say(lang, f"，不超过 {share}%", f", at most {share}%")
        lines.append(f"  {grade.label(lang)}  ≥ {fmt_plain(grade.min)}{quota}")
    if spec.awards:
        lines.append(say(lang, "奖项：", "awards:"))
        for award in spec.awards:
            lines.append(f"  {award.label(lang)} × {award.count}")
    if spec.bonus is not None:
        lines.append(
            say(lang, f"加分（上限 {fmt_plain(spec.bonus.cap)}）：", f"bonuses (cap {fmt_plain(spec.bonus.cap)}):")
        )
        for bonus in spec.bonus.items:
            lines.append(f"  {bonus.label(lang)} [{bonus.id}] +{fmt_plain(bonus.points)}")
    if spec.deductions:
        lines.append(say(lang, "扣分：", "deductions:"))
        for deduction in spec.deductions:
            lines.append(f"  {deduction.label(lang)} [{deduction.id}] -{fmt_plain(deduction.points)}")
    if spec.vetoes:
        lines.append(say(lang, "一票否决：", "vetoes:"))
        for veto in spec.vetoes:
            lines.append(f"  {veto.label(lang)} [{veto.id}]")
    if spec.gate is not None:
        names = ", ".join(spec.gate.indicators)
        lines.append(say(lang, f"门槛：{spec.gate.label.zh}（{names}）", f"gate: {spec.gate.label.en} ({names})"))
    lines += office_rules(scheme, lang)
    return lines


_NOT_APPLICABLE_SAID = {
    "reweight": ("权重移至其他部分", "its weight moves to the other parts"),
    "zero": ("计 0 分", "it scores 0"),
    "full": ("计满分", "it scores full marks"),
}


def office_rules(scheme: Scheme, lang: Lang) -> list[str]:
    """The scheme's rules on awards, misreporting, 0 ÷ 0 parts and the inspection, one line each."""
    spec = scheme.spec
    grades = {g.id: g.label for g in spec.grades}
    lines = []
    if spec.award_min_grade in grades:
        lowest = grades[spec.award_min_grade]
        lines.append(say(lang, f"评奖最低等次：{lowest.zh}", f"awards need at least: {lowest.en}"))
    table = spec.misreporting
    if table is not None and table.max_grade in grades:
        cap = grades[table.max_grade]
        lines.append(say(lang, f"弄虚作假：等次至多“{cap.zh}”", f"misreporting: graded at most {cap.en}"))
    if spec.not_applicable in _NOT_APPLICABLE_SAID:
        zh, en = _NOT_APPLICABLE_SAID[spec.not_applicable]
        lines.append(say(lang, f"分母为 0 的部分不适用：{zh}", f"a part whose denominator is 0 does not apply: {en}"))
    inspection = spec.inspection
    if inspection is not None:
        most = inspection.most_counties if inspection.most_counties is not None else "—"
        counties = f"{inspection.least_counties}–{most}"
        when_zh = f"{inspection.starts} 起约 {inspection.days} 天，" if inspection.starts and inspection.days else ""
        when_en = (
            f"from {inspection.starts} for about {inspection.days} days, "
            if inspection.starts and inspection.days
            else ""
        )
        lines.append(
            say(
                lang,
                f"督查：{when_zh}每市抽查 {counties} 个县（市、区）",
                f"inspection: {when_en}{counties} counties per city",
            )
        )
    return lines


def draw_listing(draw: SpotCheck, names: Mapping[str, str], lang: Lang) -> list[str]:
    """A spot-check draw: its seed and method, a table of each city's drawn counties, then its findings.

    ``names`` maps region ids to the names shown; an id without a name is shown as itself.
    """
    lines = [say(lang, f"抽签种子 {draw.seed}，方法 {draw.method}", f"seed {draw.seed}, method {draw.method}")]
    headers = [say(lang, "市（州）", "city"), say(lang, "抽中", "drawn"), say(lang, "可选", "available")]
    sep = list_separator(lang)
    rows = [
        [names.get(d.city, d.city), sep.join(names.get(c, c) for c in d.counties), str(len(d.available))]
        for d in draw.draws
    ]
    lines += table(headers, rows, numeric=[2]).split("\n")
    lines += [finding_line(item, lang) for item in draw.findings]
    return lines


def plan_listing(plan: Plan, names: Mapping[str, str], lang: Lang) -> list[str]:
    """The inspection plan: its window and draw, a table of the teams, a table of each city's counties, findings."""
    sep = list_separator(lang)
    draw = plan.draw

    def named(ids: Sequence[str]) -> str:
        return sep.join(names.get(i, i) for i in ids)

    window = ""
    if plan.starts:
        days = plan.days if plan.days is not None else "—"
        window = say(lang, f"{plan.starts} 起约 {days} 天；", f"from {plan.starts} for about {days} days; ")
    lines = [
        say(lang, f"督查考评计划（{plan.scheme}）", f"inspection plan ({plan.scheme})"),
        window
        + say(
            lang,
            f"抽签种子 {draw.seed}，方法 {draw.method}，每市抽查 {draw.count} 个县（市、区）",
            f"seed {draw.seed}, method {draw.method}, {draw.count} counties per city",
        ),
    ]
    headers = [
        say(lang, "督查组", "team"),
        say(lang, "组长", "leader"),
        say(lang, "成员", "members"),
        say(lang, "负责地区", "cities"),
        say(lang, "日期", "dates"),
    ]
    rows = [
        [
            t.name,
            t.leader,
            sep.join(t.members),
            named(t.cities),
            f"{t.start.isoformat()} – {t.end.isoformat()}" if t.start and t.end else "—",
        ]
        for t in plan.teams
    ]
    lines += table(headers, rows).split("\n")
    lines.append("")
    headers = [
        say(lang, "市（州）", "city"),
        say(lang, "督查组", "team"),
        say(lang, "抽中", "drawn"),
        say(lang, "可选", "available"),
    ]
    rows = []
    for d in draw.draws:
        team = plan.team_of(d.city)
        rows.append([names.get(d.city, d.city), team.name if team else "—", named(d.counties), str(len(d.available))])
    lines += table(headers, rows, numeric=[3]).split("\n")
    lines += [finding_line(item, lang) for item in (*plan.findings, *draw.findings)]
    return lines
