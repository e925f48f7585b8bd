"""An editable Word draft of the 通报 (python-docx, the ``docx`` extra): title block, ranking, regions, method."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from targetrule.formats import report_model as model
from targetrule.formats.errors import MissingExtraError
from targetrule.formats.order import report_order
from targetrule.formats.report_charts import legend, ranking_chart
from targetrule.formats.report_html import method_lines
from targetrule.formats.report_title import TitleBlock
from targetrule.formats.template_xlsx import FIXED_TIME
from targetrule.formats.text_lang import say
from targetrule.results import Evaluation, RegionResult
from targetrule.rounding import fmt
from targetrule.scheme import Scheme
from targetrule.text import Lang

BODY_FONT = "仿宋_GB2312"  # the usual faces of a government document; Word substitutes where missing
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
RED = "C00000"


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtraError("docx", "python-docx") from None
    return docx


def _font(run: Any, face: str, size: float, *, bold: bool = False, colour: str | None = None) -> None:
    """Set a run's Latin and East Asian face (Word keeps them apart), size in points, weight and colour."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = face
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)


def _paragraph(
    doc: Any,
    text: str,
    *,
    face: str = BODY_FONT,
    size: float = 14,
    bold: bool = False,
    align: str | None = None,
    colour: str | None = None,
    indent: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    if align:
        paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)  # two characters, as 公文 paragraphs are
    _font(paragraph.add_run(text), face, size, bold=bold, colour=colour)
    return paragraph


