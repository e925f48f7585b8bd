"""Real servers for the tests: ``targetrule serve`` in a subprocess on a free loopback port, started once a session.

``server`` has the default limits; ``guarded`` a bearer token, a 100 kB body limit and 5 regions
a request; ``hasty`` a 0.1 s evaluation time limit. Each writes its log to a file the tests read.
"""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("starlette", reason="the server needs the extra targetrule[server]")
pytest.importorskip("uvicorn", reason="the server needs the extra targetrule[server]")

TOKEN = "s3cret-token-for-the-tests-0123456789"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "targetrule" / "examples" / "jilin-2007.json"


class Server:
    """A running ``targetrule serve``: its base URL, its log file, and an httpx client for it."""

    def __init__(self, url: str, log: Path, process: subprocess.Popen[bytes]) -> None:
        self.url = url
        self.log = log
        self.process = process

    def client(self, token: str | None = None, timeout: float = 60) -> httpx.Client:
        """A client for this server, sending the bearer token if given."""
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(folder: Path, *options: str) -> Iterator[Server]:
    """Start ``targetrule serve`` with ``options`` and wait until /healthz answers; stop it afterwards."""
    port = free_port()
    log = folder / "server.log"
    command = [sys.executable, "-c", "import _targetrule_entry; _targetrule_entry.run()", "serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen([*command, *options], stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server did not start: {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    try:
        yield Server(url, log, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server with its default limits and no token."""
    yield from start(tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="session")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server behind a token, with a 100 kB body limit (0.1 MB) and at most 5 regions a request."""
    folder = tmp_path_factory.mktemp("guarded")
    token_file = folder / "token.txt"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    yield from start(folder, "--token-file", str(token_file), "--max-body-mb", "0.1", "--max-regions", "5")


@pytest.fixture(scope="session")
def hasty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that allows an evaluation 0.1 s."""
    yield from start(tmp_path_factory.mktemp("hasty"), "--timeout", "0.1", "--max-body-mb", "50")


def example() -> dict[str, Any]:
    """The bundled example submissions of jilin-2007."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


def many_regions(count: int) -> dict[str, Any]:
    """The example's nine cities repeated under new ids up to ``count`` regions (no survey-only region)."""
    document = example()
    cities = [r for r in document["regions"] if not r.get("survey_only")]
    regions = []
    for n in range(count):
        region = copy.deepcopy(cities[n % len(cities)])
        region["id"] = f"r{n:05d}"
        region["name"] = {"zh": f"地区{n}", "en": f"Region {n}"}
        region.pop("parent", None)
        regions.append(region)
    document["regions"] = regions
    return document


def cli_results(tmp_path: Path, *args: str) -> bytes:
    """The results.json the command line writes for ``targetrule evaluate jilin-2007 ARGS --format json``."""
    from click.testing import CliRunner

    from targetrule.cli import main

    out = tmp_path / "cli-results"
    result = CliRunner().invoke(main, ["evaluate", "jilin-2007", *args, "--format", "json", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    return (out / "results.json").read_bytes()
