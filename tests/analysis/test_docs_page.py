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
    (block,) = blocks()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, f"{DOC.name}[python]", "exec"), namespace)
    out = printed.getvalue()
    # the numbers the page's prose quotes, from this very run
    assert "0.0001" in out.splitlines()[0]
    assert "0.9995" in out
    assert "Decimal('0.6615')" in out and "Decimal('0.3385')" in out
    assert "('aggregation', 1.0" in out
    assert " fail" in out.splitlines()[-1]


def test_the_spec_block_is_a_valid_spec_and_the_default() -> None:
    from targetrule.analysis import DEFAULT_SPEC, load_spec

    (toml,) = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert load_spec(toml) == DEFAULT_SPEC
