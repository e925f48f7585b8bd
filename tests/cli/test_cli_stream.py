"""``targetrule stream``: a JSON Lines file scored region by region gives what ``evaluate`` gives."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from targetrule.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def example() -> dict[str, Any]:
    text = (resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def jsonl(folder: Path, regions: list[Any], name: str = "regions.jsonl") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in regions), encoding="utf-8")
    return path


def test_stream_writes_what_evaluate_writes(tmp_path: Path, example: dict[str, Any]) -> None:
    whole = tmp_path / "whole.json"
    whole.write_text(json.dumps({"regions": example["regions"]}, ensure_ascii=False), encoding="utf-8")
    assert run("evaluate", "jilin-2007", whole, "-o", tmp_path / "batch", "--format", "json,csv").exit_code == 0
    result = run("stream", "jilin-2007", jsonl(tmp_path, example["regions"]), "-o", tmp_path / "streamed")
    assert result.exit_code == 0, result.output
    batch = json.loads((tmp_path / "batch" / "results.json").read_text(encoding="utf-8"))
    lines = (tmp_path / "streamed" / "regions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == batch["regions"]  # rank, grade and award filled in
    summary = json.loads((tmp_path / "streamed" / "summary.json").read_text(encoding="utf-8"))
    assert summary["schema"] == "targetrule.stream/1" and summary["ranking"] == batch["ranking"]
    with (tmp_path / "streamed" / "ranking.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["region"] for r in rows] == batch["ranking"]
    assert rows[0]["composite"] == batch["regions"][0]["composite"]  # changchun, first


def test_a_bad_line_is_a_finding_with_its_line_and_the_rest_is_scored(tmp_path: Path, example: dict[str, Any]) -> None:
    path = tmp_path / "data.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in example["regions"]]
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    result = run("stream", "jilin-2007", path, "--lenient", "-o", tmp_path / "out", "--lang", "en")
    assert result.exit_code == 1, result.output  # an error stands, though lenient mode ranks
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["ranked"] is True and summary["regions"] == 10
    [bad] = summary["findings"]
    assert bad["code"] == "submission.malformed" and bad["path"].startswith(f"{path}:4:")
    assert "10 regions scored one by one, ranked; 1 errors" in result.output


def test_strict_mode_writes_the_results_but_ranks_nothing_with_errors(tmp_path: Path, example: dict[str, Any]) -> None:
    example["regions"][1]["inputs"]["employment.reemployment"]["actual"] = -1
    result = run("stream", "jilin-2007", jsonl(tmp_path, example["regions"]), "-o", tmp_path / "out", "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["schema"] == "targetrule.cli.stream/1"
    rows = [json.loads(line) for line in (tmp_path / "out" / "regions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(r["rank"] is None for r in rows)
    assert rows[1]["findings"][0]["path"] == "$.regions[1].inputs['employment.reemployment'].actual"


def test_a_missing_file_is_exit_3_naming_it(tmp_path: Path) -> None:
    result = run("stream", "jilin-2007", tmp_path / "none.jsonl", "-o", tmp_path / "out")
    assert result.exit_code == 3 and "none.jsonl" in result.output and "file not found" in result.output
    assert not (tmp_path / "out").exists()
