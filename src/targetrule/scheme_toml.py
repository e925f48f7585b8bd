"""A scheme written back as TOML: the full, resolved form of a scheme that ``extends`` another.

What is written reads back to the same :class:`~targetrule.scheme.SchemeSpec`: every field that
differs from its default, in the order the scheme's classes declare them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from targetrule.scheme import SchemeSpec


def _plain(value: Any) -> Any:
    """Attrs classes as tables of their non-default fields, tuples as arrays; None has no TOML form."""
    if attrs.has(type(value)):
        table = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if item is None or (item == default and field.default is not attrs.NOTHING):
                continue
            table[field.name] = _plain(item)
        return table
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)  # 100, not 100.0: a whole number reads back as the same Decimal
    return value


def scheme_toml(spec: SchemeSpec, header: str = "") -> str:
    """The scheme as a full TOML file (``header`` lines become comments at the top)."""
    import tomli_w  # only when a scheme is written, not when one is loaded

    table = _plain(spec)
    table = {"schema": spec.schema, **{k: v for k, v in table.items() if k != "schema"}}
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + tomli_w.dumps(table)
