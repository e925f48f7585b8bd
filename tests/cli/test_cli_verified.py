"""`--verified`: figures the inspection team verified are scored, listed, charged, and shown in the report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from mini_scheme import JOBS
from targetrule.cli import main


def test_verified_figures_change_the_score_and_appear_in_results_and_report(tmp_path: Path) -> None:
    verifications = tmp_path / "verified.json"
    verifications.write_text(
        json.dumps(
            {
                "verifications": [
                    {
                        "region": "changchun",
                        "indicator": JOBS,
                        "input": "actual",
                        "value": 100000,
                        "by": "督查考评组第一组",
                        "on": "2007-12-05",
                        "source": "抽查就业花名册",
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["evaluate", "jilin-2007", "--example", "--verified", str(verifications), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--format", "json,html"])
    assert result.exit_code == 0, result.output
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    changchun = next(r for r in document["regions"] if r["region"]["id"] == "changchun")
    [found] = changchun["discrepancies"]
    assert (found["reported"], found["verified"], found["beyond_tolerance"]) == ("113826", "100000", True)
    # Reported 113,826 of a 110,700 target scored the full 5.00. Verified 100,000 / 110,700 = 0.90334 × 5
    # = 4.5167 -> 4.52, so 0.48 is lost; misreporting beyond the 5% tolerance (|100,000 − 113,826| ÷
    # 100,000 = 13.83%) costs the scheme's misreporting deduction of 5 points: 101.48 − 0.48 − 5 = 96.00.
    assert Decimal(changchun["composite"]) == Decimal("96.00")
    assert changchun["award"] is None and not changchun["eligible_for_awards"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "核实与上报不一致" in report
    assert "上报 113,826，核实 100,000" in report
    assert "不评奖：弄虚作假（经核实）" in report  # the ranking table says why a ranked city has no award


def test_a_missing_verifications_file_is_unreadable_input(tmp_path: Path) -> None:
    # exit code 3, as for a missing DATA file (docs/cli/index.md), with both languages
    result = CliRunner().invoke(main, ["evaluate", "jilin-2007", "--example", "--verified", str(tmp_path / "no.json")])
    assert result.exit_code == 3
    assert "no.json" in result.output
    assert "文件不存在" in result.output and "file not found" in result.output
