"""What every case of the bad-input suite asserts: the exit code, the finding's code and place,
no traceback, no file left behind, and unchanged scores for everything that was valid.

The mini scheme (tests/data/mini.toml) has one indicator worth 10 points (capped completion);
``mini_data()`` has three regions whose hand-computed composites are below (``CLEAN``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from mini_scheme import JOBS, MINI, mini_data
from targetrule import Engine, Evaluation, Finding
from targetrule.cli import main

__all__ = [
    "CLEAN",
    "JOBS",
    "MINI",
    "assert_clean_elsewhere",
    "assert_finding",
    "cli",
    "evaluate",
    "files_under",
    "mini_data",
    "spoiled",
    "write_json",
]

# Hand-computed: jia 95000/100000 × 10 = 9.50; yi 80000/100000 × 10 = 8.00; changbai 9000/10000 × 10 = 9.00.
CLEAN = {"jia": Decimal("9.50"), "yi": Decimal("8.00"), "changbai": Decimal("9.00")}


def cli(*args: str | Path, env: dict[str, str] | None = None, input: str | bytes | None = None) -> Result:
    """Run the command line in-process; fail on any traceback, whatever the exit code."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}\n{result.output}"
    )
    assert "Traceback" not in result.output, result.output
    return result


def assert_finding(
    findings: Iterable[Finding], code: str, where: str | None = None, *, severity: str | None = None
) -> Finding:
    """The first finding with ``code`` (and whose path contains ``where``); fails listing what was found."""
    found = list(findings)
    for item in found:
        if item.code == code and (where is None or (item.path is not None and where in item.path)):
            if severity is not None:
                assert item.severity.value == severity, item
            assert item.message.zh and item.message.en, item
            return item
    listing = "\n".join(f"  {f.code} @ {f.path}: {f.message.en}" for f in found)
    raise AssertionError(f"no finding {code} at {where!r}; found:\n{listing}")


def assert_clean_elsewhere(evaluation: Evaluation, touched: Sequence[str] = ()) -> None:
    """Every region of ``mini_data()`` not in ``touched`` kept its hand-computed composite."""
    composites = {r.region.id: r.composite for r in evaluation.regions}
    for region, expected in CLEAN.items():
        if region not in touched:
            assert composites.get(region) == expected, (region, composites.get(region), expected)


def spoiled(region: str, **changes: Any) -> dict[str, Any]:
    """``mini_data()`` with the region ``region``'s fields replaced by ``changes``."""
    data = copy.deepcopy(mini_data())
    for entry in data["regions"]:
        if entry["id"] == region:
            entry.update(changes)
    return data


def evaluate(engine: Engine, data: Any, **options: Any) -> Evaluation:
    """The mini scheme evaluated on ``data`` (a document or a path)."""
    return engine.evaluate(engine.load_scheme(MINI), data, **options)


def write_json(folder: Path, document: Any, name: str = "data.json") -> Path:
    """Write ``document`` as UTF-8 JSON and return its path."""
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (relative, sorted): to show that a failed run left nothing behind."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
