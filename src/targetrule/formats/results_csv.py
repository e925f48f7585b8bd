"""Write an evaluation as CSV: the ranking, and a long table of every indicator of every region.

Files are UTF-8 with a BOM so Excel shows the Chinese correctly; every text cell that a
spreadsheet would take for a formula (starting with =, +, -, @) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from targetrule.formats.cells import safe_text
from targetrule.formats.order import report_order
from targetrule.results import Evaluation
from targetrule.text import Label

RANKING_COLUMNS = (
    "rank",
    "region",
    "name_zh",
    "name_en",
    "survey_only",
    "composite",
    "base_points",
    "bonus_points",
    "deduction_points",
    "grade",
    "grade_zh",
    "grade_en",
    "award",
    "award_zh",
    "award_en",
    "vetoes",
    "errors",
)
INDICATOR_COLUMNS = (
    "region",
    "area",
    "indicator",
    "label_zh",
    "label_en",
    "status",
    "max_points",
    "points",
    "attainment",
    "explanation_zh",
    "explanation_en",
)

Cell = str | int | Decimal | bool | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    return safe_text(value)


def _zh(label: Label | None) -> str:
    return label.zh if label else ""


def _en(label: Label | None) -> str:
    return label.en if label else ""


def _table(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def render_ranking_csv(evaluation: Evaluation) -> bytes:
    """One row per region: rank, names, points, grade, award, vetoes and how many errors its data had."""
    rows = []
    for result in report_order(evaluation):
        rows.append(
            (
                result.rank,
                result.region.id,
                result.region.name.zh,
                result.region.name.en,
                result.survey_only,
                result.composite,
                result.base_points,
                result.bonus_points,
                result.deduction_points,
                result.grade,
                _zh(result.grade_label),
                _en(result.grade_label),
                result.award,
                _zh(result.award_label),
                _en(result.award_label),
                " ".join(result.vetoes),
                sum(1 for f in result.findings if f.is_error),
            )
        )
    return _table(RANKING_COLUMNS, rows)


def render_indicators_csv(evaluation: Evaluation) -> bytes:
    """One row per region and indicator: points, attainment and the explanation in both languages."""
    rows = []
    for result in report_order(evaluation):
        for item in result.indicators():
            explanation = item.explanation()
            rows.append(
                (
                    result.region.id,
                    item.area,
                    item.indicator,
                    item.label.zh,
                    item.label.en,
                    item.status.value,
                    item.max_points,
                    item.points,
                    item.attainment.value if item.attainment else None,
                    explanation.zh,
                    explanation.en,
                )
            )
    return _table(INDICATOR_COLUMNS, rows)
