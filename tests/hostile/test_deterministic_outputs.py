"""The same inputs give byte-identical files: every result format, in both languages, strict and
lenient, and the xlsx template. Nothing in them depends on the time, the process, hash seeds or
random chart ids; the workbooks carry a fixed date (2000-01-01) in their properties and zip entries.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from hostile.harness import JOBS, MINI, cli, mini_data, spoiled, write_json
from targetrule.formats.template_xlsx import FIXED_TIME

FORMATS = {
    "json": ["results.json"],
    "csv": ["ranking.csv", "indicators.csv"],
    "xlsx": ["results.xlsx"],
    "html": ["report.html"],
}


class _Later(datetime.datetime):
    """``datetime.datetime`` whose ``now`` is years ahead: what openpyxl stamps documents with."""

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> _Later:
        return cls(2031, 6, 15, 12, 30, 45, tzinfo=tz)


def _later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock far ahead for zip entry times (time.time) and openpyxl's document times."""
    import types

    import openpyxl.writer.excel as excel  # type: ignore[import-untyped]

    ahead = time.time() + 4 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: ahead)
    monkeypatch.setattr(excel, "datetime", types.SimpleNamespace(datetime=_Later, timezone=datetime.timezone))


def _run(folder: Path, data: Path, fmt: str, lang: str, lenient: bool) -> dict[str, bytes]:
    args = ["evaluate", MINI, data, "-o", folder, "--format", fmt, "--lang", lang]
    result = cli(*args, *(["--lenient"] if lenient else []))
    assert result.exit_code in (0, 1), result.output
    return {name: (folder / name).read_bytes() for name in FORMATS[fmt]}


CASES = [(fmt, lang, lenient) for fmt in FORMATS for lang in ("zh", "en") for lenient in (False, True)]


@pytest.mark.parametrize(
    ("fmt", "lang", "lenient"), CASES, ids=[f"{f}-{la}-{'lenient' if le else 'strict'}" for f, la, le in CASES]
)
def test_the_same_evaluation_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, lang: str, lenient: bool
) -> None:
    # a data error too, so findings (and their order) are in every file
    data = write_json(tmp_path, spoiled("yi", inputs={JOBS: {"actual": "8万", "target": 100000}}))
    first = _run(tmp_path / "first", data, fmt, lang, lenient)
    _later(monkeypatch)
    second = _run(tmp_path / "second", data, fmt, lang, lenient)
    assert first == second


def _assert_fixed_times(workbook: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2, core  # created and modified


def test_results_xlsx_has_fixed_times_and_opens(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped]

    data = write_json(tmp_path, mini_data())
    workbook = _run(tmp_path / "out", data, "xlsx", "zh", False)["results.xlsx"]
    _assert_fixed_times(workbook)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["排名", "领域得分", "指标得分", "问题", "来源"]
    assert book.properties.created == datetime.datetime(2000, 1, 1)
    assert book["排名"]["B5"].value == "甲市" and book["排名"]["C5"].value == 9.5  # row 4: headers under the title rows


def test_the_template_is_the_same_bytes_and_still_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("id,name,kind,parent\njia,甲市,city,\nyi,乙市,city,\n", encoding="utf-8")
    assert cli("template", MINI, "--regions", regions, "-o", tmp_path / "a.xlsx").exit_code == 0
    _later(monkeypatch)
    assert cli("template", MINI, "--regions", regions, "-o", tmp_path / "b.xlsx").exit_code == 0
    first, second = (tmp_path / "a.xlsx").read_bytes(), (tmp_path / "b.xlsx").read_bytes()
    assert first == second
    _assert_fixed_times(first)
    # the template still works as one: an empty one validates with findings, not an error
    assert cli("validate", MINI, tmp_path / "a.xlsx").exit_code in (0, 1)


def test_two_processes_a_second_apart_write_the_same_bytes(tmp_path: Path) -> None:
    """The bundled example, every format, in two processes with different hash seeds, 1.1 s apart."""
    script = Path(sys.executable).parent / "targetrule"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "_targetrule_entry"]
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [*command, "evaluate", "jilin-2007", "--example", "-o", str(out)], capture_output=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        time.sleep(1.1)
    assert sorted(outputs[0]) == sorted(name for names in FORMATS.values() for name in names)
    assert outputs[0] == outputs[1]
