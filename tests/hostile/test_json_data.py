"""Bad data in a JSON submission is a located finding (``$.regions[1].survey_only``), never a silent change.

Each case spoils one field of region ``yi`` (``$.regions[1]``) of ``mini_data()`` and asserts the
exit code of ``targetrule validate``, the finding's code and JSON path, no traceback, and the
hand-computed composites of the other regions (harness ``CLEAN``: jia 9.50, yi 8.00, changbai 9.00).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import CLEAN, JOBS, assert_clean_elsewhere, assert_finding, cli, files_under, mini_data, spoiled
from hostile.readers_kit import claims_scheme, run
from targetrule import Engine
from targetrule.formats.errors import DataFileError
from targetrule.formats.json_data import read_json_data
from targetrule.submissions import MAX_DEPTH, read_submissions

YI = "$.regions[1]"
ACTUAL = f"$.regions[0].inputs['{JOBS}'].actual"  # jia's reported figure


def _write(folder: Path, document: Any) -> Path:
    """``document`` as JSON with every non-ASCII character escaped (so a lone surrogate is written as \\ud800)."""
    path = folder / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# --- flags: only true/false and the documented synonyms ---------------------------------------------

ACCEPTED_FLAGS = [
    (True, True),
    (False, False),
    ("true", True),
    ("false", False),
    ("FALSE", False),
    (" yes ", True),
    ("no", False),
    ("Y", True),
    ("n", False),
    ("1", True),
    ("0", False),
    (1, True),
    (0, False),
    ("是", True),
    ("否", False),
    ("有", True),
    ("无", False),
    ("√", True),
    ("×", False),
    ("ＹＥＳ", True),  # full-width letters read as ASCII (NFKC)
    ("１", True),
]


@pytest.mark.parametrize(("raw", "expected"), ACCEPTED_FLAGS, ids=[repr(r) for r, _ in ACCEPTED_FLAGS])
def test_survey_only_synonyms(tmp_path: Path, engine: Engine, raw: Any, expected: bool) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", survey_only=raw)))
    assert evaluation.findings == ()
    assert evaluation.region("yi").survey_only is expected
    assert code == 0
    assert_clean_elsewhere(evaluation)  # yi keeps 8.00 either way: survey-only regions are still scored


REJECTED_FLAGS = ["maybe", "", "truee", "否否", "2", 2, -1, 0.5, [], {}, "yes!", "off"]


@pytest.mark.parametrize("raw", REJECTED_FLAGS, ids=[repr(r) for r in REJECTED_FLAGS])
def test_survey_only_never_truthy_by_accident(tmp_path: Path, engine: Engine, raw: Any) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", survey_only=raw)))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_field", f"{YI}.survey_only", severity="error")
    assert found.path == f"{YI}.survey_only" and found.region == "yi"
    assert "是/否" in found.message.zh and "yes/no" in found.message.en
    assert evaluation.region("yi").survey_only is False  # read as the default, and said so
    assert_clean_elsewhere(evaluation)


# --- ids: non-empty text ------------------------------------------------------------------------------

BAD_IDS = [5, 5.5, True, "", "   ", [], {"zh": "乙"}, "y\x00i", "y\ni", "y\ud800i", "\x7f"]


@pytest.mark.parametrize("raw", BAD_IDS, ids=[repr(r) for r in BAD_IDS])
def test_bad_region_id_is_a_finding_never_a_region(tmp_path: Path, engine: Engine, raw: Any) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", id=raw)))
    assert code == 1
    found = assert_finding(evaluation.findings, "region.bad_id", f"{YI}.id")
    assert found.path == f"{YI}.id"
    assert [r.region.id for r in evaluation.regions] == ["jia", "changbai"]  # never "None" or "5"
    assert_clean_elsewhere(evaluation, touched=["yi"])


def test_null_region_id_is_a_missing_id(tmp_path: Path, engine: Engine) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", id=None)))
    assert code == 1
    assert_finding(evaluation.findings, "region.missing_id", f"{YI}.id")
    assert "None" not in [r.region.id for r in evaluation.regions]
    assert_clean_elsewhere(evaluation, touched=["yi"])


# --- other region fields ------------------------------------------------------------------------------

BAD_FIELDS = [
    ("kind", 5),
    ("kind", ""),
    ("kind", ["city"]),
    ("parent", 5),
    ("parent", ""),
    ("parent", {"id": "jia"}),
    ("name", 5),
    ("name", {"zh": 1, "en": "Yi"}),
    ("name", {"fr": "Yi"}),
    ("name", ["乙市"]),
    ("bonuses", "national_commendation"),
    ("vetoes", "major_accident"),
    ("sources", ["年报"]),
    ("verified", [1]),
]


@pytest.mark.parametrize(("key", "raw"), BAD_FIELDS, ids=[f"{k}={v!r}" for k, v in BAD_FIELDS])
def test_bad_region_field_is_located_and_the_region_kept(tmp_path: Path, engine: Engine, key: str, raw: Any) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", **{key: raw})))
    assert code == 1
    assert_finding(evaluation.findings, "region.bad_field", f"{YI}.{key}")
    assert evaluation.region("yi").composite == CLEAN["yi"]  # the rest of the region is kept
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize(
    ("name", "where"),
    [("乙\x07市", ".name"), ({"zh": "乙市", "en": "Yi\x1b[31m"}, ".name.en"), ("乙\ud800市", ".name")],
    ids=["bell", "escape", "lone-surrogate"],
)
def test_control_characters_in_names_are_removed_with_a_warning(
    tmp_path: Path, engine: Engine, name: Any, where: str
) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(spoiled("yi", name=name)), encoding="utf-8")  # \ud800 escaped, as JSON allows
    code, evaluation, _ = run(engine, path)
    assert code == 0  # a warning: the cleaned name is used
    assert_finding(evaluation.findings, "region.bad_text", f"{YI}{where}", severity="warning")
    names = evaluation.region("yi").region.name
    assert "\x07" not in names.zh + names.en and "\x1b" not in names.en and "\ud800" not in names.zh
    out = tmp_path / "OUT"
    assert cli("evaluate", "tests/data/mini.toml", path, "-o", out, "--format", "json,csv,xlsx").exit_code == 0
    assert_clean_elsewhere(evaluation)


UNUSABLE = [
    ("inputs", {"x\ud800\x07": {"actual": 1}}, "$.regions[1].inputs['x\\ud800\\x07']"),
    ("inputs", {JOBS: {"actual": 80000, "target": 100000, "public_welfare_posts": 500, "z\x08": 1}}, "['z\\x08']"),
    ("verified", {"x\ud800": {"actual": {"value": 1}}}, "$.regions[1].verified['x\\ud800']"),
    ("verified", {JOBS: {"actual": {"value": 80000, "by": "\x07"}}}, f"$.regions[1].verified['{JOBS}']"),
]


@pytest.mark.parametrize(("key", "raw", "where"), UNUSABLE, ids=["indicator", "input", "verified-key", "verified-by"])
def test_unusable_text_in_keys_is_left_out_and_results_are_written(
    tmp_path: Path, engine: Engine, key: str, raw: Any, where: str
) -> None:
    data = spoiled("yi", **{key: raw})
    if key == "inputs" and JOBS not in raw:
        data["regions"][1]["inputs"] = {**mini_data()["regions"][1]["inputs"], **raw}
    path = _write(tmp_path, data)
    code, evaluation, _ = run(engine, path)
    assert code == 1
    found = assert_finding(evaluation.findings, "region.unusable_text", where)
    str(found).encode("utf-8")
    assert evaluation.region("yi").composite == CLEAN["yi"]  # nothing else of yi is lost
    out = tmp_path / "OUT"
    assert cli("evaluate", "tests/data/mini.toml", path, "-o", out, "--format", "json,csv,xlsx").exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["indicators.csv", "ranking.csv", "results.json", "results.xlsx"]
    assert_clean_elsewhere(evaluation)


def test_unknown_region_field_suggests_the_right_one(tmp_path: Path, engine: Engine) -> None:
    data = mini_data()
    data["regions"][1]["survey-only"] = True
    code, evaluation, _ = run(engine, _write(tmp_path, data))
    assert code == 1
    found = assert_finding(evaluation.findings, "submission.malformed", f"{YI}['survey-only']")
    assert found.suggestion == "survey_only"
    assert_clean_elsewhere(evaluation)


# --- claims: whole counts ≥ 0, points ≥ 0, known ids ---------------------------------------------------

BONUS = "national_commendation"
BAD_CLAIMS = [
    ("bonuses", {"id": BONUS, "count": -2}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": 1.7}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": "2"}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": True}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": None}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": 10**7}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "count": 10**4000}, "claim.bad_count", ".count"),
    ("bonuses", {"id": BONUS, "points": -3}, "claim.bad_points", ".points"),
    ("bonuses", {"id": BONUS, "points": "abc"}, "claim.bad_points", ".points"),
    ("bonuses", {"id": BONUS, "points": "NaN"}, "claim.bad_points", ".points"),
    ("bonuses", {"id": BONUS, "points": False}, "claim.bad_points", ".points"),
    ("bonuses", {"id": BONUS, "points": [2]}, "claim.bad_points", ".points"),
    ("bonuses", {"count": 1}, "claim.bad_id", ".id"),
    ("bonuses", {"id": "", "count": 1}, "claim.bad_id", ".id"),
    ("bonuses", {"id": 7, "count": 1}, "claim.bad_id", ".id"),
    ("bonuses", "national_commendation", "claim.malformed", ""),
    ("bonuses", {"id": BONUS, "cnt": 2}, "claim.malformed", ".cnt"),
    ("bonuses", {"id": BONUS, "note": 5}, "claim.malformed", ".note"),
    ("deductions", {"id": "misreporting", "count": -1}, "claim.bad_count", ".count"),
    ("deductions", {"id": "misreporting", "count": 0.5}, "claim.bad_count", ".count"),
    ("deductions", {"id": "misreporting", "points": -5}, "claim.bad_points", ".points"),
    ("deductions", {"id": None}, "claim.bad_id", ".id"),
]


@pytest.mark.parametrize(
    ("key", "claim", "code", "where"), BAD_CLAIMS, ids=[f"{k}:{c!r}"[:60] for k, c, _, _ in BAD_CLAIMS]
)
def test_bad_claim_is_dropped_never_added_or_truncated(
    tmp_path: Path, engine: Engine, key: str, claim: Any, code: str, where: str
) -> None:
    scheme = claims_scheme(tmp_path)
    exit_code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", **{key: [claim]})), scheme)
    assert exit_code == 1
    found = assert_finding(evaluation.findings, code, f"{YI}.{key}[0]{where}")
    assert found.path == f"{YI}.{key}[0]{where}" and found.region == "yi"
    yi = evaluation.region("yi")
    assert (yi.bonus_points, yi.deduction_points, yi.composite) == (0, 0, CLEAN["yi"])  # the claim is not used
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize(
    ("key", "claim", "expected"),
    [
        ("bonuses", {"id": BONUS}, "10.00"),  # 8.00 + 2 (one bonus of 2 points)
        ("bonuses", {"id": BONUS, "count": 2.0}, "12.00"),  # 2.0 is a whole 2: 8.00 + 2 × 2
        ("bonuses", {"id": BONUS, "count": 0}, "8.00"),  # claimed zero times: 8.00 + 0
        ("bonuses", {"id": BONUS, "points": "1.5"}, "9.50"),  # stated points within 2: 8.00 + 1.5
        ("deductions", {"id": "misreporting"}, "3.00"),  # 8.00 − 5
        ("deductions", {"id": "misreporting", "points": 0}, "8.00"),  # 8.00 − 0
    ],
)
def test_valid_claims_still_count(tmp_path: Path, engine: Engine, key: str, claim: Any, expected: str) -> None:
    scheme = claims_scheme(tmp_path)
    _, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", **{key: [claim]})), scheme)
    assert evaluation.findings == ()
    assert evaluation.region("yi").composite == Decimal(expected)
    assert_clean_elsewhere(evaluation, touched=["yi"])


BAD_VETOES = [
    ([1], "claim.bad_id", ".vetoes[0]"),
    ([None], "claim.bad_id", ".vetoes[0]"),
    ([""], "claim.bad_id", ".vetoes[0]"),
]


@pytest.mark.parametrize(("vetoes", "code", "where"), BAD_VETOES, ids=[repr(v) for v, _, _ in BAD_VETOES])
def test_bad_veto_id_is_a_finding_never_text(
    tmp_path: Path, engine: Engine, vetoes: Any, code: str, where: str
) -> None:
    scheme = claims_scheme(tmp_path)
    exit_code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", vetoes=vetoes)), scheme)
    assert exit_code == 1
    assert_finding(evaluation.findings, code, f"{YI}{where}")
    assert evaluation.region("yi").vetoes == ()  # never a veto called "1" or "None"
    assert_clean_elsewhere(evaluation)


@pytest.mark.parametrize(
    ("key", "claim", "code", "suggestion"),
    [
        ("vetoes", "major_acident", "region.unknown_veto", "major_accident"),
        ("bonuses", {"id": "national_comendation"}, "region.unknown_bonus", BONUS),
        ("deductions", {"id": "misreportin"}, "region.unknown_deduction", "misreporting"),
    ],
)
def test_unknown_claim_reaches_the_results_with_did_you_mean(
    tmp_path: Path, engine: Engine, key: str, claim: Any, code: str, suggestion: str
) -> None:
    scheme = claims_scheme(tmp_path)
    exit_code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", **{key: [claim]})), scheme)
    assert exit_code == 1
    found = assert_finding(evaluation.findings, code, f"{YI}.{key}[0]")
    assert found.suggestion == suggestion
    assert_finding(evaluation.region("yi").findings, code, f"{YI}.{key}[0]")  # on the region's result too
    assert not evaluation.ranked  # an error: strict mode does not rank
    assert_clean_elsewhere(evaluation)


def test_declared_veto_applies(tmp_path: Path, engine: Engine) -> None:
    scheme = claims_scheme(tmp_path)
    _, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", vetoes=["major_accident"])), scheme)
    assert evaluation.findings == ()
    assert evaluation.region("yi").vetoes == ("major_accident",)
    assert_clean_elsewhere(evaluation)


# --- duplicate keys -------------------------------------------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


DUPLICATES = [
    ('"id": "yi"', '"id": "yi", "id": "jia"', f"{YI}.id"),
    ('"survey_only": true', '"survey_only": true, "survey_only": false', "$.regions[2].survey_only"),
    ('"actual": 95000', '"actual": 95000, "actual": 1', ACTUAL),
    ('"scheme": "mini"', '"scheme": "mini", "scheme": "other"', "$.scheme"),
    ('"zh": "乙市"', '"zh": "乙市", "zh": "丙市"', f"{YI}.name.zh"),
    (f'"{JOBS}": {{"actual": 80000', f'"{JOBS}": {{}}, "{JOBS}": {{"actual": 80000', f"{YI}.inputs['{JOBS}']"),
]


@pytest.mark.parametrize(("old", "new", "where"), DUPLICATES, ids=[w for _, _, w in DUPLICATES])
def test_duplicate_key_is_a_finding_never_last_one_wins(
    tmp_path: Path, engine: Engine, old: str, new: str, where: str
) -> None:
    path = tmp_path / "data.json"
    path.write_text(_replace_once(json.dumps(mini_data(), ensure_ascii=False), old, new), encoding="utf-8")
    code, evaluation, _ = run(engine, path)
    assert code == 1
    found = assert_finding(evaluation.findings, "submission.duplicate_key", where)
    assert found.path == where
    # the first value is kept: every composite as before (yi's first entry for the indicator is empty)
    assert_clean_elsewhere(evaluation, touched=["yi"] if "inputs" in where and "regions[1]" in where else [])


# --- numbers written as text -------------------------------------------------------------------------

AMBIGUOUS = ["95,00", "9,5000", "9,50,00", "95.000,0", "95 000", "95_000", "95'000", "9,5.000"]


@pytest.mark.parametrize("text", ["9.5.000", "95000,", "约95000", "95000人", "一千"])
def test_other_text_is_not_a_number(tmp_path: Path, engine: Engine, text: str) -> None:
    data = mini_data()
    data["regions"][0]["inputs"][JOBS]["actual"] = text
    code, evaluation, _ = run(engine, _write(tmp_path, data))
    assert code == 1
    assert_finding(evaluation.findings, "input.not_a_number", ACTUAL)
    assert_clean_elsewhere(evaluation, touched=["jia"])


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_number_is_a_finding_showing_what_was_read(tmp_path: Path, engine: Engine, text: str) -> None:
    data = mini_data()
    data["regions"][0]["inputs"][JOBS]["actual"] = text
    code, evaluation, _ = run(engine, _write(tmp_path, data))
    assert code == 1
    found = assert_finding(evaluation.findings, "input.ambiguous_number", ACTUAL)
    assert repr(text) in found.message.zh and "18,596" in found.message.en
    assert evaluation.region("jia").indicator(JOBS).status.value == "not_scored"
    assert_clean_elsewhere(evaluation, touched=["jia"])


ACCEPTED_TEXT = ["95000", "95,000", " 95,000 ", "95000.0", "９５０００", "９５，０００", "9.5e4", "+95000"]


@pytest.mark.parametrize("text", ACCEPTED_TEXT)
def test_documented_number_forms_are_read(tmp_path: Path, engine: Engine, text: str) -> None:
    data = mini_data()
    data["regions"][0]["inputs"][JOBS]["actual"] = text
    code, evaluation, _ = run(engine, _write(tmp_path, data))
    assert (code, evaluation.findings) == (0, ())
    assert_clean_elsewhere(evaluation)  # jia: 95000 / 100000 × 10 = 9.50, however it was written


# --- sizes ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal", ["1" * 5000, "9" * 100_000, "1e999999999", "1" + "0" * 4300 + ".5", "-" + "1" * 5000]
)
def test_huge_numbers_are_implausible_not_a_crash(tmp_path: Path, engine: Engine, literal: str) -> None:
    path = tmp_path / "data.json"
    text = json.dumps(mini_data()).replace('"actual": 95000', f'"actual": {literal}', 1)
    path.write_text(text, encoding="utf-8")
    code, evaluation, _ = run(engine, path)
    assert code == 1
    found = evaluation.findings[0]
    assert (found.code, found.path) in {("input.implausible", ACTUAL), ("input.below_minimum", ACTUAL)}
    assert_clean_elsewhere(evaluation, touched=["jia"])


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000, 200_000])
def test_deep_nesting_is_a_clean_error(tmp_path: Path, engine: Engine, depth: int) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"regions": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    before = files_under(tmp_path)
    code, _, output = run(engine, path)
    assert code == 3
    assert "嵌套" in output and "nested" in output
    assert files_under(tmp_path) == before
    with pytest.raises(DataFileError):
        read_json_data(path)


def test_deep_nesting_through_the_library_is_a_finding(tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "data.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    evaluation = engine.evaluate(engine.load_scheme("tests/data/mini.toml"), path)
    assert_finding(evaluation.findings, "submission.malformed", str(path))


def test_a_long_name_is_kept(tmp_path: Path, engine: Engine) -> None:
    code, evaluation, _ = run(engine, _write(tmp_path, spoiled("yi", name="乙" * 1_000_000)))
    assert code == 0 and len(evaluation.region("yi").region.name.zh) == 1_000_000
    assert_clean_elsewhere(evaluation)


# --- text encoding ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Café", "Zürich", "São Paulo", "Ελλάδα", "ί"])
def test_valid_utf8_is_utf8(tmp_path: Path, engine: Engine, name: str) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(json.dumps(spoiled("yi", name=name), ensure_ascii=False).encode("utf-8"))
    code, evaluation, _ = run(engine, path)
    assert code == 0 and evaluation.region("yi").region.name.zh == name
    assert read_json_data(path).encoding == "utf-8"


def test_gbk_is_read_when_not_utf8(tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(json.dumps(mini_data(), ensure_ascii=False).encode("gbk"))
    code, evaluation, _ = run(engine, path)
    assert code == 0 and evaluation.region("changbai").region.name.zh == "长白山管委会"
    assert_clean_elsewhere(evaluation)


# --- the document model directly --------------------------------------------------------------------------


def test_read_submissions_reports_every_bad_field_at_once() -> None:
    data = read_submissions(
        [
            {"id": "a", "survey_only": "false", "bonuses": [{"id": "x", "count": -2}], "vetoes": [1]},
            {"id": None},
            {"id": 5},
        ]
    )
    assert [r.region.id for r in data.regions] == ["a"]
    assert data.regions[0].region.survey_only is False  # "false" is false, never bool("false")
    assert [(f.code, f.path) for f in data.findings] == [
        ("claim.bad_count", "$.regions[0].bonuses[0].count"),
        ("claim.bad_id", "$.regions[0].vetoes[0]"),
        ("region.missing_id", "$.regions[1].id"),
        ("region.bad_id", "$.regions[2].id"),
    ]
