"""Bad data in a long-layout CSV is a finding located at its row (``data.csv:11``), never a silent change.

The rows are ``readers_kit.csv_rows()`` (row numbers in its comments): the three regions of
``mini_data()`` with hand-computed composites jia 9.50, yi 8.00, changbai 9.00 (harness ``CLEAN``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hostile.harness import JOBS, assert_clean_elsewhere, assert_finding, cli, files_under
from hostile.readers_kit import claims_scheme, csv_rows, run, write_csv
from targetrule import Engine
from targetrule.formats.csv_data import read_csv_data
from targetrule.formats.errors import DataFileError


def with_row(row: str, at: int | None = None) -> list[str]:
    """The clean rows with ``row`` added (at row number ``at``, or at the end)."""
    rows = csv_rows()
    rows.insert(len(rows) if at is None else at - 1, row)
    return rows


def replaced(number: int, row: str) -> list[str]:
    """The clean rows with row ``number`` (1-based, as findings name it) replaced by ``row``."""
    rows = csv_rows()
    rows[number - 1] = row
    return rows


def test_clean_rows_score_as_computed(tmp_path: Path, engine: Engine) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, csv_rows()))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)  # 9.50, 8.00, 9.00
    assert evaluation.region("changbai").survey_only is True


# --- survey_only: the same words as JSON and xlsx ---------------------------------------------------------

ACCEPTED = [
    ("是", True),
    ("否", False),
    ("true", True),
    ("FALSE", False),
    ("yes", True),
    ("No", False),
    ("y", True),
    ("1", True),
    ("0", False),
    ("Ｙｅｓ", True),
    ("", False),  # an empty cell: the default
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_survey_only_words(tmp_path: Path, engine: Engine, text: str, expected: bool) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, replaced(11, f"changbai,,survey_only,{text}")))
    assert (code, evaluation.findings) == (0, ())
    assert evaluation.region("changbai").survey_only is expected
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize("text", ["maybe", "2", "否否", "truee", "-1", "是的", "0.5"])
def test_survey_only_never_truthy_by_accident(tmp_path: Path, engine: Engine, text: str) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, replaced(11, f"changbai,,survey_only,{text}")))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_field", "data.csv:11")
    assert found.path == "data.csv:11" and "是/否" in found.message.zh
    assert evaluation.region("changbai").survey_only is False
    assert_clean_elsewhere(evaluation)


# --- ids and names ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["y\x00i", "y\x07i", "\x1b[31m", "y\x7fi"])
def test_control_characters_in_a_region_id(tmp_path: Path, engine: Engine, region: str) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, with_row(f"{region},{JOBS},actual,1")))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_id", "data.csv:15")
    assert found.path == "data.csv:15"
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize(
    ("row", "where"),
    [("yi,,name,乙\x07市", "data.csv:6"), ("yi,,name_en,Yi\x1b", "data.csv:15")],
)
def test_control_characters_in_a_name_are_removed_with_a_warning(
    tmp_path: Path, engine: Engine, row: str, where: str
) -> None:
    rows = replaced(6, row) if where == "data.csv:6" else with_row(row)
    code, evaluation, _ = run(engine, write_csv(tmp_path, rows))
    assert code == 0
    found = assert_finding(evaluation.findings, "region.bad_text", where, severity="warning")
    assert found.path == where
    name = evaluation.region("yi").region.name
    assert "\x07" not in name.zh and "\x1b" not in name.en
    assert_clean_elsewhere(evaluation)


def test_utf8_without_chinese_stays_utf8(tmp_path: Path, engine: Engine) -> None:
    path = write_csv(tmp_path, replaced(6, "yi,,name,Café"))
    code, evaluation, _ = run(engine, path)
    assert code == 0 and evaluation.region("yi").region.name.zh == "Café"  # never Caf茅
    assert read_csv_data(path).encoding == "utf-8"


def test_gbk_is_read_when_not_utf8(tmp_path: Path, engine: Engine) -> None:
    path = write_csv(tmp_path, csv_rows(), encoding="gbk")
    code, evaluation, _ = run(engine, path)
    assert code == 0 and evaluation.region("changbai").region.name.zh == "长白山管委会"
    assert read_csv_data(path).encoding == "gb18030"
    assert_clean_elsewhere(evaluation)


# --- claims, located at their row ----------------------------------------------------------------------------

CLAIM_ROWS = [
    ("yi,,bonus,", "claim.bad_id"),
    ("yi,,veto,", "claim.bad_id"),
    ("yi,,deduction,", "claim.bad_id"),
    ("yi,,bonus,national_comendation", "region.unknown_bonus"),
    ("yi,,deduction,misreportin", "region.unknown_deduction"),
    ("yi,,veto,major_acident", "region.unknown_veto"),
    ("yi,,veto,y\x07", "claim.bad_id"),
]


@pytest.mark.parametrize(("row", "code"), CLAIM_ROWS, ids=[repr(r) for r, _ in CLAIM_ROWS])
def test_bad_claim_rows_are_located(tmp_path: Path, engine: Engine, row: str, code: str) -> None:
    scheme = claims_scheme(tmp_path)
    exit_code, evaluation, _ = run(engine, write_csv(tmp_path, with_row(row)), scheme)
    assert exit_code == 1
    found = assert_finding(evaluation.findings, code, "data.csv:15")
    assert found.path == "data.csv:15"
    yi = evaluation.region("yi")
    assert (yi.bonus_points, yi.deduction_points, yi.vetoes) == (0, 0, ())
    assert_clean_elsewhere(evaluation)


def test_valid_claim_rows_count(tmp_path: Path, engine: Engine) -> None:
    scheme = claims_scheme(tmp_path)
    rows = [*with_row("yi,,bonus,national_commendation"), "yi,,bonus,national_commendation", "jia,,veto,major_accident"]
    _, evaluation, _ = run(engine, write_csv(tmp_path, rows), scheme)
    assert evaluation.findings == ()
    assert evaluation.region("yi").composite == 12  # 8.00 + 2 bonuses × 2 points
    assert evaluation.region("jia").vetoes == ("major_accident",)
    assert_clean_elsewhere(evaluation, touched=["yi"])


# --- numbers written as text -----------------------------------------------------------------------------------

AMBIGUOUS = ['"4,5"', '"17,28"', '"1,23,456"', '"1.234,5"', "1 234", "95_000", '"95,00"', '"9,5.000"']


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_numbers_are_findings_at_their_row(tmp_path: Path, engine: Engine, text: str) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, replaced(3, f"jia,{JOBS},actual,{text}")))
    assert code == 1
    found = assert_finding(evaluation.findings, "input.ambiguous_number", "data.csv:3")
    assert text.strip('"') in found.message.zh and "18,596" in found.message.en
    assert_clean_elsewhere(evaluation, touched=["jia"])


@pytest.mark.parametrize("text", ['"95,000"', "95000.00", "９５０００", '"９５，０００"', "9.5e4"])
def test_documented_number_forms(tmp_path: Path, engine: Engine, text: str) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, replaced(3, f"jia,{JOBS},actual,{text}")))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)  # jia: 95000 / 100000 × 10 = 9.50


@pytest.mark.parametrize(("text", "code"), [("1" * 5000, "input.implausible"), ("NaN", "input.not_finite")])
def test_unusable_numbers(tmp_path: Path, engine: Engine, text: str, code: str) -> None:
    exit_code, evaluation, _ = run(engine, write_csv(tmp_path, replaced(3, f"jia,{JOBS},actual,{text}")))
    assert exit_code == 1
    assert_finding(evaluation.findings, code, "data.csv:3")
    assert_clean_elsewhere(evaluation, touched=["jia"])


# --- sizes and the csv module's own limits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "where"),
    [
        (f'jia,{JOBS},actual,"{"9" * 200_000}"', "data.csv:15"),
        ("jia,,name," + "甲" * 200_000, "data.csv:15"),
        ('jia,,name,"' + "x" * 10, "data.csv:15"),  # an unclosed quote runs to the end of the file
    ],
    ids=["digits", "name", "unclosed-quote"],
)
def test_a_field_beyond_the_csv_limit_is_a_located_error(tmp_path: Path, engine: Engine, row: str, where: str) -> None:
    limit = csv.field_size_limit()
    path = write_csv(tmp_path, with_row(row))
    before = files_under(tmp_path)
    code, _, output = run(engine, path)
    if row.startswith('jia,,name,"x'):  # not beyond the limit: the csv module reads to the end, a layout finding
        assert code == 1
        return
    assert code == 3
    assert where in output and "field" in output
    assert files_under(tmp_path) == before
    assert csv.field_size_limit() == limit  # never changed: it is the whole process's
    with pytest.raises(DataFileError) as caught:
        read_csv_data(path)
    assert caught.value.where.endswith(where)


def test_a_nul_byte_is_read_as_a_bad_id(tmp_path: Path, engine: Engine) -> None:
    code, evaluation, _ = run(engine, write_csv(tmp_path, with_row(f"j\x00a,{JOBS},actual,1")))
    assert code == 1
    assert_finding(evaluation.findings, "region.bad_id", "data.csv:15")
    assert_clean_elsewhere(evaluation)


def test_a_ten_megabyte_value_in_a_quoted_field_is_refused_quickly(tmp_path: Path, engine: Engine) -> None:
    path = write_csv(tmp_path, with_row(f'jia,{JOBS},actual,"{"1" * 10_000_000}"'))
    code, _, output = run(engine, path)
    assert code == 3 and "data.csv:15" in output


# --- the list of regions for a template (``targetrule template --regions``) -------------------------------------

REGION_LISTS = [
    ("regions.csv", "id,name,survey_only\r\njia,甲市,是\r\nyi,乙市,maybe\r\n", "regions.csv:3"),
    ("regions.csv", "id,name\r\njia,甲市\r\ny\x07i,乙市\r\n", "regions.csv:3"),
    ("regions.csv", 'id,name\r\njia,"' + "甲" * 200_000 + '"\r\n', "regions.csv:2"),
    ("regions.json", '[{"id": "jia", "name": "甲市", "survey_only": "maybe"}]', "survey_only"),
    ("regions.json", '[{"id": 5, "name": "甲市"}]', "$.regions[0].id"),
    ("regions.json", '[{"id": "jia", "id": "yi"}]', "$[0].id"),
    ("regions.json", "[" * 100 + "]" * 100, "regions.json"),
]


@pytest.mark.parametrize(("name", "text", "where"), REGION_LISTS, ids=[w for _, _, w in REGION_LISTS])
def test_a_bad_list_of_regions_is_refused_naming_the_place(tmp_path: Path, name: str, text: str, where: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "template.xlsx"
    result = cli("template", "tests/data/mini.toml", "--regions", path, "-o", out)
    assert result.exit_code == 3, result.output
    assert where in result.output
    assert not out.exists()


@pytest.mark.parametrize(("flag", "expected"), [("是", True), ("false", False), ("", False), ("Yes", True)])
def test_survey_only_words_in_a_list_of_regions(tmp_path: Path, flag: str, expected: bool) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(f"id,name,survey_only\r\njia,甲市,{flag}\r\n", encoding="utf-8")
    from targetrule.formats.regions_file import read_regions

    assert [r.survey_only for r in read_regions(path)] == [expected]
