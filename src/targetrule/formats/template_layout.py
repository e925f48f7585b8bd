"""The layout of the xlsx data-entry template, shared by the writer and the reader (no openpyxl here).

Layout ``targetrule.template/1``: a guide sheet (说明), a region sheet (地区), one sheet of
reported actuals per area (named by the area's Chinese label), and one sheet (目标) holding
every target and last-year baseline, kept apart from the actuals. Every data sheet has one row
per region from row 6; rows 1–4 are bilingual headers (indicator, input zh, input en, unit and
bounds) and row 5 holds the machine keys the reader checks. A very hidden sheet ``_targetrule``
records the layout version and the scheme id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import frozen

from targetrule.indicator import Indicator, Input, Kind, Role
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.text import Label

LAYOUT_VERSION = "targetrule.template/1"
MARKER_SHEET = "_targetrule"
GUIDE_SHEET = "说明"
REGIONS_SHEET = "地区"
TARGETS_SHEET = "目标"
CLAIMS_SHEET = "加减分"
KEY_ROW = 5
FIRST_DATA_ROW = 6
REGION_KEY = "region"
REGION_NAME_KEY = "region_name"

_KIND_TEXT = {
    Kind.COUNT: Label("整数", "whole number"),
    Kind.AMOUNT: Label("金额", "amount"),
    Kind.QUANTITY: Label("数值", "number"),
    Kind.RATE: Label("百分数，填 95 表示 95%", "percent: enter 95 for 95%"),
    Kind.FLAG: Label("是/否", "yes/no"),
}


@frozen
class Column:
    """One column of a sheet: its machine key, its header lines and, for data columns, the input it holds."""

    key: str
    title: Label
    sub: Label
    note: Label
    indicator: Indicator | None = None
    input: Input | None = None
    claim: str | None = None  # "bonus", "deduction" or "veto" for a column of the claims sheet
    claim_id: str | None = None


@frozen
class SheetLayout:
    """One sheet of the template: its title, what it holds (``regions``, ``area:ID``, ``targets``) and its columns."""

    title: str
    role: str
    columns: tuple[Column, ...]


def bounds_text(spec: Input) -> Label:
    """The unit, kind and bounds of an input, in both languages."""
    kind = _KIND_TEXT[spec.kind]
    parts_zh, parts_en = [kind.zh], [kind.en]
    if spec.kind is not Kind.FLAG:
        low, high = spec.minimum, spec.upper_bound
        if low is not None:
            parts_zh.append(f"≥ {fmt_plain(low)}")
            parts_en.append(f"≥ {fmt_plain(low)}")
        if high is not None:
            parts_zh.append(f"≤ {fmt_plain(high)}")
            parts_en.append(f"≤ {fmt_plain(high)}")
    unit = f"{spec.unit}；" if spec.unit else ""
    unit_en = f"{spec.unit}; " if spec.unit else ""
    return Label(unit + "，".join(parts_zh), unit_en + ", ".join(parts_en))


def _region_columns() -> tuple[Column, ...]:
    return (
        Column(REGION_KEY, Label("地区编号", "region id"), Label("勿改", "do not edit"), Label("", "")),
        Column(REGION_NAME_KEY, Label("地区名称", "region name"), Label("", ""), Label("", "")),
    )


def _input_column(indicator: Indicator, spec: Input) -> Column:
    return Column(
        f"{indicator.id}.{spec.name}",
        indicator.label,
        spec.label,
        bounds_text(spec),
        indicator,
        spec,
    )


def sheet_title(label: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet title from a label: no []:*?/\\ characters, at most 31 characters."""
    base = re.sub(r"[\[\]:*?/\\']", "", label).strip()[:31] or "Sheet"
    title, n = base, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def layout(scheme: Scheme) -> tuple[SheetLayout, ...]:
    """The data sheets of the template for ``scheme``: regions, one sheet per area, then targets."""
    taken = {GUIDE_SHEET, REGIONS_SHEET, TARGETS_SHEET, CLAIMS_SHEET, MARKER_SHEET}
    region_sheet = SheetLayout(
        REGIONS_SHEET,
        "regions",
        (
            Column("id", Label("地区编号", "region id"), Label("勿改", "do not edit"), Label("", "")),
            Column("name", Label("地区名称", "name (Chinese)"), Label("", ""), Label("", "")),
            Column("name_en", Label("英文名称", "name (English)"), Label("", ""), Label("", "")),
            Column("kind", Label("类型", "kind"), Label("", ""), Label("city / county", "city / county")),
            Column("parent", Label("上级地区", "parent region"), Label("", ""), Label("", "")),
            Column(
                "survey_only",
                Label("仅督查调研（不排名）", "survey only (not ranked)"),
                Label("", ""),
                _KIND_TEXT[Kind.FLAG],
            ),
        ),
    )
    sheets = [region_sheet]
    targets: list[Column] = []
    for area in scheme.areas:
        actuals: list[Column] = []
        for item in area.items:
            for spec in item.indicator.inputs:
                column = _input_column(item.indicator, spec)
                (actuals if spec.role is Role.ACTUAL else targets).append(column)
        sheets.append(
            SheetLayout(
                sheet_title(area.spec.label.zh, taken), f"area:{area.spec.id}", _region_columns() + tuple(actuals)
            )
        )
    sheets.append(SheetLayout(TARGETS_SHEET, "targets", _region_columns() + tuple(targets)))
    claims = _claim_columns(scheme)
    if claims:
        sheets.append(SheetLayout(CLAIMS_SHEET, "claims", _region_columns() + claims))
    return tuple(sheets)


def _claim_columns(scheme: Scheme) -> tuple[Column, ...]:
    spec = scheme.spec
    count = Label("次数（整数，≥ 0）", "times (whole number, ≥ 0)")
    columns: list[Column] = []
    for bonus in spec.bonus.items if spec.bonus else ():
        sub = Label(f"加分，每次 {fmt_plain(bonus.points)} 分", f"bonus, {fmt_plain(bonus.points)} points each")
        columns.append(Column(f"bonus.{bonus.id}", bonus.label, sub, count, claim="bonus", claim_id=bonus.id))
    for item in spec.deductions:
        sub = Label(f"扣分，每次 {fmt_plain(item.points)} 分", f"deduction, {fmt_plain(item.points)} points each")
        columns.append(Column(f"deduction.{item.id}", item.label, sub, count, claim="deduction", claim_id=item.id))
    for veto in spec.vetoes:
        sub = Label("一票否决", "one-vote veto")
        columns.append(
            Column(f"veto.{veto.id}", veto.label, sub, _KIND_TEXT[Kind.FLAG], claim="veto", claim_id=veto.id)
        )
    return tuple(columns)


def column_letter(index: int) -> str:
    """The Excel column letters for a 1-based column index (1 → A, 27 → AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, column: int, row: int) -> str:
    """A cell reference such as ``就业!C7`` (quoted when the sheet title needs it)."""
    name = sheet if re.fullmatch(r"[\w\u4e00-\u9fff]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}"


def data_sheets(sheets: Sequence[SheetLayout]) -> tuple[SheetLayout, ...]:
    """The sheets that hold input values (areas and targets)."""
    return tuple(s for s in sheets if s.role not in ("regions", "claims"))
