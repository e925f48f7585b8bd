"""numpy and scipy stay out of the core, and without them the analysis says which extra to install."""

from __future__ import annotations

import subprocess
import sys

from .conftest import EXAMPLE


def run(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_core_and_the_command_line_never_import_numpy() -> None:
    result = run(
        "import sys, targetrule, targetrule.engine, targetrule.cli, targetrule.analysis\n"
        "assert 'numpy' not in sys.modules and 'scipy' not in sys.modules, 'imported'\n"
    )
    assert result.returncode == 0, result.stderr


def test_without_numpy_the_library_and_the_command_name_the_extra() -> None:
    blocked = "import sys\nsys.modules['numpy'] = None\n"
    library = run(
        blocked
        + "from targetrule import Engine\nfrom targetrule.analysis import AnalysisUnavailableError, sensitivity\n"
        "engine = Engine(entry_points=False)\n"
        f"evaluation = engine.evaluate('jilin-2007', {str(EXAMPLE)!r})\n"
        "try:\n    sensitivity(evaluation, engine=engine)\n"
        "except AnalysisUnavailableError as exc:\n    print(exc.message.zh)\n    print(exc.message.en)\n"
    )
    assert library.returncode == 0, library.stderr
    assert "pip install 'targetrule[analysis]'" in library.stdout
    assert "缺少可选依赖 numpy" in library.stdout
    command = run(
        blocked + "import sys\nfrom targetrule.cli import main\n"
        "sys.argv = ['targetrule', '--no-entry-points', 'sensitivity', 'jilin-2007', '--example']\n"
        "main()\n"
    )
    assert command.returncode == 2, command.stdout + command.stderr
    assert "targetrule[analysis]" in command.stdout + command.stderr
