"""Read the list of regions for a template: a CSV (``id,name,name_en,kind,parent,survey_only``) or a JSON file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from targetrule.convert import FLAG_WORDS, read_flag, text_problem
from targetrule.formats.csv_data import csv_error
from targetrule.formats.encoding import read_text
from targetrule.formats.errors import DataFileError
from targetrule.submissions import JsonTextError, Region, parse_json, read_submissions
from targetrule.text import Label

REGION_COLUMNS = ("id", "name", "name_en", "kind", "parent", "survey_only")


def read_regions(path: Path) -> list[Region]:
    """Regions from a CSV with a header row, or from JSON (a submissions document or a list of regions)."""
    decoded = read_text(path)
    if not decoded.text.strip():
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    if path.suffix.lower() == ".json":
        return _from_json(path, decoded.text)
    return _from_csv(path, decoded.text)


def _from_json(path: Path, text: str) -> list[Region]:
    try:
        parsed = parse_json(text)
    except JsonTextError as exc:
        raise DataFileError(f"{path}{exc.where}", exc.message) from None
    if parsed.findings:  # a key given twice: which one was meant cannot be told
        first = parsed.findings[0]
        raise DataFileError(f"{path} {first.path}", first.message)
    document: Any = parsed.document
    if isinstance(document, list):
        document = {"regions": [{k: v for k, v in r.items() if k != "inputs"} for r in document if isinstance(r, dict)]}
    submissions = read_submissions(document)
    errors = [f for f in submissions.findings if f.is_error]
    if errors:  # a list of regions for a template has nothing else to lose: its first error is the answer
        first = errors[0]
        raise DataFileError(f"{path} {first.path or ''}".strip(), first.message)
    return [r.region for r in submissions.regions]


def _from_csv(path: Path, text: str) -> list[Region]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise csv_error(path, reader.line_num, exc) from None
    columns = [c.strip().lower() for c in rows[0]]
    if "id" not in columns or "name" not in columns:
        raise DataFileError(
            f"{path}:1",
            Label(
                f"第 1 行应至少有 id,name 两列（可选 name_en,kind,parent,survey_only），实为 {','.join(columns)}",
                f"row 1 needs at least the columns id,name (optional name_en,kind,parent,survey_only); "
                f"found {','.join(columns)}",
            ),
        )
    regions = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {key: value.strip() for key, value in zip(columns, row, strict=False)}
        where = f"{path}:{number}"
        if not cells.get("id"):
            if any(cells.values()):
                raise DataFileError(where, Label("缺少地区编号（id 列）", "the id column is empty"))
            continue
        for key, value in cells.items():
            why = text_problem(value)
            if why is not None:
                raise DataFileError(where, Label(f"{key} 列含有{why[0]}", f"the column {key} holds {why[1]}"))
        flag = read_flag(cells.get("survey_only") or "否")
        if flag is None:
            raise DataFileError(
                where,
                Label(
                    f"survey_only 应为 是/否（{FLAG_WORDS}），实为 {cells['survey_only']!r}",
                    f"survey_only must be yes/no ({FLAG_WORDS}), got {cells['survey_only']!r}",
                ),
            )
        regions.append(
            Region(
                id=cells["id"],
                name=Label(cells.get("name") or cells["id"], cells.get("name_en") or cells["id"]),
                kind=cells.get("kind") or "city",
                parent=cells.get("parent") or None,
                survey_only=flag,
            )
        )
    if not regions:
        raise DataFileError(str(path), Label("文件中没有任何地区", "the file lists no regions"))
    return regions
