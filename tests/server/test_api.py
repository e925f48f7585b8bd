"""Every endpoint against a real server: the same documents as the command line's ``--json``, the same results bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from tests.server.conftest import EXAMPLE, Server, cli_results, example

from targetrule.cli import main

CHANGCHUN_CSV = Path(__file__).resolve().parents[2] / "docs" / "cli" / "data" / "changchun.csv"


def cli_json(*args: str) -> Any:
    """What ``targetrule ARGS --json`` prints, parsed."""
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_healthz_lists_the_plugins_fixed_at_start(server: Server) -> None:
    with server.client() as client:
        answer = client.get("/healthz")
    assert answer.status_code == 200
    health = answer.json()
    assert health["status"] == "ok"
    assert health["plugins"] == cli_json("plugins")["plugins"]
    assert "jilin-2007" in health["schemes"]


def test_plugins_schemes_and_indicators_are_the_command_lines_documents(server: Server) -> None:
    with server.client() as client:
        assert client.get("/plugins").json() == cli_json("plugins")
        assert client.get("/schemes/jilin-2007").json() == cli_json("scheme", "jilin-2007")
        assert client.get("/indicators", params={"scheme": "jilin-2007"}).json() == cli_json("indicators", "jilin-2007")
        listing = client.get("/schemes").json()
    assert listing["schema"] == "targetrule.server.schemes/1"
    jilin = next(s for s in listing["schemes"] if s["id"] == "jilin-2007")
    assert jilin["title"]["zh"].startswith("吉林省2007年") and jilin["year"] == 2007


def test_evaluate_gives_the_bytes_of_the_command_lines_results(server: Server, tmp_path: Path) -> None:
    expected = cli_results(tmp_path, "--example")
    with server.client() as client:
        as_body = client.post(
            "/evaluate?scheme=jilin-2007", content=EXAMPLE.read_bytes(), headers={"content-type": "application/json"}
        )
        as_upload = client.post(
            "/evaluate", data={"scheme": "jilin-2007"}, files={"file": ("jilin-2007.json", EXAMPLE.read_bytes())}
        )
    assert as_body.status_code == 200, as_body.text
    assert as_body.headers["content-type"] == "application/json"
    assert as_body.content == expected
    assert as_upload.content == expected


def test_a_csv_upload_is_read_as_the_command_line_reads_it(server: Server, tmp_path: Path) -> None:
    # The server reads every CSV upload as "upload.csv", so its findings say upload.csv:5 (row 5).
    (tmp_path / "upload.csv").write_bytes(CHANGCHUN_CSV.read_bytes())
    expected = cli_results(tmp_path, str(tmp_path / "upload.csv"), "--lenient")
    with server.client() as client:
        answer = client.post(
            "/evaluate?scheme=jilin-2007&mode=lenient",
            content=CHANGCHUN_CSV.read_bytes(),
            headers={"content-type": "text/csv; charset=utf-8"},
        )
    assert answer.status_code == 200, answer.text
    assert answer.content == expected
    assert b'"path": "upload.csv:5"' in answer.content


def bad_example() -> dict[str, Any]:
    """The example with one figure that is not a number: Changchun's new urban jobs."""
    document = example()
    changchun = next(r for r in document["regions"] if r["id"] == "changchun")
    changchun["inputs"]["employment.new_urban_jobs"]["actual"] = "many"
    return document


def test_findings_are_422_in_strict_mode_and_ranked_in_lenient_mode(server: Server) -> None:
    with server.client() as client:
        strict = client.post("/evaluate?scheme=jilin-2007", json=bad_example())
        lenient = client.post("/evaluate?scheme=jilin-2007&mode=lenient", json=bad_example())
    assert strict.status_code == 422
    error = strict.json()
    assert error["code"] == "data.findings"
    assert set(error["message"]) == {"zh", "en"}
    paths = [f["path"] for f in error["findings"]]
    assert any("employment.new_urban_jobs" in p and "actual" in p for p in paths), paths
    assert lenient.status_code == 200
    results = lenient.json()
    assert (results["schema"], results["mode"], results["ranked"]) == ("targetrule.results/1", "lenient", True)


def test_validate_lists_the_findings_as_the_command_line_does(server: Server, tmp_path: Path) -> None:
    data = tmp_path / "bad.json"
    data.write_text(json.dumps(bad_example(), ensure_ascii=False), encoding="utf-8")
    expected = cli_json("validate", "jilin-2007", str(data))
    with server.client() as client:
        answer = client.post("/validate?scheme=jilin-2007", json=bad_example())
    assert answer.status_code == 200
    found = answer.json()
    assert found["data"] == "upload.json"
    assert {**found, "data": None} == {**expected, "data": None}
    assert found["errors"] == 1


