"""The office page at ``/``: choose a scheme, upload a return, see the findings, ranking and explanations.

Server-rendered (jinja2, autoescaped), no JavaScript, nothing fetched from outside. The
downloads (results JSON, HTML report) are ``data:`` links in the answer itself, so the server
keeps nothing between requests. ``?lang=en`` switches to English; Chinese is the default.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from targetrule.decimal_context import exact
from targetrule.server.errors import ApiError, library_error
from targetrule.server.inputs import chosen_lang, chosen_mode, chosen_scheme, parameter, posted_data
from targetrule.server.service import Service
from targetrule.text import Lang

if TYPE_CHECKING:
    import jinja2

    from targetrule.results import Evaluation
    from targetrule.scheme import Scheme

WORDS: Mapping[str, tuple[str, str]] = {
    "title": ("考评数据上传与核查", "Upload and check a return"),
    "scheme": ("考评方案", "Scheme"),
    "mode": ("模式", "Mode"),
    "strict": ("严格（有错误不排名）", "strict (no ranking while errors stand)"),
    "lenient": ("宽松（跳过错误数据并排名）", "lenient (skip invalid items and rank)"),
    "file": ("数据文件（xlsx、CSV 或 JSON）", "Data file (xlsx, CSV or JSON)"),
    "submit": ("上传并核查", "Upload and check"),
    "template": ("下载填报模板", "Download the template"),
    "other_lang": ("English", "中文"),
    "api": ("接口说明（OpenAPI）", "API description (OpenAPI)"),
    "error": ("无法处理", "Cannot process"),
    "findings": ("数据问题", "Findings"),
    "no_findings": ("没有发现问题。", "No findings."),
    "severity": ("级别", "Severity"),
    "where": ("位置", "Where"),
    "message": ("说明", "Message"),
    "region": ("地区", "Region"),
    "ranking": ("综合排名", "Ranking"),
    "not_ranked": ("未排名：", "Not ranked: "),
    "rank": ("名次", "Rank"),
    "composite": ("综合得分", "Composite"),
    "grade": ("等次", "Grade"),
    "award": ("奖项", "Award"),
    "notes": ("备注", "Notes"),
    "explanations": ("各地区计分说明", "Each region's explanation"),
    "downloads": ("下载", "Downloads"),
    "results_json": ("结果（JSON）", "Results (JSON)"),
    "report_html": ("报告（HTML）", "Report (HTML)"),
    "summary": (
        "共 {regions} 个地区，{errors} 个错误，{warnings} 个提示",
        "regions {regions}, errors {errors}, warnings {warnings}",
    ),
    "error_sev": ("错误", "error"),
    "warning_sev": ("提示", "warning"),
}


def words(lang: Lang) -> dict[str, str]:
    """Every word of the page in ``lang``."""
    index = 0 if lang == "zh" else 1
    return {key: pair[index] for key, pair in WORDS.items()}


@cache
def environment() -> jinja2.Environment:
    """The page templates, autoescaped, from the package."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("targetrule.server", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(context: dict[str, Any], status: int = 200) -> Response:
    return HTMLResponse(environment().get_template("page.html.jinja").render(**context), status_code=status)


def _base(service: Service, lang: Lang, chosen: str | None = None, mode: str = "strict") -> dict[str, Any]:
    return {
        "lang": lang,
        "w": words(lang),
        "schemes": [(s.id, s.spec.title(lang)) for s in service.schemes.values()],
        "chosen": chosen or next(iter(service.schemes), ""),
        "mode": mode,
    }


async def form_page(request: Request) -> Response:
    """The empty form."""
    service: Service = request.app.state.service
    try:
        lang = chosen_lang(request.query_params.get("lang"))
    except ApiError:
        lang = "zh"
    return _render(_base(service, lang))


async def result_page(request: Request) -> Response:
    """The uploaded return checked: findings, ranking, explanations and downloads; or the error, on the form."""
    service: Service = request.app.state.service
    lang: Lang = "en" if request.query_params.get("lang") == "en" else "zh"
    try:
        posted = await posted_data(request, service.limits.max_body_bytes)
        lang = chosen_lang(parameter(request, posted, "lang"))
        scheme = chosen_scheme(service.schemes, parameter(request, posted, "scheme"))
        mode = chosen_mode(parameter(request, posted, "mode"))
        evaluation, loaded = await service.evaluate(posted, scheme, mode)
        context = await service.run(lambda: _results(evaluation, scheme, lang, loaded.submissions.note))
    except Exception as exc:
        try:
            error = library_error(exc)
        except TypeError:
            raise exc from None
        base = _base(service, lang)
        return _render(base | {"error": error.message(lang)}, status=error.status)
    return _render(_base(service, lang, scheme.id, mode) | context)


def _data_link(content: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


@exact
def _results(evaluation: Evaluation, scheme: Scheme, lang: Lang, note: Any) -> dict[str, Any]:
    """What the page shows of an evaluation (built in a worker thread: rendering the report takes a while)."""
    from targetrule.formats.order import report_order
    from targetrule.formats.output_formats import render_results
    from targetrule.formats.text_explain import region_explanation
    from targetrule.formats.text_ranking import region_row
    from targetrule.rounding import fmt

    names = {r.region.id: r.region.name(lang) for r in evaluation.regions}
    findings = [
        {
            "error": f.is_error,
            "region": names.get(f.region or "", f.region or ""),
            "where": f.path or "",
            "message": f.message(lang),
            "code": f.code,
        }
        for f in evaluation.findings
    ]
    errors = sum(1 for f in findings if f["error"])
    ordered = report_order(evaluation)
    report = render_results("html", evaluation, scheme, lang, note=note)["report.html"]
    results = render_results("json", evaluation, scheme, lang, note=note)["results.json"]
    return {
        "evaluated": True,
        "title": evaluation.scheme_title(lang),
        "note": note(lang) if note is not None else "",
        "summary": words(lang)["summary"].format(
            regions=len(evaluation.regions), errors=errors, warnings=len(findings) - errors
        ),
        "not_ranked": evaluation.not_ranked_because(lang)
        if not evaluation.ranked and evaluation.not_ranked_because
        else "",
        "findings": findings,
        "rows": [region_row(r, lang, scheme) for r in ordered],
        "explanations": [
            (f"{r.region.name(lang)} — {fmt(r.composite)}", region_explanation(r, evaluation, scheme, lang))
            for r in ordered
        ],
        "report_link": _data_link(report, "text/html"),
        "results_link": _data_link(results, "application/json"),
        "download_stem": f"{evaluation.scheme}-{lang}",
    }
