"""The ranking as text: a row per region, the ranking table, and the summary the command line prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from targetrule.formats.text_findings import finding_line
from targetrule.formats.text_lang import say
from targetrule.formats.text_table import table

if TYPE_CHECKING:
    from targetrule.results import Evaluation, RegionResult
    from targetrule.scheme import Scheme
    from targetrule.text import Label, Lang


def veto_names(scheme: Scheme | None, vetoes: Sequence[str], lang: Lang) -> str:
    """The vetoes' labels from the scheme (their ids where no scheme is given), comma-separated."""
    labels = {v.id: v.label(lang) for v in scheme.spec.vetoes} if scheme is not None else {}
    return ", ".join(labels.get(v, v) for v in vetoes)


def region_row(result: RegionResult, lang: Lang, scheme: Scheme | None = None) -> list[str]:
    """One region's row of the ranking table: rank, name, composite, grade, award, notes."""
    from targetrule.formats.report_model import reasons
    from targetrule.rounding import fmt

    notes = reasons(result, lang, scheme)
    errors = sum(1 for f in result.findings if f.is_error)
    if errors and not any(i.status.value == "not_scored" for i in result.indicators()):
        notes.append(say(lang, f"{errors} 个错误", f"{errors} errors"))
    return [
        "—" if result.rank is None else str(result.rank),
        result.region.name(lang),
        fmt(result.composite),
        result.grade_label(lang) if result.grade_label else "—",
        result.award_label(lang) if result.award_label else "",
        "；".join(notes) if lang == "zh" else "; ".join(notes),
    ]


def ranking_table(evaluation: Evaluation, lang: Lang, scheme: Scheme | None = None) -> str:
    """The ranking as a text table: ranked regions first, then survey-only and unranked ones."""
    from targetrule.formats.order import report_order

    headers = [
        say(lang, "名次", "rank"),
        say(lang, "地区", "region"),
        say(lang, "综合得分", "composite"),
        say(lang, "等次", "grade"),
        say(lang, "奖项", "award"),
        say(lang, "备注", "notes"),
    ]
    rows = [region_row(r, lang, scheme) for r in report_order(evaluation)]
    return table(headers, rows, numeric=[0, 2])


def ranking_summary(
    evaluation: Evaluation,
    lang: Lang,
    scheme: Scheme | None = None,
    note: Label | None = None,
    errors_shown: int = 20,
) -> list[str]:
    """The lines ``targetrule evaluate`` prints: the scheme, the data's note, why not ranked, the table, the errors.

    At most ``errors_shown`` errors are listed, then a line counting the rest.
    """
    lines = [f"{evaluation.scheme_title(lang)}  ({evaluation.scheme})"]
    if note is not None:
        lines.append(say(lang, "注：", "note: ") + note(lang))
    if not evaluation.ranked and evaluation.not_ranked_because is not None:
        lines.append(say(lang, "未排名：", "not ranked: ") + evaluation.not_ranked_because(lang))
    from targetrule.formats.report_model import lenient_warning

    warning = lenient_warning(evaluation, lang)
    if warning is not None:
        lines.append("!! " + warning)
    lines += ranking_table(evaluation, lang, scheme).split("\n")
    errors = [f for f in evaluation.findings if f.is_error]
    names = {r.region.id: r.region.name(lang) for r in evaluation.regions}
    lines += [finding_line(item, lang, names) for item in errors[:errors_shown]]
    if len(errors) > errors_shown:
        more = len(errors) - errors_shown
        lines.append(say(lang, f"……另有 {more} 个错误，见结果文件", f"... {more} more errors, see the results"))
    return lines
