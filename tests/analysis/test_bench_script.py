"""The sensitivity benchmark still runs (a tiny size); its timings are read from a real run (docs/benchmark.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_sensitivity.py"


def test_the_benchmark_runs_at_a_tiny_size() -> None:
    argv = [sys.executable, str(SCRIPT), "--regions", "60", "--draws", "300", "--runs", "1", "--rss-draws", "500"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ratio weights / baseline:" in result.stdout
    assert "ratio parameters / baseline:" in result.stdout
    assert "ratio aggregation / baseline:" in result.stdout
    assert "peak RSS, 500 draws:" in result.stdout
