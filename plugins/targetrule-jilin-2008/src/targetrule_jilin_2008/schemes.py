"""Ship the ``jilin-2008`` scheme (every ``*.toml`` of this package's ``schemes`` folder)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from targetrule import SchemeSource, hookimpl

_PACKAGE = "targetrule_jilin_2008"


@hookimpl
def targetrule_schemes() -> Sequence[SchemeSource]:
    """The 2008 scheme, named by its file stem."""
    folder = resources.files(_PACKAGE) / "schemes"
    return [
        SchemeSource(
            entry.name.removesuffix(".toml"), entry.read_text(encoding="utf-8"), f"{_PACKAGE}:schemes/{entry.name}"
        )
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
