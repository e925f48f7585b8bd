"""The pipeline's added steps: the inspection workflow is steps a plugin provides, never an import of the engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve, frozen
from conftest import figures, region

from targetrule import Engine, Label, PluginError, Registry, Scheme, builtin_plugins, hookimpl
from targetrule.findings import Severity, custom_finding
from targetrule.inspection.hierarchy import NotRolledUp
from targetrule.inspection.verification import VerifiedFigures
from targetrule.results import Adjustment
from targetrule.steps import Prepared, PreparedRegion, Step
from targetrule.submissions import Submissions

SRC = Path(__file__).resolve().parents[2] / "src" / "targetrule"
JOBS = "employment.new_urban_jobs"
WHO = {"by": "督查考评组第一组", "on": "2007-12-05"}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top, inside functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_engine_never_imports_the_inspection_workflow() -> None:
    modules = imported_modules(SRC / "engine.py")
    assert not [m for m in modules if m.startswith("targetrule.inspection")]


def test_in_the_core_only_the_plugin_that_adds_its_steps_imports_the_inspection_workflow() -> None:
    # The programs at the edge (the command line, the file formats) may; the core only through its plugin.
    edge = [SRC / "inspection", SRC / "cli", SRC / "formats"]
    users = [
        path.relative_to(SRC).as_posix()
        for path in sorted(SRC.rglob("*.py"))
        if path != SRC / "builtin.py"
        and not any(folder in path.parents for folder in edge)
        and any(m.startswith("targetrule.inspection") for m in imported_modules(path))
    ]
    assert users == []


def test_importing_the_engine_loads_no_inspection_module() -> None:
    code = (
        "import sys, targetrule.engine, targetrule.registry, targetrule.steps; "
        "print(sorted(m for m in sys.modules if m.startswith('targetrule.inspection')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_default_registry_adds_the_inspection_steps_through_the_core_plugin() -> None:
    registry = Registry.default(entry_points=False)
    assert list(registry.steps) == ["hierarchy.not_rolled_up", "verification", "limits", "plausibility"]
    assert isinstance(registry.steps["hierarchy.not_rolled_up"], NotRolledUp)
    assert isinstance(registry.steps["verification"], VerifiedFigures)
    assert all(isinstance(step, Step) for step in registry.steps.values())


def test_a_region_without_verified_figures_is_not_prepared(scheme: Scheme) -> None:
    from targetrule import read_submissions

    data = read_submissions([region("a"), region("b", verified={JOBS: {"actual": {"value": 1, **WHO}}})])
    prepared = VerifiedFigures().prepare(scheme, data, {"verifications": None})
    assert list(prepared.regions) == ["b"]  # "a" costs the engine one dict lookup, nothing more
    assert prepared.provenance == {"verifications_sha256": ""}


@frozen
class Audit:
    """A host's own step: region "a"'s new jobs as the audit office counted them, at a cost."""

    seen: list[Decimal | int | str | None]
    name: str = "test.audit"
    inputs: tuple[str, ...] = ()

    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        data = next(d for d in submissions.regions if d.region.id == "a")
        self.seen.append(data.inputs[JOBS]["actual"])  # as the steps before left it
        inputs = {**data.inputs, JOBS: {**data.inputs[JOBS], "actual": 80000}}
        note = custom_finding(
            "test.audited", Severity.WARNING, Label("审计调整", "audited"), region="a", path=data.path
        )
        cost = Adjustment("deduction", "audit", Label("审计", "audit"), Decimal(1), "")
        return Prepared(
            (custom_finding("test.audit_ran", Severity.WARNING, Label("审计", "audit ran")),),
            {"a": PreparedRegion(evolve(data, inputs=inputs), (note,), (cost,))},
        )


class AuditPlugin:
    def __init__(self) -> None:
        self.seen: list[Decimal | int | str | None] = []

    @hookimpl
    def targetrule_steps(self) -> Sequence[Step]:
        return [Audit(self.seen)]


def test_a_plugins_step_runs_after_the_built_in_ones_on_the_data_they_left(scheme: Scheme) -> None:
    plugin = AuditPlugin()
    engine = Engine(Registry.from_plugins([*builtin_plugins(), plugin]))
    verified = {JOBS: {"actual": {"value": 90000, **WHO}}}
    data = [region("a", figures(jobs=(95000, 100000, 5000)), verified=verified), region("b")]
    result = engine.evaluate(scheme, data, mode="lenient")
    assert plugin.seen == [Decimal(90000)]  # the verification step ran first
    a = result.region("a")
    assert a.indicator(JOBS).values["actual"] == 80000  # 0.80 × 10 = 8.00 points
    assert a.indicator(JOBS).points == Decimal("8.00")
    # the verification step's findings and costs first, then the audit's
    assert [f.code for f in a.findings] == ["verification.misreported", "test.audited"]
    assert [adj.id for adj in a.adjustments][-1] == "audit"
    assert [d.verified for d in a.discrepancies] == [Decimal(90000)]
    assert result.findings[0].code == "test.audit_ran"  # about the document: before the regions'
    assert result.region("b").findings == ()


def test_two_steps_with_one_name_stop_at_startup_naming_both_plugins() -> None:
    class Again:
        @hookimpl
        def targetrule_steps(self) -> Sequence[Step]:
            return [VerifiedFigures()]

    with pytest.raises(PluginError, match=r"duplicate step 'verification'.*targetrule\.builtin"):
        Registry.from_plugins([*builtin_plugins(), Again()])


def test_a_step_that_is_not_one_stops_at_startup() -> None:
    class Wrong:
        @hookimpl
        def targetrule_steps(self) -> Sequence[object]:
            return ["verification"]

    with pytest.raises(PluginError, match="where a Step was expected"):
        Registry.from_plugins([*builtin_plugins(), Wrong()])


def test_verifications_no_step_reads_are_refused_not_ignored(scheme: Scheme) -> None:
    from targetrule import builtin

    bare = Engine(Registry.from_plugins([m for m in builtin_plugins() if m is not builtin] + [_Core()]))
    listed = [{"region": "a", "indicator": JOBS, "input": "actual", "value": 1, **WHO}]
    with pytest.raises(ValueError, match="no step of the pipeline reads verifications"):
        bare.evaluate(scheme, [region("a")], verifications=listed)
    assert bare.evaluate(scheme, [region("a")]).region("a").composite == Decimal("20.00")


class _Core:
    """The core plugin without its steps: formula families and aggregations only."""

    @hookimpl
    def targetrule_formula_families(self) -> Sequence[type]:
        from targetrule.formulas import BUILTIN_FAMILIES

        return BUILTIN_FAMILIES

    @hookimpl
    def targetrule_aggregations(self) -> Sequence[object]:
        from targetrule.aggregation import BUILTIN_AGGREGATIONS

        return BUILTIN_AGGREGATIONS
