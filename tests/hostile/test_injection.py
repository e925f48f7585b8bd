"""Injection: text typed by city staff reaches every output as text, never as a formula, markup or a template.

Each payload goes into one place a user controls (a region's id or names, the document's note, an
unknown indicator's name, a bonus claim's note); the results are written in every format and read
back: the JSON keeps the text exactly, CSV and xlsx cells never start a formula, the HTML report
shows it escaped, and nothing is evaluated (``{{ 7*7 }}`` never becomes 49).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import JOBS, MINI, cli, mini_data, write_json

PAYLOADS = {
    "excel-formula": "=HYPERLINK(\"http://x\",\"y\")",
    "dde": "=cmd|' /C calc'!A0",
    "plus-formula": "+1+2",
    "minus-formula": "-2+3",
    "at-formula": "@SUM(A1:A2)",
    "script": "<script>alert(1)</script>",
    "attribute": "\"><img src=x onerror=alert(1)>",
    "jinja": "{{ 7*7 }}",
    "format-string": "{value}{0}%s%n",
    "svg": "</text><script>alert(2)</script>",
}


def _with_payload(place: str, payload: str) -> dict[str, Any]:
    data = copy.deepcopy(mini_data())
    jia = data["regions"][0]
    if place == "name.zh":
        jia["name"]["zh"] = payload
    elif place == "name.en":
        jia["name"]["en"] = payload
    elif place == "id":
        jia["id"] = payload
    elif place == "note":
        data["note"] = payload
    elif place == "source":
        jia["sources"] = {JOBS: payload}
    return data


PLACES = ("name.zh", "name.en", "id", "note", "source")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("payload_name", sorted(PAYLOADS))
def test_user_text_stays_text_in_every_output(tmp_path: Path, place: str, payload_name: str) -> None:
    payload = PAYLOADS[payload_name]
    data = write_json(tmp_path, _with_payload(place, payload))
    out = tmp_path / "out"
    result = cli("evaluate", MINI, data, "-o", out, "--format", "json,csv,xlsx,html", "--lang", "en")
    assert result.exit_code == 0, result.output  # nothing here is an error: the data is valid

    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    text = json.dumps(document, ensure_ascii=False)
    if place in ("name.zh", "name.en", "id", "note"):
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in text  # kept exactly, for the record
    jia = next(r for r in document["regions"] if r["region"]["id"] == (payload if place == "id" else "jia"))
    # 95000 / 100000 = 0.95; 0.95 × 10 points = 9.50, whatever the region is called
    assert jia["composite"] == "9.50"

    for name in ("ranking.csv", "indicators.csv"):
        rows = list(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8-sig"))))
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "@")), (name, cell)
                assert not (cell.startswith("-") and not _is_number(cell)), (name, cell)

    import openpyxl

    book = openpyxl.load_workbook(out / "results.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "@")), (sheet.title, cell.coordinate, cell.value)

    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "onerror=alert" not in html or "&lt;img" in html or "&#34;&gt;&lt;img" in html
    assert "<img src=x" not in html
    if payload_name == "jinja" and place in ("name.en", "id"):  # shown in an English report: as typed
        assert "{{ 7*7 }}" in html


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("payload_name", sorted(PAYLOADS))
def test_an_unknown_indicator_name_is_shown_as_text(tmp_path: Path, payload_name: str) -> None:
    payload = PAYLOADS[payload_name]
    data = copy.deepcopy(mini_data())
    data["regions"][0]["inputs"][payload] = {"actual": 1}
    path = write_json(tmp_path, data)
    result = cli("validate", MINI, path, "--json")
    assert result.exit_code == 1  # an unknown indicator is an error finding
    document = json.loads(result.stdout)
    unknown = [f for f in document["findings"] if f["code"] == "indicator.unknown"]
    assert len(unknown) == 1
    assert payload in unknown[0]["message"]["en"] and payload in unknown[0]["path"]
    out = tmp_path / "out"
    result = cli("evaluate", MINI, path, "--lenient", "-o", out, "--format", "csv,html")
    assert result.exit_code == 1  # lenient ranks, but the error still sets the exit code
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
