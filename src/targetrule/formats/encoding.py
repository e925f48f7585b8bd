"""Decode text files from Excel and older Chinese systems: UTF-8 (with or without BOM), then GB18030 (GBK)."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from targetrule.formats.errors import DataFileError
from targetrule.json_file import UnreadableFileError, decode_text, read_file_bytes


@frozen
class DecodedText:
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a bilingual error naming the file."""
    try:
        return read_file_bytes(path)
    except UnreadableFileError as exc:
        raise DataFileError(exc.where, exc.message) from None


def decode(data: bytes, path: Path) -> DecodedText:
    """Decode as the library does (:func:`targetrule.json_file.decode_text`), or a bilingual error naming the file."""
    try:
        return DecodedText(*decode_text(data, str(path)))
    except UnreadableFileError as exc:
        raise DataFileError(exc.where, exc.message) from None


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file, or raise a bilingual error naming it."""
    return decode(read_bytes(path), path)
