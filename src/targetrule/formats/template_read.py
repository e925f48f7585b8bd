"""Read a filled xlsx template back into submissions, remembering the cell of every value.

A workbook that is not a template of the scheme, a renamed or missing sheet, a moved header or
an empty file raises :class:`DataFileError` naming the file, sheet and cell; a bad value in a
cell (text in a number cell, a count above its bound) becomes an engine finding that
:class:`Locator` points back at that cell (``就业!C7``).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetrule.findings import Finding
from targetrule.formats.encoding import read_bytes
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData, Locator, file_finding, with_findings
from targetrule.formats.template_layout import (
    FIRST_DATA_ROW,
    KEY_ROW,
    LAYOUT_VERSION,
    MARKER_SHEET,
    REGIONS_SHEET,
    Column,
    SheetLayout,
    cell_ref,
    data_sheets,
    layout,
)
from targetrule.formats.template_xlsx import openpyxl_module
from targetrule.indicator import Kind
from targetrule.scheme import Scheme
from targetrule.submissions import read_submissions
from targetrule.text import Label

_YES = {"是", "true", "yes", "y", "1"}


def read_template(path: Path, scheme: Scheme) -> LoadedData:
    """Read a filled template of ``scheme`` from ``path``."""
    openpyxl = openpyxl_module()
    data = read_bytes(path)
    if not data:
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise DataFileError(
            str(path),
            Label(
                f"不是有效的 xlsx 工作簿（{type(exc).__name__}）；旧版 .xls 请在 Excel 中另存为 .xlsx",
                f"not a valid xlsx workbook ({type(exc).__name__}); save an old .xls file as .xlsx in Excel",
            ),
        ) from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and others for non-workbooks
        raise DataFileError(
            str(path), Label(f"无法作为 xlsx 打开（{exc}）", f"cannot be opened as xlsx ({exc})")
        ) from None
    _check_marker(book, path, scheme)
    sheets = layout(scheme)
    for sheet in sheets:
        _check_sheet(book, path, sheet)
    problems: list[Finding] = []
    locator = Locator()
    regions = _read_regions(book[REGIONS_SHEET], sheets[0], locator, problems)
    by_id = {r["id"]: r for r in regions}
    for sheet in data_sheets(sheets):
        _read_values(book[sheet.title], sheet, by_id, locator, problems)
    for sheet in sheets:
        if sheet.role == "claims":
            _read_claims(book[sheet.title], sheet, by_id, problems)
    submissions = with_findings(read_submissions({"scheme": scheme.id, "regions": regions}), problems)
    return LoadedData(submissions, str(path), "xlsx", locator)


def _check_marker(book: Any, path: Path, scheme: Scheme) -> None:
    if MARKER_SHEET not in book.sheetnames:
        raise DataFileError(
            str(path),
            Label(
                f"不是 targetrule 填报模板（缺少隐藏的 {MARKER_SHEET} 标记表）；"
                f"请用 targetrule template {scheme.id} 生成模板",
                f"not a targetrule template (the hidden {MARKER_SHEET} marker sheet is missing); "
                f"make one with: targetrule template {scheme.id}",
            ),
        )
    marker = book[MARKER_SHEET]
    version, scheme_id = marker["A1"].value, marker["B1"].value
    if version != LAYOUT_VERSION:
        raise DataFileError(
            f"{path} {MARKER_SHEET}!A1",
            Label(
                f"模板版式 {version!r} 不受支持，应为 {LAYOUT_VERSION}；请重新生成模板",
                f"template layout {version!r} is not supported (expected {LAYOUT_VERSION}); make a new template",
            ),
        )
    if scheme_id != scheme.id:
        raise DataFileError(
            f"{path} {MARKER_SHEET}!B1",
            Label(
                f"这是方案 {scheme_id} 的模板，不是方案 {scheme.id} 的；请用 targetrule template {scheme.id} 生成模板",
                f"this is a template of scheme {scheme_id}, not of {scheme.id}; "
                f"make one with: targetrule template {scheme.id}",
            ),
        )


def _check_sheet(book: Any, path: Path, sheet: SheetLayout) -> None:
    if sheet.title not in book.sheetnames:
        found = "、".join(n for n in book.sheetnames if n != MARKER_SHEET)
        raise DataFileError(
            f"{path} › {sheet.title}",
            Label(
                f"缺少工作表“{sheet.title}”（是否被改名或删除？现有：{found}）",
                f"the sheet {sheet.title!r} is missing (renamed or deleted?); the workbook has: {found}",
            ),
        )
    ws = book[sheet.title]
    for col, column in enumerate(sheet.columns, start=1):
        seen = ws.cell(row=KEY_ROW, column=col).value
        if seen != column.key:
            raise DataFileError(
                f"{path} › {cell_ref(sheet.title, col, KEY_ROW)}",
                Label(
                    f"表头被移动或修改：此单元格应为 {column.key}（{column.sub.zh or column.title.zh}），"
                    f"实为 {seen!r}；"
                    "请勿插入、删除或移动列",
                    f"a header was moved or changed: this cell should hold {column.key} "
                    f"({column.sub.en or column.title.en}), found {seen!r}; do not insert, delete or move columns",
                ),
            )


def _cell_value(value: Any) -> Any:
    """A cell's value as the engine reads it: text stripped, blanks None, dates as text (not numbers)."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
            text = text[1:]
        return text or None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _input_value(cell: Any, column: Column) -> Any:
    """A data cell's value; a rate typed as 95% (stored by Excel as 0.95) is read as the 95 it shows."""
    value = _cell_value(cell.value)
    spec = column.input
    percent = "%" in str(cell.number_format or "")
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if spec is not None and spec.kind is Kind.RATE and percent and number:
        return (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)) * 100
    return value


