"""Render an evaluation as one self-contained HTML page (Jinja2 with autoescape, pygal SVG charts inline)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targetrule.formats.errors import MissingExtraError
from targetrule.formats.order import report_order
from targetrule.formats.report_charts import profile_chart, ranking_chart
from targetrule.formats.report_template import TEMPLATE
from targetrule.results import Evaluation, RegionResult
from targetrule.rounding import fmt
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang

_WORDS: Mapping[str, tuple[str, str]] = {
    "report": ("考评结果报告", "evaluation report"),
    "note": ("数据说明", "about the data"),
    "scheme": ("方案", "scheme"),
    "mode": ("模式", "mode"),
    "strict": ("严格", "strict"),
    "lenient": ("宽松", "lenient"),
    "not_ranked": ("未排名", "not ranked"),
    "ranking": ("综合排名", "ranking"),
    "rank": ("名次", "rank"),
    "region": ("地区", "region"),
    "composite": ("综合得分", "composite"),
    "grade": ("等次", "grade"),
    "award": ("奖项", "award"),
    "awards": ("评奖结果", "awards"),
    "notes": ("备注", "notes"),
    "survey_only": ("仅督查调研，不排名", "survey only, not ranked"),
    "veto": ("一票否决", "veto"),
    "errors": ("数据错误", "data errors"),
    "regions": ("各地区得分", "regions"),
    "indicator": ("领域 / 指标", "area / indicator"),
    "points": ("得分", "points"),
    "full": ("满分", "full marks"),
    "explanation": ("计分说明", "explanation"),
    "bonus": ("加分", "bonus"),
    "deduction": ("扣分", "deduction"),
    "findings": ("数据问题", "findings"),
    "no_award": ("不评奖：", "no award: "),
    "discrepancies": ("核实与上报不一致", "verified figures that differ from the reported ones"),
    "beyond_tolerance": ("超出允许误差，按弄虚作假处理", "beyond the tolerance: treated as misreporting"),
    "no_findings": ("未发现问题。", "no findings."),
    "severity": ("级别", "severity"),
    "error": ("错误", "error"),
    "warning": ("提示", "warning"),
    "code": ("代码", "code"),
    "where": ("位置", "where"),
    "message": ("说明", "message"),
    "provenance": ("数据来源与版本", "provenance"),
    "library": ("程序库", "library"),
    "input": ("输入数据", "input data"),
    "plugins": ("插件", "plugins"),
}


def _jinja() -> Any:
    try:
        import jinja2
    except ImportError:
        raise MissingExtraError("report", "jinja2") from None
    return jinja2


def render_html(
    evaluation: Evaluation, lang: Lang = "zh", scheme: Scheme | None = None, *, note: Label | None = None
) -> bytes:
    """The report page as UTF-8 bytes: ranking chart and table, awards, each region's profile, findings, provenance."""
    jinja2 = _jinja()
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(TEMPLATE)
    regions = report_order(evaluation)
    words = {key: (zh if lang == "zh" else en) for key, (zh, en) in _WORDS.items()}
    vetoes: dict[str, Label] = {v.id: v.label for v in scheme.spec.vetoes} if scheme else {}
    awards: dict[str, tuple[Label, list[str]]] = {}
    for result in evaluation.ranking():
        if result.award and result.award_label:
            awards.setdefault(result.award, (result.award_label, []))[1].append(result.region.name(lang))
    # The SVG is produced by pygal's XML serializer, which escapes every label it draws.
    ranking_svg = Markup(ranking_chart(regions, lang)) if regions else None
    profiles = {
        r.region.id: Markup(profile_chart(r, lang, f"profile-{n}")) if r.areas else None
        for n, r in enumerate(regions, start=1)
    }

    def errors(result: RegionResult) -> int:
        return sum(1 for f in result.findings if f.is_error)

    veto_labels = set(vetoes.values())

    def no_award_reasons(result: RegionResult) -> list[str]:
        """Why a ranked region gets no award, beside the vetoes already shown."""
        return [why(lang) for why in result.ineligible_because if why not in veto_labels]

    def veto_label(veto: str) -> str:
        label = vetoes.get(veto)
        return label(lang) if label else veto

    page = template.render(
        ev=evaluation,
        lang=lang,
        note=note(lang) if note else None,
        t=words,
        regions=regions,
        awards=[(label(lang), names) for label, names in awards.values()],
        ranking_svg=ranking_svg,
        profiles=profiles,
        fmt=fmt,
        errors=errors,
        veto_label=veto_label,
        no_award_reasons=no_award_reasons,
    )
    return str(page).encode("utf-8")
