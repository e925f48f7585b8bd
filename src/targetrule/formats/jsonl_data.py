"""Read a JSON Lines submissions file lazily: one region's JSON object per line, for the streaming path.

Each line is read as :func:`targetrule.json_file.read_json_file` reads a whole file (UTF-8, else
GB18030; exact decimals; a repeated key is a finding), so a region reads the same in either form.
Blank lines are skipped. A line that is not JSON is a finding naming the file and line, and the
region it held is left out; the other lines go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from targetrule.findings import Finding, finding
from targetrule.formats.errors import DataFileError
from targetrule.json_file import UnreadableFileError, decode_text, open_for_reading
from targetrule.submissions import JsonTextError, parse_json
from targetrule.text import Label


def iter_jsonl_regions(path: Path, problems: list[Finding]) -> Iterator[Any]:
    """Each line's JSON value, as it is read; what could not be read goes to ``problems``.

    The n-th value yielded is the region ``$.regions[n]`` of the findings (blank and unreadable
    lines are not counted), so each region's findings also name its line (``where``).
    """
    try:
        handle = open_for_reading(path)
    except UnreadableFileError as exc:
        raise DataFileError(exc.where, exc.message) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                text, _ = decode_text(line, where)
            except UnreadableFileError as exc:
                problems.append(_unreadable(exc.where, exc.message))
                continue
            if not text.strip():
                continue
            try:
                parsed = parse_json(text)
            except JsonTextError as exc:
                problems.append(_unreadable(f"{where}{exc.where}", exc.message))
                continue
            problems.extend(_at_line(f, where) for f in parsed.findings)
            yield parsed.document


def _unreadable(where: str, message: Label) -> Finding:
    return finding("submission.malformed", path=where, detail=f"{message.zh} / {message.en}")


def _at_line(item: Finding, where: str) -> Finding:
    """A repeated-key finding of one line, located at that line (its path inside the line kept)."""
    from attrs import evolve

    inside = (item.path or "$").removeprefix("$")
    return evolve(item, path=f"{where}{inside}")
