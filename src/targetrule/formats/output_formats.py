"""The result formats: which files each writes, which libraries each needs, and rendering them to bytes."""

from __future__ import annotations

import importlib.util
import sys

from targetrule.decimal_context import exact
from targetrule.results import Evaluation
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang

FORMATS = ("json", "csv", "xlsx", "html")
EXTRAS = {"xlsx": "xlsx", "html": "report"}
_LIBRARIES = {"xlsx": ("openpyxl",), "html": ("pygal", "jinja2")}


def missing_libraries(fmt: str) -> list[str]:
    """The libraries an output format needs that are not installed (none for json and csv)."""

    def missing(name: str) -> bool:
        if name in sys.modules:  # imported already, or blocked (None)
            return sys.modules[name] is None
        return importlib.util.find_spec(name) is None

    return [name for name in _LIBRARIES.get(fmt, ()) if missing(name)]


@exact
def render_results(
    fmt: str, evaluation: Evaluation, scheme: Scheme, lang: Lang, *, note: Label | None = None
) -> dict[str, bytes]:
    """The files of one format, by file name, rendered in memory (nothing is written here).

    ``note`` is the data's own note (e.g. "illustrative figures"), shown at the top of the report.
    """
    if fmt == "json":
        from targetrule.formats.results_json import render_json

        return {"results.json": render_json(evaluation)}
    if fmt == "csv":
        from targetrule.formats.results_csv import render_indicators_csv, render_ranking_csv

        return {"ranking.csv": render_ranking_csv(evaluation), "indicators.csv": render_indicators_csv(evaluation)}
    if fmt == "xlsx":
        from targetrule.formats.results_xlsx import render_xlsx

        return {"results.xlsx": render_xlsx(evaluation)}
    if fmt == "html":
        from targetrule.formats.report_html import render_html

        return {"report.html": render_html(evaluation, lang, scheme, note=note)}
    raise ValueError(f"unknown result format {fmt!r}")
