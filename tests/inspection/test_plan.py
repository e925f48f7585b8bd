"""The inspection teams' plan: teams, cities, dates, 1-2 counties per city held by the scheme, xlsx and CLI."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from targetrule import Engine, Scheme, SchemeError
from targetrule.cli import main
from targetrule.inspection.plan import make_plan
from targetrule.inspection.spot_check import SpotCheckError, spot_check
from targetrule.submissions import Region
from targetrule.text import Label

DOCS_DATA = Path(__file__).resolve().parents[2] / "docs" / "cli" / "data"


def city(region_id: str, zh: str) -> Region:
    return Region(region_id, Label(zh, region_id), "city")


def county(region_id: str, parent: str) -> Region:
    return Region(region_id, Label(region_id, region_id), "county", parent)


REGIONS = [
    city("changchun", "长春市"),
    *(county(c, "changchun") for c in ("nongan", "yushu", "dehui")),
    city("jilin", "吉林市"),
    *(county(c, "jilin") for c in ("jiaohe", "huadian")),
    Region("changbaishan", Label("长白山管委会", "Changbai"), "committee", survey_only=True),
]


def teams() -> dict[str, Any]:
    return {
        "seed": 20071120,
        "counties_per_city": 2,
        "teams": [
            {
                "id": "team-1",
                "name": "第一督查考评组",
                "leader": "张某",
                "members": ["李某"],
                "cities": ["changchun"],
                "from": "2007-12-03",
                "to": "2007-12-07",
            },
            {
                "id": "team-2",
                "name": "第二督查考评组",
                "leader": "赵某",
                "members": ["刘某", "陈某"],
                "cities": ["jilin", "changbaishan"],
                "from": "2007-12-06",
                "to": "2007-12-12",
            },
        ],
    }


@pytest.fixture(scope="module")
def jilin() -> Scheme:
    return Engine(entry_points=False).load_scheme("jilin-2007")


def test_jilin_2007_bounds_the_counties_and_dates_as_the_notice_does(jilin: Scheme) -> None:
    # 每个市（州）要抽查一至二个县（市、区）; 从12月3日起，用10天左右时间
    inspection = jilin.spec.inspection
    assert inspection is not None
    assert (inspection.least_counties, inspection.most_counties, inspection.starts, inspection.days) == (
        1,
        2,
        "2007-12-03",
        10,
    )


def test_a_plan_covers_every_city_with_the_counties_drawn_as_spot_check_draws_them(jilin: Scheme) -> None:
    plan = make_plan(jilin, teams(), REGIONS)
    assert plan.findings == () and plan.draw.findings == ()
    same = spot_check(REGIONS, 20071120, 2)
    assert plan.draw.draws == same.draws
    assert [len(d.counties) for d in plan.draw.draws] == [2, 2]  # the survey-only region draws nothing
    assert plan.team_of("jilin") is not None and plan.team_of("jilin").id == "team-2"  # type: ignore[union-attr]
    document = plan.to_dict()
    assert document["teams"][1]["from"] == "2007-12-06" and document["draw"]["count"] == 2


@pytest.mark.parametrize("count", [0, 3])
def test_a_count_outside_the_scheme_is_refused(jilin: Scheme, count: int) -> None:
    data = teams() | {"counties_per_city": count}
    with pytest.raises(SpotCheckError) as caught:
        make_plan(jilin, data, REGIONS)
    [problem] = caught.value.findings
    # 0 is no count at all; 3 is more than the notice's two
    assert problem.code == ("spot_check.bad_count" if count == 0 else "spot_check.count_outside_scheme")


def test_spot_check_with_a_scheme_caps_the_count(jilin: Scheme) -> None:
    assert len(spot_check(REGIONS, 1, 2, scheme=jilin).counties("changchun")) == 2
    with pytest.raises(SpotCheckError) as caught:
        spot_check(REGIONS, 1, 3, scheme=jilin)
    assert caught.value.findings[0].message.en == "the scheme jilin-2007 draws 1 to 2 counties per city, not 3"
    # without a scheme the count is not capped, as before
    assert len(spot_check(REGIONS, 1, 3).counties("changchun")) == 3


def test_each_problem_of_a_plan_is_a_finding_at_its_place(jilin: Scheme) -> None:
    data = teams()
    second = data["teams"][1]
    second["cities"] = ["changchun", "siping"]  # changchun twice, siping unknown, jilin uncovered
    second["to"] = "2007-12-20"  # 3 December + 10 days ends on 12 December
    data["teams"].append({"id": "team-3", "members": ["某"], "cities": ["changbaishan"], "from": "12/3", "to": ""})
    found = {(f.code, f.path) for f in make_plan(jilin, data, REGIONS).findings}
    assert found == {
        ("plan.city_twice", "$.teams[1].cities[0]"),
        ("plan.unknown_city", "$.teams[1].cities[1]"),
        ("plan.city_uncovered", "$.teams"),
        ("plan.outside_window", "$.teams[1]"),
        ("plan.bad_dates", "$.teams[2]"),
    }


def test_a_malformed_team_is_named_and_the_rest_are_read(jilin: Scheme) -> None:
    data = copy.deepcopy(teams())
    data["teams"][0]["members"] = "李某"  # not a list
    data["teams"][0]["colour"] = "red"
    plan = make_plan(jilin, data, REGIONS)
    [bad] = [f for f in plan.findings if f.code == "plan.malformed"]
    assert bad.path == "$.teams[0]"
    assert "colour" in bad.message.zh and "members" in bad.message.en
    assert [t.id for t in plan.teams] == ["team-2"]


def test_the_plan_workbook_is_reproducible_and_prints_on_a4_landscape(jilin: Scheme) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
    from targetrule.formats.plan_xlsx import render_plan_xlsx

    plan = make_plan(jilin, teams(), REGIONS)
    names = {r.id: r.name for r in REGIONS}
    first = render_plan_xlsx(plan, names)
    assert first == render_plan_xlsx(plan, names)
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["督查组", "抽查县", "说明"]
    rows = list(book["督查组"].iter_rows(min_row=2, values_only=True))
    assert rows[1] == (
        "第二督查考评组",
        "team-2",
        "赵某",
        "刘某、陈某",
        "吉林市、长白山管委会",
        "2007-12-06",
        "2007-12-12",
    )
    drawn = {row[1]: row[3] for row in book["抽查县"].iter_rows(min_row=2, values_only=True)}
    assert drawn["changchun"] == "、".join(plan.draw.counties("changchun"))
    for ws in book:
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_the_command_writes_nothing_when_the_plan_has_errors(tmp_path: Path) -> None:
    data = teams()
    data["teams"][1]["cities"] = ["changchun"]  # twice, and jilin uncovered
    (tmp_path / "teams.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    result = run("plan", "jilin-2007", tmp_path / "teams.json", DOCS_DATA / "counties.csv", "-o", out, "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.plan/1" and document["written"] is None
    assert {f["code"] for f in document["findings"]} == {"plan.city_twice", "plan.city_uncovered"}
    assert not out.exists()


def test_the_command_writes_the_workbook_of_a_sound_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = run("plan", "jilin-2007", DOCS_DATA / "teams.json", DOCS_DATA / "counties.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.is_file() and f"计划已写入 {out}" in result.stdout
    assert run("plan", "jilin-2007", DOCS_DATA / "teams.json", DOCS_DATA / "counties.csv", "-o", out).exit_code == 2


def test_an_unreadable_teams_file_is_exit_code_3(tmp_path: Path) -> None:
    (tmp_path / "teams.json").write_text("{not json", encoding="utf-8")
    result = run("plan", "jilin-2007", tmp_path / "teams.json", DOCS_DATA / "counties.csv", "-o", tmp_path / "p.xlsx")
    assert result.exit_code == 3
    assert "无法读取督查计划" in result.stderr


@pytest.mark.parametrize(
    ("table", "path"),
    [
        ("least_counties = 0", "$.inspection.least_counties"),
        ("least_counties = 2\nmost_counties = 1", "$.inspection.most_counties"),
        ("days = 0", "$.inspection.days"),
        ('starts = "3 December"', "$.inspection.starts"),
    ],
)
def test_the_inspection_table_is_checked_when_the_scheme_loads(tmp_path: Path, table: str, path: str) -> None:
    text = (Path(__file__).parent / "data" / "inspection.toml").read_text(encoding="utf-8")
    (tmp_path / "s.toml").write_text(text + f"\n[inspection]\n{table}\n", encoding="utf-8")
    with pytest.raises(SchemeError) as caught:
        Engine(entry_points=False).load_scheme(tmp_path / "s.toml")
    assert [(f.code, f.path) for f in caught.value.findings] == [("scheme.bad_value", path)]
