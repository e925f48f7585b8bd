"""Exit codes live in one place (the ``EXIT_*`` constants) and every place that lists them lists them all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import targetrule.cli as cli_module
from targetrule.cli import EXIT_CODES_HELP, main

CODES = {
    name: value for name, value in vars(cli_module).items() if name.startswith("EXIT_") and isinstance(value, int)
}
INDEX = Path(__file__).parents[2] / "docs" / "cli" / "index.md"


def test_the_codes_are_distinct_and_the_new_ones_are_there() -> None:
    assert len(set(CODES.values())) == len(CODES)
    assert {0, 1, 2, 3, 4, 70, 130} == set(CODES.values())


@pytest.mark.parametrize("code", sorted(CODES.values()))
def test_every_code_is_in_the_help_the_docs_and_the_module_docstring(code: int) -> None:
    assert re.search(rf"^\s*{code}  \S", EXIT_CODES_HELP, re.M), code
    table = INDEX.read_text(encoding="utf-8").split("## Exit codes", 1)[1]
    assert f"| {code} |" in table, code
    assert re.search(rf"\b{code} ", cli_module.__doc__ or ""), code


@pytest.mark.parametrize("command", [[], *([name] for name in main.commands)])  # type: ignore[attr-defined]
def test_every_help_lists_every_code(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    for code in CODES.values():
        assert re.search(rf"^\s*{code}  \S", result.output, re.M), (command, code)
