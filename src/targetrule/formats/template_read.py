"""Read a filled xlsx template back into submissions, remembering the cell of every value.

A workbook that is not a template of the scheme, a renamed or missing sheet, a moved header or
an empty file raises :class:`DataFileError` naming the file, sheet and cell; a bad value in a
cell (text in a number cell, a count above its bound) becomes an engine finding that
:class:`Locator` points back at that cell (``就业!C7``).

The workbook is opened read-only and streamed: only the template's own columns are read, and a
sheet that claims the whole grid (``A1:XFD1048576``) or holds a stray value on its last row costs
only the rows it really has. A value right of the template's columns is ignored with a warning
naming its cell; a value below the regions without a region id is an error naming its cell. A
password-protected (encrypted) workbook is refused saying so; sheet protection alone is fine.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from targetrule.convert import FLAG_WORDS, read_flag
from targetrule.findings import Finding, Severity, finding
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
from targetrule.submissions import MAX_CLAIM_COUNT, read_submissions, region_id_problem
from targetrule.text import Label

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # an encrypted xlsx (and an old .xls) is an OLE2 compound file
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")

Rows = list[tuple[int, tuple[Any, ...]]]


def read_template(path: Path, scheme: Scheme) -> LoadedData:
    """Read a filled template of ``scheme`` from ``path``."""
    openpyxl = openpyxl_module()
    data = read_bytes(path)
    if not data:
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    if data.startswith(_OLE2):
        raise _ole2_error(path, data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
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
    try:
        return _read_book(book, path, scheme)
    except DataFileError:
        raise
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError) as exc:
        # a sheet's XML is read lazily: a damaged one fails here (ParseError is a SyntaxError), not at opening
        raise DataFileError(
            str(path),
            Label(f"工作簿已损坏，无法读取（{type(exc).__name__}）", f"the workbook is damaged ({type(exc).__name__})"),
        ) from None
    finally:
        book.close()


def _ole2_error(path: Path, data: bytes) -> DataFileError:
    if _ENCRYPTED in data[:1_000_000]:
        return DataFileError(
            str(path),
            Label(
                "工作簿设有打开密码（已加密），无法读取：请在 Excel 中去掉密码（文件 → 信息 → 保护工作簿 → "
                "用密码进行加密，清空密码）后保存再试",
                "the workbook is password-protected (encrypted) and cannot be read: remove the password in Excel "
                "(File → Info → Protect Workbook → Encrypt with Password, clear it), save, and try again",
            ),
        )
    return DataFileError(
        str(path),
        Label(
            "这是旧版 .xls 格式的工作簿（只是扩展名为 .xlsx）；请在 Excel 中另存为 .xlsx",
            "this is an old .xls workbook named .xlsx; save it as .xlsx in Excel",
        ),
    )


def _read_book(book: Any, path: Path, scheme: Scheme) -> LoadedData:
    _check_marker(book, path, scheme)
    sheets = layout(scheme)
    problems: list[Finding] = []
    rows = {sheet.title: _sheet_rows(book, path, sheet, problems) for sheet in sheets}
    locator = Locator()
    regions = _read_regions(rows[sheets[0].title], sheets[0], locator, problems)
    by_id = {r["id"]: r for r in regions}
    for sheet in data_sheets(sheets):
        _read_values(rows[sheet.title], sheet, by_id, locator, problems)
    for sheet in sheets:
        if sheet.role == "claims":
            _read_claims(rows[sheet.title], sheet, by_id, locator, problems)
    for region in regions:
        del region["_row"], region["_path"]
    submissions = with_findings(read_submissions({"scheme": scheme.id, "regions": regions}), problems)
    return LoadedData(submissions, str(path), "xlsx", locator)


def _sheet_rows(book: Any, path: Path, sheet: SheetLayout, problems: list[Finding]) -> Rows:
    """The rows of a sheet that hold anything, from the key row down, cut to the template's columns.

    Only the rows the file really has are read (its claimed dimension is ignored); a value right of
    the template's columns is a warning naming its cell.
    """
    _check_sheet(book, path, sheet)
    ws = book[sheet.title]
    ws.reset_dimensions()  # never trust the claimed dimension: read the rows the sheet really has
    width = len(sheet.columns)
    found: Rows = []
    stray = 0
    checked = False
    for number, row in enumerate(ws.iter_rows(min_row=1), start=1):
        if not checked and number >= KEY_ROW:
            _check_keys(path, sheet, tuple(row) if number == KEY_ROW else ())
            checked = True
        if not row:
            continue
        cells = tuple(row[:width])
        if len(row) > width:
            extra = next((c for c in row[width:] if getattr(c, "value", None) is not None), None)
            if extra is not None and number >= KEY_ROW:
                stray += 1
                if stray <= 10:  # a few are enough to show where
                    problems.append(_stray(sheet.title, extra.column, number))
        if number < KEY_ROW or all(getattr(c, "value", None) is None for c in cells):
            continue
        found.append((number, cells + (None,) * (width - len(cells))))
    if not checked:
        _check_keys(path, sheet, ())
    return found


def _stray(title: str, column: int, row: int) -> Finding:
    ref = cell_ref(title, column, row)
    return attrs.evolve(
        file_finding(
            ref,
            "模板列之外的单元格有内容，已忽略",
            "a cell outside the template's columns holds a value; it is ignored",
        ),
        severity=Severity.WARNING,
    )


def _value(row: tuple[Any, ...], col: int) -> Any:
    """The raw value of the 1-based column ``col`` of a row of cells (None for a missing cell)."""
    cell = row[col - 1]
    return None if cell is None else cell.value


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


def _check_keys(path: Path, sheet: SheetLayout, row: tuple[Any, ...]) -> None:
    """The key row holds each column's machine key, in order: columns were not inserted, deleted or moved."""
    for col, column in enumerate(sheet.columns, start=1):
        seen = _value(row, col) if col <= len(row) else None
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
    if cell is None:
        return None
    value = _cell_value(cell.value)
    spec = column.input
    percent = "%" in str(getattr(cell, "number_format", None) or "")
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if spec is not None and spec.kind is Kind.RATE and percent and number:
        return (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)) * 100
    return value


