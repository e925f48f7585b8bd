"""Read submissions from a CSV in long layout: one value per row, columns ``region,indicator,input,value``.

Rows with an empty ``indicator`` describe the region: ``name`` (Chinese name), ``name_en``,
``kind``, ``parent``, ``survey_only`` (是/否, true/false), and ``bonus``, ``deduction``, ``veto``
whose value is the id of the claim (one row per occurrence). Files in UTF-8 (with or without
BOM) and in GBK/GB18030 (older Excel "CSV (逗号分隔)") are both read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from targetrule.findings import Finding
from targetrule.formats.encoding import read_text
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData, Locator, file_finding, with_findings
from targetrule.submissions import read_submissions
from targetrule.text import Label

COLUMNS = ("region", "indicator", "input", "value")
REGION_FIELDS = ("name", "name_en", "kind", "parent", "survey_only")
CLAIM_FIELDS = ("bonus", "deduction", "veto")
_YES = {"true", "yes", "y", "1", "是"}
_NO = {"false", "no", "n", "0", "否", ""}


def read_csv_data(path: Path) -> LoadedData:
    """Read ``path``; wrong columns or encoding raise a bilingual error, bad rows become findings."""
    decoded = read_text(path)
    if not decoded.text.strip():
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    rows = list(csv.reader(io.StringIO(decoded.text, newline="")))
    header = [cell.strip().lower() for cell in rows[0]]
    if tuple(header) != COLUMNS:
        hint_zh = hint_en = ""
        if len(header) == 1 and any(sep in rows[0][0] for sep in ("\t", ";")):
            hint_zh, hint_en = "（分隔符应为英文逗号）", " (the separator must be a comma)"
        raise DataFileError(
            f"{path}:1",
            Label(
                f"第 1 行的列应为 {','.join(COLUMNS)}，实为 {','.join(rows[0])}{hint_zh}",
                f"row 1 must have the columns {','.join(COLUMNS)}, found {','.join(rows[0])}{hint_en}",
            ),
        )
    regions: dict[str, dict[str, Any]] = {}
    locator = Locator()
    problems: list[Finding] = []
    seen: dict[tuple[str, str, str], int] = {}
    name = path.name
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}:{number}"
        if len(row) != len(COLUMNS):
            problems.append(_bad(where, f"应有 4 列，实有 {len(row)} 列", f"expected 4 columns, found {len(row)}"))
            continue
        region_id, indicator, name_, value = (cell.strip() for cell in row)
        if not region_id:
            problems.append(_bad(where, "缺少地区编号（region 列）", "the region column is empty"))
            continue
        region = regions.setdefault(region_id, {"id": region_id, "inputs": {}})
        locator.regions.setdefault(region_id, where)
        key = (region_id, indicator, name_)
        if key in seen and name_ not in CLAIM_FIELDS:
            problems.append(
                _bad(where, f"与第 {seen[key]} 行重复", f"duplicates row {seen[key]}", region=region_id, value=name_)
            )
            continue
        seen[key] = number
        if not indicator:
            problem = _region_field(region, name_, value, where)
            if problem is not None:
                problems.append(problem)
            continue
        if not name_:
            problems.append(_bad(where, "缺少数据项名称（input 列）", "the input column is empty", region=region_id))
            continue
        locator.indicators.setdefault((region_id, indicator), where)
        locator.inputs[(region_id, indicator, name_)] = where
        if value != "":  # an empty cell is missing, never zero: the engine reports it
            region["inputs"].setdefault(indicator, {})[name_] = value
        else:
            region["inputs"].setdefault(indicator, {})
    document = {"regions": list(regions.values())}
    submissions = with_findings(read_submissions(document), problems)
    return LoadedData(submissions, str(path), "csv", locator, decoded.encoding)


def _region_field(region: dict[str, Any], field: str, value: str, where: str) -> Finding | None:
    if field in ("name", "name_en"):
        names = region.setdefault("name", {"zh": region["id"], "en": region["id"]})
        names["zh" if field == "name" else "en"] = value
        return None
    if field in ("kind", "parent"):
        region[field] = value
        return None
    if field == "survey_only":
        lowered = value.lower()
        if lowered not in _YES | _NO:
            return _bad(
                where,
                f"survey_only 应为 是/否，实为 {value}",
                f"survey_only must be yes/no, got {value}",
                region=region["id"],
            )
        region["survey_only"] = lowered in _YES
        return None
    if field in CLAIM_FIELDS:
        if field == "veto":
            region.setdefault("vetoes", []).append(value)
        else:
            claims = region.setdefault("bonuses" if field == "bonus" else "deductions", [])
            existing = next((c for c in claims if c["id"] == value), None)
            if existing is None:
                claims.append({"id": value, "count": 1})
            else:
                existing["count"] += 1
        return None
    known = ", ".join(REGION_FIELDS + CLAIM_FIELDS)
    return _bad(
        where,
        f"indicator 列为空时，input 应为 {known} 之一，实为 {field}",
        f"with an empty indicator column, input must be one of {known}; got {field}",
        region=region["id"],
    )


def _bad(where: str, zh: str, en: str, *, region: str | None = None, value: str | None = None) -> Finding:
    return file_finding(where, zh, en, region=region, value=value)
