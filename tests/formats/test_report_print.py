"""The report on paper: A4 pages from WeasyPrint (``--format pdf``) and Chromium's print, and the Word draft."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule import Engine, Evaluation, Scheme

pytest.importorskip("pygal")
pytest.importorskip("jinja2")

from targetrule.formats.examples import example_path
from targetrule.formats.report_html import render_html
from targetrule.formats.report_title import TitleBlock

A4_POINTS = (595.28, 841.89)  # 210 mm × 297 mm at 72 points to the inch
TITLE = TitleBlock("吉林省人力资源和社会保障厅", "吉人社明电〔2008〕1号", None, "2008年3月1日", None)


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"no {tool}: install Debian's poppler-utils to check the report's pages")
    return found


def weasyprint_pdf(html: bytes) -> bytes:
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint unusable ({exc}): pip install 'targetrule[pdf]' and Debian's libpango-1.0-0")
    from targetrule.formats.report_pdf import render_pdf

    return render_pdf(html)


@pytest.fixture(scope="module")
def example() -> tuple[Scheme, Evaluation]:
    engine = Engine()
    scheme = engine.load_scheme("jilin-2007")
    return scheme, engine.evaluate(scheme, example_path("jilin-2007"))


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory, example: tuple[Scheme, Evaluation]) -> Path:
    scheme, evaluation = example
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(weasyprint_pdf(render_html(evaluation, "zh", scheme, title=TITLE)))
    return path


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's size in points, from pdfinfo."""
    done = subprocess.run(
        [poppler("pdfinfo"), "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    )
    sizes = []
    for line in done.stdout.splitlines():
        if line.startswith("Page") and "size:" in line:
            width, _, height = line.split("size:")[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


def page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        [poppler("pdftotext"), "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def rendered_pages(pdf: Path, folder: Path) -> list[Path]:
    """The pages as PNG files, as a reader would see them (small: 20 dots per inch)."""
    subprocess.run([poppler("pdftoppm"), "-r", "20", "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def assert_a4_report(pdf: Path, evaluation: Evaluation, folder: Path) -> list[str]:
    """A4 pages, at most 1 + regions + 2 of them, each region's name on the page that starts with it."""
    sizes = page_sizes(pdf)
    regions = len(evaluation.regions)  # 10: nine cities and the survey-only 长白山管委会
    assert 0 < len(sizes) <= 1 + regions + 2
    for width, height in sizes:
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
    pictures = rendered_pages(pdf, folder)
    assert len(pictures) == len(sizes)
    for picture in pictures:
        assert picture.read_bytes().startswith(b"\x89PNG")
        # IHDR: width and height as big-endian ints at bytes 16..24; A4 is 1 : 1.414
        width = int.from_bytes(picture.read_bytes()[16:20], "big")
        height = int.from_bytes(picture.read_bytes()[20:24], "big")
        assert abs(height / width - 297 / 210) < 0.02
    texts = [page_text(pdf, n) for n in range(1, len(sizes) + 1)]
    whole = "".join(texts)
    for result in evaluation.regions:
        assert result.region.name.zh in whole, result.region.name.zh
    return texts


def test_pdf_pages_are_a4_with_a_page_per_region(
    tmp_path: Path, pdf_file: Path, example: tuple[Scheme, Evaluation]
) -> None:
    _, evaluation = example
    texts = assert_a4_report(pdf_file, evaluation, tmp_path)
    assert "吉林省人力资源和社会保障厅" in texts[0] and "吉人社明电〔2008〕1号" in texts[0]
    assert "一、综合排名" in texts[0] and "二、评奖结果" in texts[0] and "2008年3月1日" in texts[0]
    # Every region starts a page of its own: its name is in the page's first lines.
    starts = [next(line.strip() for line in text.splitlines() if line.strip()) for text in texts]
    for result in evaluation.regions:
        assert any(result.region.name.zh in first for first in starts), result.region.name.zh
    assert "附件4" in "".join(texts[-2:])  # the method appendix closes the report


def test_chromium_prints_the_same_page_count(tmp_path: Path, example: tuple[Scheme, Evaluation]) -> None:
    from tests.formats.test_report_html import run_browser

    scheme, evaluation = example
    report = tmp_path / "report.html"
    report.write_bytes(render_html(evaluation, "zh", scheme))
    pdf = tmp_path / "chromium.pdf"
    run_browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    texts = assert_a4_report(pdf, evaluation, tmp_path)
    assert "（发文机关）" in texts[0]  # unset parts of the title block show placeholders


def test_pdf_is_reproducible(pdf_file: Path, example: tuple[Scheme, Evaluation]) -> None:
    scheme, evaluation = example
    assert weasyprint_pdf(render_html(evaluation, "zh", scheme, title=TITLE)) == pdf_file.read_bytes()


def docx_text(data: bytes) -> tuple[str, list[list[list[str]]], object]:
    docx = pytest.importorskip("docx", reason="pip install 'targetrule[docx]'")
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return text, tables, document


def test_docx_draft_reopens_with_its_tables(example: tuple[Scheme, Evaluation]) -> None:
    pytest.importorskip("docx", reason="pip install 'targetrule[docx]'")
    from targetrule.formats.report_docx import render_docx

    scheme, evaluation = example
    data = render_docx(evaluation, "zh", scheme, title=TITLE)
    assert data == render_docx(evaluation, "zh", scheme, title=TITLE)  # same inputs, same bytes
    text, tables, document = docx_text(data)
    section = document.sections[0]  # type: ignore[attr-defined]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    ranking = tables[0]
    assert ranking[0] == ["名次", "地区", "综合得分", "等次", "奖项", "说明"]
    assert len(ranking) == 1 + len(evaluation.regions)
    assert ranking[1][:5] == ["1", "长春市", "101.48", "优秀", "一等奖"]
    for result in evaluation.regions:
        # one paragraph per region, written from its results
        assert f"{result.region.name.zh}综合得分" in text, result.region.name.zh
    assert text.splitlines()[0] == "吉林省人力资源和社会保障厅"
    assert "一等奖：长春市" in text and "一票否决：辽源市" in text
    assert "四、考评方法" in text and "分值相加" in text
    assert text.rstrip().endswith("2008年3月1日")
    try:
        import cairosvg  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):
        assert "（综合得分图见 report.pdf 或 report.html）" in text
    else:
        pictures = document.inline_shapes  # type: ignore[attr-defined]
        assert len(pictures) == 1 and round(pictures[0].width.cm, 1) == 15.6  # the ranking chart
        assert "图例（由深到浅）：■获奖　■达标　■不达标　■一票否决　■仅督查调研（不排名）" in text


def test_docx_placeholders_and_english(example: tuple[Scheme, Evaluation]) -> None:
    pytest.importorskip("docx", reason="pip install 'targetrule[docx]'")
    from targetrule.formats.report_docx import render_docx

    scheme, evaluation = example
    text, _, _ = docx_text(render_docx(evaluation, "zh", scheme))
    assert "（发文机关）" in text and "××××年××月××日" in text
    english, tables, _ = docx_text(render_docx(evaluation, "en", scheme))
    assert "Changchun scored 101.48" in english and tables[0][1][1] == "Changchun"


def test_cli_writes_pdf_and_docx(tmp_path: Path) -> None:
    pytest.importorskip("docx", reason="pip install 'targetrule[docx]'")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint unusable: {exc}")
    from targetrule.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["evaluate", "jilin-2007", "--example", "--format", "pdf,docx", "-o", str(out), "--issuer", "某厅"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.docx", "report.pdf"]
    assert out.joinpath("report.pdf").read_bytes().startswith(b"%PDF-")
    text, _, _ = docx_text(out.joinpath("report.docx").read_bytes())
    assert text.startswith("某厅")
