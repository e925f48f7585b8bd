"""The canonical JSON behind every provenance hash: same content, same hash; different content, different hash."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from targetrule.fingerprint import canonical_json, sha256_of


def test_keys_are_sorted_compact_and_utf8() -> None:
    assert canonical_json({"b": 1, "a": [1.5, "长春"]}) == '{"a":[1.5,"长春"],"b":1}'.encode()


def test_the_hash_is_sha256_of_the_canonical_bytes() -> None:
    expected = hashlib.sha256(b'{"a":2,"b":[true,"x"]}').hexdigest()
    assert sha256_of({"b": [True, "x"], "a": 2}) == expected


def test_key_order_does_not_change_the_hash() -> None:
    assert sha256_of({"x": {"q": 1, "p": 2}, "y": 3}) == sha256_of({"y": 3, "x": {"p": 2, "q": 1}})


def test_nan_and_null_hash_differently() -> None:
    # orjson would write NaN as null; such documents go through the standard library, which spells NaN out.
    assert canonical_json({"a": float("nan")}) == b'{"a":NaN}'
    assert canonical_json({"a": None}) == b'{"a":null}'
    assert canonical_json({"a": float("inf")}) == b'{"a":Infinity}'
    assert sha256_of({"a": float("nan")}) != sha256_of({"a": None})


def test_integers_beyond_64_bits_are_kept_exactly() -> None:
    assert canonical_json({"a": 10**30}) == b'{"a":1000000000000000000000000000000}'
    assert sha256_of({"a": 10**30}) != sha256_of({"a": 10**30 + 1})


def test_other_types_are_written_as_text() -> None:
    assert canonical_json({"a": Decimal("1.10")}) == b'{"a":"1.10"}'


def test_mixed_key_types_do_not_raise() -> None:
    assert canonical_json({1: 2, "x": 3}) == b'{"1":2,"x":3}'
    assert canonical_json({1: None, "x": 3}) == b'{"1":null,"x":3}'


def test_lone_surrogates_do_not_raise() -> None:
    assert canonical_json({"a": "\ud800"}) == b'{"a":"\xed\xa0\x80"}'
