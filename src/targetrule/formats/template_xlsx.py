"""Write the xlsx data-entry template of a scheme (openpyxl, behind the ``xlsx`` extra)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from targetrule.decimal_context import exact
from targetrule.formats.cells import safe_text
from targetrule.formats.errors import MissingExtraError
from targetrule.formats.template_layout import (
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    KEY_ROW,
    LAYOUT_VERSION,
    MARKER_SHEET,
    Column,
    SheetLayout,
    column_letter,
    layout,
)
from targetrule.indicator import Input, Kind
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.submissions import Region

Worksheet = Any  # openpyxl ships no type information


def openpyxl_module() -> Any:
    """Import openpyxl, or say which extra to install."""
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("xlsx", "openpyxl") from None
    return openpyxl


#: The fixed time of every workbook written here (document properties and zip entries), so the same
#: inputs give byte-identical files; 2000-01-01 says plainly that it is not the time of writing.
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def workbook_bytes(book: Any) -> bytes:
    """Save an openpyxl workbook reproducibly: fixed document times and zip entry times, same order.

    openpyxl stamps ``docProps/core.xml`` with the time of saving and each zip entry with the
    current local time; both are replaced by ``FIXED_TIME``, nothing else changes.
    """
    import datetime
    import zipfile

    from openpyxl.xml.functions import tostring  # type: ignore[import-untyped]

    fixed = datetime.datetime(*FIXED_TIME)
    book.properties.created = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    book.properties.modified = fixed  # openpyxl set it to the time of saving
    core = tostring(book.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as saved, zipfile.ZipFile(out, "w") as clean:
        for info in saved.infolist():
            data = core if info.filename == "docProps/core.xml" else saved.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = info.create_system
            clean.writestr(entry, data)
    return out.getvalue()


_GUIDE = (
    ("填报说明", "How to fill in this workbook"),
    (
        "每个考评领域一张工作表，填写各地区的实际完成数；目标任务数和上年基数在“目标”表中单独填写。",
        "One sheet per area holds each region's reported actuals; "
        "targets and last-year baselines go in the sheet 目标.",
    ),
    (
        "第 1–4 行为表头（指标、数据项中英文名称、单位和取值范围），第 5 行为程序识别用的编号：请勿修改、移动。",
        "Rows 1–4 are headers (indicator, input names, unit and bounds); row 5 holds the keys the program reads: "
        "do not edit or move them.",
    ),
    (
        "每个地区一行，从第 6 行开始；地区编号不要修改。空白单元格表示“缺数据”，不会按 0 计。",
        "One row per region from row 6; do not change region ids. A blank cell is missing data, never zero.",
    ),
    (
        "百分数填数字：95 表示 95%。是/否项填“是”或“否”。",
        "Percentages are numbers: 95 means 95%. Yes/no items take 是 (yes) or 否 (no).",
    ),
    (
        "“加减分”表（方案有加分、扣分或一票否决时才有）填各地区的加分、扣分次数和否决事项，留空表示没有。",
        "The sheet 加减分 (when the scheme has bonuses, deductions or vetoes) takes each region's bonuses and "
        "deductions (how many times) and vetoes; blank means none.",
    ),
    (
        "填好后运行：targetrule validate 方案 本文件.xlsx，再运行 targetrule evaluate 方案 本文件.xlsx。",
        "When filled in, run: targetrule validate SCHEME this.xlsx, then targetrule evaluate SCHEME this.xlsx.",
    ),
)


@exact
def build_template(scheme: Scheme, regions: Sequence[Region]) -> bytes:
    """The template workbook for ``scheme`` with one row per region, as xlsx bytes."""
    openpyxl = openpyxl_module()
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    guide["A1"] = safe_text(f"{scheme.spec.title.zh}（{scheme.id}）")
    guide["B1"] = safe_text(scheme.spec.title.en)
    guide["A1"].font = Font(bold=True, size=14)
    for row, (zh, en) in enumerate(_GUIDE, start=3):
        guide.cell(row=row, column=1, value=zh)
        guide.cell(row=row, column=2, value=en)
    guide.column_dimensions["A"].width = 90
    guide.column_dimensions["B"].width = 90
    guide.protection.sheet = True

    header_fill = PatternFill("solid", fgColor="DDE6F0")
    key_font = Font(size=8, color="808080")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheets = layout(scheme)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        for col, column in enumerate(sheet.columns, start=1):
            lines = (
                f"{column.title.zh}\n{column.title.en}",
                column.sub.zh,
                column.sub.en,
                column.note.zh if column.note.zh == column.note.en else f"{column.note.zh}\n{column.note.en}",
            )
            for row, text in enumerate(lines, start=1):
                cell = ws.cell(row=row, column=col, value=safe_text(text) if text else None)
                cell.fill = header_fill
                cell.alignment = wrap
                cell.font = Font(bold=row == 1)
            ws.cell(row=KEY_ROW, column=col, value=column.key).font = key_font
            ws.column_dimensions[column_letter(col)].width = 12 if column.key == "region" else 20
        ws.row_dimensions[1].height = 45
        ws.row_dimensions[4].height = 30
        _fill_regions(ws, sheet, regions)
        _validations(ws, sheet, len(regions))
        for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(regions)):
            for col, column in enumerate(sheet.columns, start=1):
                if column.key not in ("region", "region_name", "id"):
                    ws.cell(row=row, column=col).protection = Protection(locked=False)
        ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    marker = book.create_sheet(MARKER_SHEET)
    marker["A1"], marker["B1"] = LAYOUT_VERSION, scheme.id
    marker["A2"], marker["B2"] = "scheme_sha256", scheme.sha256
    for row, sheet in enumerate(sheets, start=4):
        marker.cell(row=row, column=1, value=sheet.role)
        marker.cell(row=row, column=2, value=sheet.title)
    marker.sheet_state = "veryHidden"
    marker.protection.sheet = True
    return workbook_bytes(book)


def _fill_regions(ws: Worksheet, sheet: SheetLayout, regions: Sequence[Region]) -> None:
    for row, region in enumerate(regions, start=FIRST_DATA_ROW):
        values: dict[str, Any] = {
            "region": region.id,
            "id": region.id,
            "region_name": region.name.zh,
            "name": region.name.zh,
            "name_en": region.name.en,
            "kind": region.kind,
            "parent": region.parent,
            "survey_only": "是" if region.survey_only else "否",
        }
        for col, column in enumerate(sheet.columns, start=1):
            value = values.get(column.key)
            if value is not None:
                ws.cell(row=row, column=col, value=safe_text(str(value)))


def _validations(ws: Worksheet, sheet: SheetLayout, count: int) -> None:
    if count == 0:
        return
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    last = FIRST_DATA_ROW + count - 1
    for col, column in enumerate(sheet.columns, start=1):
        rule = _rule(column) if column.input is not None else None
        if column.key == "survey_only" or column.claim == "veto":
            rule = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        elif column.claim is not None:
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        if rule is None:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = "取值超出范围 / value out of range"
        rule.error = f"{column.note.zh} / {column.note.en}"
        rule.promptTitle = column.sub.zh[:32] or None
        rule.prompt = f"{column.note.zh} / {column.note.en}"[:255]
        rule.showInputMessage = True
        letter = column_letter(col)
        rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.add_data_validation(rule)


def _rule(column: Column) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    spec: Input | None = column.input
    assert spec is not None
    if spec.kind is Kind.FLAG:
        return DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    kind = "whole" if spec.kind is Kind.COUNT else "decimal"
    low, high = spec.minimum, spec.upper_bound
    if low is not None and high is not None:
        return DataValidation(
            type=kind,
            operator="between",
            formula1=fmt_plain(low).replace(",", ""),
            formula2=fmt_plain(high).replace(",", ""),
            allow_blank=True,
        )
    if low is not None:
        return DataValidation(
            type=kind, operator="greaterThanOrEqual", formula1=fmt_plain(low).replace(",", ""), allow_blank=True
        )
    if high is not None:
        return DataValidation(
            type=kind, operator="lessThanOrEqual", formula1=fmt_plain(high).replace(",", ""), allow_blank=True
        )
    return DataValidation(type=kind, operator="between", formula1="-1E+307", formula2="1E+307", allow_blank=True)
