"""Every ``$ curl`` example of docs/server.md runs against the session's server and prints the lines the page shows.

The commands run in order in one scratch folder holding the bundled example (``jilin-2007.json``)
and the files of ``docs/cli/data/``, as the page says; ``http://127.0.0.1:8080`` is replaced by
the test server's address. As in tests/cli/test_docs_examples.py, a ``...`` line stands for
output left out and lines are compared with runs of spaces collapsed. The page's ``sh`` and
``nginx`` blocks are shown, not run.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.server.conftest import EXAMPLE, Server

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGE = DOCS / "server.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
ADDRESS = "http://127.0.0.1:8080"


def examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each command of the page."""
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                found[-1][1].append(line)
    return found


def test_the_page_has_curl_examples_only() -> None:
    commands = [command for command, _ in examples()]
    assert len(commands) >= 6
    assert all(command.startswith("curl ") for command in commands), commands


def test_every_curl_example_runs(server: Server, tmp_path: Path) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("no curl: install Debian's curl to run docs/server.md's examples")
    shutil.copy(EXAMPLE, tmp_path / "jilin-2007.json")
    for extra in (DOCS / "cli" / "data").iterdir():
        shutil.copy(extra, tmp_path / extra.name)
    for command, shown in examples():
        argv = [curl, *shlex.split(command.replace(ADDRESS, server.url))[1:]]
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        printed = {" ".join(line.split()) for line in done.stdout.splitlines()}
        missing = [line for line in shown if line != "..." and " ".join(line.split()) not in printed]
        assert not missing, f"{command}: lines shown in server.md but not printed: {missing}\n{done.stdout[:2000]}"
    # the files the examples download are what they say
    assert (tmp_path / "results.json").read_bytes().startswith(b'{\n  "schema": "targetrule.results/1"')
    assert (tmp_path / "template.xlsx").read_bytes()[:2] == b"PK"
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")
