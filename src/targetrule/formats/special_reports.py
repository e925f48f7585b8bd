"""The cities' special reports (专题报告): the file each return names, hashed into the results' provenance.

A return names its report's file (``special_report``) relative to the data file's folder. The
file is read only there: a name that leads outside that folder, or a file that is missing, is a
warning naming the region, and the report is recorded without a hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from attrs import evolve

from targetrule.findings import Finding, finding
from targetrule.results import Evaluation, SpecialReport


def with_special_reports(evaluation: Evaluation, data: Path) -> Evaluation:
    """``evaluation`` with each named special report hashed, and a warning for each that could not be read."""
    reports = evaluation.provenance.special_reports
    if not reports:
        return evaluation
    folder = data.resolve().parent
    hashed: list[SpecialReport] = []
    problems: list[Finding] = []
    for report in reports:
        path = (folder / report.file).resolve()
        if folder not in path.parents or not path.is_file():
            problems.append(
                finding("special_report.unreadable", region=report.region, path=report.file, value=report.file)
            )
            hashed.append(report)
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        hashed.append(evolve(report, sha256=digest.hexdigest()))
    provenance = evolve(evaluation.provenance, special_reports=tuple(hashed))
    return evolve(evaluation, provenance=provenance, findings=(*evaluation.findings, *problems))
