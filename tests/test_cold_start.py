"""Cold start (issue 11): ``import targetrule`` is lazy, ``--version`` loads nothing, entry points are read once.

Each start-up check runs in a fresh interpreter, since this one has long imported everything. The
timings themselves are the benchmark's (``benchmarks/bench_engine.py``), never asserted here.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import targetrule
from targetrule import Engine, Registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = Path(targetrule.__file__).with_name("examples") / "jilin-2007.json"
HEAVY = ("targetrule.engine", "targetrule.registry", "attr", "attrs", "cattrs", "pluggy", "click", "importlib.metadata")


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )


def _last_json(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """The JSON line a probe wrote last on stderr (after whatever the command printed)."""
    assert result.stderr.strip(), result
    return dict(json.loads(result.stderr.strip().splitlines()[-1]))


# --- import targetrule ------------------------------------------------------------------------------


def test_import_targetrule_loads_nothing_heavy() -> None:
    code = (
        "import json, sys; before = set(sys.modules); import targetrule; "
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    new = json.loads(result.stdout)
    assert not [m for m in HEAVY if m in new], new
    assert [m for m in new if m.startswith("targetrule")] == ["targetrule", "targetrule._version"]


def test_version_is_there_without_importing_anything_heavy() -> None:
    code = f"import sys, targetrule; print(targetrule.__version__, any(m in sys.modules for m in {HEAVY!r}))"
    result = _python(code)
    assert result.stdout.split() == [targetrule.__version__, "False"], result.stderr


@pytest.mark.parametrize("name", targetrule.__all__)
def test_every_public_name_resolves_to_its_module_object(name: str) -> None:
    value = getattr(targetrule, name)
    if name == "__version__":
        assert value == importlib.import_module("targetrule._version").__version__
    else:
        assert value is getattr(importlib.import_module(targetrule._EXPORTS[name]), name)


def test_public_names_import_lazily_in_a_fresh_process() -> None:
    code = (
        "import sys\n"
        "from targetrule import hookimpl\n"  # what every plugin module does first
        "assert 'pluggy' in sys.modules and 'targetrule.engine' not in sys.modules\n"
        "from targetrule import *\n"
        "import targetrule\n"
        "assert all(n in vars(targetrule) for n in targetrule.__all__)\n"
        "print(Engine.__module__, hookimpl.project_name)\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["targetrule.engine", "targetrule"]


def test_dir_lists_the_public_names_before_their_first_use() -> None:
    result = _python("import targetrule; print(' '.join(dir(targetrule)))")
    listed = result.stdout.split()
    assert set(targetrule.__all__) <= set(listed), result.stderr
    assert set(targetrule.__all__) <= set(dir(targetrule))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Engin'"):
        targetrule.Engin  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from targetrule import Engin  # type: ignore[attr-defined]  # noqa: F401
    assert not hasattr(targetrule, "TYPE_CHECKING")


def test_the_lazy_table_matches_the_imports_type_checkers_see() -> None:
    """``_EXPORTS`` and the ``TYPE_CHECKING`` block of ``__init__.py`` name the same modules and names."""
    tree = ast.parse(Path(targetrule.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    seen = {alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert seen == targetrule._EXPORTS
    assert targetrule.__all__ == sorted([*targetrule._EXPORTS, "__version__"])


# --- targetrule --version ---------------------------------------------------------------------------


def test_the_version_agrees_everywhere() -> None:
    """pyproject.toml, ``targetrule.__version__``, ``targetrule --version`` and the installed metadata."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert targetrule.__version__ == declared
    script = Path(sys.executable).with_name("targetrule")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "_targetrule_entry"]
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.endswith(f", version {declared}\n")
    if script.exists():
        assert result.stdout == f"targetrule, version {declared}\n"
    # click's own --version (targetrule.cli:main, as CliRunner runs it) reads the installed metadata
    assert importlib.metadata.version("targetrule") == declared, "reinstall: pip install -e ."
    from targetrule.cli import main

    assert CliRunner().invoke(main, ["--version"]).output == f"main, version {declared}\n"


