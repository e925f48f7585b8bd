"""Neutralise text bound for spreadsheets: a cell starting with =, +, -, @ gets a leading apostrophe."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """``value`` made inert in CSV/xlsx: text that a spreadsheet would run as a formula is prefixed with '."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
