"""One workbook per region (template --per-region) and collecting the returns (collect)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from targetrule.cli import main

openpyxl = pytest.importorskip("openpyxl")

REGIONS = "id,name,name_en,kind,survey_only\nchangchun,长春市,Changchun,city,否\njilin,吉林市,Jilin City,city,否\n"
TARGETS = (
    "region,indicator,input,value\n"
    "changchun,employment.new_urban_jobs,target,110700\n"
    "changchun,employment.registered_unemployment_rate,ceiling,4.5\n"
    "jilin,employment.new_urban_jobs,target,63800\n"
)
FIELDS = ("长春市人社局", "王丽", "张强", "0431-88888888", "2007-11-28")


def run(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="targetrule")


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    (tmp_path / "regions.csv").write_text(REGIONS, encoding="utf-8")
    (tmp_path / "targets.csv").write_text(TARGETS, encoding="utf-8")
    out = tmp_path / "returns"
    made = run(
        "template", "jilin-2007", "--regions", tmp_path / "regions.csv", "--per-region",
        "--targets", tmp_path / "targets.csv", "-o", out,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    return out


def cells(book: Any, sheet: str) -> dict[str, Any]:
    ws = book[sheet]
    return {ws.cell(5, c).value: ws.cell(6, c) for c in range(1, ws.max_column + 1)}


def sign(path: Path, values: tuple[str, ...] = FIELDS) -> None:
    book = openpyxl.load_workbook(path)
    for row, value in enumerate(values, start=4):
        book["填报信息"].cell(row, 2).value = value or None
    book.save(path)


def test_one_workbook_per_region_named_after_it(returns: Path) -> None:
    assert sorted(p.name for p in returns.iterdir()) == ["吉林市.xlsx", "长春市.xlsx"]
    book = openpyxl.load_workbook(returns / "长春市.xlsx")
    assert book.sheetnames[:3] == ["说明", "填报信息", "地区"]
    assert book["地区"].max_row == 6 and book["地区"]["A6"].value == "changchun"  # only its own row
    assert book["_targetrule"]["D1"].value == "changchun" and len(book["_targetrule"]["D2"].value) == 16


def test_targets_filled_in_and_locked_inputs_open_and_shaded(returns: Path) -> None:
    book = openpyxl.load_workbook(returns / "长春市.xlsx")
    targets = cells(book, "目标")
    jobs = targets["employment.new_urban_jobs.target"]
    assert (jobs.value, jobs.protection.locked, jobs.fill.fgColor.rgb) == (110700, True, "00E7E6E6")
    open_target = targets["employment.reemployment.target"]  # not in the targets file: the city's own
    assert (open_target.value, open_target.protection.locked, open_target.fill.fgColor.rgb) == (None, False, "00FFF2CC")
    actual = cells(book, "就业和再就业")["employment.new_urban_jobs.actual"]
    assert (actual.protection.locked, actual.fill.fgColor.rgb) == (False, "00FFF2CC")
    assert all(book[s].protection.sheet for s in book.sheetnames)
    cover = book["填报信息"]
    assert [cover.cell(r, 1).value.split("（")[0] for r in range(4, 9)] == [
        "填报单位",
        "填表人",
        "审核人",
        "联系电话",
        "填报日期",
    ]
    assert all(not cover.cell(r, 2).protection.locked for r in range(4, 9))


def test_prints_on_a4_landscape_fit_to_width_headers_repeated(returns: Path) -> None:
    book = openpyxl.load_workbook(returns / "长春市.xlsx")
    for name in ("就业和再就业", "目标"):
        ws = book[name]
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$5"


def test_the_instructions_are_for_city_staff(returns: Path) -> None:
    book = openpyxl.load_workbook(returns / "长春市.xlsx")
    text = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    assert "targetrule" not in text and "command" not in text and "浅黄色" in text and "0.045" in text


def test_the_same_inputs_give_the_same_bytes(returns: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run(
        "template", "jilin-2007", "--regions", tmp_path / "regions.csv", "--per-region",
        "--targets", tmp_path / "targets.csv", "-o", again,
    )  # fmt: skip
    assert (again / "长春市.xlsx").read_bytes() == (returns / "长春市.xlsx").read_bytes()


def test_per_region_needs_targets_and_a_folder(tmp_path: Path) -> None:
    (tmp_path / "regions.csv").write_text(REGIONS, encoding="utf-8")
    result = run("template", "jilin-2007", "--regions", tmp_path / "regions.csv", "--per-region", "-o", tmp_path / "x")
    assert result.exit_code == 2 and "--targets" in result.output


def test_collect_merges_and_records_each_return(returns: Path, tmp_path: Path) -> None:
    for path in returns.iterdir():
        sign(path)
    out = tmp_path / "submissions.json"
    result = run("collect", "jilin-2007", *sorted(returns.iterdir()), "--targets", tmp_path / "targets.csv", "-o", out)
    assert result.exit_code == 0, result.output
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in merged["regions"]] == ["jilin", "changchun"]  # in the order given (吉 < 长)
    first = merged["returns"][0]
    assert first["file"] == "吉林市.xlsx" and first["fields"]["phone"] == "0431-88888888"
    import hashlib

    assert first["sha256"] == hashlib.sha256((returns / "吉林市.xlsx").read_bytes()).hexdigest()
    assert merged["regions"][1]["inputs"]["employment.new_urban_jobs"]["target"] == 110700
    checked = run("validate", "jilin-2007", out, "--targets", tmp_path / "targets.csv", "--json")
    assert json.loads(checked.stdout)["regions"] == 2


def test_collect_names_file_and_cell_of_every_problem(returns: Path, tmp_path: Path) -> None:
    sign(returns / "长春市.xlsx", ("长春市人社局", "", "张强", "0431-88888888", "2007-11-28"))  # no 填表人
    shutil.copy(returns / "长春市.xlsx", tmp_path / "copy.xlsx")
    out = tmp_path / "submissions.json"
    files = [returns / "长春市.xlsx", tmp_path / "copy.xlsx"]
    result = run("collect", "jilin-2007", *files, "--targets", tmp_path / "targets.csv", "-o", out, "--json")
    assert result.exit_code == 1 and not out.exists()
    found = [(f["code"], f["path"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("collect.missing_field", f"{returns / '长春市.xlsx'} 填报信息!B5"),
        ("collect.duplicate_region", str(tmp_path / "copy.xlsx")),
        ("collect.missing_region", str(tmp_path / "targets.csv")),  # jilin sent nothing back
    ]


def test_collect_refuses_a_return_of_other_targets_and_a_plain_template(returns: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(TARGETS.replace("110700", "120000"), encoding="utf-8")
    sign(returns / "长春市.xlsx")
    plain = tmp_path / "plain.xlsx"
    assert run("template", "jilin-2007", "--regions", tmp_path / "regions.csv", "-o", plain).exit_code == 0
    result = run(
        "collect", "jilin-2007", returns / "长春市.xlsx", plain, "--targets", other, "-o", tmp_path / "s.json", "--json"
    )
    found = [(f["code"], f["path"]) for f in json.loads(result.stdout)["findings"]]
    assert found[0] == ("collect.wrong_version", f"{returns / '长春市.xlsx'} _targetrule!D2")
    assert found[1][0] == "collect.not_a_return" and found[1][1].startswith(str(plain))
    assert result.exit_code == 1
