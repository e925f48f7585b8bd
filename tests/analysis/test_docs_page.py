"""The Python example of docs/sensitivity.md runs as written, from the root, and prints what the page says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "sensitivity.md"


def blocks() -> list[str]:
    """The page's python blocks."""
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_example_runs_and_prints_what_the_page_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "sensitivity_doc"}
    printed = io.StringIO()
    block, varied = blocks()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, f"{DOC.name}[python]", "exec"), namespace)
    out = printed.getvalue()
    more = io.StringIO()
    with contextlib.redirect_stdout(more):
        exec(compile(varied, f"{DOC.name}[python 2]", "exec"), namespace)
    lines = more.getvalue().splitlines()
    # the item points and figures section's numbers, from this very run
    assert lines[0] == "0.2800"
    assert lines[1].startswith("[('data', 1.05), ('items', 0.52)")
    assert "Decimal('1.2913')" in lines[2] and "Decimal('113719')" in lines[2]
    assert lines[3] == "97.50"
    # the numbers the page's prose quotes, from this very run
    assert "0.0001" in out.splitlines()[0]
    assert "0.9995" in out
    assert "Decimal('0.6615')" in out and "Decimal('0.3385')" in out
    assert "('aggregation', 1.0" in out
    assert " fail" in out.splitlines()[-1]


def test_the_spec_blocks_are_the_default_and_valid_parameters() -> None:
    from targetrule import Engine
    from targetrule.analysis import DEFAULT_SPEC, load_spec

    defaults, parameters = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert load_spec(defaults) == DEFAULT_SPEC
    spec = load_spec(parameters, scheme=Engine(entry_points=False).load_scheme("jilin-2007"))
    assert [(p.indicator, p.name, len(p.values)) for p in spec.parameters] == [
        ("employment.zero_employment_households", "deduct_per_point", 2),
        ("labour_relations.contract_signing", "tiers", 2),
    ]
