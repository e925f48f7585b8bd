"""Read a submissions JSON file (UTF-8 with or without BOM, or GB18030) with exact decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from targetrule.formats.encoding import read_text
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData
from targetrule.submissions import read_submissions
from targetrule.text import Label


def read_json_data(path: Path) -> LoadedData:
    """Read ``path`` as a submissions document; malformed JSON is an error naming line and column."""
    decoded = read_text(path)
    if not decoded.text.strip():
        raise DataFileError(str(path), Label("文件是空的", "the file is empty"))
    try:
        document = json.loads(decoded.text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{path}:{exc.lineno}:{exc.colno}",
            Label(f"JSON 格式错误：{exc.msg}", f"malformed JSON: {exc.msg}"),
        ) from None
    if not isinstance(document, dict | list):
        raise DataFileError(
            str(path), Label("JSON 顶层应为对象或地区列表", "the JSON top level must be an object or a list of regions")
        )
    return LoadedData(read_submissions(document), str(path), "json", None, decoded.encoding)
