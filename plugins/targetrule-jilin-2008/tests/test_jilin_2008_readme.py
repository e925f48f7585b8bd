"""The README's Python examples run as written, and ``python -m targetrule_jilin_2008`` writes the example data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from jilin_2008_support import INSTALLED
from targetrule_jilin_2008 import example_submissions

HERE = Path(__file__).parents[1]


def _env() -> dict[str, str]:
    if INSTALLED:
        return dict(os.environ)
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE / "src"), os.environ.get("PYTHONPATH", "")])}


def test_the_readme_examples_run() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"^```python\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    assert len(examples) == 2
    first = subprocess.run([sys.executable, "-c", examples[0]], env=_env(), capture_output=True, text=True)
    if INSTALLED:  # Engine() finds the scheme through the entry points only when installed
        assert first.returncode == 0, first.stderr
        assert first.stdout.splitlines()[0].startswith("1 长春市 ")
    second = subprocess.run([sys.executable, "-c", examples[1]], env=_env(), capture_output=True, text=True)
    assert second.returncode == 0, second.stderr


def test_the_module_prints_the_example_submissions() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "targetrule_jilin_2008"], env=_env(), capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == example_submissions()
