"""docs/findings.md is generated from the finding catalog and must match it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_findings_page_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("make_findings_docs", ROOT / "scripts" / "make_findings_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == module.render(), "run: python scripts/make_findings_docs.py"
