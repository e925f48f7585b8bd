"""The results workbook for people: one language, a title row, readable labels, reasons, A4 print setup.

Sheets: ranking (with the reasons a region is not ranked, vetoed or not awarded), area points,
item points, findings and provenance. Points are numbers; every text cell is neutralised against
formula injection; the same evaluation gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from targetrule.formats import report_model as model
from targetrule.formats.cells import safe_text
from targetrule.formats.order import report_order
from targetrule.formats.report_title import TitleBlock
from targetrule.formats.template_xlsx import openpyxl_module, workbook_bytes
from targetrule.formats.text_lang import say
from targetrule.formats.text_table import width
from targetrule.results import Evaluation
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang

HEADER_ROW = 4  # title, scheme line, warning (or blank), then the column headers
WIDEST = 60
LINE_HEIGHT = 17  # points per line of 11-point text, Chinese faces included


def _value(value: Any, lang: Lang | Literal["both"]) -> Any:
    if isinstance(value, Label):
        value = f"{value.zh} / {value.en}" if lang == "both" else value(lang)
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Decimal):
        return float(value) if value == value.quantize(Decimal("0.0001")) else str(value)
    return value


display_width = width  # a full-width (CJK) character takes two narrow-character widths


def add_sheet(book: Any, title: str, headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> Any:
    """A sheet with bilingual bold headers (zh over en), the rows as given, frozen header row (the plan workbook's)."""
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
            cell = ws.cell(row=r, column=col, value=_value(value, "both"))
            if isinstance(value, Decimal):
                cell.number_format = "0.00"  # points and rates as shown everywhere else: two decimals
            elif isinstance(cell.value, str):
                widths[col - 1] = max(widths[col - 1], min(len(cell.value) + 2, 60))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size
    ws.freeze_panes = "A2"
    return ws


def _lines(value: Any, size: float) -> int:
    """How many lines a cell's text takes in a column ``size`` characters wide (1 for numbers)."""
    if not isinstance(value, str):
        return 1
    room = max(1, int(size * 0.85))  # wrapping breaks before the column is quite full
    return sum(max(1, -(-width(line) // room)) for line in value.split("\n"))


def _sheet(
    book: Any,
    title: str,
    heading: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    lang: Lang,
    *,
    landscape: bool = True,
) -> Any:
    """A sheet: title row, scheme line and warning, bold headers repeated on every printed page, A4."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    for line, text in enumerate(heading, start=1):
        cell = ws.cell(row=line, column=1, value=safe_text(text))
        cell.font = Font(bold=line != 2, size=14 if line == 1 else 11, color="9B1C1C" if line == 3 else None)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [display_width(h) + 2 for h in headers]
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col, value=_value(value, lang))
            cell.alignment = Alignment(vertical="top")
            if isinstance(value, Decimal):
                cell.number_format = "0.00"  # points and rates as shown everywhere else: two decimals
            elif isinstance(cell.value, str):
                longest = max((display_width(line) for line in cell.value.split("\n")), default=0)
                widths[col - 1] = max(widths[col - 1], min(longest + 2, WIDEST))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size
    # Spreadsheets do not grow a row for wrapped text they did not lay out themselves: give each row its lines.
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        lines = max((_lines(_value(v, lang), widths[c]) for c, v in enumerate(row)), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "&P / &N"
    return ws


def render_xlsx(
    evaluation: Evaluation, lang: Lang = "zh", scheme: Scheme | None = None, title: TitleBlock | None = None
) -> bytes:
    """The results workbook as xlsx bytes, every label in ``lang``."""
    openpyxl = openpyxl_module()
    book = openpyxl.Workbook()
    book.remove(book.active)
    regions = report_order(evaluation)
    shown = (title or TitleBlock()).merged(scheme).shown(lang, evaluation.scheme_title(lang))
    mode = say(lang, "宽松", "lenient") if evaluation.mode == "lenient" else say(lang, "严格", "strict")
    scheme_line = say(
        lang,
        f"方案：{evaluation.scheme}　模式：{mode}　日期：{shown['date']}",
        f"Scheme: {evaluation.scheme}   mode: {mode}   date: {shown['date']}",
    )
    warning = model.lenient_warning(evaluation, lang) or (
        evaluation.not_ranked_because(lang) if evaluation.not_ranked_because is not None else ""
    )

    def heading(what: str) -> list[str]:
        return [f"{evaluation.scheme_title(lang)} — {what}", scheme_line, warning]

    vetoes = {v.id: v.label(lang) for v in scheme.spec.vetoes} if scheme is not None else {}
    _sheet(
        book,
        say(lang, "排名", "Ranking"),
        heading(say(lang, "综合排名", "ranking")),
        [
            say(lang, "名次", "Rank"),
            say(lang, "地区", "Region"),
            say(lang, "综合得分", "Composite"),
            say(lang, "基础得分", "Base points"),
            say(lang, "加分", "Bonus"),
            say(lang, "扣分", "Deductions"),
            say(lang, "等次", "Grade"),
            say(lang, "奖项", "Award"),
            say(lang, "一票否决", "Vetoes"),
            say(lang, "说明（未排名、不评奖、否决、门槛）", "Reasons (not ranked, no award, veto, gate)"),
        ],
        [
            (
                r.rank,
                r.region.name,
                r.composite,
                r.base_points,
                r.bonus_points,
                r.deduction_points,
                r.grade_label,
                r.award_label,
                "\n".join(vetoes.get(v, v) for v in r.vetoes),
                "\n".join(model.reasons(r, lang, scheme)),
            )
            for r in regions
        ],
        lang,
    )
    areas = regions[0].areas if regions else ()
    _sheet(
        book,
        say(lang, "领域得分", "Areas"),
        heading(say(lang, "各领域得分", "points by area")),
        [
            say(lang, "地区", "Region"),
            *(f"{a.label(lang)}（{a.max_points}）" for a in areas),
            say(lang, "合计", "Total"),
        ],
        [(r.region.name, *(a.points for a in r.areas), r.base_points) for r in regions],
        lang,
    )
    _sheet(
        book,
        say(lang, "指标得分", "Items"),
        heading(say(lang, "各项指标得分", "points by item")),
        [
            say(lang, "地区", "Region"),
            say(lang, "领域", "Area"),
            say(lang, "指标", "Item"),
            say(lang, "状态", "Status"),
            say(lang, "满分", "Full marks"),
            say(lang, "得分", "Points"),
            say(lang, "计分说明", "Explanation"),
        ],
        [
            (
                r.region.name,
                a.label,
                i.label,
                model.status_label(i.status, lang),
                i.max_points,
                i.points,
                i.explanation(),
            )
            for r in regions
            for a in r.areas
            for i in a.indicators
        ],
        lang,
    )
    names = {r.region.id: r.region.name for r in evaluation.regions}
    items = {i.indicator: i.label for r in evaluation.regions[:1] for i in r.indicators()}
    _sheet(
        book,
        say(lang, "问题", "Findings"),
        heading(say(lang, "数据问题", "findings")),
        [
            say(lang, "级别", "Severity"),
            say(lang, "地区", "Region"),
            say(lang, "指标", "Item"),
            say(lang, "位置", "Where"),
            say(lang, "说明", "Message"),
            say(lang, "代码", "Code"),
        ],
        [
            (
                say(lang, "错误", "error") if f.is_error else say(lang, "提示", "warning"),
                names.get(f.region or "", f.region or ""),
                items.get(f.indicator or "", f.indicator or ""),
                f.path,
                f.message,
                f.code,
            )
            for f in evaluation.findings
        ],
        lang,
    )
    p = evaluation.provenance
    _sheet(
        book,
        say(lang, "来源", "Provenance"),
        heading(say(lang, "数据来源与版本", "provenance")),
        [say(lang, "项目", "Item"), say(lang, "值", "Value")],
        [
            (say(lang, "程序版本", "Software"), f"targetrule {p.library_version}"),
            (say(lang, "方案", "Scheme"), p.scheme_id),
            (say(lang, "方案文件", "Scheme file"), p.scheme_origin),
            (say(lang, "方案文件 SHA-256", "Scheme SHA-256"), p.scheme_sha256),
            (say(lang, "输入数据 SHA-256", "Input SHA-256"), p.input_sha256),
            (say(lang, "模式", "Mode"), mode),
        ]
        + [(say(lang, "计分模块", "Scoring module"), f"{x.name}（{x.distribution} {x.version}）") for x in p.plugins],
        lang,
        landscape=False,
    )
    return workbook_bytes(book)  # byte-identical for the same evaluation
