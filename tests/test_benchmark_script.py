"""The benchmark script still runs (a tiny size): it checks the engine against the hand-written scorers to the cent.

No timing is asserted here; the numbers are read from a real run (docs/benchmark.md). The script
asserts its own checks (the hand-written full scheme, and each peer rule engine that is installed,
must give the engine's points) and exits non-zero when one fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_engine.py"


def run(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run the benchmark script at a tiny size, after ``prelude`` (Python run first, in the same process)."""
    argv = [str(SCRIPT), *args]
    code = f"{prelude}\nimport runpy, sys\nsys.argv = {argv!r}\nrunpy.run_path(sys.argv[0], run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_benchmark_runs_and_agrees_with_the_handwritten_scorers() -> None:
    result = run("--regions", "27", "--runs", "1", "--startup-runs", "1", "--breakdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert "hand-written full scheme agrees with Engine.evaluate to the cent: 27 regions" in out
    assert "engine / baseline time, employment area:" in out
    assert "engine / hand-written time, full scheme:" in out
    assert "hand-written full scheme (40 items)" in out
    assert "engine, full jilin-2007 (40 indicators)" in out
    assert "the same, collector paused (CLI, opt-in)" in out
    for peer in ("GoRules ZEN", "rule-engine"):
        checked = any(line.startswith(f"{peer} (") and "agrees with the engine to the cent" in line for line in lines)
        assert checked or f"{peer}: not installed" in out
    assert "memory held per region after evaluate returns" in out
    assert "start-up, import targetrule / import pluggy, attrs, cattrs:" in out
    assert "start-up, targetrule --version" in out
    assert "stages, full scheme" in out and "freeing the results" in out
    targets = out[out.index("issue 11 targets") :]
    for target in (
        "employment area ≤ 3x",
        "GoRules ZEN batch",
        "full scheme ≥ 8,000 regions/s",
        "full scheme ≤ 3x",
        "memory held ≤ 8 KiB a region",
        "peak RSS at 100,000 regions ≤ 1.5 GiB",
        "streaming flat",
        "targetrule --version ≤ 1.5x",
        "import targetrule ≤ 1.3x",
    ):
        assert target in targets


def test_breakdown_skips_when_the_engine_internals_are_gone_and_rss_runs_opt_in() -> None:
    result = run(
        *("--regions", "18", "--runs", "1", "--startup-runs", "1", "--breakdown", "--no-peers", "--rss", "45"),
        # An internal the breakdown imports is gone (the engine itself keeps its own reference).
        prelude="import targetrule.engine, targetrule.ranking\ndel targetrule.ranking.decide",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "stages, employment area: skipped, the engine's internals changed (ImportError" in out
    assert "stages, full scheme: skipped" in out
    assert "peak RSS evaluating 45 regions (full scheme, a fresh process):" in out
    assert "peak RSS, streaming path:" in out
    assert "issue 11 targets" in out
