"""The commands over modules beside the engine: compare, spot-check and new-plugin."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mini_scheme import MINI, mini_data
from targetrule.cli import main

COUNTIES = """id,name,kind,parent,survey_only
c1,甲市,city,,
k1,一县,county,c1,
k2,二县,county,c1,
k3,三县,county,c1,
c2,乙市,city,,
k4,四县,county,c2,
s1,调研区,committee,,是
"""


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_compare_two_schemes(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(mini_data(), ensure_ascii=False), encoding="utf-8")
    doubled = tmp_path / "doubled.toml"
    text = MINI.read_text(encoding="utf-8")
    # the same scheme with every point doubled: area 20, its one indicator 20, total 20
    doubled.write_text(
        text.replace('id = "mini"', 'id = "doubled"').replace("points = 10", "points = 20"),
        encoding="utf-8",
    )
    result = run("compare", MINI, doubled, data, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.compare/1"
    jia = next(r for r in document["regions"] if r["region"] == "jia")
    # 95000 / 100000 = 0.95: 0.95 × 10 = 9.50 under mini, 0.95 × 20 = 19.00 under the doubled scheme
    assert (jia["composite_a"], jia["composite_b"], jia["change"]) == ("9.50", "19.00", "9.50")
    assert (jia["rank_a"], jia["rank_b"]) == (1, 1)
    text_zh = run("compare", MINI, doubled, data).stdout
    assert "甲市：综合 9.50 → 19.00（+9.50）" in text_zh
    assert "Jia: composite 9.50 → 19.00 (+9.50)" in run("compare", MINI, doubled, data, "--lang", "en").stdout
    assert run("compare", MINI, "nosuch-scheme", data).exit_code == 3


def expected_draw(seed: int, city: str, counties: list[str], count: int) -> list[str]:
    """The documented method, written out: sort by sha256("targetrule.spot_check/1␟seed␟city␟county")."""

    def key(county: str) -> str:
        return hashlib.sha256("\x1f".join(("targetrule.spot_check/1", str(seed), city, county)).encode()).hexdigest()

    return sorted(counties, key=key)[:count]


def test_spot_check(tmp_path: Path) -> None:
    regions = tmp_path / "counties.csv"
    regions.write_text(COUNTIES, encoding="utf-8")
    result = run("spot-check", regions, "--seed", "2007", "--count", "2", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.spot-check/1"
    draws = {d["city"]: d["counties"] for d in document["draws"]}
    assert draws == {
        "c1": expected_draw(2007, "c1", ["k1", "k2", "k3"], 2),
        "c2": ["k4"],  # one county only: all drawn, with a finding
    }
    assert [f["code"] for f in document["findings"]] == ["spot_check.too_few"]
    again = json.loads(run("spot-check", regions, "--seed", "2007", "--count", "2", "--json").stdout)
    assert again == document  # reproducible from the seed
    table = run("spot-check", regions, "--seed", "2007").stdout
    assert "甲市" in table and "调研区" not in table  # survey-only regions are left out


@pytest.mark.parametrize("args", [["--seed", "abc"], ["--seed", "1", "--count", "0"], []])
def test_spot_check_bad_options(tmp_path: Path, args: list[str]) -> None:
    regions = tmp_path / "counties.csv"
    regions.write_text(COUNTIES, encoding="utf-8")
    assert run("spot-check", regions, *args).exit_code == 2


def test_new_plugin(tmp_path: Path) -> None:
    target = tmp_path / "hebei"
    result = run("new-plugin", target, "targetrule-hebei-2009", "--indicator-id", "employment.graduate_jobs", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.new-plugin/1"
    assert (document["package"], document["indicator"]) == ("targetrule_hebei_2009", "employment.graduate_jobs")
    assert (target / "src" / "targetrule_hebei_2009" / "indicator.py").is_file()
    again = run("new-plugin", target, "targetrule-hebei-2009")
    assert again.exit_code == 2  # the folder is not empty: nothing is overwritten
    assert "不为空" in again.stderr and "not an empty folder" in again.stderr
    assert run("new-plugin", tmp_path / "other", "9bad name").exit_code == 2
