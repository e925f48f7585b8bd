"""Collect the regions' returned workbooks into one submissions document (``targetrule collect``).

Each workbook is read as a template of the scheme (every check of
:mod:`targetrule.formats.template_read`), then checked as a return: its region stamp, the
template version sent out, one region per workbook, no region twice, every region of the
targets file present, and the 填报 fields filled in. Every finding names the file and the cell.
The merged document records, for each return, its file, sha256, region, template version and
填报 fields, in ``returns``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from targetrule.findings import Finding, finding
from targetrule.formats.errors import DataFileError
from targetrule.formats.region_return import COVER_SHEET, FIELDS, FIRST_FIELD_ROW, template_version
from targetrule.formats.template_layout import MARKER_SHEET
from targetrule.formats.template_read import read_template
from targetrule.formats.template_xlsx import openpyxl_module
from targetrule.scheme import Scheme
from targetrule.targets import Targets

SCHEMA = "targetrule.submissions/1"


@frozen
class Collected:
    """The merged submissions document (None when any return had an error) and every finding."""

    document: dict[str, Any] | None
    findings: tuple[Finding, ...]
    returns: tuple[dict[str, Any], ...]


def collect_returns(paths: Sequence[Path], scheme: Scheme, targets: Targets | None) -> Collected:
    """Read and check every return in ``paths``; merge them in the order given when none has an error."""
    expected = template_version(scheme, targets)
    problems: list[Finding] = []
    regions: list[dict[str, Any]] = []
    returns: list[dict[str, Any]] = []
    first: dict[str, str] = {}
    for path in paths:
        try:
            loaded = read_template(path, scheme)
            stamp = _stamp(path)
        except DataFileError as exc:
            problems.append(
                finding("collect.not_a_return", path=exc.where, detail=f"{exc.message.zh} / {exc.message.en}")
            )
            continue
        problems.extend(attrs.evolve(f, path=f"{path} {f.path}") for f in loaded.submissions.findings)
        document_regions = list(loaded.submissions.raw.get("regions", []))
        region = stamp["region"]
        if not region or len(document_regions) != 1 or document_regions[0].get("id") != region:
            problems.append(
                finding(
                    "collect.not_a_return",
                    path=f"{path} {MARKER_SHEET}!D1",
                    detail="应恰有一个地区且与标记一致 / expected exactly one region, matching the stamp",
                )
            )
            continue
        if stamp["version"] != expected:
            problems.append(
                finding(
                    "collect.wrong_version",
                    region=region,
                    path=f"{path} {MARKER_SHEET}!D2",
                    value=stamp["version"],
                    expected=expected,
                )
            )
        if targets is not None and targets.values and region not in {k[0] for k in targets.values}:
            problems.append(finding("collect.unknown_region", region=region, path=f"{path} {MARKER_SHEET}!D1"))
        if region in first:
            problems.append(finding("collect.duplicate_region", region=region, path=str(path), first=first[region]))
            continue
        first[region] = str(path)
        for (key, zh, en), value in zip(FIELDS, stamp["fields"].values(), strict=True):
            if value in (None, ""):
                row = FIRST_FIELD_ROW + [f[0] for f in FIELDS].index(key)
                problems.append(
                    finding(
                        "collect.missing_field",
                        region=region,
                        path=f"{path} {COVER_SHEET}!B{row}",
                        field_zh=zh,
                        field_en=en,
                    )
                )
        regions.append(document_regions[0])
        returns.append(
            {
                "file": path.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "region": region,
                "template_version": stamp["version"],
                "fields": stamp["fields"],
            }
        )
    if targets is not None:
        for region in sorted({k[0] for k in targets.values} - set(first)):
            problems.append(finding("collect.missing_region", region=region, path=targets.origin))
    if any(p.is_error for p in problems):
        return Collected(None, tuple(problems), tuple(returns))
    document: dict[str, Any] = {"schema": SCHEMA, "scheme": scheme.id, "regions": regions, "returns": returns}
    return Collected(document, tuple(problems), tuple(returns))


def _stamp(path: Path) -> dict[str, Any]:
    """The region, template version and 填报 fields of a return (read after it was read as a template)."""
    openpyxl = openpyxl_module()
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        marker = book[MARKER_SHEET]
        region, version = marker["D1"].value, marker["D2"].value
        fields: dict[str, Any] = {}
        if COVER_SHEET not in book.sheetnames:
            raise DataFileError(
                str(path),
                _label(
                    f"缺少“{COVER_SHEET}”表：这不是分地区填报表", f"no sheet {COVER_SHEET}: not a per-region return"
                ),
            )
        cover = book[COVER_SHEET]
        for row, (key, _, _) in enumerate(FIELDS, start=FIRST_FIELD_ROW):
            value = cover.cell(row=row, column=2).value
            fields[key] = (
                value.isoformat()[:10]
                if hasattr(value, "isoformat")
                else (str(value).strip() if value is not None else "")
            )
        return {"region": region, "version": version, "fields": fields}
    finally:
        book.close()


def _label(zh: str, en: str) -> Any:
    from targetrule.text import Label

    return Label(zh, en)
