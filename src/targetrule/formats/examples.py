"""The bundled example data of a scheme: ``targetrule/examples/<scheme>.json``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from targetrule.formats.errors import DataFileError
from targetrule.text import Label


def example_path(scheme_id: str) -> Path:
    """The bundled example data file for ``scheme_id``, or a bilingual error saying there is none."""
    folder = resources.files("targetrule") / "examples"
    candidate = folder / f"{scheme_id}.json"
    if not candidate.is_file():
        known = sorted(e.name.removesuffix(".json") for e in folder.iterdir() if e.name.endswith(".json"))
        listing = ", ".join(known) or "—"
        raise DataFileError(
            f"examples/{scheme_id}.json",
            Label(
                f"方案 {scheme_id} 没有自带示例数据（有示例的方案：{listing}）",
                f"scheme {scheme_id} ships no example data (schemes with examples: {listing})",
            ),
        )
    return Path(str(candidate))
