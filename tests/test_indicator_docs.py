"""docs/indicators.md is generated: regenerating it in memory must give the committed page."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from targetrule import Registry

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "indicators.md"


def load_generator() -> ModuleType:
    """Import scripts/make_indicator_docs.py as a module."""
    spec = importlib.util.spec_from_file_location("make_indicator_docs", ROOT / "scripts" / "make_indicator_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


def test_committed_page_is_up_to_date() -> None:
    generated = load_generator().render(Registry.default(entry_points=False))
    committed = PAGE.read_text(encoding="utf-8")
    assert generated == committed, "docs/indicators.md is out of date: run python scripts/make_indicator_docs.py"


def test_page_lists_all_forty_indicators_with_points() -> None:
    page = PAGE.read_text(encoding="utf-8")
    summary = [line for line in page.splitlines() if line.startswith("| 一（")]
    assert len(summary) == 40
    assert "| 一（五）1 | `unemployment_insurance.participants` | 失业保险参保人数 |" in page
    assert "| 一（九）6 | `dibao.collective_retirees` |" in page
    assert "reconstruction" in page and "重构" in page
