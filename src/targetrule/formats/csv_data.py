"""Read submissions from a CSV in long layout: one value per row, columns ``region,indicator,input,value``.

Rows with an empty ``indicator`` describe the region: ``name`` (Chinese name), ``name_en``,
``kind``, ``parent``, ``survey_only`` (是/否, true/false: the words of
:data:`targetrule.convert.FLAG_TRUE`), and ``bonus``, ``deduction``, ``veto`` whose value is the id
of the claim (one row per occurrence). Files in UTF-8 (with or without BOM) and in GBK/GB18030
(older Excel "CSV (逗号分隔)") are both read. A field the csv module cannot hold (beyond its size
limit, which this module never changes: it is the whole process's) is an error naming the row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from targetrule.convert import FLAG_WORDS, read_flag
from targetrule.findings import Finding, finding
from targetrule.formats.encoding import read_text
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData, Locator, file_finding, with_findings
from targetrule.submissions import read_submissions, region_id_problem
from targetrule.text import Label

COLUMNS = ("region", "indicator", "input", "value")
REGION_FIELDS = ("name", "name_en", "kind", "parent", "survey_only")
CLAIM_FIELDS = ("bonus", "deduction", "veto")


def csv_error(path: Path, row: int, exc: Exception) -> DataFileError:
    """A CSV the csv module cannot split (a field beyond its size limit, a NUL byte), naming the row."""
    reason = str(exc)
    if "field larger than field limit" in reason:
        limit = csv.field_size_limit()
        return DataFileError(
            f"{path}:{row}",
            Label(
                f"第 {row} 行有一个单元格超过 {limit:,} 个字符，不是考评数据",
                f"row {row} holds a field of more than {limit:,} characters, which no evaluation data does",
            ),
        )
    return DataFileError(f"{path}:{row}", Label(f"CSV 无法读取：{reason}", f"the CSV cannot be read: {reason}"))


def _rows(path: Path, text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as exc:
        raise csv_error(path, reader.line_num, exc) from None


def read_csv_data(path: Path) -> LoadedData:
    """Read ``path``; wrong columns or encoding raise a bilingual error, bad rows become findings."""
    decoded = read_text(path)
    if not decoded.text.strip():
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    rows = _rows(path, decoded.text)
    header = [cell.strip().lower() for cell in rows[0]]
    if tuple(header) != COLUMNS:
        hint_zh = hint_en = ""
        if len(header) == 1 and any(sep in rows[0][0] for sep in ("\t", ";")):
            hint_zh, hint_en = "（分隔符应为英文逗号）", " (the separator must be a comma)"
        shown = ",".join(rows[0])[:200]
        raise DataFileError(
            f"{path}:1",
            Label(
                f"第 1 行的列应为 {','.join(COLUMNS)}，实为 {shown}{hint_zh}",
                f"row 1 must have the columns {','.join(COLUMNS)}, found {shown}{hint_en}",
            ),
        )
    regions: dict[str, dict[str, Any]] = {}
    region_paths: dict[str, str] = {}
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
        why = region_id_problem(region_id)
        if why is not None:
            problems.append(finding("region.bad_id", path=where, value=region_id, why_zh=why[0], why_en=why[1]))
            continue
        if region_id not in regions:
            region_paths[region_id] = f"$.regions[{len(regions)}]"  # its path in the document built below
            regions[region_id] = {"id": region_id, "inputs": {}}
            locator.regions[region_id] = where
            locator.paths[region_paths[region_id]] = where
        region = regions[region_id]
        key = (region_id, indicator, name_)
        if key in seen and name_ not in CLAIM_FIELDS:
            problems.append(
                _bad(where, f"与第 {seen[key]} 行重复", f"duplicates row {seen[key]}", region=region_id, value=name_)
            )
            continue
        seen[key] = number
        if not indicator:
            problem = _region_field(region, name_, value, where, locator, region_paths[region_id])
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


def _region_field(
    region: dict[str, Any], field: str, value: str, where: str, locator: Locator, path: str
) -> Finding | None:
    if field in ("name", "name_en"):
        names = region.setdefault("name", {"zh": region["id"], "en": region["id"]})
        names["zh" if field == "name" else "en"] = value
        locator.paths[f"{path}.name.{'zh' if field == 'name' else 'en'}"] = where
        return None
    if field in ("kind", "parent"):
        region[field] = value or None
        locator.paths[f"{path}.{field}"] = where
        return None
    if field == "survey_only":
        flag = read_flag(value) if value else False  # an empty cell is the default: not survey-only
        if flag is None:
            return finding(
                "region.bad_field",
                region=region["id"],
                path=where,
                value=value,
                field="survey_only",
                expected_zh=f"是/否（{FLAG_WORDS}）",
                expected_en=f"yes/no ({FLAG_WORDS})",
                default="false",
            )
        region["survey_only"] = flag
        return None
    if field in CLAIM_FIELDS:
        if not value:
            return finding("claim.bad_id", region=region["id"], path=where, value=value)
        if field == "veto":
            vetoes = region.setdefault("vetoes", [])
            locator.paths[f"{path}.vetoes[{len(vetoes)}]"] = where
            vetoes.append(value)
        else:
            key = "bonuses" if field == "bonus" else "deductions"
            claims = region.setdefault(key, [])
            existing = next((c for c in claims if c["id"] == value), None)
            if existing is None:
                locator.paths[f"{path}.{key}[{len(claims)}]"] = where
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
