"""The example composite-index distribution (examples/targetrule-hdi-example): installs, passes its tests and cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "targetrule-hdi-example"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The example installed as a user's pip would (an isolated build), into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(EXAMPLE)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {**os.environ, "PYTHONPATH": str(target)}


def test_its_own_tests_pass(site: dict[str, str]) -> None:
    # the contract on its four indicators and its scheme; the case file is run below, on its own
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--targetrule-max-examples", "10"]
    command += ["--ignore", "tests/hdi-example.cases.toml"]
    result = subprocess.run(command, cwd=EXAMPLE, env=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "33 passed" in result.stdout  # 4 × 8 contract properties + the scheme


def test_its_hand_computed_cases(site: dict[str, str]) -> None:
    cases = str(EXAMPLE / "tests" / "hdi-example.cases.toml")
    code = "import sys; from targetrule.cli import main; sys.exit(main(sys.argv[1:], prog_name='targetrule'))"
    command = [sys.executable, "-c", code, "test", cases, "--json"]
    result = subprocess.run(command, env=site, capture_output=True, text=True, timeout=300)
    document = json.loads(result.stdout)
    # every hand-computed value to the scheme's 0.001, the index combined from unrounded dimensions
    assert document["failed"] == 0, [case["mismatches"] for case in document["cases"] if case["mismatches"]]
    assert document["passed"] == len(document["cases"]) >= 1
