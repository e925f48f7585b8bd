"""Read the list of regions for a template: a CSV (``id,name,name_en,kind,parent,survey_only``) or a JSON file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from targetrule.formats.encoding import read_text
from targetrule.formats.errors import DataFileError
from targetrule.submissions import Region, read_submissions
from targetrule.text import Label

REGION_COLUMNS = ("id", "name", "name_en", "kind", "parent", "survey_only")
_YES = {"true", "yes", "y", "1", "是"}


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
        document: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{path}:{exc.lineno}:{exc.colno}", Label(f"JSON 格式错误：{exc.msg}", f"malformed JSON: {exc.msg}")
        ) from None
    if isinstance(document, list):
        document = {"regions": [{k: v for k, v in r.items() if k != "inputs"} for r in document if isinstance(r, dict)]}
    submissions = read_submissions(document)
    if submissions.findings and not submissions.regions:
        first = submissions.findings[0]
        raise DataFileError(f"{path} {first.path or ''}".strip(), first.message)
    return [r.region for r in submissions.regions]


def _from_csv(path: Path, text: str) -> list[Region]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    columns = [c.strip().lower() for c in (csv.reader(io.StringIO(text)).__next__())]
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
    for number, row in enumerate(rows, start=2):
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not cells.get("id"):
            if any(cells.values()):
                raise DataFileError(f"{path}:{number}", Label("缺少地区编号（id 列）", "the id column is empty"))
            continue
        regions.append(
            Region(
                id=cells["id"],
                name=Label(cells.get("name") or cells["id"], cells.get("name_en") or cells["id"]),
                kind=cells.get("kind") or "city",
                parent=cells.get("parent") or None,
                survey_only=cells.get("survey_only", "").lower() in _YES,
            )
        )
    if not regions:
        raise DataFileError(str(path), Label("文件中没有任何地区", "the file lists no regions"))
    return regions
