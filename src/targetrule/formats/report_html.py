"""Render an evaluation as one self-contained HTML page (Jinja2 with autoescape, pygal SVG charts inline)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from targetrule.formats import report_model as model
from targetrule.formats.errors import MissingExtraError
from targetrule.formats.order import report_order
from targetrule.formats.report_charts import distribution_chart, legend, ranking_chart
from targetrule.formats.report_template import TEMPLATE
from targetrule.formats.report_title import TitleBlock
from targetrule.formats.text_lang import say
from targetrule.results import Evaluation, RegionResult
from targetrule.rounding import fmt
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang

DIFF_SCALE = Decimal(10)  # percentage points that fill the comparison bar's half
HEAT = ((Decimal("99.95"), "h0"), (Decimal(95), "h1"), (Decimal(85), "h2"), (Decimal(70), "h3"))


def _jinja() -> Any:
    try:
        import jinja2
    except ImportError:
        raise MissingExtraError("report", "jinja2") from None
    return jinja2


def heat_class(value: Decimal) -> str:
    """The heatmap shade of an attainment: white at full marks, darker the more points were lost."""
    return next((cls for floor, cls in HEAT if value >= floor), "h4")


def heat_legend(lang: Lang) -> list[tuple[str, str]]:
    """The shades and what they mean."""
    return [
        ("h0", say(lang, "满分", "full marks")),
        ("h1", "95–99.9%"),
        ("h2", "85–95%"),
        ("h3", "70–85%"),
        ("h4", say(lang, "低于 70%", "below 70%")),
    ]


def method_lines(scheme: Scheme | None, lang: Lang) -> dict[str, str]:
    """The method appendix's rows: composite aggregation, grades, awards and the scheme's own note."""
    if scheme is None:
        return {}
    spec = scheme.spec
    sep = "；" if lang == "zh" else "; "
    grades = sep.join(
        f"{g.label(lang)} ≥ {g.min}"
        + (say(lang, f"（名额不超过 {g.quota:%}）", f" (at most {g.quota:%})") if g.quota else "")
        for g in spec.grades
    )
    awards = sep.join(f"{a.label(lang)} {a.count}" + say(lang, " 名", "") for a in spec.awards)
    return {
        "method": say(
            lang,
            f"{len(scheme.areas)} 个领域，满分 {spec.total_points}，按“{scheme.aggregation.label.zh}”合成",
            f"{len(scheme.areas)} areas, {spec.total_points} points in all, combined by {scheme.aggregation.label.en}",
        ),
        "grades": grades,
        "award_rules": awards,
        "scheme_note": spec.note(lang) if spec.note else "",
    }


def render_html(
    evaluation: Evaluation,
    lang: Lang = "zh",
    scheme: Scheme | None = None,
    *,
    note: Label | None = None,
    title: TitleBlock | None = None,
) -> bytes:
    """The report page as UTF-8 bytes: the 通报 with ranking and awards, charts, region pages, findings, method."""
    jinja2 = _jinja()
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(TEMPLATE)
    regions = report_order(evaluation)
    given = (title or TitleBlock()).merged(scheme)
    averages = model.averages(regions)
    top, bottom = model.edges(regions, model.SCREENFUL, model.EDGE)
    # The SVG is produced by pygal's XML serializer, which escapes every label it draws.
    ranking_svg = Markup(ranking_chart(top, bottom, lang, scheme, averages.composite)) if regions else None
    distribution_svg = Markup(distribution_chart([r.composite for r in regions], lang)) if bottom else None
    heat_top, heat_bottom = model.edges(regions, model.DETAIL_LIMIT, model.EDGE)
    detailed, omitted = model.detail_regions(evaluation)
    names = {r.region.id: r.region.name(lang) for r in evaluation.regions}
    area_heads = [a.label(lang) for a in regions[0].areas] if regions else []

    def diff(value: Decimal, average: Decimal | None) -> Markup:
        """The comparison cell: a bar left of the axis when below the average, right when above."""
        if average is None:
            return Markup('<td class="diff"></td>')
        gap = value - average
        width = min(abs(gap), DIFF_SCALE) / DIFF_SCALE * 100
        left, right = (width, 0) if gap < 0 else (0, width)
        sign = "+" if gap > 0 else ""
        return Markup(
            f'<td class="diff" title="{sign}{gap}"><span class="half l"><i style="width:{left:.0f}%"></i></span>'
            f'<span class="half r"><i style="width:{right:.0f}%"></i></span></td>'
        )

    page = template.render(
        ev=evaluation,
        lang=lang,
        say=lambda zh, en: say(lang, zh, en),
        tb=given.shown(lang, evaluation.scheme_title(lang)),
        given=given,
        warning=model.lenient_warning(evaluation, lang),
        note=note(lang) if note else None,
        regions=regions,
        reasons=lambda r: model.reasons(r, lang, scheme),
        average=averages.composite,
        awards=model.awards(evaluation, lang),
        vetoed=[r.region.name(lang) for r in regions if r.vetoes],
        joined=lambda items: model.joined(items, lang),
        ranking_svg=ranking_svg,
        distribution_svg=distribution_svg,
        omitted_from_chart=bool(bottom),
        chart_legend=legend([*top, *bottom], scheme, lang),
        edge=model.EDGE,
        heat_rows=[*heat_top, *([None] if heat_bottom else []), *heat_bottom],
        heat_gap=bool(heat_bottom),
        area_heads=area_heads,
        area_average=[averages.areas.get(a.area) for a in regions[0].areas] if regions and averages.areas else [],
        heat=heat_class,
        heat_legend=heat_legend(lang),
        share=model.share,
        detailed={r.region.id for r in detailed},
        detailed_regions=detailed,
        omitted=omitted,
        avg_areas=averages.areas,
        avg_items=averages.items,
        diff=diff,
        fmt=fmt,
        region_name=lambda rid: names.get(rid, rid or "") if rid else "",
        plugins=_modules(evaluation),
        **method_lines(scheme, lang),
    )
    return str(page).encode("utf-8")


def _modules(evaluation: Evaluation) -> list[tuple[str, str, str, list[str]]]:
    """The scoring modules by distribution: name, version, the modules' shared dotted prefix and the rest."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for p in evaluation.provenance.plugins:
        grouped.setdefault((p.distribution, p.version), []).append(p.name)
    shown = []
    for (dist, version), names in sorted(grouped.items()):
        prefix = _shared_prefix(names)
        shown.append((dist, version, prefix, sorted(n[len(prefix) :] for n in names)))
    return shown


def _shared_prefix(names: list[str]) -> str:
    """The dotted package prefix every name starts with ('' when there is none, or only one name)."""
    if len(names) < 2:
        return ""
    parts = [n.split(".")[:-1] for n in names]
    shared: list[str] = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    return ".".join(shared) + "." if shared else ""


def region_pages(evaluation: Evaluation) -> list[RegionResult]:
    """The regions that get a page of their own in the report."""
    return model.detail_regions(evaluation)[0]