def _red_rule(paragraph: Any) -> None:
    """The red line under the issuing body (a bottom border on its paragraph)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", RED)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(doc: Any, headers: list[str], rows: list[list[str]], widths_cm: list[float]) -> Any:
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 10.5, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 10.5)
    table.autofit = False  # Word and LibreOffice keep the widths below instead of sizing to the text
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def _ranking_picture(
    doc: Any, regions: Sequence[RegionResult], lang: Lang, scheme: Scheme | None, average: Decimal | None
) -> None:
    """The report's ranking chart as a picture (pygal's SVG drawn by CairoSVG), or a line saying where it is."""
    from docx.shared import Cm

    try:
        import cairosvg  # type: ignore[import-untyped]
        import pygal  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):  # OSError: the Cairo library it loads is missing
        _paragraph(
            doc,
            say(
                lang,
                "（综合得分图见 report.pdf 或 report.html）",
                "(The ranking chart is in report.pdf and report.html.)",
            ),
            size=10.5,
        )
        return
    top, bottom = model.edges(regions, model.SCREENFUL, model.EDGE)
    svg = ranking_chart(top, bottom, lang, scheme, average)
    picture = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=1520)
    doc.add_picture(io.BytesIO(picture), width=Cm(15.6))
    legend_text = "　".join(f"{'■'}{text}" for _, text in legend([*top, *bottom], scheme, lang))
    _paragraph(doc, say(lang, "图例（由深到浅）：", "Colours, darkest first: ") + legend_text, size=10.5)


def render_docx(
    evaluation: Evaluation, lang: Lang = "zh", scheme: Scheme | None = None, *, title: TitleBlock | None = None
) -> bytes:
    """The 通报 draft as .docx bytes, on A4; the same evaluation gives the same bytes."""
    docx = _docx()
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)  # GB/T 9704 type area
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    regions = report_order(evaluation)
    shown = (title or TitleBlock()).merged(scheme).shown(lang, evaluation.scheme_title(lang))
    averages = model.averages(regions)

    _paragraph(doc, shown["issuer"], face=TITLE_FONT, size=26, bold=True, align="CENTER", colour=RED)
    _red_rule(_paragraph(doc, shown["number"], size=14, align="CENTER"))
    _paragraph(doc, shown["title"], face=TITLE_FONT, size=20, bold=True, align="CENTER")
    warning = model.lenient_warning(evaluation, lang)
    if warning:
        _paragraph(doc, warning, size=14, bold=True, colour=RED)
    if not evaluation.ranked and evaluation.not_ranked_because is not None:
        _paragraph(doc, evaluation.not_ranked_because(lang), size=14, bold=True)

    _paragraph(doc, say(lang, "一、综合排名", "1. Ranking"), face=HEADING_FONT, size=16)
    rows = [
        [
            str(r.rank) if r.rank is not None else "—",
            r.region.name(lang),
            fmt(r.composite),
            r.grade_label(lang) if r.grade_label else "—",
            r.award_label(lang) if r.award_label else "",
            "\n".join(model.reasons(r, lang, scheme)),
        ]
        for r in regions
    ]
    headers = [
        say(lang, *h)
        for h in (
            ("名次", "Rank"),
            ("地区", "Region"),
            ("综合得分", "Composite"),
            ("等次", "Grade"),
            ("奖项", "Award"),
            ("说明", "Reasons"),
        )
    ]
    _table(doc, headers, rows, [1.3, 3.3, 2.0, 1.5, 1.7, 5.8])
    _ranking_picture(doc, regions, lang, scheme, averages.composite)
    if averages.composite is not None:
        _paragraph(
            doc,
            say(
                lang,
                f"全省平均综合得分 {averages.composite} 分（不含仅督查调研地区）。",
                f"Provincial average composite: {averages.composite} (survey-only regions left out).",
            ),
        )

    _paragraph(doc, say(lang, "二、评奖结果", "2. Awards"), face=HEADING_FONT, size=16)
    given = model.awards(evaluation, lang)
    for label, names in given:
        _paragraph(
            doc,
            f"{label}：{model.joined(names, lang)}" if lang == "zh" else f"{label}: {model.joined(names, lang)}",
            indent=True,
        )
    if not given:
        _paragraph(doc, say(lang, "本次不评奖。", "No awards are given."), indent=True)
    vetoed = [r.region.name(lang) for r in regions if r.vetoes]
    if vetoed:
        _paragraph(doc, say(lang, "一票否决：", "Vetoed: ") + model.joined(vetoed, lang), indent=True)

    _paragraph(doc, say(lang, "三、各地区情况", "3. Each region"), face=HEADING_FONT, size=16)
    detailed, omitted = model.detail_regions(evaluation)
    for result in detailed:
        _paragraph(doc, model.region_summary(result, averages, lang, scheme), indent=True)
    if omitted:
        _paragraph(
            doc,
            say(lang, f"另有 {omitted} 个地区的情况见 results.xlsx。", f"{omitted} more regions: see results.xlsx."),
            indent=True,
        )

    _paragraph(doc, say(lang, "四、考评方法", "4. Method"), face=HEADING_FONT, size=16)
    for text in method_lines(scheme, lang).values():
        if text:
            _paragraph(doc, text, indent=True)
    provenance = evaluation.provenance
    _paragraph(
        doc,
        say(
            lang,
            f"计算程序 targetrule {provenance.library_version}；方案文件 SHA-256 {provenance.scheme_sha256}；"
            f"输入数据 SHA-256 {provenance.input_sha256}。",
            f"Computed by targetrule {provenance.library_version}; scheme SHA-256 {provenance.scheme_sha256}; "
            f"input SHA-256 {provenance.input_sha256}.",
        ),
        size=10.5,
        indent=True,
    )

    _paragraph(doc, "", size=14)
    _paragraph(doc, shown["signature"], align="RIGHT")
    _paragraph(doc, shown["date"], align="RIGHT")
    return _document_bytes(doc)


def _document_bytes(doc: Any) -> bytes:
    """Save reproducibly: fixed document times and zip entry times (as the workbooks are)."""
    import datetime
    import zipfile

    fixed = datetime.datetime(*FIXED_TIME)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.core_properties.last_modified_by = "targetrule"
    doc.core_properties.author = "targetrule"
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as saved, zipfile.ZipFile(out, "w") as clean:
        for info in saved.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            clean.writestr(entry, saved.read(info))
    return out.getvalue()
