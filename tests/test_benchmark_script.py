"""The benchmark script still runs (a tiny size): it checks the engine against the hand-written scorer to the cent.

No timing is asserted here; the numbers are read from a real run (docs/benchmark.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_engine.py"


def test_benchmark_runs_and_agrees_with_the_handwritten_scorer() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--regions", "27", "--runs", "1", "--breakdown"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "engine / baseline time, employment area:" in result.stdout
    assert "engine, full jilin-2007 (40 indicators)" in result.stdout
    assert "stages, full scheme" in result.stdout and "freeing the results" in result.stdout
