"""Who may import whom inside ``src/targetrule/`` (docs/architecture.md, "Who may import whom").

Every module is parsed with ``ast``; every import counts, at module level, under ``TYPE_CHECKING``
or inside a function, and so does ``importlib.import_module`` with a literal name. The rules:

- only the programs at the edge import ``targetrule.formats``: the command line
  (``targetrule.cli``), the HTTP server (``targetrule.server``) and ``targetrule.formats`` itself;
  the core never reads or writes a file format;
- nothing outside ``targetrule.cli`` imports ``targetrule.cli`` or ``click``: a host that imports
  the library never loads the command line (``src/_targetrule_entry.py``, outside the package, is
  the console script and imports it by design);
- ``targetrule.engine`` never imports the inspection workflow (``targetrule.inspection``, or its
  modules at their old top-level paths): a host adds its steps, the engine does not know them.

One listed exception: the server is a front end like the command line. It reads uploads with
the same readers and limits and answers with the same documents, so it imports ``formats`` (and
never ``click`` or ``targetrule.cli``: what both need lives in ``formats``). ``compare.py``
writes its own text (``Comparison.to_text``) and the plugin authors' kit (``targetrule.testing``)
needs no format; a further justified exception would be listed here with its reason.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "targetrule"
INSPECTION = (
    "targetrule.inspection",
    "targetrule.hierarchy",
    "targetrule.verification",
    "targetrule.spot_check",
    "targetrule.baseline",
)


def module_name(path: Path) -> str:
    """``src/targetrule/cli/errors.py`` → ``targetrule.cli.errors``; a package is its ``__init__``."""
    parts = ["targetrule", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module an import in ``source`` names (``from a import b``: ``a`` and ``a.b``), relative ones resolved."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            names.add(origin)
            names.update(f"{origin}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


@cache
def imports() -> dict[str, set[str]]:
    """Each module of the package and what it imports."""
    return {
        module_name(path): imported(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def within(name: str, package: str) -> bool:
    """``name`` is ``package`` or a module inside it."""
    return name == package or name.startswith(package + ".")


def importers(*targets: str) -> dict[str, list[str]]:
    """The modules importing any of ``targets`` (or a module inside one), with what they import of them."""
    found = {
        module: sorted(n for n in names if any(within(n, t) for t in targets)) for module, names in imports().items()
    }
    return {module: names for module, names in found.items() if names}


def test_the_scan_sees_every_kind_of_import() -> None:
    source = (
        "import click\n"
        "from . import sibling\n"
        "from ..formats.text_table import table\n"
        "if TYPE_CHECKING:\n    from targetrule.engine import Engine\n"
        "def f():\n    from targetrule.inspection.spot_check import spot_check\n"
        "    importlib.import_module('targetrule.baseline')\n"
    )
    names = imported(source, "targetrule.cli.evaluation")
    assert {"click", "targetrule.cli.sibling", "targetrule.formats.text_table.table", "targetrule.engine"} <= names
    assert {"targetrule.inspection.spot_check", "targetrule.baseline"} <= names
    assert "targetrule.cli.sub" in imported("from . import sub", "targetrule.cli", is_package=True)
    found = imports()
    assert len(found) > 60 and "targetrule.engine" in found and "targetrule.cli" in found
    assert "targetrule.formats.atomic" in found["targetrule.cli.evaluation"]  # imported inside a function


EDGES = ("targetrule.cli", "targetrule.server", "targetrule.formats")  # the front ends, and formats itself


def test_only_the_front_ends_import_formats() -> None:
    outside = {
        module: names
        for module, names in importers("targetrule.formats").items()
        if not any(within(module, edge) for edge in EDGES)
    }
    assert outside == {}


def test_nothing_outside_the_command_line_imports_it_or_click() -> None:
    outside = {m: n for m, n in importers("targetrule.cli", "click").items() if not within(m, "targetrule.cli")}
    assert outside == {}


def test_the_engine_never_imports_the_inspection_workflow() -> None:
    assert importers(*INSPECTION).get("targetrule.engine", []) == []


def test_importing_the_engine_loads_no_inspection_no_format_no_command_line() -> None:
    """The same rules for everything the engine loads when imported (module-level imports, followed)."""
    forbidden = (*INSPECTION, "targetrule.formats", "targetrule.cli", "click")
    code = f"import sys, targetrule.engine; print(sorted(m for m in sys.modules if m.startswith({forbidden!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