def test_explain_one_region_and_one_item_in_both_languages(server: Server, tmp_path: Path) -> None:
    expected = cli_json("explain", "jilin-2007", str(EXAMPLE), "changchun", "employment.new_urban_jobs", "--lang", "en")
    with server.client() as client:
        item = client.post(
            "/explain?scheme=jilin-2007&region=changchun&target=employment.new_urban_jobs&lang=en", json=example()
        )
        region = client.post("/explain?scheme=jilin-2007&region=长春市", json=example())
        unknown = client.post("/explain?scheme=jilin-2007&region=changchum", json=example())
    assert item.status_code == 200
    assert item.json() == expected
    assert region.json()["region"] == "changchun" and region.json()["lines"][0] == "长春市 (changchun)"
    assert unknown.status_code == 404
    assert "changchun" in unknown.json()["message"]["en"]  # did you mean


def test_template_is_the_command_lines_workbook(server: Server, tmp_path: Path) -> None:
    written = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", "jilin-2007", "--example", "-o", str(written)])
    assert result.exit_code == 0, result.output
    with server.client() as client:
        answer = client.get("/template/jilin-2007")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="jilin-2007-template.xlsx"'
    assert answer.content == written.read_bytes()


def test_report_is_html_in_the_language_asked(server: Server) -> None:
    with server.client() as client:
        chinese = client.post("/report?scheme=jilin-2007", json=example())
        english = client.post("/report?scheme=jilin-2007&lang=en", json=example())
    assert chinese.status_code == english.status_code == 200
    assert chinese.headers["content-type"].startswith("text/html")
    assert "考评结果报告" in chinese.text and "长春市" in chinese.text
    assert "evaluation report" in english.text and "Changchun" in english.text


def test_openapi_is_valid_and_describes_every_route(server: Server) -> None:
    from openapi_spec_validator import validate

    from targetrule.server.app import ROUTES

    with server.client() as client:
        spec = client.get("/openapi.json").json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    routes = {
        (route.path.replace(":path}", "}"), method.lower())  # {scheme:path}: any id, slashes too, is looked up
        for route in ROUTES
        for method in route.methods or ()
        if method != "HEAD"
    }
    described = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert routes == described


def test_the_access_log_holds_no_submitted_data(server: Server) -> None:
    document = example()
    document["regions"][0]["name"] = {"zh": "秘密市-marker-5521", "en": "Secret-marker-5521"}
    with server.client() as client:
        assert client.post("/evaluate?scheme=jilin-2007&mode=lenient", json=document).status_code == 200
    lines = server.log.read_text(encoding="utf-8").splitlines()
    assert "marker-5521" not in "\n".join(lines)
    records = [json.loads(line) for line in lines if line.startswith("{")]
    posted = [r for r in records if r["path"] == "/evaluate" and r["status"] == 200]
    assert posted and set(posted[-1]) == {"event", "method", "path", "status", "bytes_in", "bytes_out", "ms", "client"}


def test_an_xlsx_upload_points_findings_at_cells(server: Server) -> None:
    from tests.server.workbook import filled_example_workbook

    workbook = filled_example_workbook(bad_cell=True)
    with server.client() as client:
        answer = client.post(
            "/validate?scheme=jilin-2007",
            files={"file": ("return.xlsx", workbook, "application/octet-stream")},
        )
    assert answer.status_code == 200, answer.text
    paths = [f["path"] for f in answer.json()["findings"] if f["severity"] == "error"]
    assert paths and all("!" in p for p in paths), paths  # 就业!C6 style


def test_the_page_in_both_languages(server: Server) -> None:
    with server.client() as client:
        chinese = client.get("/")
        english = client.get("/?lang=en")
        checked = client.post(
            "/", data={"scheme": "jilin-2007", "lang": "en"}, files={"file": ("x.json", EXAMPLE.read_bytes())}
        )
        refused = client.post("/", data={"scheme": "jilin-2007"}, files={"file": ("x.json", b"{not json")})
    assert chinese.status_code == 200 and "考评方案" in chinese.text and 'lang="zh-CN"' in chinese.text
    assert "Scheme" in english.text and "<script" not in english.text
    assert checked.status_code == 200
    assert "Changchun" in checked.text and 'id="download-report"' in checked.text
    assert refused.status_code == 400 and 'id="error"' in refused.text and "upload.json" in refused.text
    assert 'href="/template/jilin-2007"' in chinese.text
