"""Real plugin distributions on disk for the bad-input suite: a ``*.dist-info`` with METADATA and
``entry_points.txt`` beside the plugin's module, found by ``importlib.metadata`` once the folder is
on ``sys.path`` (in-process) or on ``PYTHONPATH`` (a subprocess) — exactly as an installed one is.

``hostile_module`` writes a plugin module with one indicator (``hostile.item``) and a scheme
(``hostile``) that scores it beside the built-in ``employment.new_urban_jobs``. Its formula, rule
and explanation behave well except for region yi (actual = 13), where they misbehave as asked.
"""

from __future__ import annotations

import copy
import importlib
import itertools
import sys
import textwrap
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mini_scheme import JOBS, mini_data

DIST = "mybrokenplugin"
VERSION = "1.0"
ITEM = "hostile.item"
SCHEME_ID = "hostile"

# jia: jobs 9.50 + hostile 95/100 × 10 = 9.50 → 19.00; changbai: 9.00 + 9/10 × 10 = 9.00 → 18.00;
# yi: jobs 8.00, and its hostile item (actual 13) is where the plugin misbehaves.
CLEAN = {"jia": Decimal("19.00"), "changbai": Decimal("18.00")}
YI_JOBS = Decimal("8.00")
YI_ITEM_POINTS = Decimal("1.30")  # 13 / 100 × 10 when nothing goes wrong

_counter = itertools.count()

SCHEME_TOML = f"""
schema = "targetrule.scheme/1"
id = "{SCHEME_ID}"
title = {{zh = "插件隔离测试", en = "Plugin isolation test"}}
year = 2007
total_points = 20

[[areas]]
id = "employment"
label = {{zh = "就业和再就业", en = "Employment"}}
points = 10
indicators = [{{id = "{JOBS}", points = 10}}]

[[areas]]
id = "hostile"
label = {{zh = "插件指标", en = "Plugin items"}}
points = 10
indicators = [{{id = "{ITEM}", points = 10}}]

[[grades]]
id = "all"
label = {{zh = "参评", en = "Evaluated"}}
min = 0
"""

PRELUDE = """
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from attrs import frozen

from targetrule import Attainment, Indicator, Input, Kind, Label, Role, SchemeSource, hookimpl
from targetrule.findings import FindingCode, Severity
from targetrule.formulas import Parameter
from targetrule.rules import Breach

SCHEME = {scheme!r}
"""

WELL_BEHAVED = '''

@frozen
class Hostile:
    """actual / target within [0, 1]; misbehaves for actual = 13 as FORMULA says."""

    family: ClassVar[str] = "hostile_formula"
    parameters: ClassVar[Mapping[str, Parameter]] = {{}}

    def uses(self):
        return ("actual", "target")

    def directions(self):
        return {{}}

    def param_specs(self):
        return self.parameters

    def score(self, values, params):
        a, t = values["actual"], values["target"]
        good = min(a / t, Decimal(1)) if t else Decimal(1)
        if a == 13:
{formula}
        return Attainment(good, self, {{"actual": a, "target": t, "value": good}})

    def explain(self, facts):
{explain}
        a, t = facts["actual"], facts["target"]
        return Label(f"完成 {{a}} / 目标 {{t}}", f"{{a}} of {{t}}")
{extra_formula}

@frozen
class HostileRule:
    """Broken for actual = 13 as RULE says."""

    def check(self, values):
        if values.get("actual") != 13:
            return None
{rule}


ITEM = Indicator(
    id="{item}",
    area="hostile",
    label=Label("插件指标", "plugin item"),
    reference="test",
    unit="个",
    inputs=(
        Input("actual", Label("完成数", "actual"), Kind.COUNT),
        Input("target", Label("目标数", "target"), Kind.COUNT, Role.TARGET),
    ),
    formula=Hostile(),
    rules=(HostileRule(),),
)


@hookimpl
def targetrule_indicators():
    return [ITEM]


@hookimpl
def targetrule_schemes():
    return [SchemeSource("{scheme_id}", SCHEME, "{dist}")]
{hooks}
'''


def _indent(code: str, spaces: int) -> str:
    return textwrap.indent(textwrap.dedent(code).strip("\n"), " " * spaces) + "\n" if code.strip() else ""


def hostile_module(
    *,
    formula: str = "pass",
    explain: str = "",
    rule: str = "return None",
    hooks: str = "",
    extra_formula: str = "",
    scheme: str = SCHEME_TOML,
) -> str:
    """The source of a plugin module whose formula, explanation and rule misbehave for actual = 13."""
    return PRELUDE.format(scheme=scheme) + WELL_BEHAVED.format(
        formula=_indent(formula, 12),
        explain=_indent(explain, 8),
        rule=_indent(rule, 8),
        item=ITEM,
        scheme_id=SCHEME_ID,
        dist=DIST,
        hooks=textwrap.dedent(hooks),
        extra_formula=textwrap.dedent(extra_formula),
    )


def unique_module() -> str:
    """A module name no other test uses, so ``sys.modules`` never hands back another test's plugin."""
    return f"tr_hostile_plugin_{next(_counter)}"


def write_dist(
    root: Path,
    entry_points: Mapping[str, str],
    modules: Mapping[str, str],
    *,
    name: str = DIST,
    version: str = VERSION,
) -> Path:
    """Write a distribution's metadata (METADATA, entry_points.txt) and its modules under ``root``."""
    info = root / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = "".join(f"{key} = {value}\n" for key, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[targetrule]\n{lines}", encoding="utf-8")
    for module, source in modules.items():
        (root / f"{module}.py").write_text(source, encoding="utf-8")
    return root


@pytest.fixture
def on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` for distributions; the modules imported from it are forgotten after."""
    before = set(sys.modules)
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    yield root
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        if str(getattr(module, "__file__", "") or "").startswith(str(root)):
            del sys.modules[name]
    importlib.invalidate_caches()


def hostile_data(actual: Any = 13, target: Any = 100) -> dict[str, Any]:
    """``mini_data()`` with the plugin's item for every region; yi's is where the plugin misbehaves."""
    data = copy.deepcopy(mini_data())
    data["scheme"] = SCHEME_ID
    items = {"jia": {"actual": 95, "target": 100}, "yi": {"actual": actual, "target": target}}
    items["changbai"] = {"actual": 9, "target": 10}
    for region in data["regions"]:
        region["inputs"][ITEM] = items[region["id"]]
    return data
