"""The xlsx data-entry template: its layout, a filled-in round trip, and every kind of broken workbook."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mini_scheme import JOBS, mini_data
from targetrule import Engine, Scheme
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import relocate_evaluation
from targetrule.formats.read import read_data
from targetrule.formats.template_xlsx import build_template
from targetrule.submissions import read_submissions

openpyxl = pytest.importorskip("openpyxl")

AREA_SHEET = "就业和再就业"  # the mini scheme's only area, by its Chinese label


def regions() -> list[Any]:
    return [r.region for r in read_submissions(mini_data()).regions]


def columns(ws: Any) -> dict[str, str]:
    """Column letters by the machine key in row 5."""
    return {c.value: c.column_letter for c in ws[5] if c.value}


def filled(mini: Scheme, data: dict[str, Any]) -> Any:
    """A template of ``mini`` filled in with ``data``, as a person would type it."""
    book = openpyxl.load_workbook(io.BytesIO(build_template(mini, regions())))
    for title in (AREA_SHEET, "目标"):
        ws = book[title]
        keys = columns(ws)
        for row in range(6, ws.max_row + 1):
            region_id = ws[f"A{row}"].value
            region = next(r for r in data["regions"] if r["id"] == region_id)
            for indicator, values in region["inputs"].items():
                for name, value in values.items():
                    if f"{indicator}.{name}" in keys:
                        ws[f"{keys[f'{indicator}.{name}']}{row}"] = value
    return book


def save(book: Any, tmp_path: Path, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    book.save(path)
    return path


def test_template_layout(mini: Scheme) -> None:
    book = openpyxl.load_workbook(io.BytesIO(build_template(mini, regions())))
    assert book.sheetnames == ["说明", "地区", AREA_SHEET, "目标", "_targetrule"]
    marker = book["_targetrule"]
    assert marker.sheet_state == "veryHidden"
    assert (marker["A1"].value, marker["B1"].value) == ("targetrule.template/1", "mini")
    area = book[AREA_SHEET]
    # actuals on the area sheet, the target on its own sheet
    assert list(columns(area)) == ["region", "region_name", f"{JOBS}.actual", f"{JOBS}.public_welfare_posts"]
    assert list(columns(book["目标"])) == ["region", "region_name", f"{JOBS}.target"]
    # bilingual headers with the unit and bounds
    assert area["C1"].value == "城镇新增就业人数\nNew urban jobs"
    assert area["C3"].value == "new urban jobs"
    assert "人" in area["C4"].value and "≥ 0" in area["C4"].value
    # one row per region, ids in column A
    assert [area[f"A{r}"].value for r in (6, 7, 8)] == ["jia", "yi", "changbai"]
    # headers are protected, data cells are not
    assert area.protection.sheet is True
    assert area["C1"].protection.locked is True
    assert area["C6"].protection.locked is False
    assert area["A6"].protection.locked is True
    # a count: whole numbers from 0, on every region's row
    rules = {str(dv.sqref): dv for dv in area.data_validations.dataValidation}
    assert rules["C6:C8"].type == "whole"
    assert (rules["C6:C8"].operator, rules["C6:C8"].formula1) == ("greaterThanOrEqual", "0")
    assert book["地区"]["F8"].value == "是"  # the survey-only region


def test_filled_template_scores_like_the_api(tmp_path: Path, engine: Engine, mini: Scheme) -> None:
    path = save(filled(mini, mini_data()), tmp_path)
    data = read_data(path, mini)
    from_book = engine.evaluate(mini, data.submissions)
    from_api = engine.evaluate(mini, mini_data())
    assert from_book.findings == ()
    assert [(r.region.id, r.composite, r.rank, r.grade) for r in from_book.regions] == [
        (r.region.id, r.composite, r.rank, r.grade) for r in from_api.regions
    ]
    # 95000 / 100000 × 10 = 9.50 ; 80000 / 100000 × 10 = 8.00 ; 9000 / 10000 × 10 = 9.00 (survey only, unranked)
    assert [(r.region.id, r.composite, r.rank) for r in from_book.regions] == [
        ("jia", Decimal("9.50"), 1),
        ("yi", Decimal("8.00"), 2),
        ("changbai", Decimal("9.00"), None),
    ]
    assert from_book.region("changbai").survey_only


def test_bad_cells_are_reported_at_their_cell(tmp_path: Path, engine: Engine, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book[AREA_SHEET]["C7"] = "八万"  # text in a number cell (yi's actual)
    book[AREA_SHEET]["D6"] = None  # jia's sub-item left blank
    book[AREA_SHEET]["D8"] = 10001  # changbai: the sub-item exceeds its total of 9000
    book["目标"]["C6"] = -5  # a negative target
    data = read_data(save(book, tmp_path), mini)
    evaluation = relocate_evaluation(engine.evaluate(mini, data.submissions), data)
    found = {(f.code, f.path) for f in evaluation.findings}
    assert found == {
        ("input.not_a_number", f"{AREA_SHEET}!C7"),
        ("input.missing", f"{AREA_SHEET}!D6"),
        ("rule.part_exceeds_whole", f"{AREA_SHEET}!D8"),
        ("input.below_minimum", "目标!C6"),
    }
    assert not evaluation.ranked


def test_region_not_in_the_region_sheet(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book["目标"]["A7"] = "bing"
    data = read_data(save(book, tmp_path), mini)
    (problem,) = data.submissions.findings
    assert problem.path == "目标!A7"
    assert "bing" in problem.message.zh


def test_not_a_template(tmp_path: Path, mini: Scheme) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "随便一张表"
    with pytest.raises(DataFileError) as caught:
        read_data(save(book, tmp_path), mini)
    assert "not a targetrule template" in caught.value.message.en
    assert "targetrule template mini" in caught.value.message.zh


def test_template_of_another_scheme(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book["_targetrule"]["B1"] = "jilin-2006"
    with pytest.raises(DataFileError) as caught:
        read_data(save(book, tmp_path), mini)
    assert "jilin-2006" in caught.value.message.en
    assert caught.value.where.endswith("_targetrule!B1")


def test_renamed_sheet(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book["目标"].title = "目标任务"
    with pytest.raises(DataFileError) as caught:
        read_data(save(book, tmp_path), mini)
    assert "目标" in caught.value.where and "book.xlsx" in caught.value.where
    assert "目标任务" in caught.value.message.zh  # the sheets it has, so the user sees the rename


def test_missing_sheet(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    del book[AREA_SHEET]
    with pytest.raises(DataFileError) as caught:
        read_data(save(book, tmp_path), mini)
    assert "missing" in caught.value.message.en


def test_moved_header(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book[AREA_SHEET].insert_cols(3)
    with pytest.raises(DataFileError) as caught:
        read_data(save(book, tmp_path), mini)
    assert caught.value.where.endswith(f"{AREA_SHEET}!C5")
    assert f"{JOBS}.actual" in caught.value.message.en


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_empty_or_broken_file(tmp_path: Path, mini: Scheme, content: bytes) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert caught.value.where.endswith("book.xlsx")
    assert caught.value.message.zh and caught.value.message.en


def test_formula_text_is_neutralised_in_the_template(mini: Scheme) -> None:
    from targetrule.submissions import Region
    from targetrule.text import Label

    book = openpyxl.load_workbook(
        io.BytesIO(build_template(mini, [Region("x", Label('=HYPERLINK("http://e.vil")', "@SUM(A1)"))]))
    )
    assert book["地区"]["B6"].value == '\'=HYPERLINK("http://e.vil")'
    assert book["地区"]["C6"].value == "'@SUM(A1)"


def fill_from(book: Any, data: dict[str, Any]) -> None:
    """Type every value of ``data`` (inputs and claims) into the template, finding columns by their row-5 key."""
    by_id = {r["id"]: r for r in data["regions"]}
    for ws in book.worksheets:
        keys = {c.value: c.column_letter for c in ws[5] if c.value}
        if "region" not in keys:
            continue
        for row in range(6, ws.max_row + 1):
            region = by_id[ws[f"A{row}"].value]
            typed: dict[str, Any] = {}
            for indicator, values in region.get("inputs", {}).items():
                typed.update({f"{indicator}.{name}": value for name, value in values.items()})
            typed.update({"bonus." + c["id"]: c.get("count", 1) for c in region.get("bonuses", [])})
            typed.update({"deduction." + c["id"]: c.get("count", 1) for c in region.get("deductions", [])})
            typed.update({"veto." + v: "是" for v in region.get("vetoes", [])})
            for key, value in typed.items():
                if key in keys:
                    ws[keys[key] + str(row)] = value


def example() -> tuple[Path, dict[str, Any]]:
    from targetrule.formats.examples import example_path

    path = example_path("jilin-2007")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_bundled_example_through_the_template(tmp_path: Path, engine: Engine) -> None:
    """The jilin-2007 example typed into its template scores exactly as the JSON does, bonuses and deductions too."""
    scheme = engine.load_scheme("jilin-2007")
    source, document = example()
    regions = [r.region for r in read_submissions(document).regions]
    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, regions)))
    assert "加减分" in book.sheetnames
    fill_from(book, document)
    data = read_data(save(book, tmp_path), scheme)
    from_book = engine.evaluate(scheme, data.submissions)
    from_json = engine.evaluate(scheme, source)
    assert from_book.findings == ()

    def scores(evaluation: Any) -> list[tuple[Any, ...]]:
        # numbers, grades, ranks and awards; a float typed in JSON (3192.0) comes back from Excel as 3192,
        # and a claim's free-text note has no cell in the template
        return [
            (
                r.region.id,
                r.composite,
                r.base_points,
                r.bonus_points,
                r.deduction_points,
                r.rank,
                r.grade,
                r.award,
                r.vetoes,
                [(i.indicator, i.points, i.status) for i in r.indicators()],
            )
            for r in evaluation.regions
        ]

    assert scores(from_book) == scores(from_json)
    assert any(r.bonus_points for r in from_book.regions) and any(r.deduction_points for r in from_book.regions)


def test_bad_claim_cells(tmp_path: Path, engine: Engine) -> None:
    scheme = engine.load_scheme("jilin-2007")
    regions = [r.region for r in read_submissions(example()[1]).regions]
    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, regions)))
    ws = book["加减分"]
    keys = {c.value: c.column_letter for c in ws[5] if c.value}
    bonus = keys[next(k for k in keys if k.startswith("bonus."))]
    veto = keys[next(k for k in keys if k.startswith("veto."))]
    ws[bonus + "6"] = "两次"
    ws[veto + "7"] = "也许"
    data = read_data(save(book, tmp_path), scheme)
    problems = {(f.path, f.region) for f in data.submissions.findings}
    assert problems == {(f"加减分!{bonus}6", regions[0].id), (f"加减分!{veto}7", regions[1].id)}


def test_duplicate_region_row_is_named_at_its_cell(tmp_path: Path, mini: Scheme) -> None:
    book = filled(mini, mini_data())
    book["地区"]["A8"] = "jia"  # the third region's id changed to the first's
    data = read_data(save(book, tmp_path), mini)
    duplicate = [f for f in data.submissions.findings if f.path == "地区!A8"]
    assert len(duplicate) == 1
    assert "地区!A6" in duplicate[0].message.zh and "地区!A6" in duplicate[0].message.en


def test_rate_typed_as_percent_reads_as_shown(tmp_path: Path, engine: Engine) -> None:
    """Excel stores 4.5% as 0.045; the template reads the 4.5 the user sees, not a silent 0.045."""
    scheme = engine.load_scheme("jilin-2007")
    regions = [r.region for r in read_submissions(example()[1]).regions]
    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, regions)))
    ws = book["目标"]
    column = {c.value: c.column_letter for c in ws[5] if c.value}["employment.registered_unemployment_rate.ceiling"]
    ws[f"{column}6"] = 0.045
    ws[f"{column}6"].number_format = "0.0%"
    ws[f"{column}7"] = 4.5  # typed as a plain number: read as it is
    data = read_data(save(book, tmp_path), scheme)
    first, second = data.submissions.regions[0], data.submissions.regions[1]
    rate = "employment.registered_unemployment_rate"
    assert first.inputs[rate]["ceiling"] == Decimal("4.5")  # 0.045 × 100
    assert second.inputs[rate]["ceiling"] == 4.5
