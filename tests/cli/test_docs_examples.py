"""Every `$ targetrule` command in docs/cli/*.md runs, with the exit code and the output lines the page shows.

Each page's commands run in order in one scratch folder holding a copy of the bundled example
data (``jilin-2007.json``) and the files of ``docs/cli/data/``, as the pages say. A ``...`` line
stands for output left out; ``[exit code: N]`` gives a non-zero exit code. Table columns are
compared with their padding collapsed.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule import Engine
from targetrule.cli import main

DOCS = Path(__file__).parent.parent.parent / "docs" / "cli"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
EXIT = re.compile(r"^\[exit code: (\d+)\]$")
RULE = re.compile(r"^[- ]+$")  # a table's rule line: its widths follow the installed plugins


def examples(page: Path) -> list[tuple[str, list[str], int]]:
    """(command, shown output lines, expected exit code) for each command of a page."""
    found = []
    for block in BLOCK.findall(page.read_text(encoding="utf-8")):
        command, shown, code = None, [], 0
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, shown, code))
                command, shown, code = line[2:], [], 0
            elif (match := EXIT.match(line)) is not None:
                code = int(match.group(1))
            else:
                shown.append(line)
        if command is not None:
            found.append((command, shown, code))
    return found


PAGES = sorted(DOCS.glob("*.md"))


def test_every_command_has_a_page() -> None:
    documented = {p.stem for p in PAGES}
    assert set(main.commands) <= documented, set(main.commands) - documented


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from targetrule.formats.examples import example_path

    shutil.copy(example_path("jilin-2007"), tmp_path / "jilin-2007.json")
    for extra in (DOCS / "data").iterdir():
        shutil.copy(extra, tmp_path / extra.name)
    monkeypatch.chdir(tmp_path)
    installed = Engine().registry.schemes
    for command, shown, code in examples(page):
        if "jilin-2008" in command.split() and "jilin-2008" not in installed:
            pytest.skip("the jilin-2008 scheme comes with plugins/targetrule-jilin-2008, which is not installed")
        assert command.startswith("targetrule "), command
        result = CliRunner().invoke(main, shlex.split(command)[1:], prog_name="targetrule")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code == code, f"{command}\n{result.output}"
        # Compared with runs of spaces collapsed: a newly installed plugin may widen a table column.
        printed = {" ".join(line.split()) for line in result.output.splitlines()}
        missing = [
            line for line in shown if line != "..." and not RULE.match(line) and " ".join(line.split()) not in printed
        ]
        assert not missing, f"{command}: lines shown in {page.name} but not printed: {missing}"


def test_pages_have_examples() -> None:
    for page in PAGES:
        if page.stem not in ("files",):
            assert examples(page), page.name
