"""The province's targets (targetrule.targets), its targets files, and the scheme's province-wide limits."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine, Scheme
from targetrule.formats.targets_file import read_targets
from targetrule.submissions import read_submissions
from targetrule.targets import Targets, apply_targets

JOBS = "employment.new_urban_jobs"
RATE = "employment.registered_unemployment_rate"


@pytest.fixture(scope="module")
def jilin(engine: Engine) -> Scheme:
    return engine.load_scheme("jilin-2007")


def example() -> dict[str, Any]:
    text = (resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def two_cities(jobs_target: Any = 110700, ceiling: Any = 4.5) -> dict[str, Any]:
    return {
        "regions": [
            {
                "id": "changchun",
                "inputs": {JOBS: {"actual": 113826, "target": jobs_target}, RATE: {"ceiling": ceiling}},
            },
            {"id": "jilin", "inputs": {JOBS: {"actual": 66118, "target": 63800}}},
        ]
    }


def signed() -> Targets:
    values = {
        ("changchun", JOBS, "target"): Decimal(110700),
        ("changchun", RATE, "ceiling"): Decimal("4.5"),
        ("jilin", JOBS, "target"): Decimal(63800),
    }
    return Targets("jilin-2007", values, {("changchun", JOBS, "target"): "targets.csv:2"}, "targets.csv", "ab" * 32)


def test_the_provinces_value_is_used_and_the_difference_shown(jilin: Scheme) -> None:
    applied = apply_targets(jilin, read_submissions(two_cities(jobs_target=100000)), signed())
    assert applied.regions[0].inputs[JOBS]["target"] == Decimal(110700)  # the province's, not the 100,000
    differs = [f for f in applied.findings if f.code == "targets.differs"]
    assert len(differs) == 1 and not differs[0].is_error
    assert differs[0].value == "100000" and differs[0].path == "$.regions[0].inputs['employment.new_urban_jobs'].target"
    assert "报表填 100000，省定目标为 110,700（targets.csv:2）" in differs[0].message.zh
    assert applied.regions[0].sources[f"{JOBS}.target"].endswith("targets.csv:2")


def test_the_same_value_written_differently_is_no_difference(jilin: Scheme) -> None:
    applied = apply_targets(jilin, read_submissions(two_cities(jobs_target="110,700", ceiling="4.50")), signed())
    assert not [f for f in applied.findings if f.code == "targets.differs"]


def test_a_target_the_file_sets_for_others_but_not_this_region_is_a_warning(jilin: Scheme) -> None:
    document = two_cities()
    document["regions"][1]["inputs"][RATE] = {"ceiling": 4.5}  # jilin: no ceiling in the targets
    applied = apply_targets(jilin, read_submissions(document), signed())
    missing = [f for f in applied.findings if f.code == "targets.missing"]
    assert [(f.region, f.indicator, f.input) for f in missing] == [("jilin", RATE, "ceiling")]
    assert applied.regions[1].inputs[RATE]["ceiling"] == 4.5  # kept as reported


def test_targets_not_set_by_the_file_are_said_to_be_self_reported_once(jilin: Scheme) -> None:
    applied = apply_targets(jilin, read_submissions(two_cities()), signed())
    partly = [f for f in applied.findings if f.code == "targets.partly_self_reported"]
    # jilin-2007 has 34 target inputs: 8 in employment, 9 in training, 3 in pensions, 2 in unemployment
    # insurance, 4 in medical, 3 in injury/maternity, 2 in the golden insurance project, 3 in dibao
    # (8 + 9 + 3 + 2 + 4 + 3 + 2 + 3 = 34); the file sets 2 of them (jobs target, ceiling): 34 - 2 = 32
    assert len(partly) == 1 and "32 target inputs" in partly[0].message.en


def test_without_a_targets_file_one_warning_and_nothing_changed(jilin: Scheme) -> None:
    submissions = read_submissions(two_cities(jobs_target=100000))
    applied = apply_targets(jilin, submissions, None)
    assert [f.code for f in applied.findings] == ["targets.self_reported"]
    assert applied.regions == submissions.regions
    no_targets = read_submissions({"regions": [{"id": "x", "inputs": {JOBS: {"actual": 1}}}]})
    assert apply_targets(jilin, no_targets, None) is no_targets  # nothing self-reported to warn about


def test_the_targets_file_is_hashed_into_the_input(engine: Engine, jilin: Scheme) -> None:
    submissions = read_submissions(example())
    plain = engine.evaluate(jilin, submissions).provenance.input_sha256
    one = engine.evaluate(jilin, apply_targets(jilin, submissions, signed())).provenance.input_sha256
    other = Targets("jilin-2007", signed().values, {}, "targets.csv", "cd" * 32)
    two = engine.evaluate(jilin, apply_targets(jilin, submissions, other)).provenance.input_sha256
    assert len({plain, one, two}) == 3


def test_a_csv_targets_file_names_its_rows(tmp_path: Path, jilin: Scheme) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(
        "region,indicator,input,value\n"
        f"changchun,{JOBS},target,110700\n"
        f"changchun,{RATE},ceiling,4.5\n"
        f"jilin,{JOBS},actual,66118\n"
        f"jilin,{JOBS},target,many\n",
        encoding="utf-8",
    )
    targets = read_targets(path, jilin)
    assert targets.values == {
        ("changchun", JOBS, "target"): Decimal(110700),
        ("changchun", RATE, "ceiling"): Decimal("4.5"),
    }
    assert targets.where[("changchun", RATE, "ceiling")] == "targets.csv:3"
    assert [(f.code, f.path) for f in targets.findings] == [
        ("targets.not_a_target", "targets.csv:4"),
        ("targets.bad_value", "targets.csv:5"),
    ]
    assert all(f.is_error for f in targets.findings)
    assert len(targets.sha256) == 64


def test_a_json_targets_file_of_another_scheme_is_an_error(tmp_path: Path, jilin: Scheme) -> None:
    path = tmp_path / "targets.json"
    path.write_text(
        json.dumps({"scheme": "jilin-2006", "regions": [{"id": "changchun", "inputs": {JOBS: {"target": 1}}}]})
    )
    targets = read_targets(path, jilin)
    assert [f.code for f in targets.findings] == ["targets.wrong_scheme"]
    assert targets.values == {("changchun", JOBS, "target"): Decimal(1)}


def test_an_xlsx_targets_file_is_a_template_whose_targets_sheet_is_filled(tmp_path: Path, jilin: Scheme) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from targetrule.formats.template_xlsx import build_template
    from targetrule.submissions import Region
    from targetrule.text import Label

    path = tmp_path / "targets.xlsx"
    path.write_bytes(build_template(jilin, [Region("changchun", Label("长春市", "Changchun"))]))
    book = openpyxl.load_workbook(path)
    sheet = book["目标"]
    keys = {sheet.cell(5, c).value: c for c in range(1, sheet.max_column + 1)}
    sheet.cell(6, keys[f"{JOBS}.target"]).value = 110700
    book.save(path)
    targets = read_targets(path, jilin)
    column = "ABCDEFGHIJ"[keys[f"{JOBS}.target"] - 1]
    assert targets.values == {("changchun", JOBS, "target"): Decimal(110700)}
    assert targets.where[("changchun", JOBS, "target")] == f"{path} 目标!{column}6"


def test_a_ceiling_above_the_provinces_limit_is_an_error(engine: Engine, jilin: Scheme) -> None:
    document = example()
    document["regions"][1]["inputs"][RATE]["ceiling"] = 5.0  # jilin gives itself 5.0%
    evaluation = engine.evaluate(jilin, document)
    exceeded = [f for f in evaluation.region("jilin").findings if f.code == "limit.exceeded"]
    assert len(exceeded) == 1 and exceeded[0].is_error
    assert "为 5.0，超过全省限值 4.5" in exceeded[0].message.zh
    assert not evaluation.ranked  # strict mode does not rank on it
    at_limit = example()  # 4.5 is within "at most 4.5"
    assert not [f for f in engine.evaluate(jilin, at_limit).findings if f.code == "limit.exceeded"]


def test_the_province_s_target_replaces_a_ceiling_beyond_the_limit(engine: Engine, jilin: Scheme) -> None:
    document = copy.deepcopy(example())
    document["regions"][0]["inputs"][RATE]["ceiling"] = 5.0
    province = Targets("jilin-2007", {("changchun", RATE, "ceiling"): Decimal("4.5")}, origin="targets.csv")
    evaluation = engine.evaluate(jilin, apply_targets(jilin, read_submissions(document), province))
    codes = [f.code for f in evaluation.findings] + [f.code for r in evaluation.regions for f in r.findings]
    assert "limit.exceeded" not in codes and "targets.differs" in codes


def test_a_limit_on_an_unknown_input_is_a_scheme_error(engine: Engine, tmp_path: Path) -> None:
    from targetrule.findings import FindingsError

    text = (resources.files("targetrule") / "schemes" / "jilin-2007.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('input = "ceiling"', 'input = "cieling"'), encoding="utf-8")
    with pytest.raises(FindingsError) as caught:
        engine.load_scheme(path)
    assert [(f.code, f.path, f.suggestion) for f in caught.value.findings] == [
        ("scheme.bad_reference", "$.limits[0].input", "ceiling")
    ]
