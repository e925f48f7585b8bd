"""What every report shows, computed once for HTML, PDF and Word: reasons, averages, awards, the lenient warning."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from targetrule.formats.order import report_order
from targetrule.formats.text_lang import list_separator, say
from targetrule.results import Evaluation, RegionResult, Status
from targetrule.rounding import HUNDRED, ZERO, fmt, half_up
from targetrule.scheme import Scheme
from targetrule.text import Lang

SCREENFUL = 40  # up to this many regions every chart shows them all; beyond, top and bottom ranks
EDGE = 15  # ranks shown at each end beyond a screenful
DETAIL_LIMIT = 60  # up to this many regions each gets its own page; beyond, the top and bottom ranks do
DETAIL_EDGE = 10
TENTH = Decimal("0.1")


def share(points: Decimal, max_points: Decimal) -> Decimal:
    """Points as a percentage of full marks, half-up to one decimal (0 where there are no full marks)."""
    return half_up(points / max_points * HUNDRED, TENTH) if max_points else ZERO


@frozen
class Averages:
    """The provincial average: composite, and attainment per area and per item (pooled points over full marks)."""

    composite: Decimal | None
    areas: dict[str, Decimal]
    items: dict[str, Decimal]


def averages(regions: Sequence[RegionResult]) -> Averages:
    """Averages over the regions compared (survey-only ones left out), half-up to one decimal."""
    compared = [r for r in regions if not r.survey_only]
    if not compared:
        return Averages(None, {}, {})
    composite = half_up(sum((r.composite for r in compared), ZERO) / len(compared))
    got: dict[str, list[Decimal]] = {}
    for r in compared:
        for a in r.areas:
            pair = got.setdefault(a.area, [ZERO, ZERO])
            pair[0] += a.points
            pair[1] += a.max_points
            for i in a.indicators:
                pair_i = got.setdefault(i.indicator, [ZERO, ZERO])
                pair_i[0] += i.points
                pair_i[1] += i.max_points
    area_ids = {a.area for r in compared for a in r.areas}
    shares = {key: share(p, m) for key, (p, m) in got.items()}
    return Averages(
        composite,
        {k: v for k, v in shares.items() if k in area_ids},
        {k: v for k, v in shares.items() if k not in area_ids},
    )


def reasons(result: RegionResult, lang: Lang, scheme: Scheme | None) -> list[str]:
    """Why a region is not ranked, vetoed, or not awarded: one entry per reason, never run together."""
    vetoes = {v.id: v.label for v in scheme.spec.vetoes} if scheme is not None else {}
    shown: list[str] = []
    if result.survey_only:
        shown.append(say(lang, "仅督查调研，不参与排名", "survey only, not ranked"))
    elif result.rank is None:
        shown.append(say(lang, "未排名", "not ranked"))
    for veto in result.vetoes:
        label = vetoes.get(veto)
        shown.append(say(lang, "一票否决：", "veto: ") + (label(lang) if label else veto))
    veto_labels = set(vetoes.values())
    survey_label = say(lang, "督查调研单位", "survey-only region")
    for why in result.ineligible_because:
        text = why(lang)
        if why in veto_labels or (result.survey_only and survey_label in text):
            continue
        shown.append(say(lang, "不评奖：", "no award: ") + text)
    limited = grade_limit(result, lang)
    if limited:
        shown.append(limited)
    skipped = sum(1 for i in result.indicators() if i.status is Status.NOT_SCORED)
    if skipped:
        shown.append(say(lang, f"{skipped} 项数据有误未计分", f"{skipped} items not scored (data errors)"))
    return shown


LIMITED = ("名额或否决", "a quota or a veto")  # the engine's words when it does not say which
HELD_DOWN = ("，但受", " limits the grade to ")  # in every note of a grade held below what the points reach


def grade_limit(result: RegionResult, lang: Lang) -> str | None:
    """The note of a grade held below what the points reach, saying which applied: the veto or the quota."""
    note = result.grade_note(lang) if result.grade_note is not None else ""
    if say(lang, *HELD_DOWN) not in note:
        return None
    which = say(lang, "一票否决", "the veto") if result.vetoes else say(lang, "等次名额", "the grade's quota")
    return note.replace(say(lang, *LIMITED), which)


def not_scored(evaluation: Evaluation) -> int:
    """How many region items were not scored (their data had errors)."""
    return sum(1 for r in evaluation.regions for i in r.indicators() if i.status is Status.NOT_SCORED)


def lenient_warning(evaluation: Evaluation, lang: Lang) -> str | None:
    """The warning every output of a lenient run carries; None for a strict run."""
    if evaluation.mode != "lenient":
        return None
    count = not_scored(evaluation)
    if count == 0:
        return None  # nothing was skipped: the ranking is the strict one
    regions = sum(1 for r in evaluation.regions if any(i.status is Status.NOT_SCORED for i in r.indicators()))
    return say(
        lang,
        f"宽松模式：{regions} 个地区共 {count} 项数据有误未计分（按 0 分计），"
        "排名和评奖为临时结果，核实数据后须重新考评。",
        f"Lenient run: {count} items in {regions} regions were not scored (their data had errors; counted as 0). "
        "The ranking and awards are provisional: evaluate again once the data is corrected.",
    )


def awards(evaluation: Evaluation, lang: Lang) -> list[tuple[str, list[str]]]:
    """Each award given, in rank order, with its regions' names."""
    given: dict[str, tuple[str, list[str]]] = {}
    for result in evaluation.ranking():
        if result.award and result.award_label:
            given.setdefault(result.award, (result.award_label(lang), []))[1].append(result.region.name(lang))
    return list(given.values())


