"""Ship the example index scheme (every ``*.toml`` of this package's ``schemes`` folder)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from targetrule import SchemeSource, hookimpl


@hookimpl
def targetrule_schemes() -> Sequence[SchemeSource]:
    """The schemes, each named by its file stem."""
    folder = resources.files("targetrule_hdi_example") / "schemes"
    return [
        SchemeSource(
            entry.name.removesuffix(".toml"),
            entry.read_text(encoding="utf-8"),
            f"targetrule_hdi_example:schemes/{entry.name}",
        )
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
