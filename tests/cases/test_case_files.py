"""Case files: reading them (every problem with its path), running them (a readable diff), the CLI and pytest."""

from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule import Engine
from targetrule.cases import CaseFileError, load_cases, run_case
from targetrule.cli import main

pytest_plugins = ["pytester"]

ENGINE = Engine(entry_points=False)
ONE_ITEM = """
scheme = "jilin-2007"

[[cases]]
name = "jobs"
[[cases.regions]]
id = "a"
inputs."employment.new_urban_jobs" = {actual = 9870, target = 10000, public_welfare_posts = 800}

[cases.expect.a]
items."employment.new_urban_jobs" = {points}
"""


def write(tmp_path: Path, text: str, name: str = "my.cases.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_wrong_expectation_gives_a_readable_diff(tmp_path: Path) -> None:
    # 9,870 / 10,000 = 0.987 × 5 = 4.935 → 4.94: the case says 4.93
    [case] = load_cases(write(tmp_path, ONE_ITEM.replace("{points}", "4.93")))
    outcome = run_case(ENGINE, case)
    assert not outcome.passed
    assert (
        outcome.report("en").splitlines()[1] == "  - a item employment.new_urban_jobs: expected 4.93, got 4.94 (+0.01)"
    )
    assert "应为 4.93，实为 4.94" in outcome.report("zh")


def test_a_tolerance_lets_a_near_value_pass(tmp_path: Path) -> None:
    text = ONE_ITEM.replace("{points}", "4.93").replace('name = "jobs"', 'name = "jobs"\ntolerance = 0.01')
    [case] = load_cases(write(tmp_path, text))
    assert run_case(ENGINE, case).passed  # |4.94 − 4.93| = 0.01 ≤ 0.01


def test_names_and_none(tmp_path: Path) -> None:
    text = """
    scheme = "jilin-2007"
    [[cases]]
    name = "liaoyuan"
    example = "jilin-2007"
    [cases.expect.liaoyuan]
    grade = "excellent"
    award = false
    rank = false
    """
    [case] = load_cases(write(tmp_path, text))
    lines = run_case(ENGINE, case).report("en").splitlines()
    assert "  - liaoyuan grade: expected excellent, got pass" in lines
    assert any(line.startswith("  - liaoyuan rank: expected none, got ") for line in lines)  # vetoed, still ranked
    assert not any("award" in line for line in lines)


def test_an_unlisted_item_short_of_full_marks_is_reported(tmp_path: Path) -> None:
    text = """
    scheme = "jilin-2007"
    [[cases]]
    example = "jilin-2007"
    [cases.expect.changchun]
    other_items = "full"
    """
    [case] = load_cases(write(tmp_path, text))
    lines = run_case(ENGINE, case).report("en").splitlines()
    # 16,469.1 / 16,608.9 × 2 = 1.983… → 1.98 of 2
    assert "  - changchun item employment.guaranteed_loans: expected 2, got 1.98 (-0.02)" in lines
    assert len(lines) == 1 + 9  # the nine items of tests/cases/jilin-2007.cases.toml


def test_every_problem_of_a_case_file_with_its_path(tmp_path: Path) -> None:
    text = """
    scheme = "jilin-2007"
    colour = "red"
    [[cases]]
    name = "x"
    regions = []
    example = "jilin-2007"
    [[cases]]
    name = "y"
    example = "jilin-2007"
    tolerance = -1
    [cases.expect.a]
    composite = "high"
    itmes = {}
    """
    with pytest.raises(CaseFileError) as caught:
        load_cases(write(tmp_path, text))
    paths = [f.path.split(": ", 1)[1] for f in caught.value.findings]
    assert paths == [
        "$.colour",
        "$.cases[0]",  # both regions and example
        "$.cases[1].tolerance",
        "$.cases[1].expect.a.itmes",
        "$.cases[1].expect.a.composite",
    ]
    assert all(f.path.startswith(str(tmp_path)) and f.code == "cases.malformed" for f in caught.value.findings)
    assert "expected a number" in caught.value.findings[-1].message.en


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write(tmp_path, ONE_ITEM.replace("{points}", "4.94"), "good.cases.toml")
    bad = write(tmp_path, ONE_ITEM.replace("{points}", "4.93"), "bad.cases.toml")
    result = runner.invoke(main, ["--no-entry-points", "test", str(good), "--lang", "en"])
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "1 passed, 0 failed"
    result = runner.invoke(main, ["--no-entry-points", "test", str(good), str(bad), "--lang", "en"])
    assert result.exit_code == 1
    assert "  - a item employment.new_urban_jobs: expected 4.93, got 4.94 (+0.01)" in result.output.splitlines()
    result = runner.invoke(main, ["--no-entry-points", "test", str(bad), "--json"])
    document = json.loads(result.output)
    assert (document["passed"], document["failed"]) == (0, 1)
    assert document["cases"][0]["mismatches"][0]["got"] == "4.94"
    result = runner.invoke(main, ["--no-entry-points", "test", str(tmp_path / "missing.cases.toml")])
    assert result.exit_code == 3 and "file not found" in result.output
    broken = write(tmp_path, "cases = 1\n", "broken.cases.toml")
    result = runner.invoke(main, ["--no-entry-points", "test", str(broken)])
    assert result.exit_code == 3 and "$.cases" in result.output


def test_pytest_collects_case_files(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".cases.toml", good=ONE_ITEM.replace("{points}", "4.94"), bad=ONE_ITEM.replace("{points}", "4.93")
    )
    result = pytester.runpytest("-p", "no:cacheprovider")  # the targetrule plugin comes by its entry point
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*a item employment.new_urban_jobs: expected 4.93, got 4.94 (+0.01)*"])
    assert "Traceback" not in result.stdout.str()


def test_the_expected_values_are_decimals(tmp_path: Path) -> None:
    [case] = load_cases(write(tmp_path, ONE_ITEM.replace("{points}", "4.94")))
    assert case.expectations[0].expected == D("4.94")  # TOML's 4.94, exactly, not a binary float


DOC = Path(__file__).resolve().parents[2] / "docs" / "case-files.md"


def test_the_documented_case_file_holds(tmp_path: Path) -> None:
    [block] = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    outcomes = [run_case(ENGINE, case) for case in load_cases(write(tmp_path, block))]
    assert [o.passed for o in outcomes] == [True, True], [o.report() for o in outcomes]


def test_the_documented_python_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    [block] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(DOC.parent.parent)
    exec(compile(block, str(DOC), "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["ok"] * 5  # the five cases of tests/cases/jilin-2007.cases.toml
