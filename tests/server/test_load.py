"""The load test script at a small size against the session's server: 20 at once, 0 errors, the CLI's bytes.

No timing is asserted here; the numbers of a full run (200 at once) are in docs/benchmark.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.server.conftest import Server

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_server.py"


def test_twenty_concurrent_evaluations_all_match_the_command_line(server: Server) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "20", "--url", server.url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors: 0; answers differing from the command line's results.json: 0" in done.stdout
    assert "latency ms: p50" in done.stdout and "throughput:" in done.stdout


def test_the_script_refuses_to_leave_loopback() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "1", "--url", "http://example.org"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0 and "loopback only" in done.stderr
