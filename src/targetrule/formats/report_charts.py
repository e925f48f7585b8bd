"""SVG charts for the reports (pygal, behind the ``report`` extra): text stays text, no script, no network."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from targetrule.formats.errors import MissingExtraError
from targetrule.formats.text_lang import say
from targetrule.results import RegionResult
from targetrule.rounding import fmt
from targetrule.scheme import Scheme
from targetrule.text import Lang

FONTS = '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif'
# Categories of the ranking chart, darkest first: they stay apart when printed in black and white.
CATEGORIES = ("award", "top", "middle", "low", "veto", "survey")
COLOURS = {
    "award": "#1a365d",
    "top": "#3c78c3",
    "middle": "#9ec5ec",
    "low": "#f2d6a2",
    "veto": "#8b2323",
    "survey": "#d5d9de",
}


def _pygal() -> Any:
    try:
        import pygal  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("report", "pygal") from None
    return pygal


def _style(colours: Sequence[str]) -> Any:
    from pygal.style import Style  # type: ignore[import-untyped]

    return Style(
        font_family=FONTS,
        background="white",
        plot_background="white",
        foreground="#1a202c",
        foreground_strong="#1a202c",
        foreground_subtle="#4a5568",
        guide_stroke_color="#4a5568",
        major_guide_stroke_color="#1a202c",
        guide_stroke_dasharray="4,3",
        major_guide_stroke_dasharray="6,3",
        colors=tuple(colours),
        opacity="1",
        opacity_hover="1",
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        value_font_size=11,
        title_font_size=14,
    )


def _clean(svg: str, name: str) -> str:
    """Deterministic ids, no comments and no inline script (the tooltips it drives are not loaded)."""
    match = re.search(r'id="(chart-[0-9a-f-]+)"', svg)
    if match:
        svg = svg.replace(match.group(1), f"chart-{name}")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<desc\b.*?</desc>", "", svg, flags=re.S)
    return re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)


def _config(colours: Sequence[str], **extra: Any) -> dict[str, Any]:
    return {
        "style": _style(colours),
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "truncate_label": -1,
        "truncate_legend": -1,
        "tooltip_border_radius": 0,
        **extra,
    }


def category(result: RegionResult, scheme: Scheme | None) -> str:
    """The bar's colour group: survey only, vetoed, awarded, else the grade's place among the scheme's grades."""
    if result.survey_only:
        return "survey"
    if result.vetoes:
        return "veto"
    if result.award:
        return "award"
    grades = [g.id for g in scheme.spec.grades] if scheme is not None else []
    if result.grade in grades:
        place = grades.index(result.grade)
        return "top" if place == 0 else ("low" if place == len(grades) - 1 and len(grades) > 1 else "middle")
    return "middle"


def category_label(key: str, scheme: Scheme | None, lang: Lang) -> str:
    """The legend text of a colour group (grades named from the scheme)."""
    grades = [g.label(lang) for g in scheme.spec.grades] if scheme is not None else []
    if key == "top" and grades:
        return grades[0]
    if key == "low" and len(grades) > 1:
        return grades[-1]
    if key == "middle" and len(grades) > 2:
        return "、".join(grades[1:-1]) if lang == "zh" else ", ".join(grades[1:-1])
    return {
        "award": say(lang, "获奖", "awarded"),
        "veto": say(lang, "一票否决", "vetoed"),
        "survey": say(lang, "仅督查调研（不排名）", "survey only (not ranked)"),
        "middle": say(lang, "其他", "other"),
    }.get(key, key)