SET_ARGV = "import sys; sys.argv = ['targetrule', *sys.argv[1:]]\n"
PROBE = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: sys.stderr.write(json.dumps("
    f"{{'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}) + '\\n'))\n"
)


def test_version_alone_prints_what_click_prints_without_importing_click() -> None:
    fast = _python(SET_ARGV + PROBE + "import _targetrule_entry; _targetrule_entry.run()", "--version")
    slow = _python(SET_ARGV + "from targetrule.cli import main; main()", "--version")
    assert (
        (fast.returncode, fast.stdout)
        == (slow.returncode, slow.stdout)
        == (0, f"targetrule, version {targetrule.__version__}\n")
    )
    assert _last_json(fast)["loaded"] == []


@pytest.mark.parametrize("args", [["--version", "--help"], ["plugins", "--version"]])
def test_version_among_other_arguments_is_clicks(args: list[str]) -> None:
    fast = _python(SET_ARGV + "import _targetrule_entry; _targetrule_entry.run()", *args)
    slow = _python(SET_ARGV + "from targetrule.cli import main; main()", *args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)


def test_shell_completion_still_goes_to_click() -> None:
    env = {**os.environ, "_TARGETRULE_COMPLETE": "bash_source"}
    result = _python(SET_ARGV + "import _targetrule_entry; _targetrule_entry.run()", "--version", env=env)
    assert "_targetrule_completion" in result.stdout


# --- the entry-point scan -----------------------------------------------------------------------------

SPY = (
    "import importlib.metadata, sys\n"
    "calls = []\n"
    "real = importlib.metadata.entry_points\n"
    "importlib.metadata.entry_points = lambda *a, **k: (calls.append(k), real(*a, **k))[1]\n"
    "import atexit, json\n"
    "atexit.register(lambda: sys.stderr.write(json.dumps({'calls': len(calls), "
    "'engine': 'targetrule.engine' in sys.modules}) + '\\n'))\n"
)


@pytest.mark.parametrize(
    ("args", "calls"),
    [
        (["--help"], 0),
        (["evaluate", "--help"], 0),
        (["plugins", "--help"], 0),
        (["plugins"], 1),
        (["--no-entry-points", "plugins"], 0),
        (["validate", "jilin-2007", str(EXAMPLE)], 1),
        (["compare", "jilin-2007", "jilin-2007", str(EXAMPLE)], 1),
    ],
)
def test_the_command_line_reads_entry_points_once_and_only_for_plugins(args: list[str], calls: int) -> None:
    result = _python(SET_ARGV + SPY + "import _targetrule_entry; _targetrule_entry.run()", *args)
    assert result.returncode == 0, result.stderr
    probe = _last_json(result)
    assert probe["calls"] == calls
    if calls == 0 and "--help" in args:
        assert probe["engine"] is False


def test_import_reads_no_entry_points() -> None:
    result = _python(SPY + "import targetrule; targetrule.__version__; targetrule.Engine")
    assert _last_json(result)["calls"] == 0


def test_entry_points_are_read_once_per_registry_and_never_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = importlib.metadata.entry_points

    def spy(**kwargs: str) -> importlib.metadata.EntryPoints:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", spy)
    registry = Registry.default()
    assert calls == [{"group": "targetrule"}]
    engine = Engine()
    assert len(calls) == 2  # a new default registry reads them again: nothing is kept between calls
    Engine(registry)
    Engine(entry_points=False)
    Registry.default(entry_points=False)
    Registry.from_plugins([])
    assert len(calls) == 2
    scheme = engine.load_scheme("jilin-2007")
    engine.evaluate(scheme, EXAMPLE)
    engine.registry.plugins()
    registry.plugins()
    assert len(calls) == 2
