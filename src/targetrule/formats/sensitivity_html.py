"""The sensitivity analysis as one self-contained HTML page: a rank-band chart, the chances, the drivers.

The page follows the evaluation report's style (its fonts and colours; Jinja2 with autoescape,
behind the ``report`` extra). The chart is SVG drawn by the template itself: per ranked region, a
bar from its 5th to its 95th percentile rank, a dot at its median and a diamond at its nominal
rank; text stays text, no script, no network, the same bytes for the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from targetrule.formats.errors import MissingExtraError
from targetrule.formats.report_charts import FONTS
from targetrule.formats.sensitivity_template import TEMPLATE
from targetrule.text import Lang

if TYPE_CHECKING:
    from targetrule.analysis.report import SensitivityResult

_TEXT = {
    "title": ("名次敏感性分析", "rank sensitivity analysis"),
    "summary": ("次抽样，种子", "draws, seed"),
    "shift": ("平均名次变动", "mean absolute rank shift"),
    "chart": ("名次区间（5%–95%）", "rank bands (5th–95th percentile)"),
    "legend": (
        "横条：5%–95% 名次区间；圆点：中位名次；菱形：原名次",
        "bar: 5th–95th percentile rank; dot: median; diamond: nominal rank",
    ),
    "region": ("地区", "region"),
    "rank": ("名次", "rank"),
    "median": ("中位名次", "median"),
    "band": ("5–95% 区间", "5–95% band"),
    "grades": ("等次概率", "chance of each grade"),
    "awards": ("奖项概率", "chance of each prize"),
    "drivers": (
        "影响名次的因素（Sobol 指数，对平均名次变动）",
        "what moves the ranks (Sobol indices on the mean rank shift)",
    ),
    "factor": ("因素", "factor"),
    "first": ("一阶指数", "first order"),
    "total": ("总效应指数", "total order"),
    "interval": ("置信区间", "interval"),
    "none": ("无（输出未变化）", "none (the output never varied)"),
    "spec": ("不确定性设定", "uncertainty spec"),
    "provenance": ("数据来源", "provenance"),
    "survey": ("（督查调研单位，不排名）", " (survey only, not ranked)"),
}


def _jinja() -> Any:
    try:
        import jinja2
    except ImportError:
        raise MissingExtraError("report", "jinja2") from None
    return jinja2


def _number(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"


def render_sensitivity_html(result: SensitivityResult, lang: Lang = "zh") -> bytes:
    """The page as UTF-8 bytes."""
    import json

    jinja2 = _jinja()
    t = {key: (zh if lang == "zh" else en) for key, (zh, en) in _TEXT.items()}
    ranked = sorted((r for r in result.regions if r.band is not None), key=lambda r: (r.nominal_rank or 0, r.region))
    table = [
        {
            "name": getattr(r.name, lang) + ("" if r.band is not None else t["survey"]),
            "rank": r.nominal_rank if r.nominal_rank is not None else "—",
            "median": r.median_rank if r.median_rank is not None else "—",
            "band": f"{r.band[0]}–{r.band[1]}" if r.band else "—",
            "shift": r.mean_abs_shift if r.mean_abs_shift is not None else "—",
            "grades": [r.grade_probability.get(g, "") for g, _ in result.grades],
            "awards": [r.award_probability.get(a, "—") for a, _ in result.awards],
        }
        for r in [*ranked, *(r for r in result.regions if r.band is None)]
    ]
    drivers = [
        {
            "factor": d.factor,
            "first": _number(d.first),
            "first_interval": f"{_number(d.first_interval[0])} – {_number(d.first_interval[1])}",
            "total": _number(d.total),
            "total_interval": f"{_number(d.total_interval[0])} – {_number(d.total_interval[1])}",
        }
        for d in result.drivers("mean_abs_shift")
        if d.total == d.total
    ]
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    page = env.from_string(TEMPLATE).render(
        r=result,
        lang=lang,
        t=t,
        fonts=FONTS,
        c=_chart([getattr(r.name, lang) for r in ranked], ranked),
        grades=[getattr(label, lang) for _, label in result.grades],
        awards=[getattr(label, lang) for _, label in result.awards],
        table=table,
        drivers=drivers,
        spec=json.dumps(result.spec.to_dict(), ensure_ascii=False, indent=2),
    )
    encoded: bytes = page.encode("utf-8")
    return encoded


def _chart(names: list[str], ranked: list[Any]) -> dict[str, Any]:
    """Coordinates of the rank-band chart: rank 1 on the left, one row per ranked region."""
    count = max(1, len(ranked))
    wide = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in n) for n in names), default=4)
    label_right = 12 + 7 * wide
    left, right = label_right + 16, label_right + 16 + 640
    top, row_height = 32, 28
    step = (right - left) / max(1, count - 1)

    def x(rank: int) -> str:
        return f"{left + (rank - 1) * step:.1f}"

    every = max(1, count // 20)
    ticks = [{"x": x(k), "rank": k} for k in range(1, count + 1) if k == 1 or k == count or k % every == 0]
    rows = [
        {
            "name": name,
            "y": top + 12 + i * row_height,
            "low": x(r.band[0]),
            "high": x(r.band[1]),
            "median": x(r.median_rank),
            "nominal": x(r.nominal_rank),
        }
        for i, (name, r) in enumerate(zip(names, ranked, strict=True))
    ]
    bottom = top + 12 + count * row_height
    return {
        "width": right + 24,
        "height": bottom + 8,
        "top": top,
        "bottom": bottom - row_height // 2,
        "label_right": label_right,
        "ticks": ticks,
        "rows": rows,
    }
