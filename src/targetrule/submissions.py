"""Submissions: each region's targets and reported figures for one period, read leniently.

Reading never stops at the first problem: a region that cannot be structured becomes a finding
with its JSON path, and every other region is kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import field, frozen

from targetrule.convert import converter, error_messages
from targetrule.findings import Finding, finding
from targetrule.text import Label


@frozen
class Region:
    """A unit evaluated: a city/prefecture or a county; survey-only regions are never ranked."""

    id: str
    name: Label
    kind: str = "city"
    parent: str | None = None
    survey_only: bool = False


@frozen
class Claim:
    """A bonus or deduction a region is given, ``count`` times, optionally at stated ``points``."""

    id: str
    count: int = 1
    points: Decimal | None = None
    note: str = ""


@frozen
class RegionData:
    """One region's submission: raw input values by indicator, claims and declared vetoes."""

    region: Region
    inputs: dict[str, Any] = field(factory=dict)
    bonuses: tuple[Claim, ...] = ()
    deductions: tuple[Claim, ...] = ()
    vetoes: tuple[str, ...] = ()
    sources: dict[str, str] = field(factory=dict)
    path: str = "$"
    verified: dict[str, Any] = field(factory=dict)  # figures the inspection team verified (targetrule.verification)


@frozen
class Submissions:
    """Every region's data for one evaluation, with what was wrong in reading it."""

    regions: tuple[RegionData, ...]
    scheme: str | None = None
    period: str | None = None
    findings: tuple[Finding, ...] = ()
    raw: Any = field(default=None, eq=False, repr=False)
    note: Label | None = None  # e.g. "illustrative figures", shown beside the results


_REGION_KEYS = {"id", "name", "kind", "parent", "survey_only"}


def read_submissions(data: Mapping[str, Any] | list[Any]) -> Submissions:
    """Structure a JSON-like document ``{"scheme": ..., "regions": [...]}`` (or a bare list of regions)."""
    document: Mapping[str, Any] = {"regions": data} if isinstance(data, list) else data
    problems: list[Finding] = []
    if not isinstance(document, Mapping):
        return Submissions(
            (),
            findings=(finding("submission.malformed", path="$", detail="应为 JSON 对象 / expected a JSON object"),),
            raw=data,
        )
    unknown = set(document) - {"schema", "scheme", "period", "note", "regions"}
    for key in sorted(unknown):
        problems.append(finding("submission.malformed", path=f"$.{key}", detail=f"未知字段 / unknown field {key!r}"))
    raw_regions = document.get("regions")
    regions: list[RegionData] = []
    if not isinstance(raw_regions, list) or not raw_regions:
        problems.append(finding("submission.empty", path="$.regions"))
    else:
        for index, raw in enumerate(raw_regions):
            region, found = _read_region(raw, f"$.regions[{index}]")
            problems.extend(found)
            if region is not None:
                regions.append(region)
    note = _note(document.get("note"), problems)
    return Submissions(
        tuple(regions),
        scheme=_text(document.get("scheme")),
        period=_text(document.get("period")),
        findings=tuple(problems),
        raw=document,
        note=note,
    )


def _note(raw: Any, problems: list[Finding]) -> Label | None:
    """A document's note: ``{"zh": …, "en": …}`` or one string for both languages."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return Label(raw, raw)
    if isinstance(raw, Mapping) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Label(raw["zh"], raw["en"])
    problems.append(
        finding("submission.malformed", path="$.note", value=raw, detail="应为 {zh, en} / expected {zh, en}")
    )
    return None


def load_submissions(path: str | Path) -> Submissions:
    """Read a JSON submissions file; an unreadable file becomes a finding, not a traceback."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Submissions((), findings=(finding("submission.malformed", path=str(path), detail=str(exc)),))
    return read_submissions(data)


def _read_region(raw: Any, path: str) -> tuple[RegionData | None, list[Finding]]:
    if not isinstance(raw, Mapping):
        return None, [
            finding(
                "submission.malformed",
                path=path,
                value=raw,
                detail="地区应为 JSON 对象 / a region must be a JSON object",
            )
        ]
    flat = {key: raw[key] for key in _REGION_KEYS if key in raw}
    if isinstance(flat.get("name"), str):  # a bare name is the Chinese name; English falls back to the id
        flat["name"] = {"zh": flat["name"], "en": str(raw.get("id", flat["name"]))}
    rest = {key: value for key, value in raw.items() if key not in _REGION_KEYS}
    problems: list[Finding] = []
    region = rest_data = None
    try:
        region = converter.structure(flat, Region)
    except Exception as exc:
        problems += [_malformed(where, text, raw) for where, text in error_messages(exc, path)]
    try:
        rest_data = converter.structure(rest, _RegionContent)
    except Exception as exc:
        problems += [_malformed(where, text, raw) for where, text in error_messages(exc, path)]
    if region is None or rest_data is None:
        return None, problems
    content = rest_data
    return RegionData(
        region,
        content.inputs,
        content.bonuses,
        content.deductions,
        content.vetoes,
        content.sources,
        path,
        content.verified,
    ), []


@frozen
class _RegionContent:
    inputs: dict[str, Any] = field(factory=dict)
    bonuses: tuple[Claim, ...] = ()
    deductions: tuple[Claim, ...] = ()
    vetoes: tuple[str, ...] = ()
    sources: dict[str, str] = field(factory=dict)
    verified: dict[str, Any] = field(factory=dict)


def _malformed(path: str, text: str, raw: Mapping[str, Any]) -> Finding:
    return finding("submission.malformed", path=path, detail=text, region=_text(raw.get("id")))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
