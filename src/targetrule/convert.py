"""The cattrs converter shared by every loader, and the bridge from its errors to findings."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError

converter = cattrs.Converter(forbid_extra_keys=True)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, Decimal | int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
    else:
        raise ValueError(f"expected a number, got {value!r}")
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return result


converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_unstructure_hook(Decimal, str)

_structure_names_generic = converter.get_structure_hook(dict[str, Any])


def _structure_names(value: Any, kind: Any) -> dict[str, Any]:
    """Raw values by name: a plain dict with text keys (nearly always) is copied in one step."""
    if type(value) is dict and set(map(type, value)) <= {str}:
        return dict(value)  # what cattrs' generic mapping hook gives for such a dict, at C speed
    return _structure_names_generic(value, kind)  # type: ignore[no-any-return]


converter.register_structure_hook_func(lambda kind: kind == dict[str, Any], _structure_names)


def error_messages(exc: Exception, root: str = "$") -> list[tuple[str, str]]:
    """Turn a cattrs validation error into (path, message) pairs like ``$.regions[3].id``."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        pairs = []
        for message in cattrs.transform_error(exc, path=root):
            description, _, path = message.rpartition(" @ ")
            pairs.append((path or root, description))
        return pairs
    return [(root, str(exc))]


# One set of yes/no words for every format (JSON flags and survey_only, CSV rows, xlsx cells), after
# trimming, lower-casing and NFKC (full-width letters and digits read as ASCII). Constants, not state.
FLAG_TRUE = frozenset({"true", "yes", "y", "1", "是", "有", "√"})
FLAG_FALSE = frozenset({"false", "no", "n", "0", "否", "无", "×"})
FLAG_WORDS = "true/false, yes/no, y/n, 1/0, 是/否, 有/无, √/×"


def read_flag(raw: Any) -> bool | None:
    """``raw`` as a yes/no: a real bool, the number 0 or 1, or one of the documented words; else None."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float | Decimal):
        try:
            if raw == 1:
                return True
            if raw == 0:
                return False
        except ArithmeticError:  # a signalling NaN
            return None
        return None
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().lower()
        if text in FLAG_TRUE:
            return True
        if text in FLAG_FALSE:
            return False
    return None


_BAD_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` cannot be a name or an id, in Chinese and English (a control character, a lone surrogate)."""
    found = _BAD_TEXT.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"单独的代理码 U+{code:04X}", f"a lone surrogate U+{code:04X}"
    return f"控制字符 U+{code:04X}", f"a control character U+{code:04X}"


def clean_text(text: str) -> str:
    """``text`` without control characters, lone surrogates shown as U+FFFD (safe to write to JSON and xlsx)."""
    return _BAD_TEXT.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", text)
