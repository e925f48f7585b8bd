"""results.xlsx for people: one language, a title row, readable labels, a reasons column, A4 print setup."""

from __future__ import annotations

import io
from typing import Any

import pytest

from mini_scheme import mini_data
from targetrule import Engine, Scheme
from targetrule.formats.examples import example_path
from targetrule.formats.report_title import TitleBlock
from targetrule.formats.results_xlsx import HEADER_ROW, display_width, render_xlsx

openpyxl = pytest.importorskip("openpyxl")


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def example_book() -> Any:
    engine = Engine()
    scheme = engine.load_scheme("jilin-2007")
    evaluation = engine.evaluate(scheme, example_path("jilin-2007"))
    return book(render_xlsx(evaluation, "zh", scheme, TitleBlock(date="2008年3月1日")))


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))


def test_title_rows_and_one_language(example_book: Any) -> None:
    ranking = example_book["排名"]
    assert ranking["A1"].value == "吉林省2007年就业和社会保障工作目标责任制督查考评 — 综合排名"
    assert ranking["A2"].value == "方案：jilin-2007\u3000模式：严格\u3000日期：2008年3月1日"
    header, first = rows(ranking)[:2]
    assert header[:3] == ("名次", "地区", "综合得分")
    assert first[:3] == (1, "长春市", 101.48)
    every = [str(v) for sheet in example_book.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert not any(" / " in v and "Changchun" in v for v in every)  # no "长春市 / Changchun" cells
    items = rows(example_book["指标得分"])
    assert {row[3] for row in items[1:]} == {"已计分"}  # the status in words, not "scored"


def test_reasons_column_names_vetoes_and_gates(example_book: Any) -> None:
    table = {row[1]: row for row in rows(example_book["排名"])[1:]}
    assert table["辽源市"][8] == "基本养老金未按时足额发放"  # the veto's label, not pension_arrears
    assert "一票否决：基本养老金未按时足额发放" in table["辽源市"][9]
    assert "受一票否决限制" in table["辽源市"][9]  # which limit applied: the veto
    assert "受等次名额限制" in table["吉林市"][9]  # ... and here the quota of 优秀 (30% of 9 → 2)
    assert table["松原市"][9].split("\n")[0].startswith("不评奖：未过门槛：")  # each reason on a line of its own
    assert "仅督查调研，不参与排名" in table["长白山管委会"][9]


def test_widths_fit_the_longest_name_and_print_on_a4(example_book: Any) -> None:
    for sheet in example_book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper size table
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert sheet.page_setup.fitToWidth == 1
    ranking = example_book["排名"]
    # 延边朝鲜族自治州: 8 full-width characters, 2 widths each
    assert display_width("延边朝鲜族自治州") == 16
    assert ranking.column_dimensions["B"].width >= 16


def test_lenient_run_carries_the_warning(engine: Engine, mini: Scheme) -> None:
    data = mini_data()
    data["regions"][1]["inputs"]["employment.new_urban_jobs"]["actual"] = "many"
    evaluation = engine.evaluate(mini, data, mode="lenient")
    workbook = book(render_xlsx(evaluation, "en", mini))
    assert workbook.sheetnames == ["Ranking", "Areas", "Items", "Findings", "Provenance"]
    warning = workbook["Ranking"]["A3"].value
    assert warning.startswith("Lenient run: 1 items in 1 regions were not scored")
    assert "provisional" in warning
    assert any(row[3] == "not scored (data errors)" for row in rows(workbook["Items"]))
    findings = rows(workbook["Findings"])[1:]
    assert findings and findings[0][1] == "Yi"  # the region's name, not its id
