"""The command line through click's CliRunner: exit codes, --lang, --json, files written and refused."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mini_scheme import JOBS, MINI, mini_data
from targetrule import Engine
from targetrule.cli import main

AREA_SHEET = "就业和再就业"


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    # never a traceback: the only exception a command may end with is its exit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def write_data(folder: Path, data: dict[str, Any] | None = None, name: str = "data.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data or mini_data(), ensure_ascii=False), encoding="utf-8")
    return path


def test_help_documents_exit_codes() -> None:
    for args in ([], ["evaluate"], ["validate"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        for line in ("0  ok", "1  the data has findings with errors", "2  usage error", "3  an input cannot be read"):
            assert line in result.output


def test_plugins_json() -> None:
    result = run("plugins", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.plugins/1"
    plugins = {p["name"]: p for p in document["plugins"]}
    builtin = plugins["targetrule.builtin"]
    assert builtin["distribution"] == "targetrule"
    assert "targetrule_schemes" in builtin["hooks"]
    assert plugins["targetrule.indicators.employment.new_urban_jobs"]["hooks"] == ["targetrule_indicators"]


def test_plugins_table_in_both_languages() -> None:
    assert "发行包" in run("plugins").output
    assert "distribution" in run("plugins", "--lang", "en").output


def test_indicators_and_scheme() -> None:
    document = json.loads(run("indicators", MINI, "--json").stdout)
    assert document["schema"] == "targetrule.cli.indicators/1"
    (item,) = document["indicators"]
    assert (item["id"], item["points"], item["formula"]) == (JOBS, "10", "capped_completion")
    assert [i["name"] for i in item["inputs"]] == ["actual", "target", "public_welfare_posts"]
    zh = run("scheme", MINI).output
    assert "就业和再就业" in zh and "优秀  ≥ 9，不超过 50%" in zh and "一等奖 × 1" in zh
    en = run("scheme", MINI, "--lang", "en").output
    assert "Excellent  ≥ 9, at most 50%" in en and "First prize × 1" in en
    scheme = json.loads(run("scheme", MINI, "--json").stdout)
    assert scheme["schema"] == "targetrule.cli.scheme/1"
    assert [g["id"] for g in scheme["grades"]] == ["excellent", "pass", "fail"]


def test_evaluate_prints_ranking_and_writes_to_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_data(Path("."))
    result = run("evaluate", MINI, "data.json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # 95000 / 100000 × 10 = 9.50 ; 80000 / 100000 × 10 = 8.00 ; the survey-only region last, unranked
    assert lines[3].split() == ["1", "甲市", "9.50", "优秀", "一等奖"]
    assert lines[4].split() == ["2", "乙市", "8.00", "达标"]
    assert lines[5].split() == ["—", "长白山管委会", "9.00", "优秀（仅供参考）", "仅督查调研，不参与排名"]
    assert "结果已写入 targetrule-results/" in result.stdout
    written = sorted(p.name for p in (tmp_path / "targetrule-results").iterdir())
    assert written == ["indicators.csv", "ranking.csv", "report.html", "results.json", "results.xlsx"]


def test_evaluate_json_matches_the_python_api(tmp_path: Path, engine: Engine) -> None:
    data = write_data(tmp_path)
    result = run("evaluate", MINI, data, "-o", tmp_path / "out", "--format", "json", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.evaluate/1"
    assert document["written"] == [str(tmp_path / "out" / "results.json")]
    api = engine.evaluate(engine.load_scheme(MINI), mini_data()).to_dict()
    assert document["results"]["regions"] == api["regions"]
    assert document["results"]["schema"] == "targetrule.results/1"
    assert json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["regions"] == api["regions"]


def test_evaluate_in_english(tmp_path: Path) -> None:
    result = run("evaluate", MINI, write_data(tmp_path), "-o", tmp_path / "out", "--format", "csv", "--lang", "en")
    assert result.exit_code == 0
    assert "Changbai Mountain" in result.stdout and "survey only" in result.stdout
    assert "results written to" in result.stdout


def test_errors_exit_1_and_lenient_still_ranks(tmp_path: Path) -> None:
    data = mini_data()
    data["regions"][1]["inputs"][JOBS]["actual"] = "八万"
    path = write_data(tmp_path, data)
    strict = run("evaluate", MINI, path, "-o", tmp_path / "strict", "--format", "json", "--json")
    assert strict.exit_code == 1
    results = json.loads(strict.stdout)["results"]
    assert results["ranked"] is False
    lenient = run("evaluate", MINI, path, "--lenient", "-o", tmp_path / "lenient", "--format", "json", "--json")
    assert lenient.exit_code == 1  # ranked, but the data still has an error
    assert json.loads(lenient.stdout)["results"]["ranking"] == ["jia", "yi"]
    validate = run("validate", MINI, path)
    assert validate.exit_code == 1
    assert "input.not_a_number" in validate.stdout and "'八万'" in validate.stdout


def test_validate_clean_data(tmp_path: Path) -> None:
    result = run("validate", MINI, write_data(tmp_path), "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.validate/1"
    assert (document["regions"], document["errors"]) == (3, 0)
    # the one warning: its targets are the regions' own (no --targets file of the province)
    assert [f["code"] for f in document["findings"]] == ["targets.self_reported"]


def test_template_fill_validate_evaluate(tmp_path: Path, engine: Engine) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    regions = tmp_path / "regions.csv"
    regions.write_text(
        "id,name,name_en,survey_only\njia,甲市,Jia,否\nyi,乙市,Yi,否\nchangbai,长白山管委会,Changbai Mountain,是\n",
        encoding="utf-8",
    )
    book_path = tmp_path / "book.xlsx"
    made = run("template", MINI, "--regions", regions, "-o", book_path)
    assert made.exit_code == 0 and "book.xlsx" in made.stdout
    book = openpyxl.load_workbook(book_path)
    values = {r["id"]: r["inputs"][JOBS] for r in mini_data()["regions"]}
    for title, names in ((AREA_SHEET, ("actual", "public_welfare_posts")), ("目标", ("target",))):
        ws = book[title]
        keys = {c.value: c.column_letter for c in ws[5] if c.value}
        for row in range(6, 9):
            for name in names:
                ws[f"{keys[f'{JOBS}.{name}']}{row}"] = values[ws[f"A{row}"].value][name]
    book.save(book_path)
    assert run("validate", MINI, book_path).exit_code == 0
    result = run("evaluate", MINI, book_path, "-o", tmp_path / "out", "--format", "json,csv", "--json")
    assert result.exit_code == 0
    from_book = {r["region"]["id"]: r["composite"] for r in json.loads(result.stdout)["results"]["regions"]}
    api = engine.evaluate(engine.load_scheme(MINI), mini_data())
    assert from_book == {r.region.id: str(r.composite) for r in api.regions}
    assert from_book == {"jia": "9.50", "yi": "8.00", "changbai": "9.00"}  # 0.95, 0.80, 0.90 × 10 points

    book = openpyxl.load_workbook(book_path)
    book[AREA_SHEET]["C7"] = "八万"
    book.save(book_path)
    bad = run("validate", MINI, book_path)
    assert bad.exit_code == 1
    assert f"{AREA_SHEET}!C7" in bad.stdout and "应为数字" in bad.stdout
    assert "expected a number" in run("validate", MINI, book_path, "--lang", "en").stdout


def test_template_refuses_to_replace_a_file(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    regions = tmp_path / "regions.csv"
    regions.write_text("id,name\njia,甲市\n", encoding="utf-8")
    existing = tmp_path / "book.xlsx"
    existing.write_bytes(b"filled in by hand")
    result = run("template", MINI, "--regions", regions, "-o", existing)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert existing.read_bytes() == b"filled in by hand"
    assert run("template", MINI, "--regions", regions, "-o", existing, "--force").exit_code == 0
    assert run("template", MINI).exit_code == 2  # neither --regions nor --example


def test_evaluate_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    data = write_data(tmp_path, name="results.json")
    before = data.read_bytes()
    result = run("evaluate", MINI, data, "-o", tmp_path, "--format", "csv,json")
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]  # nothing partially written


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["evaluate", str(MINI), "nowhere.json"], 3),
        (["evaluate", "jilin-2006", "nowhere.json"], 3),
        (["evaluate", str(MINI)], 2),
        (["evaluate", str(MINI), "x.json", "--example"], 2),
        (["evaluate", str(MINI), "x.json", "--format", "odt"], 2),
        (["evaluate", str(MINI), "x.json", "--lang", "fr"], 2),
        (["validate", str(MINI)], 2),
        (["frobnicate"], 2),
    ],
)
def test_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    assert run(*args).exit_code == code


def test_unreadable_input_messages_are_bilingual(tmp_path: Path) -> None:
    result = run("validate", MINI, tmp_path / "nowhere.json")
    assert result.exit_code == 3
    assert "文件不存在" in result.stderr and "file not found" in result.stderr
    document = json.loads(run("validate", MINI, tmp_path / "nowhere.json", "--json").stdout)
    assert document["schema"] == "targetrule.cli.error/1"
    assert (document["exit_code"], document["message"]["en"]) == (3, "file not found")
    unknown = run("scheme", "jilin2007")
    assert unknown.exit_code == 3
    assert "是否应为 jilin-2007" in unknown.stderr and "did you mean jilin-2007" in unknown.stderr


def test_explain(tmp_path: Path) -> None:
    data = write_data(tmp_path)
    overall = run("explain", MINI, data, "jia")
    assert overall.exit_code == 0
    assert "综合得分 9.50" in overall.stdout and "名次：第 1 名" in overall.stdout
    item = run("explain", MINI, data, "jia", JOBS, "--lang", "en")
    assert "actual 95,000 / target 100,000 = 95.00%" in item.stdout
    area = json.loads(run("explain", MINI, data, "yi", "employment", "--json").stdout)
    assert area["schema"] == "targetrule.cli.explain/1"
    assert area["detail"]["points"] == "8.00"  # 80000 / 100000 × 10
    by_name = run("explain", MINI, data, "长白山管委会")
    assert "仅督查调研" in by_name.stdout
    missing = run("explain", MINI, data, "jai")
    assert missing.exit_code == 2 and "jia" in missing.stderr


def test_bundled_example_matches_the_api(tmp_path: Path, engine: Engine) -> None:
    from targetrule.formats.examples import example_path

    result = run("evaluate", "jilin-2007", "--example", "-o", tmp_path, "--format", "json", "--json")
    document = json.loads(result.stdout)
    api = engine.evaluate("jilin-2007", example_path("jilin-2007"))
    assert api.ranked and not api.errors  # the bundled example is clean data
    assert result.exit_code == 0
    assert document["results"]["ranking"] == [r.region.id for r in api.ranking()]
    composites = {r["region"]["id"]: Decimal(r["composite"]) for r in document["results"]["regions"]}
    assert composites == {r.region.id: r.composite for r in api.regions}


def test_importing_the_cli_stays_light() -> None:
    code = "import sys, targetrule.cli; print(sorted(m for m in ('openpyxl', 'pygal', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_missing_report_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_data(tmp_path)
    monkeypatch.setitem(sys.modules, "pygal", None)  # as if the report extra were not installed
    asked = run("evaluate", MINI, data, "-o", tmp_path / "asked", "--format", "html")
    assert asked.exit_code == 2
    assert "pip install 'targetrule[report]'" in asked.stderr
    assert not (tmp_path / "asked").exists()
    default = run("evaluate", MINI, data, "-o", tmp_path / "default")
    assert default.exit_code == 0
    assert "未生成 html：缺少 pygal" in default.stdout
    assert sorted(p.name for p in (tmp_path / "default").iterdir()) == [
        "indicators.csv",
        "ranking.csv",
        "results.json",
        "results.xlsx",
    ]


HOSTILE = {
    "number.json": b"42",
    "regions-not-a-list.json": b'{"regions": {"a": 1}}',
    "region-not-an-object.json": b'{"regions": [1, "two", null]}',
    "nan.json": b'{"regions": [{"id": "a", "inputs": {"employment.new_urban_jobs": {"actual": NaN}}}]}',
    "truncated.json": b'{"regions": [',
    "binary.json": bytes(range(256)),
    "short-rows.csv": b"region,indicator,input,value\njia,employment.new_urban_jobs\n,,,\n",
    "csv-named.xlsx": b"region,indicator,input,value\n",
    "zero.csv": b"",
    "noext": b"{}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_end_with_a_message_not_a_traceback(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    for command in ("validate", "evaluate"):
        result = run(command, MINI, path, *(["-o", str(tmp_path / "out")] if command == "evaluate" else []))
        assert result.exit_code in (1, 3), result.output
        assert "Traceback" not in result.output
        # a line naming the file, a cell/row/path, or the finding's code
        assert name in result.output or "[submission." in result.output or "[input." in result.output


def test_directory_as_data_is_a_usage_error(tmp_path: Path) -> None:
    assert run("validate", MINI, tmp_path).exit_code == 2


@pytest.mark.parametrize(
    ("error", "zh", "en"),
    [
        (
            "PluginError",
            "指标 'x' 重复：插件 a 与 b",
            "duplicate indicator 'x': declared by plugins a and b",
        ),
        ("ModuleNotFoundError", "插件加载失败", "a plugin failed to load"),
    ],
)
def test_plugins_that_fail_to_load(monkeypatch: pytest.MonkeyPatch, error: str, zh: str, en: str) -> None:
    from targetrule.registry import PluginError, Registry

    def broken(cls: type, **_: object) -> Registry:
        if error == "PluginError":
            raise PluginError("指标 'x' 重复：插件 a 与 b / duplicate indicator 'x': declared by plugins a and b")
        raise ModuleNotFoundError("No module named 'targetrule_gone'")

    monkeypatch.setattr(Registry, "default", classmethod(broken))
    result = run("plugins")
    assert result.exit_code == 3
    assert zh in result.stderr and en in result.stderr


def test_json_documents_keep_their_documented_keys(tmp_path: Path) -> None:
    """The keys of each versioned document, as docs/cli/index.md promises (keys are only added within a version)."""
    data = write_data(tmp_path)
    documents = {
        "targetrule.cli.plugins/1": run("plugins", "--json"),
        "targetrule.cli.indicators/1": run("indicators", MINI, "--json"),
        "targetrule.cli.validate/1": run("validate", MINI, data, "--json"),
        "targetrule.cli.evaluate/1": run("evaluate", MINI, data, "-o", tmp_path / "o", "--format", "json", "--json"),
        "targetrule.cli.explain/1": run("explain", MINI, data, "jia", "--json"),
        "targetrule.cli.error/1": run("validate", MINI, tmp_path / "none.json", "--json"),
    }
    expected = {
        "targetrule.cli.plugins/1": {"schema", "plugins"},
        "targetrule.cli.indicators/1": {"schema", "scheme", "indicators"},
        "targetrule.cli.validate/1": {"schema", "scheme", "data", "regions", "errors", "warnings", "findings"},
        "targetrule.cli.evaluate/1": {"schema", "exit_code", "written", "results"},
        "targetrule.cli.explain/1": {"schema", "scheme", "region", "target", "lines", "detail"},
        "targetrule.cli.error/1": {"schema", "exit_code", "where", "message", "findings"},
    }
    for schema, result in documents.items():
        document = json.loads(result.stdout)
        assert document["schema"] == schema
        assert expected[schema] <= set(document), schema


def test_the_data_note_is_shown_beside_the_results(tmp_path: Path) -> None:
    data = mini_data()
    data["note"] = {"zh": "示例数据<纯属虚构>", "en": "illustrative <figures>"}
    path = write_data(tmp_path, data)
    result = run("evaluate", MINI, path, "-o", tmp_path / "out", "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "注：示例数据<纯属虚构>"
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "数据说明：示例数据&lt;纯属虚构&gt;" in report
    english = run("evaluate", MINI, path, "-o", tmp_path / "en", "--format", "csv", "--lang", "en")
    assert english.stdout.splitlines()[1] == "note: illustrative <figures>"
