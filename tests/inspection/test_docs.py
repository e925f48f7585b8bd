"""The Python examples of docs/inspection.md run as written, in order, in one namespace."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "inspection.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_page_has_examples() -> None:
    assert len(blocks()) >= 6


def test_examples_run() -> None:
    namespace: dict[str, object] = {"__name__": "inspection_doc"}
    for index, block in enumerate(blocks()):
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(compile(block, f"{DOC.name}[python block {index}]", "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"python block {index} of {DOC.name} failed: {exc!r}\n{block}") from exc