def _read_regions(ws: Any, sheet: SheetLayout, locator: Locator, problems: list[Finding]) -> list[dict[str, Any]]:
    keys = [c.key for c in sheet.columns]
    regions: list[dict[str, Any]] = []
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        cells = {key: _cell_value(ws.cell(row=row, column=col).value) for col, key in enumerate(keys, start=1)}
        region_id = cells["id"]
        if region_id is None:
            if any(v is not None for v in cells.values()):
                problems.append(file_finding(cell_ref(sheet.title, 1, row), "缺少地区编号", "the region id is missing"))
            continue
        region_id = str(region_id)
        if region_id in locator.regions:
            problems.append(
                file_finding(
                    cell_ref(sheet.title, 1, row),
                    f"地区编号 {region_id} 重复（首次在 {locator.regions[region_id]}）",
                    f"region id {region_id} appears twice (first at {locator.regions[region_id]})",
                    region=region_id,
                    value=region_id,
                )
            )
            continue
        locator.regions[region_id] = cell_ref(sheet.title, 1, row)
        region: dict[str, Any] = {
            "id": region_id,
            "name": {"zh": str(cells["name"] or region_id), "en": str(cells["name_en"] or region_id)},
            "kind": str(cells["kind"] or "city"),
            "inputs": {},
        }
        if cells["parent"] is not None:
            region["parent"] = str(cells["parent"])
        flag = cells["survey_only"]
        region["survey_only"] = flag is True or str(flag).strip().lower() in _YES
        regions.append(region)
    return regions


def _read_values(
    ws: Any, sheet: SheetLayout, regions: dict[str, dict[str, Any]], locator: Locator, problems: list[Finding]
) -> None:
    rows: dict[str, int] = {}
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        raw_id = _cell_value(ws.cell(row=row, column=1).value)
        values = [
            (col, column, _input_value(ws.cell(row=row, column=col), column))
            for col, column in enumerate(sheet.columns, start=1)
            if column.input is not None
        ]
        if raw_id is None:
            if any(v is not None for _, _, v in values):
                problems.append(
                    file_finding(cell_ref(sheet.title, 1, row), "有数据但缺少地区编号", "values without a region id")
                )
            continue
        region_id = str(raw_id)
        region = regions.get(region_id)
        where = cell_ref(sheet.title, 1, row)
        if region is None:
            problems.append(
                file_finding(
                    where,
                    f"地区 {region_id} 不在“{REGIONS_SHEET}”表中",
                    f"region {region_id} is not listed in the sheet {REGIONS_SHEET}",
                    value=region_id,
                )
            )
            continue
        if region_id in rows:
            problems.append(
                file_finding(
                    where,
                    f"地区 {region_id} 在本表重复（第 {rows[region_id]} 行）",
                    f"region {region_id} appears twice in this sheet (row {rows[region_id]})",
                    region=region_id,
                )
            )
            continue
        rows[region_id] = row
        for col, column, value in values:
            assert column.indicator is not None and column.input is not None
            indicator, name = column.indicator.id, column.input.name
            ref = cell_ref(sheet.title, col, row)
            locator.inputs[(region_id, indicator, name)] = ref
            locator.indicators.setdefault((region_id, indicator), ref)
            inputs = region["inputs"].setdefault(indicator, {})
            if value is not None:
                inputs[name] = value


def _read_claims(ws: Any, sheet: SheetLayout, regions: dict[str, dict[str, Any]], problems: list[Finding]) -> None:
    """Bonuses and deductions (a count each) and vetoes (是/否) per region; blank means none."""
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        region = regions.get(str(_cell_value(ws.cell(row=row, column=1).value)))
        if region is None:
            continue
        for col, column in enumerate(sheet.columns, start=1):
            if column.claim is None or column.claim_id is None:
                continue
            value = _cell_value(ws.cell(row=row, column=col).value)
            if value is None:
                continue
            ref = cell_ref(sheet.title, col, row)
            if column.claim == "veto":
                text = str(value).strip().lower()
                if value is True or text in _YES:
                    region.setdefault("vetoes", []).append(column.claim_id)
                elif not (value is False or text in ("否", "false", "no", "n", "0")):
                    problems.append(
                        file_finding(
                            ref,
                            f"应填 是 或 否，实为 {value!r}",
                            f"expected 是 (yes) or 否 (no), got {value!r}",
                            region=region["id"],
                            value=str(value),
                        )
                    )
                continue
            count = value if isinstance(value, int) and not isinstance(value, bool) else None
            if isinstance(value, float) and value.is_integer():
                count = int(value)
            if count is None or count < 0:
                problems.append(
                    file_finding(
                        ref,
                        f"次数应为不小于 0 的整数，实为 {value!r}",
                        f"the number of times must be a whole number ≥ 0, got {value!r}",
                        region=region["id"],
                        value=str(value),
                    )
                )
            elif count:
                key = "bonuses" if column.claim == "bonus" else "deductions"
                region.setdefault(key, []).append({"id": column.claim_id, "count": count})
