"""The walkthrough of docs/inspection.md runs as written, from an empty folder.

The section "The province's returns: walkthrough" is run block by block, in order, in one empty
folder: a ```` ```text file=NAME ```` block is written to NAME, a ```` ```py ```` block is executed, and
each ``$ targetrule`` line of a ```` ```console ```` block is run with the exit code and the output
lines it shows (``...`` stands for lines left out; a word with ``*`` is expanded as a shell would).
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "inspection.md"
BLOCK = re.compile(r"```(console|py|text file=(\S+))\n(.*?)```", re.S)


def section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## The province's returns: walkthrough")
    return text[start : text.index("\n## ", start + 1)]


def run_console(block: str) -> None:
    commands: list[tuple[str, list[str], int]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], [], 0))
        elif (code := re.fullmatch(r"\[exit code: (\d+)\]", line)) is not None:
            commands[-1] = (commands[-1][0], commands[-1][1], int(code.group(1)))
        else:
            commands[-1][1].append(line)
    for command, shown, code in commands:
        words = []
        for word in shlex.split(command)[1:]:
            words.extend(sorted(glob.glob(word)) if "*" in word else [word])
        result = CliRunner().invoke(main, words, prog_name="targetrule")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code == code, f"{command}\n{result.output}"
        printed = {" ".join(line.split()) for line in result.output.splitlines()}
        missing = [line for line in shown if line != "..." and not re.fullmatch(r"[- ]+", line)]
        missing = [line for line in missing if " ".join(line.split()) not in printed]
        assert not missing, f"{command}: shown but not printed: {missing}"


def test_walkthrough_runs_from_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    blocks = BLOCK.findall(section())
    assert [kind.split()[0] for kind, _, _ in blocks] == ["text", "console", "py", "console", "console", "console"]
    for kind, name, body in blocks:
        if kind.startswith("text"):
            Path(name).write_text(body, encoding="utf-8")
        elif kind == "py":
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(body, f"{DOC.name}[walkthrough]", "exec"), {"__name__": "walkthrough"})
        else:
            run_console(body)
    # what the walkthrough says happened, checked on the files it left
    merged = json.loads(Path("submissions.json").read_text(encoding="utf-8"))
    assert len(merged["returns"]) == 10
    assert merged["returns"][0]["fields"]["filled_by"] == "王丽"
    assert all(len(r["sha256"]) == 64 for r in merged["returns"])
    results = json.loads(Path("results/results.json").read_text(encoding="utf-8"))
    baicheng = next(r for r in results["regions"] if r["region"]["id"] == "baicheng")
    jobs = next(i for a in baicheng["areas"] for i in a["indicators"] if i["indicator"] == "employment.new_urban_jobs")
    assert jobs["values"]["target"] == "30100"  # the province's target, not the 25,000 the return gave
