"""Decode text files from Excel and older Chinese systems: UTF-8 (with or without BOM), then GB18030 (GBK)."""

from __future__ import annotations

import codecs
from pathlib import Path

from attrs import frozen

from targetrule.formats.errors import DataFileError
from targetrule.text import Label


@frozen
class DecodedText:
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a bilingual error naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(str(path), Label("文件不存在", "file not found")) from None
    except IsADirectoryError:
        raise DataFileError(str(path), Label("这是一个文件夹，不是文件", "this is a folder, not a file")) from None
    except OSError as exc:
        raise DataFileError(
            str(path), Label(f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})")
        ) from None


def decode(data: bytes, path: Path) -> DecodedText:
    """Decode as UTF-8 (BOM optional); only bytes that are not valid UTF-8 are read as GB18030 (GBK's superset).

    A short GBK file can happen to be valid UTF-8 too (委 in GBK is the UTF-8 bytes of ί): it is read
    as UTF-8, since valid UTF-8 that holds no Chinese (``Café``) must stay what it says.
    """
    if data.startswith(_UTF16_BOMS):
        raise DataFileError(
            str(path),
            Label(
                "文件是 UTF-16（Excel 的“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "the file is UTF-16 (Excel's 'Unicode Text'); in Excel save it as 'CSV UTF-8 (Comma delimited)'",
            ),
        )
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")  # valid UTF-8 is UTF-8, whatever it spells
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return DecodedText(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    offset = utf8_error.start
    raise DataFileError(
        f"{path}（字节 / byte {offset}）",
        Label(
            "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
            "cannot tell the file's encoding (neither UTF-8 nor GBK/GB18030); "
            "in Excel save it as 'CSV UTF-8 (Comma delimited)'",
        ),
    )


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file, or raise a bilingual error naming it."""
    return decode(read_bytes(path), path)
