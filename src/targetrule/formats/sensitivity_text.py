"""The sensitivity analysis as the command line prints it, and its JSON document as bytes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from targetrule.formats.text_lang import say
from targetrule.formats.text_table import table
from targetrule.text import Lang

if TYPE_CHECKING:
    from targetrule.analysis.report import SensitivityResult


def sensitivity_json(result: SensitivityResult) -> bytes:
    """The ``targetrule.sensitivity/1`` document, UTF-8, keys in a fixed order, newline at the end."""
    return (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sensitivity_lines(result: SensitivityResult, lang: Lang) -> list[str]:
    """Per ranked region its rank band, shift and chances; then the factors that drive the ranks most."""
    grades = dict(result.grades)
    awards = dict(result.awards)
    headers = [
        say(lang, "地区", "region"),
        say(lang, "名次", "rank"),
        say(lang, "中位名次", "median"),
        say(lang, "5–95% 名次区间", "5–95% band"),
        say(lang, "平均名次变动", "mean shift"),
        say(lang, "原等次的概率", "P(grade)"),
        say(lang, "原奖项的概率", "P(award)"),
    ]
    rows = []
    ranked = sorted((r for r in result.regions if r.nominal_rank is not None), key=lambda r: (r.nominal_rank, r.region))
    for region in ranked:
        name = region.name.zh if lang == "zh" else region.name.en
        grade = region.nominal_grade
        shown_grade = (
            f"{_label(grades.get(grade), lang)} {region.grade_probability[grade]}" if grade is not None else "—"
        )
        award = region.nominal_award
        shown_award = f"{_label(awards.get(award), lang)} {region.award_probability[award]}" if award else "—"
        low, high = region.band or (0, 0)  # a ranked region of a result with draws has a band
        rows.append(
            [
                name,
                str(region.nominal_rank),
                str(region.median_rank),
                f"{low}–{high}",
                str(region.mean_abs_shift),
                shown_grade,
                shown_award,
            ]
        )
    lines = [
        say(
            lang,
            f"{result.scheme}：{result.draws} 次抽样（种子 {result.seed}），平均名次变动 {result.mean_abs_shift}",
            f"{result.scheme}: {result.draws} draws (seed {result.seed}), "
            f"mean absolute rank shift {result.mean_abs_shift}",
        ),
        table(headers, rows, numeric=(1, 2, 4)),
    ]
    drivers = [d for d in result.drivers("mean_abs_shift") if d.total == d.total][:5]
    if drivers:
        lines.append(
            say(
                lang,
                "影响名次最大的因素（总效应 Sobol 指数）：",
                "what moves the ranks most (total-order Sobol index):",
            )
        )
        for d in drivers:
            lines.append(f"  {d.factor}  {d.total:.2f}  [{d.total_interval[0]:.2f}, {d.total_interval[1]:.2f}]")
    return lines


def _label(label: object, lang: Lang) -> str:
    if label is None:
        return "?"
    return str(getattr(label, lang))
