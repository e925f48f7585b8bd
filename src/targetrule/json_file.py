"""Reading a JSON input file: one contract for the library and the command line.

A file's bytes are decoded as UTF-8 (a BOM allowed), else as GB18030 (GBK's superset, what older
Chinese systems write); then read by :func:`targetrule.submissions.parse_json`: floats as exact
decimals, a key repeated in one object as a finding, nesting deeper than any submission refused.
Submissions (``load_submissions`` and the command line's JSON reader), verified figures and last
year's results are all read this way, so the same file reads the same wherever it is opened.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from targetrule.findings import TargetruleError
from targetrule.submissions import JsonTextError, ParsedJson, parse_json
from targetrule.text import Label

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class UnreadableFileError(TargetruleError):
    """An input file that cannot be read: ``where`` names it (with ``:line:column`` or the byte where known)."""

    def __init__(self, where: str, message: Label) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message.zh} / {message.en}")


def open_for_reading(path: Path) -> BinaryIO:
    """The file opened to read bytes, or a bilingual error naming it (missing, a folder, no permission)."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise UnreadableFileError(str(path), Label("文件不存在", "file not found")) from None
    except IsADirectoryError:
        folder = Label("这是一个文件夹，不是文件", "this is a folder, not a file")
        raise UnreadableFileError(str(path), folder) from None
    except OSError as exc:
        raise UnreadableFileError(
            str(path), Label(f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})")
        ) from None


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, or a bilingual error naming the file."""
    with open_for_reading(path) as handle:
        try:
            return handle.read()
        except OSError as exc:  # e.g. a folder on systems that open one, or a read error
            raise UnreadableFileError(
                str(path), Label(f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})")
            ) from None


def decode_text(data: bytes, where: str) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (BOM optional); only bytes that are not valid UTF-8 are read as GB18030.

    A short GBK file can happen to be valid UTF-8 too (委 in GBK is the UTF-8 bytes of ί): it is read
    as UTF-8, since valid UTF-8 that holds no Chinese (``Café``) must stay what it says.
    """
    if data.startswith(_UTF16_BOMS):
        raise UnreadableFileError(
            where,
            Label(
                "文件是 UTF-16（Excel 的“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "the file is UTF-16 (Excel's 'Unicode Text'); in Excel save it as 'CSV UTF-8 (Comma delimited)'",
            ),
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"  # valid UTF-8 is UTF-8, whatever it spells
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise UnreadableFileError(
        f"{where}（字节 / byte {utf8_error.start}）",
        Label(
            "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
            "cannot tell the file's encoding (neither UTF-8 nor GBK/GB18030); "
            "in Excel save it as 'CSV UTF-8 (Comma delimited)'",
        ),
    )


def read_json_file(path: str | Path, *, exact: bool = True) -> tuple[ParsedJson, str]:
    """The file's JSON document (with its repeated-key findings) and the encoding it was read in.

    ``exact=False`` reads fractions as ``float`` (plain JSON types, for a document a host serialises
    again); the engine reads either the same way (a float by its shortest ``repr``).
    Raises :class:`UnreadableFileError` for a file that is missing, empty, not text, or not JSON.
    """
    path = Path(path)
    text, encoding = decode_text(read_file_bytes(path), str(path))
    if not text.strip():
        raise UnreadableFileError(str(path), Label("文件是空的", "the file is empty"))
    try:
        return parse_json(text, exact=exact), encoding
    except JsonTextError as exc:
        raise UnreadableFileError(f"{path}{exc.where}", exc.message) from None