def axis_range(values: Sequence[Decimal]) -> tuple[int, int]:
    """The score axis: from a round number just below the lowest score to one just above the highest."""
    low = min(values, default=Decimal(0))
    high = max(values, default=Decimal(100))
    start = max(0, (math.floor(low) - 2) // 5 * 5)
    end = (math.ceil(high) + 4) // 5 * 5 + 5
    return start, end


def ranking_chart(
    top: Sequence[RegionResult],
    bottom: Sequence[RegionResult],
    lang: Lang,
    scheme: Scheme | None,
    average: Decimal | None,
) -> str:
    """Horizontal bars of the composites, best on top, coloured by award, grade, veto and survey-only.

    The axis starts just below the lowest score; dashed lines mark the grade thresholds and the provincial
    average. Beyond a screenful, ``bottom`` holds the lowest ranks, shown under a gap after ``top``.
    """
    pygal = _pygal()
    shown = [*top, *bottom]
    start, end = axis_range([r.composite for r in shown])
    lines: list[dict[str, Any]] = []
    for grade in scheme.spec.grades if scheme is not None else ():
        if start < grade.min < end:
            lines.append({"value": float(grade.min), "label": f"{grade.min:g}"})
    if average is not None:
        lines.append({"value": float(average), "label": ""})  # named in the caption: 90 and 91.97 would collide
    wide = max((_width(_bar_label(r, lang)) for r in shown), default=4)
    rows = len(shown) + (1 if bottom else 0)
    chart = pygal.HorizontalBar(
        **_config(
            [COLOURS["top"]],
            width=760,
            height=90 + 22 * max(rows, 1),
            range=(start, end),
            zero=start,
            y_labels=sorted(lines, key=lambda d: d["value"]) or None,
            y_labels_major=[float(average)] if average is not None else [],
            show_y_guides=True,
            show_x_guides=False,
            print_values=False,
            x_title=guide_caption(scheme, average, start, end, lang),
            show_legend=False,
            margin_left=10 + 6 * wide,
            spacing=4,
        )
    )
    # pygal draws the first label at the bottom: reverse so the best region is on top.
    slots: list[RegionResult | None] = [*top, *([None] if bottom else []), *bottom]
    ordered = list(reversed(slots))
    chart.x_labels = [_bar_label(r, lang) if r is not None else "⋯" for r in ordered]
    # One series, each bar coloured by its category (the legend is the report's, in HTML).
    chart.add(
        say(lang, "综合得分", "composite"),
        [
            {"value": float(r.composite), "color": COLOURS[category(r, scheme)]} if r is not None else None
            for r in ordered
        ],
    )
    return _clean(chart.render(is_unicode=True), "ranking")


def legend(regions: Sequence[RegionResult], scheme: Scheme | None, lang: Lang) -> list[tuple[str, str]]:
    """The ranking chart's colours in use, darkest first, with what each means."""
    used = {category(r, scheme) for r in regions}
    return [(COLOURS[k], category_label(k, scheme, lang)) for k in CATEGORIES if k in used]


def guide_caption(scheme: Scheme | None, average: Decimal | None, start: int, end: int, lang: Lang) -> str:
    """What the ranking chart's dashed lines mark: the grade thresholds in view and the provincial average."""
    grades = [g for g in scheme.spec.grades if start < g.min < end] if scheme is not None else []
    parts = [say(lang, f"{g.label(lang)}下限 {g.min:g}", f"{g.label(lang)} from {g.min:g}") for g in grades]
    if average is not None:
        parts.append(say(lang, f"全省平均 {average}", f"provincial average {average}"))
    return say(lang, "虚线：", "dashed lines: ") + ("；" if lang == "zh" else "; ").join(parts) if parts else ""


def distribution_chart(values: Sequence[Decimal], lang: Lang) -> str:
    """How the composites spread: a histogram in bins of whole points (the caption gives the average)."""
    pygal = _pygal()
    start, end = axis_range(values)
    width = max(1, (end - start) // 20)
    bins: list[tuple[int, int, int]] = []
    for low in range(start, end, width):
        count = sum(1 for v in values if low <= v < low + width)
        bins.append((count, low, low + width))
    chart = pygal.Histogram(
        **_config(
            [COLOURS["top"]],
            width=760,
            height=300,
            show_legend=False,
            x_labels=[*range(start, end + 1, width * 2)],
            x_title=say(lang, "综合得分", "composite"),
            y_title=say(lang, "地区数", "regions"),
            print_values=False,
        )
    )
    chart.add(say(lang, "地区数", "regions"), bins)
    return _clean(chart.render(is_unicode=True), "distribution")


def _bar_label(result: RegionResult, lang: Lang) -> str:
    rank = str(result.rank) if result.rank is not None else "—"
    return f"{rank} {result.region.name(lang)}  {fmt(result.composite)}"


def _width(label: str) -> int:
    """The label's width in narrow characters: a full-width (CJK) character counts two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in label)
