"""Results out: JSON, CSV and xlsx contents, formula injection neutralised, atomic writes that never hit an input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mini_scheme import JOBS, mini_data
from targetrule import Engine, Evaluation, Scheme
from targetrule.formats.atomic import write_all, write_atomic
from targetrule.formats.cells import safe_text
from targetrule.formats.errors import DataFileError
from targetrule.formats.results_csv import render_indicators_csv, render_ranking_csv
from targetrule.formats.results_json import render_json


@pytest.fixture
def evaluation(engine: Engine, mini: Scheme) -> Evaluation:
    return engine.evaluate(mini, mini_data())


@pytest.fixture
def hostile(engine: Engine, mini: Scheme) -> Evaluation:
    """Region names that a spreadsheet would run as formulas."""
    data = mini_data()
    data["regions"][0]["name"] = {"zh": "=1+2", "en": "+cmd|' /C calc'!A0"}
    data["regions"][1]["name"] = {"zh": "-2+3", "en": "@SUM(A1:A2)"}
    return engine.evaluate(mini, data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("甲市", "甲市"), ("a=b", "a=b")],
)
def test_safe_text(text: str, expected: str) -> None:
    assert safe_text(text) == expected


def test_json_is_the_versioned_results_document(evaluation: Evaluation) -> None:
    document = json.loads(render_json(evaluation))
    assert document["schema"] == "targetrule.results/1"
    assert document["ranking"] == ["jia", "yi"]
    assert document["regions"][0]["composite"] == "9.50"  # 95000 / 100000 × 10


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_ranking_csv(evaluation: Evaluation) -> None:
    rows = read_csv(render_ranking_csv(evaluation))
    assert [(r["rank"], r["region"], r["composite"], r["grade"], r["survey_only"]) for r in rows] == [
        ("1", "jia", "9.50", "excellent", "false"),  # 9.50 ≥ 9 and within the 50% quota of 2 ranked regions
        ("2", "yi", "8.00", "pass", "false"),  # 8.00 ≥ 7.5
        ("", "changbai", "9.00", "excellent", "true"),  # survey only: graded by its 9.00 ≥ 9, never ranked
    ]
    assert rows[0]["name_zh"] == "甲市"


def test_indicators_csv(evaluation: Evaluation) -> None:
    rows = read_csv(render_indicators_csv(evaluation))
    jia = rows[0]
    assert (jia["region"], jia["indicator"], jia["points"], jia["max_points"]) == ("jia", JOBS, "9.50", "10")
    assert "95,000" in jia["explanation_zh"] and "100,000" in jia["explanation_zh"]


def test_csv_neutralises_formulas(hostile: Evaluation) -> None:
    rows = read_csv(render_ranking_csv(hostile))
    names = {r["region"]: (r["name_zh"], r["name_en"]) for r in rows}
    assert names["jia"] == ("'=1+2", "'+cmd|' /C calc'!A0")
    assert names["yi"] == ("'-2+3", "'@SUM(A1:A2)")


def test_xlsx_results_neutralise_formulas_and_keep_numbers(hostile: Evaluation) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from targetrule.formats.results_xlsx import render_xlsx

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(hostile)))
    assert book.sheetnames == ["排名", "领域得分", "指标得分", "问题", "来源"]
    ranking = book["排名"]
    assert ranking["B5"].value == "'=1+2"  # row 4 holds the headers, under the title, scheme and warning rows
    assert ranking["B6"].value == "'-2+3"
    assert all(cell.data_type != "f" for row in ranking.iter_rows() for cell in row)
    assert ranking["C5"].value == 9.5  # composite is a number: 95000 / 100000 × 10
    english = openpyxl.load_workbook(io.BytesIO(render_xlsx(hostile, "en")))
    assert english["Ranking"]["B5"].value == "'+cmd|' /C calc'!A0"


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "results.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["results.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "results.json"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


def test_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "data.json"
    source.write_bytes(b"input")
    other = tmp_path / "ranking.csv"
    with pytest.raises(DataFileError) as caught:
        # the input is named through a different spelling of the same path
        write_all({other: b"x", tmp_path / "." / "data.json": b"y"}, [source])
    assert "input" in caught.value.message.en
    assert source.read_bytes() == b"input"
    assert not other.exists()  # nothing is written when any target is refused
