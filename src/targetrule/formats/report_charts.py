"""SVG charts for the HTML report (pygal, behind the ``report`` extra): text stays text, no script, no network."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from targetrule.formats.errors import MissingExtraError
from targetrule.results import RegionResult
from targetrule.rounding import HUNDRED, ZERO, half_up
from targetrule.text import Lang

FONTS = '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif'
_TEXT = {
    "ranked": ("综合得分", "composite"),
    "survey": ("仅督查调研（不排名）", "survey only (not ranked)"),
    "share": ("得分率 %", "share of full marks %"),
}


def _pygal() -> Any:
    try:
        import pygal  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("report", "pygal") from None
    return pygal


def _style(pygal: Any) -> Any:
    from pygal.style import Style  # type: ignore[import-untyped]

    return Style(
        font_family=FONTS,
        background="white",
        plot_background="white",
        colors=("#2b6cb0", "#a0aec0", "#dd6b20"),
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=12,
        title_font_size=16,
    )


def _clean(svg: str, name: str) -> str:
    """Deterministic ids, no comments and no inline script (the tooltips it drives are not loaded)."""
    match = re.search(r'id="(chart-[0-9a-f-]+)"', svg)
    if match:
        svg = svg.replace(match.group(1), f"chart-{name}")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)


def _t(key: str, lang: Lang) -> str:
    zh, en = _TEXT[key]
    return zh if lang == "zh" else en


def _config(pygal: Any, **extra: Any) -> dict[str, Any]:
    return {
        "style": _style(pygal),
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "print_values": True,
        "truncate_label": -1,
        "truncate_legend": -1,
        **extra,
    }


def ranking_chart(regions: Sequence[RegionResult], lang: Lang) -> str:
    """Horizontal bars of every region's composite, best at the top; survey-only regions in grey."""
    pygal = _pygal()
    shown = list(regions)
    height = 120 + 36 * max(len(shown), 1)
    top = max((float(r.composite) for r in shown), default=100.0)
    wide = _wide([r.region.name(lang) for r in shown])
    chart = pygal.HorizontalBar(
        **_config(
            pygal, width=800, height=height, legend_at_bottom=True, range=(0, top * 1.12), margin_left=10 + 7 * wide
        )
    )
    chart.value_formatter = lambda v: f"{v:g}"
    # pygal draws the first label at the bottom: reverse so the best region is on top.
    ordered = list(reversed(shown))
    chart.x_labels = [r.region.name(lang) for r in ordered]
    ranked = [float(r.composite) if not r.survey_only else None for r in ordered]
    survey = [float(r.composite) if r.survey_only else None for r in ordered]
    points = {"formatter": lambda v: f"{v:.2f}"}
    chart.add(_t("ranked", lang), ranked, **points)
    if any(v is not None for v in survey):
        chart.add(_t("survey", lang), survey, **points)
    return _clean(chart.render(is_unicode=True), "ranking")


def area_shares(result: RegionResult) -> list[Decimal]:
    """Each area's points as a percentage of its full marks, half-up to one decimal."""
    return [half_up(a.points / a.max_points * HUNDRED, Decimal("0.1")) if a.max_points else ZERO for a in result.areas]


def profile_chart(result: RegionResult, lang: Lang, name: str) -> str:
    """The region's area profile: one bar per area, its points as a share of the area's full marks."""
    pygal = _pygal()
    labels = [a.label(lang) for a in result.areas]
    shares = [float(v) for v in area_shares(result)]
    chart = pygal.HorizontalBar(
        **_config(
            pygal,
            width=640,
            height=80 + 30 * max(len(labels), 1),
            range=(0, 100),
            y_labels=[0, 25, 50, 75, 100],
            show_legend=False,
            margin_left=10 + 7 * _wide(labels),
        )
    )
    chart.value_formatter = lambda v: f"{v:g}%"
    # pygal draws the first label at the bottom: reverse so the areas read top-down in scheme order.
    chart.x_labels = list(reversed(labels))
    chart.add(_t("share", lang), list(reversed(shares)), formatter=lambda v: f"{v:.1f}%")
    return _clean(chart.render(is_unicode=True), name)


def _wide(labels: Sequence[str]) -> int:
    """The most full-width (CJK) characters in any label: pygal sizes its label column for narrow ones."""
    return max((sum(1 for ch in label if ord(ch) > 0x2E80) for label in labels), default=0)
