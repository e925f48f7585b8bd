"""The list of regions a template is made for: CSV or JSON, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mini_scheme import mini_data
from targetrule.formats.errors import DataFileError
from targetrule.formats.regions_file import read_regions


def test_csv_regions(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_bytes(
        "id,name,name_en,kind,parent,survey_only\nnongan,农安县,Nong'an,county,changchun,否\nx,调研区,,,,是\n".encode(
            "gbk"
        )
    )
    first, second = read_regions(path)
    assert (first.id, first.name.zh, first.name.en, first.kind, first.parent, first.survey_only) == (
        "nongan",
        "农安县",
        "Nong'an",
        "county",
        "changchun",
        False,
    )
    assert (second.name.en, second.kind, second.survey_only) == ("x", "city", True)  # defaults: id, city


def test_json_regions_from_a_submissions_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(mini_data(), ensure_ascii=False), encoding="utf-8")
    assert [r.id for r in read_regions(path)] == ["jia", "yi", "changbai"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("名称,类型\n甲市,city\n", "id,name"),
        ("id,name\n,甲市\n", "the id column is empty"),
        ("id,name\n", "lists no regions"),
        ("", "the file is empty"),
    ],
)
def test_bad_regions_csv(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_regions(path)
    assert expected in caught.value.message.en
    assert "regions.csv" in caught.value.where
