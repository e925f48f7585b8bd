"""Shared by the bad-data suites of the readers (JSON, CSV, xlsx): a scheme with claims, and file makers.

``claims.toml`` is the mini scheme plus a bonus (2 points, pool capped at 5), a deduction (5
points) and a veto declared in data, so a bad claim can be shown to change nobody's score.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hostile.harness import MINI
from targetrule import Scheme
from targetrule.formats.template_xlsx import build_template
from targetrule.submissions import Region

AREA_SHEET = "就业和再就业"  # the mini scheme's only area, by its Chinese label

CLAIMS_EXTRA = """
[bonus]
cap = 5
items = [{id = "national_commendation", label = {zh = "国家级表彰", en = "national commendation"}, points = 2}]

[[deductions]]
id = "misreporting"
label = {zh = "弄虚作假", en = "misreporting"}
points = 5

[[vetoes]]
id = "major_accident"
label = {zh = "重大安全事故", en = "major accident"}
"""


def claims_scheme(folder: Path) -> Path:
    """The mini scheme with a bonus, a deduction and a declared veto, written into ``folder``."""
    path = folder / "claims.toml"
    path.write_text(MINI.read_text(encoding="utf-8") + CLAIMS_EXTRA, "utf-8")
    return path


CSV_HEADER = "region,indicator,input,value"


def csv_rows() -> list[str]:
    """The three regions of ``mini_data()`` as long-layout CSV rows (header first); row numbers in comments."""
    jobs = "employment.new_urban_jobs"
    return [
        CSV_HEADER,  # 1
        "jia,,name,甲市",  # 2
        f"jia,{jobs},actual,95000",  # 3
        f"jia,{jobs},target,100000",  # 4
        f"jia,{jobs},public_welfare_posts,1000",  # 5
        "yi,,name,乙市",  # 6
        f"yi,{jobs},actual,80000",  # 7
        f"yi,{jobs},target,100000",  # 8
        f"yi,{jobs},public_welfare_posts,500",  # 9
        "changbai,,name,长白山管委会",  # 10
        "changbai,,survey_only,是",  # 11
        f"changbai,{jobs},actual,9000",  # 12
        f"changbai,{jobs},target,10000",  # 13
        f"changbai,{jobs},public_welfare_posts,10",  # 14
    ]


def write_csv(folder: Path, rows: Sequence[str], name: str = "data.csv", encoding: str = "utf-8") -> Path:
    """Write CSV rows (CRLF, as Excel does) and return the path."""
    path = folder / name
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding, "surrogatepass"))
    return path


def template_book(scheme: Scheme, regions: Sequence[Region], data: dict[str, Any]) -> Any:
    """A template of ``scheme`` for ``regions``, filled in with ``data``'s inputs as a person would type them."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, regions)))
    for title in (AREA_SHEET, "目标"):
        ws = book[title]
        keys = {c.value: c.column_letter for c in ws[5] if c.value}
        for row in range(6, ws.max_row + 1):
            region = next(r for r in data["regions"] if r["id"] == ws[f"A{row}"].value)
            for indicator, values in region["inputs"].items():
                for name, value in values.items():
                    if f"{indicator}.{name}" in keys:
                        ws[f"{keys[f'{indicator}.{name}']}{row}"] = value
    return book


def column_of(ws: Any, key: str) -> str:
    """The column letter whose machine key (row 5) is ``key``."""
    return next(c.column_letter for c in ws[5] if c.value == key)


def run(engine: Any, path: Path, scheme_path: Path = MINI, *, lenient: bool = False) -> tuple[int, Any, Any]:
    """``targetrule validate SCHEME FILE --json`` (exit code, no traceback) and the same file through the library.

    Returns the exit code, the evaluation with every finding pointing into the file (None when the
    file is unreadable: exit 3, and ``evaluate -o OUT`` leaves no OUT) and the command's output; the
    command line and the library report the same findings.
    """
    import json

    from hostile.harness import cli
    from targetrule.formats.loaded import relocate_evaluation
    from targetrule.formats.read import read_data

    result = cli("validate", scheme_path, path, "--json")
    if result.exit_code == 3:
        out = path.parent / "OUT"
        assert cli("evaluate", scheme_path, path, "-o", out).exit_code == 3
        assert not out.exists()
        return 3, None, result.output
    scheme = engine.load_scheme(scheme_path)
    loaded = read_data(path, scheme)
    evaluation = relocate_evaluation(
        engine.evaluate(scheme, loaded.submissions, mode="lenient" if lenient else "strict"), loaded
    )
    # The command line also says the targets are self-reported (no --targets); the library call here
    # applies no targets (targetrule.targets.apply_targets), so that one warning is left out.
    found = json.loads(result.output)["findings"]
    shown = sorted((f["code"], f["path"] or "") for f in found if f["code"] != "targets.self_reported")
    assert shown == sorted((f.code, f.path or "") for f in evaluation.findings)
    return result.exit_code, evaluation, result.output
