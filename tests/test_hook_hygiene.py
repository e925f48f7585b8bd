"""Hook hygiene, as datasette checks its own: every hook specification is tested and documented.

A hook counts as tested when its name appears in a test file (other than this one) under the
project's test paths; as documented when ``docs/hooks.md`` has a ``### <hook name>`` section.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

import pytest

from targetrule import hookspecs

ROOT = Path(__file__).parents[1]
HOOKS = sorted(
    name
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, f"{hookspecs.PROJECT_NAME}_spec")
)


def _test_files() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folders = [ROOT / p for p in config["tool"]["pytest"]["ini_options"]["testpaths"]]
    return sorted(
        path for folder in folders for path in folder.rglob("*.py") if path.resolve() != Path(__file__).resolve()
    )


def _documented() -> set[str]:
    text = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### (targetrule_\w+)\s*$", text, flags=re.MULTILINE))


def test_the_hook_specifications_are_found() -> None:
    # The four hooks of DESIGN.md, the plugins' finding codes and the pipeline's added steps; a new
    # one joins the checks below automatically.
    assert {
        "targetrule_indicators",
        "targetrule_schemes",
        "targetrule_formula_families",
        "targetrule_aggregations",
        "targetrule_finding_codes",
        "targetrule_steps",
    } <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_collected_by_the_registry(hook: str) -> None:
    # A specified hook that the registry never calls would be silently ignored by every plugin.
    source = (ROOT / "src" / "targetrule" / "registry.py").read_text(encoding="utf-8")
    assert f"hook.{hook}" in source, f"Registry._collect never calls {hook}"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    users = [p for p in _test_files() if hook in p.read_text(encoding="utf-8")]
    assert users, f"hook {hook} appears in no test file: add a test that implements or checks it"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook: str) -> None:
    assert hook in _documented(), f"docs/hooks.md has no '### {hook}' section"


def test_the_reference_documents_no_hook_that_does_not_exist() -> None:
    assert _documented() <= set(HOOKS), f"documented but not specified: {sorted(_documented() - set(HOOKS))}"


def test_every_hook_specification_has_a_docstring() -> None:
    for name in HOOKS:
        assert inspect.getdoc(getattr(hookspecs, name)), f"{name} has no docstring in targetrule.hookspecs"


def test_the_search_covers_every_test_path_but_this_file() -> None:
    found = {p.relative_to(ROOT).as_posix() for p in _test_files()}
    assert "tests/test_compare.py" in found
    assert "plugins/targetrule-jilin-2008/tests/test_jilin_2008_scheme.py" in found  # a plugin's tests count too
    assert "tests/test_hook_hygiene.py" not in found
