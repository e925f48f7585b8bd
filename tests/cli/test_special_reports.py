"""The cities' special reports (专题报告, 三（一）): named in a return, hashed into the results' provenance."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from targetrule.cli import main
from targetrule.formats.examples import example_path


def test_a_named_report_is_hashed_and_a_bad_name_is_a_warning(tmp_path: Path) -> None:
    document = json.loads(example_path("jilin-2007").read_text(encoding="utf-8"))
    document["regions"][0]["special_report"] = "长春市专题报告.pdf"
    document["regions"][1]["special_report"] = "../outside.pdf"  # not in the data's folder: never read
    document["regions"][2]["special_report"] = "missing.pdf"
    report = b"%PDF-1.4 the report of Changchun"
    (tmp_path / "长春市专题报告.pdf").write_bytes(report)
    (tmp_path / "outside.pdf").write_bytes(b"not to be read")
    data = tmp_path / "returns" / "data.json"
    data.parent.mkdir()
    (data.parent / "长春市专题报告.pdf").write_bytes(report)
    data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["evaluate", "jilin-2007", str(data), "-o", str(tmp_path / "out"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    reports = results["provenance"]["special_reports"]
    assert reports == [
        {"region": "changchun", "file": "长春市专题报告.pdf", "sha256": hashlib.sha256(report).hexdigest()},
        {"region": "jilin", "file": "../outside.pdf", "sha256": ""},
        {"region": "siping", "file": "missing.pdf", "sha256": ""},
    ]
    warned = [(f["region"], f["code"]) for f in results["findings"] if f["code"] == "special_report.unreadable"]
    assert warned == [("jilin", "special_report.unreadable"), ("siping", "special_report.unreadable")]


def test_a_report_name_must_be_text(tmp_path: Path) -> None:
    document = json.loads(example_path("jilin-2007").read_text(encoding="utf-8"))
    document["regions"][0]["special_report"] = 5
    data = tmp_path / "data.json"
    data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "jilin-2007", str(data), "--json"])
    findings = json.loads(result.output)["findings"]
    assert any(f["path"] == "$.regions[0].special_report" and f["severity"] == "error" for f in findings)
