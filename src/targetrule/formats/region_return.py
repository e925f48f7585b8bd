"""One workbook per region (分地区填报表): the template of one city, its targets filled in and locked.

It is the template of :mod:`targetrule.formats.template_xlsx` for one region, so every reader of
templates reads it, plus: a sheet 填报信息 for 填报单位, 填表人, 审核人, 联系电话 and 填报日期;
the province's targets written in and locked; every cell to fill in shaded; A4 landscape pages,
fit to width, with the header rows repeated; instructions for city staff. The hidden marker sheet
records the region (``C1``/``D1``) and the template version (``C2``/``D2``), a hash of the layout,
the scheme and the targets file, which ``targetrule collect`` checks.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from targetrule.decimal_context import exact
from targetrule.formats.template_layout import FIRST_DATA_ROW, GUIDE_SHEET, KEY_ROW, LAYOUT_VERSION, MARKER_SHEET
from targetrule.formats.template_xlsx import build_template, openpyxl_module, workbook_bytes
from targetrule.scheme import Scheme
from targetrule.submissions import Region
from targetrule.targets import Targets

COVER_SHEET = "填报信息"
#: The 填报 fields: (key, Chinese label, English label); their values sit in column B from row 4.
FIELDS = (
    ("unit", "填报单位", "reporting unit"),
    ("filled_by", "填表人", "filled in by"),
    ("checked_by", "审核人", "checked by"),
    ("phone", "联系电话", "telephone"),
    ("date", "填报日期", "date"),
)
FIRST_FIELD_ROW = 4
INPUT_FILL = "FFF2CC"  # pale yellow: a cell to fill in
LOCKED_FILL = "E7E6E6"  # grey: a target the province set

_GUIDE = (
    ("填报说明（请各市州人力资源和社会保障部门按本说明填写）", "How to fill in this return"),
    (
        "本表只含贵单位一行数据。浅黄色单元格为需要填写的内容；灰色单元格为省里下达的目标任务数，已锁定，不需填写也不要修改。",
        "This return holds your region's row only. Fill in the pale yellow cells; grey cells are the "
        "targets the province set and are locked: do not change them.",
    ),
    (
        "请先在“填报信息”表填写填报单位、填表人、审核人、联系电话和填报日期。",
        "First fill in the sheet 填报信息: reporting unit, filled in by, checked by, telephone and date.",
    ),
    (
        "数字直接填写，不要带单位；百分数填数字：95 表示 95%，4.5 表示 4.5%（不要填 0.045）。"
        "单位以表头为准，如“万元”一栏填 1234.5 表示 1234.5 万元。",
        "Enter plain numbers without units. Percentages are numbers: 95 means 95%, 4.5 means 4.5% "
        "(not 0.045). Units are those of the header: 1234.5 in a 万元 column means 12,345,000 yuan.",
    ),
    (
        "空白单元格表示“缺数据”，不会按 0 计：确实为 0 的请填 0。是/否项填“是”或“否”。",
        "A blank cell is missing data, never zero: enter 0 where the figure is zero. Yes/no items take 是 or 否.",
    ),
    (
        "请不要增删、移动行列或工作表，也不要改动表头；填好后保存为 .xlsx，按通知要求报送。",
        "Do not insert, delete or move rows, columns or sheets, nor change the headers; save as .xlsx and "
        "send it back as the notice says.",
    ),
)


def template_version(scheme: Scheme, targets: Targets | None) -> str:
    """The version stamped in every workbook sent out for one evaluation: layout, scheme and targets, hashed."""
    text = "\n".join((LAYOUT_VERSION, scheme.id, scheme.sha256, targets.sha256 if targets else ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@exact
def build_region_return(scheme: Scheme, region: Region, targets: Targets | None) -> bytes:
    """The return workbook of ``region`` for ``scheme``, with the province's ``targets`` filled in and locked."""
    openpyxl = openpyxl_module()
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]

    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, [region])))
    to_fill = PatternFill("solid", fgColor=INPUT_FILL)
    locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
    _rewrite_guide(book[GUIDE_SHEET], scheme, region, Font)
    for ws in book.worksheets:
        if ws.title in (GUIDE_SHEET, MARKER_SHEET):
            continue
        keys = [ws.cell(row=KEY_ROW, column=c).value for c in range(1, ws.max_column + 1)]
        for col, key in enumerate(keys, start=1):
            cell = ws.cell(row=FIRST_DATA_ROW, column=col)
            value = _target(targets, region.id, key)
            if value is not None:
                cell.value = int(value) if value == value.to_integral_value() else float(value)
                cell.protection = Protection(locked=True)
                cell.fill = locked_fill
            elif not cell.protection.locked:
                cell.fill = to_fill
        _fit_columns(ws, len(keys))
        _print_setup(ws)
    cover = book.create_sheet(COVER_SHEET, 1)
    cover["A1"] = f"{scheme.spec.title.zh}　{region.name.zh}"
    cover["A1"].font = Font(bold=True, size=14)
    cover["A2"] = "请填写以下各项（浅黄色单元格） / fill in the pale yellow cells"
    for row, (_, zh, en) in enumerate(FIELDS, start=FIRST_FIELD_ROW):
        cover.cell(row=row, column=1, value=f"{zh}（{en}）").font = Font(bold=True)
        cell = cover.cell(row=row, column=2)
        cell.protection = Protection(locked=False)
        cell.fill = to_fill
        cell.alignment = Alignment(horizontal="left")
    cover.column_dimensions["A"].width = 30
    cover.column_dimensions["B"].width = 50
    cover.protection.sheet = True
    _print_setup(cover, title_rows=False)
    marker = book[MARKER_SHEET]
    marker["C1"], marker["D1"] = "region", region.id
    marker["C2"], marker["D2"] = "template_version", template_version(scheme, targets)
    marker["C3"], marker["D3"] = "targets_sha256", targets.sha256 if targets else ""
    book.active = 0
    return workbook_bytes(book)


def _fit_columns(ws: Any, width: int) -> None:
    """Narrow columns with taller, wrapped headers, so a sheet fit to an A4 width stays legible; keys hidden."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for col in range(1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 9 if col <= 2 else 13
    for row, height in ((1, 75), (2, 60), (3, 75), (4, 45)):
        ws.row_dimensions[row].height = height
    ws.row_dimensions[KEY_ROW].hidden = True  # the machine keys: read by the program, not for the clerk
    ws.row_dimensions[FIRST_DATA_ROW].height = 24


def _target(targets: Targets | None, region: str, key: Any) -> Any:
    if targets is None or not isinstance(key, str) or key.count(".") < 2:
        return None
    indicator, _, name = key.rpartition(".")
    return targets.values.get((region, indicator, name))


def _rewrite_guide(ws: Any, scheme: Scheme, region: Region, font: Any) -> None:
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.value = None
    ws["A1"] = f"{scheme.spec.title.zh}　{region.name.zh}"
    ws["B1"] = f"{scheme.spec.title.en}: {region.name.en}"
    ws["A1"].font = font(bold=True, size=14)
    for row, (zh, en) in enumerate(_GUIDE, start=3):
        ws.cell(row=row, column=1, value=zh)
        ws.cell(row=row, column=2, value=en)
    from openpyxl.styles import Alignment

    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in range(3, 3 + len(_GUIDE)):
        ws.row_dimensions[row].height = 48
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 60
    _print_setup(ws, title_rows=False)


def _print_setup(ws: Any, *, title_rows: bool = True) -> None:
    """A4 landscape, fit to one page wide (as many tall as needed), header rows 1–5 repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = f"1:{KEY_ROW}"
