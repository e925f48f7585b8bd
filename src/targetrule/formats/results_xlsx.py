"""Write an evaluation as an xlsx workbook: ranking, area points, indicator points, findings, provenance."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from targetrule.formats.cells import safe_text
from targetrule.formats.order import report_order
from targetrule.formats.template_xlsx import openpyxl_module, workbook_bytes
from targetrule.results import Evaluation
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang


def _value(value: Any) -> Any:
    if isinstance(value, Label):
        value = f"{value.zh} / {value.en}"
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Decimal):
        return float(value) if value == value.quantize(Decimal("0.0001")) else str(value)
    return value


def add_sheet(book: Any, title: str, headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> Any:
    """A sheet with bilingual bold headers, the rows (text neutralised, numbers as numbers), frozen header row."""
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

    ws = book.create_sheet(title)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for col, (zh, en) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col, value=f"{zh}\n{en}")
        cell.font = Font(bold=True)
        cell.fill = fill
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    widths = [max(len(zh) * 2, len(en)) + 2 for zh, en in headers]
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col, value=_value(value))
            if isinstance(value, Decimal):
                cell.number_format = "0.00"  # points and rates as shown everywhere else: two decimals
            elif isinstance(cell.value, str):
                widths[col - 1] = max(widths[col - 1], min(len(cell.value) + 2, 60))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size
    ws.freeze_panes = "A2"
    return ws


def render_xlsx(evaluation: Evaluation, lang: Lang = "zh", scheme: Scheme | None = None) -> bytes:
    """The results workbook as xlsx bytes; points are numbers, text cells are neutralised."""
    openpyxl = openpyxl_module()
    book = openpyxl.Workbook()
    book.remove(book.active)
    regions = report_order(evaluation)
    add_sheet(
        book,
        "排名",
        [
            ("名次", "rank"),
            ("地区", "region"),
            ("名称", "name"),
            ("仅督查调研", "survey only"),
            ("综合得分", "composite"),
            ("加分", "bonus"),
            ("扣分", "deductions"),
            ("等次", "grade"),
            ("奖项", "award"),
            ("否决", "vetoes"),
        ],
        [
            (
                r.rank,
                r.region.id,
                r.region.name,
                "是 / yes" if r.survey_only else "",
                r.composite,
                r.bonus_points,
                r.deduction_points,
                r.grade_label,
                r.award_label,
                " ".join(r.vetoes),
            )
            for r in regions
        ],
    )
    areas = regions[0].areas if regions else ()
    add_sheet(
        book,
        "领域得分",
        [("地区", "region"), ("名称", "name")] + [(a.label.zh, a.label.en) for a in areas] + [("合计", "total")],
        [(r.region.id, r.region.name, *(a.points for a in r.areas), r.base_points) for r in regions],
    )
    add_sheet(
        book,
        "指标得分",
        [
            ("地区", "region"),
            ("领域", "area"),
            ("指标", "indicator"),
            ("名称", "label"),
            ("状态", "status"),
            ("满分", "full marks"),
            ("得分", "points"),
            ("说明", "explanation"),
        ],
        [
            (r.region.id, i.area, i.indicator, i.label, i.status.value, i.max_points, i.points, i.explanation())
            for r in regions
            for i in r.indicators()
        ],
    )
    add_sheet(
        book,
        "问题",
        [
            ("代码", "code"),
            ("级别", "severity"),
            ("地区", "region"),
            ("指标", "indicator"),
            ("数据项", "input"),
            ("位置", "where"),
            ("说明", "message"),
        ],
        [(f.code, f.severity.value, f.region, f.indicator, f.input, f.path, f.message) for f in evaluation.findings],
    )
    p = evaluation.provenance
    add_sheet(
        book,
        "来源",
        [("项目", "item"), ("值", "value")],
        [
            ("library", p.library_version),
            ("scheme", p.scheme_id),
            ("scheme_sha256", p.scheme_sha256),
            ("scheme_origin", p.scheme_origin),
            ("input_sha256", p.input_sha256),
            ("mode", evaluation.mode),
        ]
        + [(f"plugin {x.name}", f"{x.distribution} {x.version}") for x in p.plugins],
    )
    return workbook_bytes(book)  # byte-identical for the same evaluation
