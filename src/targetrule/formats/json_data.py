"""Read a submissions JSON file as the library reads one (:func:`targetrule.json_file.read_json_file`).

UTF-8 with or without BOM, or GB18030; exact decimals; a key repeated in one object is a finding
(the first value is kept), an integer of thousands of digits is a decimal (then an implausible
figure), and JSON nested deeper than a submission ever is, or not JSON at all, is a
:class:`DataFileError` naming the file (line and column where known).
"""

from __future__ import annotations

from pathlib import Path

from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData
from targetrule.json_file import UnreadableFileError, read_json_file
from targetrule.submissions import read_submissions, with_parse_findings
from targetrule.text import Label


def read_json_data(path: Path) -> LoadedData:
    """Read ``path`` as a submissions document; malformed JSON is an error naming line and column."""
    try:
        parsed, encoding = read_json_file(path)
    except UnreadableFileError as exc:
        raise DataFileError(exc.where, exc.message) from None
    document = parsed.document
    if not isinstance(document, dict | list):
        raise DataFileError(
            str(path), Label("JSON 顶层应为对象或地区列表", "the JSON top level must be an object or a list of regions")
        )
    submissions = with_parse_findings(read_submissions(document), parsed)
    return LoadedData(submissions, str(path), "json", None, encoding)
