"""The cattrs converter shared by every loader, and the bridge from its errors to findings."""

from __future__ import annotations

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
