"""A plugin's pipeline step is isolated like its formulas: whatever it does wrong is a finding naming it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import pytest

from hostile.harness import CLEAN, MINI, assert_finding, mini_data
from targetrule import Engine, Registry, Scheme, builtin_plugins, hookimpl
from targetrule.steps import Prepared, Step
from targetrule.submissions import Submissions


class Broken:
    """A step whose ``prepare`` does what ``behaviour`` says."""

    name = "audit.broken"
    inputs: Collection[str] = ()

    def __init__(self, behaviour: Callable[[], Any]) -> None:
        self.behaviour = behaviour

    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        return self.behaviour()  # type: ignore[no-any-return]


class AuditPlugin:
    """A third-party plugin adding one step."""

    def __init__(self, behaviour: Callable[[], Any]) -> None:
        self.behaviour = behaviour

    @hookimpl
    def targetrule_steps(self) -> Sequence[Step]:
        return [Broken(self.behaviour)]


def _raise() -> Any:
    raise ZeroDivisionError("division by zero")


BEHAVIOURS: dict[str, Callable[[], Any]] = {
    "raises": _raise,
    "returns-none": lambda: None,
    "returns-a-dict": lambda: {"findings": ()},
    "unknown-provenance-field": lambda: Prepared(provenance={"no_such_field": "x"}),
    "regions-not-a-mapping": lambda: Prepared(regions=[1, 2]),  # type: ignore[arg-type]
    "regions-of-the-wrong-kind": lambda: Prepared(regions={"jia": "changed"}),  # type: ignore[dict-item]
    "findings-of-the-wrong-kind": lambda: Prepared(findings=("not a finding",)),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("mode", ["strict", "lenient"])
@pytest.mark.parametrize("behaviour", sorted(BEHAVIOURS))
def test_a_failing_step_is_a_finding_naming_its_plugin(behaviour: str, mode: str) -> None:
    plugin = AuditPlugin(BEHAVIOURS[behaviour])
    engine = Engine(Registry.from_plugins([*builtin_plugins(), plugin]))
    evaluation = engine.evaluate(engine.load_scheme(MINI), mini_data(), mode=mode)  # type: ignore[arg-type]
    found = assert_finding(evaluation.findings, "step.failed", "$", severity="error")
    assert "audit.broken" in found.message.zh and "audit.broken" in found.message.en
    assert "AuditPlugin" in found.message.en  # the plugin is named
    assert evaluation.ranked is (mode == "lenient")  # strict mode does not rank on data a step failed to prepare
    # The step's work is left out; every region is scored as before: jia 9.50, yi 8.00, changbai 9.00.
    assert {r.region.id: r.composite for r in evaluation.regions} == CLEAN
