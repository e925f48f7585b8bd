"""Load test of ``targetrule serve`` on loopback: N concurrent ``POST /evaluate`` of the bundled example.

    python benchmarks/bench_server.py [--requests 200] [--url http://127.0.0.1:PORT] [--workers 4]

Without ``--url`` it starts ``targetrule serve`` itself on a free loopback port (default limits,
``--workers``), and stops it afterwards. It first writes the command line's results.json for the
same example (``targetrule evaluate jilin-2007 --example --format json``), then sends all N
requests at once (one connection each) and checks every answer: status 200 and the very bytes
of the command line's file. It prints the errors, the latency percentiles (p50, p99, max) and the
throughput, and exits non-zero if any request failed or differed. Loopback only; bounded by N.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import httpx

ENTRY = "import _targetrule_entry; _targetrule_entry.run()"


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def started_server(workers: int) -> Iterator[str]:
    """``targetrule serve`` on a free loopback port, until the block ends; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-c", ENTRY, "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def cli_results(example: Path) -> bytes:
    """The results.json the command line writes for the bundled example."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "results"
        command = [
            sys.executable,
            "-c",
            ENTRY,
            "evaluate",
            "jilin-2007",
            str(example),
            "--format",
            "json",
            "-o",
            str(out),
        ]
        subprocess.run(command, check=True, capture_output=True)
        return (out / "results.json").read_bytes()


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def fire(url: str, body: bytes, count: int) -> tuple[list[float], list[bytes | str], float]:
    """Send ``count`` requests at once; their latencies, their bodies (or error texts) and the wall time."""
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=0)

    async def one(client: httpx.AsyncClient) -> tuple[float, bytes | str]:
        start = time.perf_counter()
        try:
            answer = await client.post(
                "/evaluate?scheme=jilin-2007", content=body, headers={"content-type": "application/json"}
            )
        except httpx.HTTPError as exc:
            return time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - start
        return elapsed, answer.content if answer.status_code == 200 else f"{answer.status_code}: {answer.text[:200]}"

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        start = time.perf_counter()
        done = await asyncio.gather(*(one(client) for _ in range(count)))
        wall = time.perf_counter() - start
    return [t for t, _ in done], [b for _, b in done], wall


def main() -> None:
    """Run the load test and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="concurrent POST /evaluate (default 200)")
    parser.add_argument("--url", help="a running server (default: start one on loopback)")
    parser.add_argument("--workers", type=int, default=4, help="the started server's --workers (default 4)")
    args = parser.parse_args()
    if not 1 <= args.requests <= 1000:
        raise SystemExit("--requests must be 1..1000 (the test is bounded)")
    example = Path(str(resources.files("targetrule") / "examples" / "jilin-2007.json"))
    expected = cli_results(example)
    body = example.read_bytes()
    with started_server(args.workers) if args.url is None else _given(args.url) as url:
        if not url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
            raise SystemExit("loopback only: the load test never leaves this machine")
        latencies, bodies, wall = asyncio.run(fire(url, body, args.requests))
    failed = [b for b in bodies if isinstance(b, str)]
    differing = [b for b in bodies if isinstance(b, bytes) and b != expected]
    ms = [t * 1000 for t in latencies]
    print(f"POST /evaluate of the bundled example (jilin-2007, 10 regions), {args.requests} at once, loopback")
    print(f"cpus: {os.cpu_count()}, Python {sys.version.split()[0]}, server workers: {args.workers}")
    print(f"errors: {len(failed)}; answers differing from the command line's results.json: {len(differing)}")
    print(f"latency ms: p50 {percentile(ms, 0.5):.0f}, p99 {percentile(ms, 0.99):.0f}, max {max(ms):.0f}")
    print(f"throughput: {args.requests / wall:.1f} requests/s ({wall:.2f} s for all)")
    for text in failed[:5]:
        print(f"  failed: {text}")
    if failed or differing:
        sys.exit(1)


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


if __name__ == "__main__":
    main()