def joined(names: Sequence[str], lang: Lang) -> str:
    """Names in a sentence: 、 in Chinese, commas in English."""
    return list_separator(lang).join(names)


def edges(regions: Sequence[RegionResult], limit: int, edge: int) -> tuple[list[RegionResult], list[RegionResult]]:
    """All regions when there are at most ``limit``; else the first and last ``edge`` (best and worst ranks)."""
    if len(regions) <= limit:
        return list(regions), []
    return list(regions[:edge]), list(regions[-edge:])


def detail_regions(evaluation: Evaluation) -> tuple[list[RegionResult], int]:
    """The regions given a page of their own, and how many are only in the ranking table."""
    regions = report_order(evaluation)
    top, bottom = edges(regions, DETAIL_LIMIT, DETAIL_EDGE)
    shown = top + bottom
    return shown, len(regions) - len(shown)


def status_label(status: Status, lang: Lang) -> str:
    """A status in words."""
    if status is Status.NOT_SCORED:
        return say(lang, "未计分（数据有误）", "not scored (data errors)")
    return say(lang, "已计分", "scored")


def region_summary(result: RegionResult, average: Averages, lang: Lang, scheme: Scheme | None) -> str:
    """A paragraph on one region for the 通报: score against the average, rank, grade, award, where it lost points."""
    name = result.region.name(lang)
    parts = [say(lang, f"{name}综合得分 {fmt(result.composite)} 分", f"{name} scored {fmt(result.composite)}")]
    if average.composite is not None and not result.survey_only:
        gap = result.composite - average.composite
        parts[0] += say(
            lang,
            f"，{'高于' if gap >= 0 else '低于'}全省平均 {fmt(abs(gap))} 分",
            f", {fmt(abs(gap))} {'above' if gap >= 0 else 'below'} the provincial average",
        )
    if result.rank is not None:
        parts.append(say(lang, f"排名第 {result.rank}", f"ranked {result.rank}"))
    if result.grade_label is not None:
        parts.append(say(lang, f"等次为“{result.grade_label.zh}”", f"graded {result.grade_label.en}"))
    if result.award_label is not None:
        parts.append(say(lang, f"获{result.award_label.zh}", f"awarded the {result.award_label.en}"))
    text = say(lang, "，".join(parts) + "。", ", ".join(parts) + ".")
    behind = sorted(
        (
            (share(a.points, a.max_points) - average.areas[a.area], a)
            for a in result.areas
            if a.area in average.areas and share(a.points, a.max_points) < average.areas[a.area]
        ),
        key=lambda pair: (pair[0], pair[1].area),
    )[:3]
    if behind:
        named = [
            say(
                lang,
                f"{a.label.zh}（得分率 {share(a.points, a.max_points)}%，全省平均 {average.areas[a.area]}%）",
                f"{a.label.en} ({share(a.points, a.max_points)}% against {average.areas[a.area]}%)",
            )
            for _, a in behind
        ]
        text += say(
            lang,
            "得分率低于全省平均的领域主要有：" + "、".join(named) + "。",
            " Furthest below the provincial average: " + "; ".join(named) + ".",
        )
    why = reasons(result, lang, scheme)
    if why:
        text += say(lang, "；".join(why) + "。", " " + "; ".join(why) + ".")
    if any(i.status is Status.NOT_SCORED for i in result.indicators()):
        count = sum(1 for i in result.indicators() if i.status is Status.NOT_SCORED)
        text += say(lang, f"有 {count} 项数据有误未计分。", f" {count} items were not scored (data errors).")
    return text
