"""Runnable pages (the plugin authors' and the library guide) run as written, in a fresh process.

A fenced block whose first line is ``# file: <path>`` is written to that path in a temporary
folder; every other ``python`` block is run, in order, as one script in that folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[2] / "docs"
PAGES = ["writing-a-plugin.md", "testing-your-plugin.md", "hooks.md", "library.md", "parameters.md"]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
FILE = re.compile(r"^# file: (\S+)\n")


def blocks(page: str) -> tuple[dict[str, str], str]:
    """The files a page writes and the script its other Python blocks make."""
    files: dict[str, str] = {}
    script: list[str] = []
    for language, body in FENCE.findall((DOCS / page).read_text(encoding="utf-8")):
        named = FILE.match(body)
        if named:
            files[named.group(1)] = body
        elif language == "python":
            script.append(body)
    return files, "\n".join(script)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_has_a_complete_runnable_example(page: str) -> None:
    script = blocks(page)[1]
    assert script.strip(), f"{page} has no runnable python block"
    assert "assert" in script, f"{page}'s example checks nothing"


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_run_as_written(page: str, tmp_path: Path) -> None:
    files, script = blocks(page)
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{page}:\n{result.stdout}\n{result.stderr}"


def test_the_writing_page_example_prints_its_explanations(tmp_path: Path) -> None:
    files, script = blocks("writing-a-plugin.md")
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert lines[0] == "实际 85.00%，标准 88.00%，相差 -3.00 个百分点，得分率 70.00%"
    assert "(120) must not exceed" in lines[1]
    assert lines[2].endswith("composite 9.20")
