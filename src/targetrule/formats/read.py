"""Read a data file by its extension: ``.json``, ``.csv`` (long layout) or ``.xlsx`` (a filled template)."""

from __future__ import annotations

from pathlib import Path

from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import LoadedData
from targetrule.scheme import Scheme
from targetrule.text import Label


def read_data(path: Path, scheme: Scheme) -> LoadedData:
    """The submissions in ``path``, with the location of every value for findings."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise DataFileError(str(path), Label("文件不存在", "file not found"))
    if suffix == ".json":
        from targetrule.formats.json_data import read_json_data

        return read_json_data(path)
    if suffix in (".csv", ".txt"):
        from targetrule.formats.csv_data import read_csv_data

        return read_csv_data(path)
    if suffix in (".xlsx", ".xlsm"):
        from targetrule.formats.template_read import read_template

        return read_template(path, scheme)
    if suffix == ".xls":
        raise DataFileError(
            str(path),
            Label(
                "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx",
                "old .xls files are not read; save it as .xlsx in Excel",
            ),
        )
    raise DataFileError(
        str(path),
        Label(
            f"无法识别的文件类型 {suffix or '（无扩展名）'}：应为 .json、.csv 或 .xlsx",
            f"unknown file type {suffix or '(no extension)'}: expected .json, .csv or .xlsx",
        ),
    )