def _read_regions(rows: Rows, sheet: SheetLayout, locator: Locator, problems: list[Finding]) -> list[dict[str, Any]]:
    keys = [c.key for c in sheet.columns]
    regions: list[dict[str, Any]] = []
    for row, cells_row in rows:
        if row < FIRST_DATA_ROW:
            continue
        cells = {key: _cell_value(_value(cells_row, col)) for col, key in enumerate(keys, start=1)}
        where = cell_ref(sheet.title, 1, row)
        region_id = cells["id"]
        if region_id is None:
            problems.append(file_finding(where, "缺少地区编号", "the region id is missing"))
            continue
        why = region_id_problem(region_id)
        if why is not None:
            problems.append(finding("region.bad_id", path=where, value=region_id, why_zh=why[0], why_en=why[1]))
            continue
        if region_id in locator.regions:
            problems.append(
                file_finding(
                    where,
                    f"地区编号 {region_id} 重复（首次在 {locator.regions[region_id]}）",
                    f"region id {region_id} appears twice (first at {locator.regions[region_id]})",
                    region=region_id,
                    value=region_id,
                )
            )
            continue
        path = f"$.regions[{len(regions)}]"
        locator.regions[region_id] = locator.paths[path] = where
        region: dict[str, Any] = {"id": region_id, "inputs": {}, "_row": row}
        names = {"zh": cells["name"], "en": cells["name_en"]}
        region["name"] = {lang: _text(value, region_id) for lang, value in names.items()}
        locator.paths[f"{path}.name.zh"] = cell_ref(sheet.title, 2, row)
        locator.paths[f"{path}.name.en"] = cell_ref(sheet.title, 3, row)
        for col, key in ((4, "kind"), (5, "parent")):
            if cells[key] is not None:
                region[key] = _text(cells[key], "")
                locator.paths[f"{path}.{key}"] = cell_ref(sheet.title, col, row)
        flag = cells["survey_only"]
        if flag is not None:
            region["survey_only"] = flag
            locator.paths[f"{path}.survey_only"] = cell_ref(sheet.title, 6, row)
        region["_path"] = path
        regions.append(region)
    return regions


