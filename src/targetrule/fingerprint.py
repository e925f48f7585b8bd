"""The sha256 of a document's canonical JSON, for provenance: same content, same hash.

Canonical JSON here is compact UTF-8 with every object's keys sorted, written by orjson (about
six times faster than the standard library, which matters: the input is hashed on every run).
orjson writes NaN and infinity as ``null`` and refuses integers beyond 64 bits and some key
types; so that such a document never shares a hash with a different one, any document that
orjson refuses or whose output holds a ``null`` is written by the standard library's encoder
instead (``NaN``/``Infinity`` spelt out). Either way one document always takes the same path.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_json(document: Any) -> bytes:
    """``document`` as canonical JSON bytes (sorted keys, no spaces, UTF-8; other types as ``str``)."""
    try:
        encoded = orjson.dumps(document, default=str, option=_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        encoded = b"null"
    if b"null" not in encoded:
        return encoded
    text = json.dumps(_string_keys(document), sort_keys=True, default=str, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")


def _string_keys(document: Any) -> Any:
    """Keys as text, as JSON writes them, so that mixed key types still sort."""
    if isinstance(document, dict):
        return {str(k): _string_keys(v) for k, v in document.items()}
    if isinstance(document, list | tuple):
        return [_string_keys(v) for v in document]
    return document


def sha256_of(document: Any) -> str:
    """The hex sha256 of ``document``'s :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(document)).hexdigest()
