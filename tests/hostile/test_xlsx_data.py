"""Bad data in a filled xlsx template is a finding at its cell (``地区!F8``), never a silent change.

Regions fill rows 6 (jia), 7 (yi) and 8 (changbai) of every sheet; their hand-computed composites
are jia 9.50, yi 8.00, changbai 9.00 (harness ``CLEAN``). Each case also asserts the exit code of
``targetrule validate`` and that nothing traces back.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import JOBS, MINI, assert_clean_elsewhere, assert_finding, files_under, mini_data
from hostile.readers_kit import AREA_SHEET, claims_scheme, column_of, run, template_book
from targetrule import Engine
from targetrule.submissions import read_submissions

openpyxl = pytest.importorskip("openpyxl")

REGIONS = [r.region for r in read_submissions(mini_data()).regions]
ROWS = {"jia": 6, "yi": 7, "changbai": 8}


def book_for(engine: Engine, scheme: Path = MINI) -> Any:
    """A template of ``scheme`` filled in with ``mini_data()``."""
    return template_book(engine.load_scheme(scheme), REGIONS, mini_data())


def save(book: Any, folder: Path) -> Path:
    path = folder / "book.xlsx"
    book.save(path)
    return path


def test_filled_template_scores_as_computed(tmp_path: Path, engine: Engine) -> None:
    code, evaluation, _ = run(engine, save(book_for(engine), tmp_path))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)  # 9.50, 8.00, 9.00


# --- yes/no cells: the same words as JSON and CSV ------------------------------------------------------------

ACCEPTED = [(True, True), (False, False), ("是", True), ("否", False), ("yes", True), ("FALSE", False)]
ACCEPTED += [(1, True), (0, False), ("Ｙｅｓ", True), ("√", True), (None, False)]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[repr(v) for v, _ in ACCEPTED])
def test_survey_only_cell(tmp_path: Path, engine: Engine, value: Any, expected: bool) -> None:
    book = book_for(engine)
    book["地区"]["F8"] = value
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert (code, evaluation.findings) == (0, ())
    assert evaluation.region("changbai").survey_only is expected
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize("value", ["maybe", 2, "是的", 0.5, "truee", -1])
def test_survey_only_cell_never_truthy_by_accident(tmp_path: Path, engine: Engine, value: Any) -> None:
    book = book_for(engine)
    book["地区"]["F8"] = value
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_field", "地区!F8")
    assert found.path == "地区!F8" and found.region == "changbai"
    assert evaluation.region("changbai").survey_only is False
    assert_clean_elsewhere(evaluation)


# --- ids -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [5, 5.5, True, 0])
def test_region_id_cell_must_be_text(tmp_path: Path, engine: Engine, value: Any) -> None:
    book = book_for(engine)
    book["地区"]["A7"] = value
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_id", "地区!A7")
    assert found.path == "地区!A7"
    assert [r.region.id for r in evaluation.regions] == ["jia", "changbai"]  # never a region called "5"
    assert_clean_elsewhere(evaluation, touched=["yi"])


def test_region_id_cell_is_trimmed(tmp_path: Path, engine: Engine) -> None:
    book = book_for(engine)
    book["地区"]["A7"] = " yi "
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)


# --- numbers written as text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["4,5", "17,28", "1,23,456", "1.234,5", "1 234"])
def test_ambiguous_number_in_a_cell(tmp_path: Path, engine: Engine, text: str) -> None:
    book = book_for(engine)
    ws = book[AREA_SHEET]
    cell = f"{column_of(ws, f'{JOBS}.actual')}6"
    ws[cell] = text
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert code == 1
    found = assert_finding(evaluation.findings, "input.ambiguous_number", f"{AREA_SHEET}!{cell}")
    assert found.path == f"{AREA_SHEET}!{cell}"
    assert_clean_elsewhere(evaluation, touched=["jia"])


@pytest.mark.parametrize("text", ["95,000", "95000", "９５０００"])
def test_documented_number_text_in_a_cell(tmp_path: Path, engine: Engine, text: str) -> None:
    book = book_for(engine)
    ws = book[AREA_SHEET]
    ws[f"{column_of(ws, f'{JOBS}.actual')}6"] = text
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)  # jia: 95000 / 100000 × 10 = 9.50


# --- claims -------------------------------------------------------------------------------------------------------

BAD_COUNTS = [-1, 1.5, "两次", True, 10**7, "2"]


@pytest.mark.parametrize("value", BAD_COUNTS, ids=[repr(v) for v in BAD_COUNTS])
def test_bad_claim_count_cell(tmp_path: Path, engine: Engine, value: Any) -> None:
    scheme = claims_scheme(tmp_path)
    book = book_for(engine, scheme)
    ws = book["加减分"]
    cell = f"{column_of(ws, 'bonus.national_commendation')}7"
    ws[cell] = value
    code, evaluation, _ = run(engine, save(book, tmp_path), scheme)
    assert code == 1
    found = assert_finding(evaluation.findings, "claim.bad_count", f"加减分!{cell}")
    assert found.region == "yi"
    assert evaluation.region("yi").bonus_points == 0  # never added, never truncated
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("bonus.national_commendation", 2, "12.00"),  # 8.00 + 2 × 2
        ("bonus.national_commendation", 1.0, "10.00"),  # 1.0 is a whole 1: 8.00 + 2
        ("deduction.misreporting", 1, "3.00"),  # 8.00 − 5
        ("bonus.national_commendation", 0, "8.00"),  # none
    ],
)
def test_valid_claim_cells(tmp_path: Path, engine: Engine, key: str, value: Any, expected: str) -> None:
    scheme = claims_scheme(tmp_path)
    book = book_for(engine, scheme)
    ws = book["加减分"]
    ws[f"{column_of(ws, key)}7"] = value
    code, evaluation, _ = run(engine, save(book, tmp_path), scheme)
    assert (code, evaluation.findings) == (0, ())
    assert str(evaluation.region("yi").composite) == expected
    assert_clean_elsewhere(evaluation, touched=["yi"])


@pytest.mark.parametrize(("value", "vetoed"), [("是", True), (True, True), (1, True), ("否", False), ("no", False)])
def test_veto_cell(tmp_path: Path, engine: Engine, value: Any, vetoed: bool) -> None:
    scheme = claims_scheme(tmp_path)
    book = book_for(engine, scheme)
    ws = book["加减分"]
    ws[f"{column_of(ws, 'veto.major_accident')}7"] = value
    code, evaluation, _ = run(engine, save(book, tmp_path), scheme)
    assert (code, evaluation.findings) == (0, ())
    assert evaluation.region("yi").vetoes == (("major_accident",) if vetoed else ())
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize("value", ["maybe", "也许", 2, "false!"])
def test_bad_veto_cell(tmp_path: Path, engine: Engine, value: Any) -> None:
    scheme = claims_scheme(tmp_path)
    book = book_for(engine, scheme)
    ws = book["加减分"]
    cell = f"{column_of(ws, 'veto.major_accident')}7"
    ws[cell] = value
    code, evaluation, _ = run(engine, save(book, tmp_path), scheme)
    assert code == 1
    assert_finding(evaluation.findings, "submission.malformed", f"加减分!{cell}")
    assert evaluation.region("yi").vetoes == ()
    assert_clean_elsewhere(evaluation)


# --- sizes: stray values and claimed dimensions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "cell", "where"),
    [
        (AREA_SHEET, "C1048576", f"{AREA_SHEET}!A1048576"),
        ("地区", "B1048576", "地区!A1048576"),
        ("目标", "C1048576", "目标!A1048576"),
    ],
)
def test_stray_value_on_the_last_row(tmp_path: Path, engine: Engine, sheet: str, cell: str, where: str) -> None:
    book = book_for(engine)
    book[sheet][cell] = 1
    path = save(book, tmp_path)
    started = time.perf_counter()
    code, evaluation, _ = run(engine, path)
    elapsed = time.perf_counter() - started  # measured, not asserted: about 0.3 s on the CI machine
    assert code == 1, elapsed
    found = assert_finding(evaluation.findings, "submission.malformed", where)
    assert found.path == where
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize("cell", ["XFD6", "AA7", "Z1048576"])
def test_value_right_of_the_template_is_a_warning(tmp_path: Path, engine: Engine, cell: str) -> None:
    book = book_for(engine)
    book[AREA_SHEET][cell] = "备注"
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert code == 0
    assert_finding(evaluation.findings, "submission.malformed", f"{AREA_SHEET}!{cell}", severity="warning")
    assert_clean_elsewhere(evaluation)


def _claim_dimension(path: Path, ref: str) -> None:
    """Rewrite every sheet's ``<dimension ref=…>`` to ``ref``, as a careless writer might."""
    entries = {}
    with zipfile.ZipFile(path) as source:
        for name in source.namelist():
            entries[name] = source.read(name)
    for name, data in entries.items():
        if name.startswith("xl/worksheets/sheet"):
            entries[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref.encode() + b'"', data)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)


