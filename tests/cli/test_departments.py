"""Responsible departments (牵头部门): declared on every indicator, listed, and a view per department."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from targetrule import Registry
from targetrule.cli import main
from targetrule.formats.examples import example_path


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, ["--no-entry-points", *(str(a) for a in args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_every_built_in_item_declares_its_department() -> None:
    indicators = Registry.default(entry_points=False).indicators.values()
    by_department: dict[str, set[str]] = {}
    for indicator in indicators:
        assert indicator.department is not None, indicator.id
        by_department.setdefault(indicator.department.id, set()).add(indicator.id)
    # the six items of 一（九） 城市居民最低生活保障 are the civil affairs department's; the other 34 labour's
    assert by_department["civil_affairs"] == {i.id for i in indicators if i.area == "dibao"}
    assert len(by_department["civil_affairs"]) == 6
    assert len(by_department["labour_social_security"]) == 34
    assert set(by_department) == {"civil_affairs", "labour_social_security"}


def test_indicators_lists_one_department_with_its_points() -> None:
    result = run("indicators", "jilin-2007", "--department", "civil_affairs")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "牵头部门" in lines[0]
    assert all("省民政厅" in line for line in lines[2:-1]) and len(lines[2:-1]) == 6
    # 3 + 1.5 + 1.5 + 1 + 1 + 1 = 9 points
    assert lines[-1] == "共 6 项指标，9 分"


def test_indicators_json_carries_each_department() -> None:
    document = json.loads(run("indicators", "jilin-2007", "--json").stdout)
    assert document["department"] is None
    first = document["indicators"][0]
    assert first["department"] == {
        "id": "labour_social_security",
        "label": {"zh": "省劳动和社会保障厅", "en": "Provincial Department of Labour and Social Security"},
    }
    chosen = json.loads(run("indicators", "jilin-2007", "--department", "civil_affairs", "--json").stdout)
    assert chosen["department"] == "civil_affairs"
    assert [i["id"] for i in chosen["indicators"]] == [
        "dibao.coverage",
        "dibao.topup_standards",
        "dibao.budget",
        "dibao.socialised_payment",
        "dibao.welfare_centres",
        "dibao.collective_retirees",
    ]


def test_an_unknown_department_is_a_usage_error_in_both_languages() -> None:
    result = run("indicators", "jilin-2007", "--department", "civil")
    assert result.exit_code == 2
    assert "方案中没有牵头部门 civil，是否应为 civil_affairs？" in result.stderr
    assert "no department civil in the scheme; did you mean civil_affairs?" in result.stderr


def test_explain_shows_a_department_s_items_and_their_total() -> None:
    result = run("explain", "jilin-2007", example_path("jilin-2007"), "baicheng", "--department", "civil_affairs")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "白城市 (baicheng) — 省民政厅"
    assert len(lines) == 8  # the heading, six items, the total
    # 2.14 + 1.05 + 1.31 + 0.67 + 0.80 + 0.84 = 6.81 of 3 + 1.5 + 1.5 + 1 + 1 + 1 = 9
    assert lines[-1] == "  合计 6.81/9.00 分（6 项）"
    document = json.loads(
        run(
            "explain", "jilin-2007", example_path("jilin-2007"), "baicheng", "--department", "civil_affairs", "--json"
        ).stdout
    )
    assert document["detail"]["department"] == "civil_affairs"
    points = [i["points"] for i in document["detail"]["indicators"]]
    assert points == ["2.14", "1.05", "1.31", "0.67", "0.80", "0.84"]


def test_explain_takes_a_department_or_a_target_not_both() -> None:
    result = run(
        "explain", "jilin-2007", example_path("jilin-2007"), "baicheng", "dibao", "--department", "civil_affairs"
    )
    assert result.exit_code == 2
    assert "--department 与指标或领域只能给一个" in result.stderr


def test_the_results_json_names_each_item_s_department(tmp_path: Path) -> None:
    """Every indicator of results.json carries its 牵头部门: civil affairs for the 低保 items, labour for the rest."""
    result = run("evaluate", "jilin-2007", "--example", "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    items = {i["indicator"]: i["department"] for a in document["regions"][0]["areas"] for i in a["indicators"]}
    assert len(items) == 40
    assert items["dibao.coverage"]["label"]["zh"] == "省民政厅"
    assert items["employment.new_urban_jobs"]["label"]["zh"] == "省劳动和社会保障厅"
    assert sum(1 for d in items.values() if d["label"]["zh"] == "省民政厅") == 6