def _text(value: Any, default: str) -> str:
    """A text cell as text: numbers as Excel shows them (12, not 12.0), blanks as ``default``."""
    if value is None:
        return default
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_values(
    rows: Rows, sheet: SheetLayout, regions: dict[str, dict[str, Any]], locator: Locator, problems: list[Finding]
) -> None:
    seen: dict[str, int] = {}
    for row, cells in rows:
        if row < FIRST_DATA_ROW:
            continue
        raw_id = _cell_value(_value(cells, 1))
        values = [
            (col, column, _input_value(cells[col - 1], column))
            for col, column in enumerate(sheet.columns, start=1)
            if column.input is not None
        ]
        where = cell_ref(sheet.title, 1, row)
        if raw_id is None:
            if any(v is not None for _, _, v in values):
                problems.append(file_finding(where, "有数据但缺少地区编号", "values without a region id"))
            continue
        region = regions.get(raw_id) if isinstance(raw_id, str) else None
        if region is None:
            problems.append(
                file_finding(
                    where,
                    f"地区 {raw_id} 不在“{REGIONS_SHEET}”表中",
                    f"region {raw_id} is not listed in the sheet {REGIONS_SHEET}",
                    value=str(raw_id),
                )
            )
            continue
        region_id = region["id"]
        if region_id in seen:
            problems.append(
                file_finding(
                    where,
                    f"地区 {region_id} 在本表重复（第 {seen[region_id]} 行）",
                    f"region {region_id} appears twice in this sheet (row {seen[region_id]})",
                    region=region_id,
                )
            )
            continue
        seen[region_id] = row
        for col, column, value in values:
            assert column.indicator is not None and column.input is not None
            indicator, name = column.indicator.id, column.input.name
            ref = cell_ref(sheet.title, col, row)
            locator.inputs[(region_id, indicator, name)] = ref
            locator.indicators.setdefault((region_id, indicator), ref)
            inputs = region["inputs"].setdefault(indicator, {})
            if value is not None:
                inputs[name] = value


def _read_claims(
    rows: Rows, sheet: SheetLayout, regions: dict[str, dict[str, Any]], locator: Locator, problems: list[Finding]
) -> None:
    """Bonuses and deductions (a count each) and vetoes (是/否) per region; blank means none."""
    for row, cells in rows:
        if row < FIRST_DATA_ROW:
            continue
        raw_id = _cell_value(_value(cells, 1))
        region = regions.get(raw_id) if isinstance(raw_id, str) else None
        if region is None:
            continue
        for col, column in enumerate(sheet.columns, start=1):
            if column.claim is None or column.claim_id is None:
                continue
            value = _cell_value(_value(cells, col))
            if value is None:
                continue
            ref = cell_ref(sheet.title, col, row)
            if column.claim == "veto":
                flag = read_flag(value)
                if flag:
                    vetoes = region.setdefault("vetoes", [])
                    locator.paths[f"{region['_path']}.vetoes[{len(vetoes)}]"] = ref
                    vetoes.append(column.claim_id)
                elif flag is None:
                    problems.append(
                        file_finding(
                            ref,
                            f"应填 是 或 否（{FLAG_WORDS}），实为 {value!r}",
                            f"expected 是 (yes) or 否 (no) ({FLAG_WORDS}), got {value!r}",
                            region=region["id"],
                            value=str(value),
                        )
                    )
                continue
            count = value if isinstance(value, int) and not isinstance(value, bool) else None
            if isinstance(value, float) and value.is_integer():
                count = int(value)
            if count is None or not 0 <= count <= MAX_CLAIM_COUNT:
                problems.append(
                    finding("claim.bad_count", region=region["id"], path=ref, value=value, limit=MAX_CLAIM_COUNT)
                )
            elif count:
                key = "bonuses" if column.claim == "bonus" else "deductions"
                claims = region.setdefault(key, [])
                locator.paths[f"{region['_path']}.{key}[{len(claims)}]"] = ref
                claims.append({"id": column.claim_id, "count": count})