def test_a_claimed_dimension_of_the_whole_grid_is_not_read(tmp_path: Path, engine: Engine) -> None:
    path = save(book_for(engine), tmp_path)
    _claim_dimension(path, "A1:XFD1048576")
    code, evaluation, _ = run(engine, path)
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)


# --- protection ---------------------------------------------------------------------------------------------------


def _ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file naming ``streams`` in its directory, as an encrypted xlsx does."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    return header + b"".join(name.encode("utf-16-le") + bytes(64) for name in streams) + bytes(1024)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (_ole2("EncryptionInfo", "EncryptedPackage"), ("密码", "password")),
        (_ole2("Workbook", "SummaryInformation"), (".xls", ".xls")),
    ],
    ids=["encrypted", "old-xls"],
)
def test_ole2_files_say_what_they_are(tmp_path: Path, engine: Engine, content: bytes, words: tuple[str, str]) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    before = files_under(tmp_path)
    code, _, output = run(engine, path)
    assert code == 3
    assert words[0] in output and words[1] in output
    assert files_under(tmp_path) == before


def test_sheet_protection_alone_is_read(tmp_path: Path, engine: Engine) -> None:
    book = book_for(engine)
    for ws in book.worksheets:
        ws.protection.sheet = True
        ws.protection.password = "secret"
    book.security = openpyxl.workbook.protection.WorkbookProtection(workbookPassword="secret", lockStructure=True)
    code, evaluation, _ = run(engine, save(book, tmp_path))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize("damage", ["sheet-xml", "truncated"])
def test_a_damaged_workbook_is_a_clean_error(tmp_path: Path, engine: Engine, damage: str) -> None:
    path = save(book_for(engine), tmp_path)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:2000])
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
            for name in source.namelist():
                data = source.read(name)
                target.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet3.xml" else data)
        path.write_bytes(buffer.getvalue())
    code, _, output = run(engine, path)
    assert code == 3
    assert "xlsx" in output or "工作簿" in output
