"""Data read from a file: the submissions, and where in the file each value came from.

A reader records the location (``就业!C7`` in a workbook, ``data.csv:7`` in a CSV) of every
region, indicator and input it reads; :func:`relocate` then rewrites the engine's findings so
each one points at the cell or row the user has to fix, not at a JSON path they never saw.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from attrs import field, frozen

from targetrule.findings import Finding, Severity
from targetrule.results import Evaluation
from targetrule.submissions import Submissions
from targetrule.text import Label


@frozen
class Locator:
    """Where each (region, indicator, input) was read from; coarser keys fall back to finer ones."""

    inputs: dict[tuple[str, str, str], str] = field(factory=dict)
    indicators: dict[tuple[str, str], str] = field(factory=dict)
    regions: dict[str, str] = field(factory=dict)
    paths: dict[str, str] = field(factory=dict)  # JSON paths of the built document (``$.regions[0].name.zh``)

    def where(self, item: Finding) -> str | None:
        """The file location for a finding, or None when the reader recorded none for it."""
        region, indicator, name = item.region, item.indicator, item.input
        if self.paths and item.path is not None and indicator is None:
            path = item.path
            while path not in self.paths and len(path) > 1:  # $.regions[0].bonuses[1].count → …bonuses[1]
                path = path[: max(path.rfind("."), path.rfind("["), 1)]
            if path in self.paths:
                return self.paths[path]
        if region is None:
            return None
        if indicator is not None and name is not None and (region, indicator, name) in self.inputs:
            return self.inputs[(region, indicator, name)]
        if indicator is not None and (region, indicator) in self.indicators:
            return self.indicators[(region, indicator)]
        return self.regions.get(region)


@frozen
class LoadedData:
    """Submissions read from a file, with their locations and the file's own findings."""

    submissions: Submissions
    source: str
    kind: str  # "json", "csv" or "xlsx"
    locator: Locator | None = None
    encoding: str | None = None

    def relocate(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """The findings with their paths replaced by cell/row locations where known."""
        return relocate(findings, self.locator)


def relocate(findings: Iterable[Finding], locator: Locator | None) -> tuple[Finding, ...]:
    """Rewrite each finding's ``path`` to the location the locator recorded for it."""
    if locator is None:
        return tuple(findings)
    out = []
    for item in findings:
        # Only the engine's JSON paths are rewritten; a reader's findings already name their cell.
        where = locator.where(item) if (item.path or "$").startswith("$") else None
        out.append(item if where is None else attrs.evolve(item, path=where))
    return tuple(out)


def relocate_evaluation(evaluation: Evaluation, data: LoadedData) -> Evaluation:
    """The evaluation with every finding (overall and per region) pointing into the user's file."""
    if data.locator is None:
        return evaluation
    regions = tuple(attrs.evolve(r, findings=data.relocate(r.findings)) for r in evaluation.regions)
    return attrs.evolve(evaluation, regions=regions, findings=data.relocate(evaluation.findings))


def with_findings(submissions: Submissions, extra: Iterable[Finding]) -> Submissions:
    """Submissions with the reader's own findings added before the engine's."""
    return attrs.evolve(submissions, findings=(*tuple(extra), *submissions.findings))


def file_finding(where: str, zh: str, en: str, *, region: str | None = None, value: str | None = None) -> Finding:
    """An error in a data file's layout (a cell, a row), found by a reader before the engine runs."""
    return Finding(
        code="submission.malformed",
        severity=Severity.ERROR,
        message=Label(zh, en),
        region=region,
        path=where,
        value=value,
    )
