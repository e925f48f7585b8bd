"""The result formats: which files each writes, which libraries each needs, and rendering them to bytes."""

from __future__ import annotations

import importlib.util
import sys

from targetrule.decimal_context import exact
from targetrule.formats.report_title import TitleBlock
from targetrule.results import Evaluation
from targetrule.scheme import Scheme
from targetrule.text import Label, Lang

FORMATS = ("json", "csv", "xlsx", "html", "pdf", "docx")
DEFAULT_FORMATS = ("json", "csv", "xlsx", "html")  # pdf and docx on request: the PDF takes seconds to lay out
EXTRAS = {"xlsx": "xlsx", "html": "report", "pdf": "pdf", "docx": "docx"}
_LIBRARIES = {
    "xlsx": ("openpyxl",),
    "html": ("pygal", "jinja2"),
    "pdf": ("pygal", "jinja2", "weasyprint"),
    "docx": ("docx",),
}
FILES = {
    "json": "results.json",
    "csv": "ranking.csv",
    "xlsx": "results.xlsx",
    "html": "report.html",
    "pdf": "report.pdf",
    "docx": "report.docx",
}


def missing_libraries(fmt: str) -> list[str]:
    """The libraries an output format needs that are not installed (none for json and csv)."""

    def missing(name: str) -> bool:
        if name in sys.modules:  # imported already, or blocked (None)
            return sys.modules[name] is None
        return importlib.util.find_spec(name) is None

    return [name for name in _LIBRARIES.get(fmt, ()) if missing(name)]


@exact
def render_results(
    fmt: str,
    evaluation: Evaluation,
    scheme: Scheme,
    lang: Lang,
    *,
    note: Label | None = None,
    title: TitleBlock | None = None,
) -> dict[str, bytes]:
    """The files of one format, by file name, rendered in memory (nothing is written here).

    ``note`` is the data's own note (e.g. "illustrative figures"), shown at the top of the report;
    ``title`` the report's title block (issuing body, document number, date, 落款).
    """
    if fmt == "json":
        from targetrule.formats.results_json import render_json

        return {"results.json": render_json(evaluation)}
    if fmt == "csv":
        from targetrule.formats.results_csv import render_indicators_csv, render_ranking_csv

        return {"ranking.csv": render_ranking_csv(evaluation), "indicators.csv": render_indicators_csv(evaluation)}
    if fmt == "xlsx":
        from targetrule.formats.results_xlsx import render_xlsx

        return {"results.xlsx": render_xlsx(evaluation, lang, scheme, title)}
    if fmt in ("html", "pdf"):
        from targetrule.formats.report_html import render_html

        page = render_html(evaluation, lang, scheme, note=note, title=title)
        if fmt == "html":
            return {"report.html": page}
        from targetrule.formats.report_pdf import render_pdf

        return {"report.pdf": render_pdf(page)}
    if fmt == "docx":
        from targetrule.formats.report_docx import render_docx

        return {"report.docx": render_docx(evaluation, lang, scheme, title=title)}
    raise ValueError(f"unknown result format {fmt!r}")
