"""The contract classes under pytest itself, and the pytest11 plugin: its option, fixtures and inertness."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest_plugins = ["pytester"]

BROKEN = '''
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from targetrule import Attainment, Direction, Indicator, Input, Kind, Label, Role
from targetrule.testing import IndicatorContract


@frozen
class Backwards:
    """Scores the actual the wrong way round."""

    family: ClassVar[str] = "backwards"
    parameters: ClassVar[Mapping] = {}

    def uses(self):
        return ("actual", "target")

    def directions(self):
        return {"actual": Direction.HIGHER}

    def param_specs(self):
        return {}

    def score(self, values, params):
        a, t = values["actual"], values["target"]
        share = Decimal(1) if t == 0 else min(a / t, Decimal(1))
        return Attainment(1 - share, self, {"actual": a, "target": t})

    def explain(self, facts):
        return Label(f"完成 {facts['actual']} / 目标 {facts['target']}", f"{facts['actual']} of {facts['target']}")


BACKWARDS = Indicator(
    id="demo.backwards",
    area="demo",
    label=Label("倒算", "backwards"),
    reference="demo",
    unit="人",
    inputs=(
        Input("actual", Label("完成", "actual"), Kind.COUNT, better=Direction.HIGHER),
        Input("target", Label("目标", "target"), Kind.COUNT, Role.TARGET),
    ),
    formula=Backwards(),
)


class TestBackwards(IndicatorContract):
    indicator = BACKWARDS
    max_examples = 50
'''


def test_the_suite_fails_a_formula_that_moves_the_wrong_way(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_backwards=BROKEN)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(["*test_monotone_in_declared_direction*", "*attainment fell*"])


def test_a_contract_without_an_indicator_says_what_to_set(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_empty="""
        from targetrule.testing import IndicatorContract

        class TestNothing(IndicatorContract):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "-k", "declaration")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*set `indicator = <your Indicator>` on the class*"])


def test_the_example_count_option_reaches_the_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_option="""
        from targetrule.testing import _config

        def test_seen():
            assert _config.max_examples == 3
        """
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "--targetrule-max-examples", "3")
    result.assert_outcomes(passed=1)


def test_a_bad_example_count_in_the_ini_file_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntargetrule_max_examples = many\n")
    pytester.makepyfile(test_x="def test_x():\n    pass\n")
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*targetrule_max_examples*must be a whole number*"])


def test_the_fixtures_give_the_installed_plugins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_fixtures="""
        def test_registry(targetrule_registry, targetrule_engine):
            assert "employment.new_urban_jobs" in targetrule_registry.indicators
            assert targetrule_engine.registry is targetrule_registry
        """
    )
    pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_neither_the_core_nor_the_pytest_plugin_imports_hypothesis() -> None:
    code = textwrap.dedent(
        """
        import sys
        import targetrule
        import targetrule.testing
        import targetrule.testing.pytest_plugin
        from targetrule import Engine, Registry
        Engine(Registry.default())
        print("hypothesis" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_kit_loads_hypothesis_on_first_use() -> None:
    code = "import sys, targetrule.testing as t; t.valid_inputs; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_an_unknown_name_in_the_kit_is_an_attribute_error() -> None:
    import targetrule.testing

    with pytest.raises(AttributeError, match="no attribute 'valid_input'"):
        _ = targetrule.testing.valid_input
