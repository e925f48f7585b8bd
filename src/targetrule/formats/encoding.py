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
    """Decode as UTF-8 (BOM optional); failing that as GB18030, the superset of GBK that older Excel writes."""
    if data.startswith(_UTF16_BOMS):
        raise DataFileError(
            str(path),
            Label(
                "文件是 UTF-16（Excel 的“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "the file is UTF-16 (Excel's 'Unicode Text'); in Excel save it as 'CSV UTF-8 (Comma delimited)'",
            ),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if data.startswith(codecs.BOM_UTF8) or _chinese_or_ascii(text) or not _gb18030_is_chinese(data):
            return DecodedText(text, "utf-8")
        # Short GBK text can happen to be valid UTF-8 (委 in GBK is the bytes of ί in UTF-8): when the
        # UTF-8 reading is not Chinese and the GB18030 reading is, the file is GBK.
        return DecodedText(data.decode("gb18030"), "gb18030")
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


def _is_chinese(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2010 <= code <= 0x206F  # general punctuation (“”、…)
    )


def _chinese_or_ascii(text: str) -> bool:
    """True when every character is ASCII or Chinese (ideographs, CJK and full-width punctuation)."""
    return all(ch.isascii() or _is_chinese(ch) for ch in text)


def _gb18030_is_chinese(data: bytes) -> bool:
    try:
        return _chinese_or_ascii(data.decode("gb18030"))
    except UnicodeDecodeError:
        return False


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file, or raise a bilingual error naming it."""
    return decode(read_bytes(path), path)
