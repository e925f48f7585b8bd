"""Reading JSON and long-layout CSV data: encodings, layout errors, findings located at rows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from mini_scheme import JOBS, mini_data
from targetrule import Engine, Scheme
from targetrule.formats.encoding import decode
from targetrule.formats.errors import DataFileError
from targetrule.formats.loaded import relocate_evaluation
from targetrule.formats.read import read_data

CSV_ROWS = [
    "region,indicator,input,value",
    "jia,,name,甲市",
    "jia,,name_en,Jia",
    f"jia,{JOBS},actual,95000",
    f"jia,{JOBS},target,100000",
    f"jia,{JOBS},public_welfare_posts,1000",
    "changbai,,name,长白山管委会",
    "changbai,,survey_only,是",
    f"changbai,{JOBS},actual,9000",
    f"changbai,{JOBS},target,10000",
    f"changbai,{JOBS},public_welfare_posts,10",
]


def write_csv(tmp_path: Path, rows: list[str], encoding: str = "utf-8", name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_scores_the_same(tmp_path: Path, engine: Engine, mini: Scheme, encoding: str) -> None:
    data = read_data(write_csv(tmp_path, CSV_ROWS, encoding), mini)
    evaluation = engine.evaluate(mini, data.submissions)
    assert evaluation.findings == ()
    jia = evaluation.region("jia")
    assert jia.region.name.zh == "甲市"
    # 95000 / 100000 = 0.95; 0.95 × 10 points = 9.50
    assert jia.composite == Decimal("9.50")
    assert evaluation.region("changbai").survey_only is True
    assert data.encoding == ("gb18030" if encoding in ("gbk", "gb18030") else "utf-8")


def test_utf16_file_is_refused_with_what_to_do(tmp_path: Path, mini: Scheme) -> None:
    path = write_csv(tmp_path, CSV_ROWS, "utf-16")
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert "UTF-16" in caught.value.message.zh
    assert "CSV UTF-8" in caught.value.message.en


def test_bytes_in_no_known_encoding_are_refused(tmp_path: Path) -> None:
    # 0xFF is invalid as a UTF-8 lead byte and as a GB18030 lead byte
    with pytest.raises(DataFileError) as caught:
        decode(b"region,indicator\xff\xff\n", tmp_path / "x.csv")
    assert "GB18030" in caught.value.message.en
    assert "x.csv" in caught.value.where


def test_wrong_columns_name_file_and_row(tmp_path: Path, mini: Scheme) -> None:
    path = write_csv(tmp_path, ["地区,指标,值", "jia,x,1"])
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert caught.value.where.endswith("data.csv:1")
    assert "region,indicator,input,value" in caught.value.message.zh
    assert "region,indicator,input,value" in caught.value.message.en


def test_semicolon_separated_file_gets_a_hint(tmp_path: Path, mini: Scheme) -> None:
    path = write_csv(tmp_path, ["region;indicator;input;value", "jia;x;y;1"])
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert "comma" in caught.value.message.en


@pytest.mark.parametrize("content", [b"", b"   \r\n"])
def test_empty_csv_is_an_error(tmp_path: Path, mini: Scheme, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert caught.value.message.en == "the file is empty"


def test_csv_findings_point_at_rows(tmp_path: Path, engine: Engine, mini: Scheme) -> None:
    rows = [*CSV_ROWS[:3], f"jia,{JOBS},actual,九万五", f"jia,{JOBS},target,", f"jia,{JOBS},public_welfare_posts,10"]
    rows.append(f"jia,{JOBS},public_welfare_posts,11")
    data = read_data(write_csv(tmp_path, rows), mini)
    evaluation = relocate_evaluation(engine.evaluate(mini, data.submissions), data)
    where = {(f.code, f.path) for f in evaluation.findings}
    assert ("input.not_a_number", "data.csv:4") in where  # the text 九万五 on row 4
    assert ("input.missing", "data.csv:5") in where  # an empty value is missing, never zero
    assert ("submission.malformed", "data.csv:7") in where  # row 7 repeats row 6
    assert not evaluation.ranked


def test_unknown_region_field_is_a_finding(tmp_path: Path, mini: Scheme) -> None:
    data = read_data(write_csv(tmp_path, [*CSV_ROWS, "jia,,population,100"]), mini)
    (problem,) = data.submissions.findings
    assert problem.path == "data.csv:12"
    assert "population" in problem.message.en


def test_csv_claims_become_bonuses_and_vetoes(tmp_path: Path, mini: Scheme) -> None:
    rows = [*CSV_ROWS, "jia,,bonus,provincial", "jia,,bonus,provincial", "jia,,veto,arrears"]
    data = read_data(write_csv(tmp_path, rows), mini)
    jia = next(r for r in data.submissions.regions if r.region.id == "jia")
    assert [(c.id, c.count) for c in jia.bonuses] == [("provincial", 2)]
    assert jia.vetoes == ("arrears",)


def test_json_reads_decimals_exactly(tmp_path: Path, mini: Scheme) -> None:
    document = mini_data()
    text = json.dumps(document, ensure_ascii=False).replace('"actual": 95000', '"actual": 95000.10')
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8-sig")
    data = read_data(path, mini)
    jia = data.submissions.regions[0]
    assert jia.inputs[JOBS]["actual"] == Decimal("95000.10")


def test_json_in_gbk_is_read(tmp_path: Path, mini: Scheme) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(json.dumps(mini_data(), ensure_ascii=False).encode("gbk"))
    data = read_data(path, mini)
    assert data.submissions.regions[0].region.name.zh == "甲市"


def test_malformed_json_names_line_and_column(tmp_path: Path, mini: Scheme) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"regions": [\n  {"id": "jia",}\n]}', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    # line 2 is `  {"id": "jia",}`: 2 spaces + 13 characters, so the stray } is column 16
    assert caught.value.where.endswith("data.json:2:16")
    assert caught.value.message.zh.startswith("JSON 格式错误")


@pytest.mark.parametrize(
    ("name", "expected"), [("data.xls", ".xlsx"), ("data.txt.gz", ".gz"), ("missing.json", "not found")]
)
def test_unusable_paths_are_explained(tmp_path: Path, mini: Scheme, name: str, expected: str) -> None:
    path = tmp_path / name
    if name != "missing.json":
        path.write_bytes(b"x")
    with pytest.raises(DataFileError) as caught:
        read_data(path, mini)
    assert expected in caught.value.message.en


def test_gbk_that_is_also_valid_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    # 委 in GBK is the bytes CE AF, which UTF-8 reads as the Greek ί: valid UTF-8 is UTF-8 (issue 10),
    # so that Café (UTF-8 C3 A9, GB18030 茅) is never turned into Chinese
    data = "region,indicator,input,value\njia,,name,委\n".encode("gbk")
    assert decode(data, tmp_path / "x.csv").text.endswith("ί\n")
    cafe = decode("region,indicator,input,value\njia,,name,Café\n".encode(), tmp_path / "x.csv")
    assert (cafe.text.endswith("Café\n"), cafe.encoding) == (True, "utf-8")


def test_utf8_chinese_stays_utf8(tmp_path: Path) -> None:
    text = "region,indicator,input,value\njia,,name,长白山管委会\n"
    decoded = decode(text.encode("utf-8"), tmp_path / "x.csv")
    assert (decoded.text, decoded.encoding) == (text, "utf-8")
