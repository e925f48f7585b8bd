"""Read the province's targets file: JSON, CSV or a filled xlsx template, laid out like a data file.

The file holds target inputs only (``Role.TARGET``): a JSON submissions document whose regions
give only targets, a CSV in the long layout ``region,indicator,input,value``, or a template
workbook (``targetrule template``) whose sheet 目标 the office filled in. The same readers as for
data files read it, with the same strictness; each value remembers its cell or row, and every
finding about the file names it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs

from targetrule.formats.read import read_data
from targetrule.scheme import Scheme
from targetrule.targets import Targets, targets_from_submissions


def read_targets(path: Path, scheme: Scheme) -> Targets:
    """The targets in ``path`` for ``scheme``; an unreadable file raises :class:`DataFileError` naming it."""
    loaded = read_data(path, scheme)
    cells = loaded.locator.inputs if loaded.locator is not None else {}
    where = {key: _in_file(path, ref) for key, ref in cells.items()}
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    targets = targets_from_submissions(scheme, loaded.submissions, where, str(path), sha)
    found = tuple(attrs.evolve(f, path=_in_file(path, f.path or "$")) for f in loaded.relocate(targets.findings))
    return attrs.evolve(targets, findings=found)


def _in_file(path: Path, ref: str) -> str:
    """``ref`` (a cell, a JSON path) prefixed with the file's name unless it names the file (a CSV row does)."""
    return ref if ref.startswith((str(path), path.name)) else f"{path} {ref}"
