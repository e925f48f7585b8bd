"""Bad-input suite, plugins: a plugin is isolated and named, loaded through real entry points.

Each case installs a throwaway distribution (``mybrokenplugin 1.0``: a ``*.dist-info`` and its
module on ``sys.path``, or on ``PYTHONPATH`` for a subprocess) and asserts: the exit code or the
error, the finding's code and place (region, indicator, JSON path), the plugin and distribution
named in both languages, no traceback, and every other item's and region's score unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine, Evaluation, Finding, PluginError
from targetrule.findings import Severity

from .harness import JOBS, MINI, assert_finding, cli, mini_data, write_json
from .plugin_dists import (
    CLEAN,
    DIST,
    ITEM,
    SCHEME_ID,
    SCHEME_TOML,
    VERSION,
    YI_ITEM_POINTS,
    YI_JOBS,
    hostile_data,
    hostile_module,
    on_path,
    unique_module,
    write_dist,
)

__all__ = ["on_path"]

ENTRY = "hostile"
YI_PATH = "$.regions[1].inputs['hostile.item']"


def install(root: Path, **behaviour: str) -> str:
    """Install ``mybrokenplugin`` with one entry point ``hostile`` for a module behaving as asked."""
    module = unique_module()
    write_dist(root, {ENTRY: module}, {module: hostile_module(**behaviour)})
    return module


def evaluate(data: Any, **options: Any) -> Evaluation:
    engine = Engine(plugins=[ENTRY])
    return engine.evaluate(SCHEME_ID, data, **options)


def assert_named(item: Finding) -> None:
    """The finding names the plugin and its distribution, in both languages."""
    for text in (item.message.zh, item.message.en):
        assert ENTRY in text and f"{DIST} {VERSION}" in text, text
    assert "Traceback" not in str(item)


def assert_others_unchanged(evaluation: Evaluation) -> None:
    composites = {r.region.id: r.composite for r in evaluation.regions}
    for region, expected in CLEAN.items():
        assert composites[region] == expected, (region, composites)
    assert evaluation.region("yi").indicator(JOBS).points == YI_JOBS
    json.dumps(evaluation.to_dict(), ensure_ascii=False)  # every explanation renders


def assert_item_not_scored(evaluation: Evaluation) -> None:
    item = evaluation.region("yi").indicator(ITEM)
    assert item.status.value == "not_scored" and item.points == 0 and item.attainment is None
    assert evaluation.region("yi").composite == YI_JOBS


# --- what a formula returns ----------------------------------------------------------------------

BAD_RETURNS: dict[str, tuple[str, str, str]] = {
    # mode: (the formula's code for actual = 13, the finding's code, a fragment of the English message)
    "nan": ("return Attainment(Decimal('NaN'), self, {})", "indicator.bad_attainment", "not finite"),
    "snan": ("return Attainment(Decimal('sNaN'), self, {})", "indicator.bad_attainment", "not finite"),
    "infinity": ("return Attainment(Decimal('Infinity'), self, {})", "indicator.bad_attainment", "not finite"),
    "minus-infinity": ("return Attainment(Decimal('-Infinity'), self, {})", "indicator.bad_attainment", "not finite"),
    "none": ("return None", "indicator.bad_attainment", "expected an Attainment, got a NoneType"),
    "text": ("return 'text'", "indicator.bad_attainment", "expected an Attainment, got a str"),
    "bare-float": ("return 0.5", "indicator.bad_attainment", "expected an Attainment, got a float"),
    "bare-decimal": ("return Decimal('0.5')", "indicator.bad_attainment", "expected an Attainment, got a Decimal"),
    "tuple": ("return (Decimal('0.5'), {})", "indicator.bad_attainment", "expected an Attainment, got a tuple"),
    "float-value": ("return Attainment(0.13, self, {})", "indicator.bad_attainment", "must be a Decimal, not a float"),
    "float-nan-value": (
        "return Attainment(float('nan'), self, {})",
        "indicator.bad_attainment",
        "must be a Decimal, not a float",
    ),
    "int-value": ("return Attainment(1, self, {})", "indicator.bad_attainment", "must be a Decimal, not a int"),
    "bool-value": ("return Attainment(True, self, {})", "indicator.bad_attainment", "must be a Decimal, not a bool"),
    "text-value": ("return Attainment('0.5', self, {})", "indicator.bad_attainment", "must be a Decimal, not a str"),
    "negative": ("return Attainment(Decimal('-0.01'), self, {})", "indicator.bad_attainment", "outside [0, 1]"),
    "above-cap": ("return Attainment(Decimal('1.01'), self, {})", "indicator.bad_attainment", "outside [0, 1]"),
    "huge": ("return Attainment(Decimal('1E+999'), self, {})", "indicator.bad_attainment", "outside [0, 1]"),
    "zero-division": ("return Attainment(a / 0, self, {})", "indicator.formula_failed", "DivisionByZero"),
    "python-zero-division": ("return Attainment(Decimal(1 / 0), self, {})", "indicator.formula_failed", "ZeroDivision"),
    "invalid-operation": (
        "return Attainment(Decimal(0) / Decimal(0), self, {})",
        "indicator.formula_failed",
        "InvalidOperation",
    ),
    "key-error": ("return Attainment(values['nothing'], self, {})", "indicator.formula_failed", "KeyError"),
    "recursion": ("return self.score(values, params)", "indicator.formula_failed", "RecursionError"),
    "unreprable-error": (
        "class Odd(Exception):\n    def __repr__(self):\n        raise RuntimeError\nraise Odd()",
        "indicator.formula_failed",
        "<Odd>",
    ),
    "unprintable-value": (
        "class Odd(Decimal):\n    def __str__(self):\n        raise RuntimeError\n"
        "return Attainment(Odd('0.5'), self, {})",
        "indicator.bad_attainment",
        "not a Odd",
    ),
}

# Plain numbers take the generated fast path; numbers written as text take the full validator.
PATHS = {"fast": (13, 100), "full": ("13", "100")}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("mode", BAD_RETURNS)
def test_whatever_a_formula_returns_is_checked(on_path: Path, mode: str, path: str) -> None:
    code, expected, fragment = BAD_RETURNS[mode]
    install(on_path, formula=code)
    evaluation = evaluate(hostile_data(*PATHS[path]))
    item = assert_finding(evaluation.findings, expected, YI_PATH, severity="error")
    assert (item.region, item.indicator, item.path) == ("yi", ITEM, YI_PATH)
    assert fragment in item.message.en, item.message.en
    assert_named(item)
    assert evaluation.ranked is False  # strict mode ranks nothing while the error stands
    assert_item_not_scored(evaluation)
    assert_others_unchanged(evaluation)
    # Lenient mode: the item counts 0 with its finding, and the rest is ranked.
    lenient = evaluate(hostile_data(*PATHS[path]), mode="lenient")
    assert lenient.ranked is True and [r.region.id for r in lenient.ranking()] == ["jia", "yi"]
    assert_others_unchanged(lenient)


@pytest.mark.parametrize("mode", ["nan", "none", "float-value", "above-cap", "zero-division", "recursion"])
def test_the_command_line_reports_a_bad_formula_and_goes_on(on_path: Path, tmp_path: Path, mode: str) -> None:
    install(on_path, formula=BAD_RETURNS[mode][0])
    data = write_json(tmp_path, hostile_data())
    result = cli("--plugin", ENTRY, "evaluate", SCHEME_ID, data, "--json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    found = [f for f in document["results"]["findings"] if f["code"] == BAD_RETURNS[mode][1]]
    assert found and found[0]["region"] == "yi" and found[0]["indicator"] == ITEM and found[0]["path"] == YI_PATH
    assert f"{DIST} {VERSION}" in found[0]["message"]["en"]
    assert document["results"]["ranked"] is False
    composites = {r["region"]["id"]: r["composite"] for r in document["results"]["regions"]}
    assert composites == {"jia": "19.00", "yi": "8.00", "changbai": "18.00"}


FAMILY_MAXIMUM = '''

@frozen
class Generous(Hostile):
    """Declares that its attainment may reach 2: its maximum, not the default 1, is the limit."""

    family: ClassVar[str] = "generous"

    def max_attainment(self, params):
        return Decimal(2)


@frozen
class Confused(Hostile):
    """Its max_attainment is not a Decimal: the default rule max(1, cap) applies."""

    family: ClassVar[str] = "confused"

    def max_attainment(self, params):
        return "2"
'''


@pytest.mark.parametrize(
    ("family", "returned", "points", "code"),
    [
        ("Generous", "1.5", Decimal("15.00"), None),
        ("Generous", "2", Decimal("20.00"), None),
        ("Generous", "2.01", None, "indicator.bad_attainment"),
        ("Confused", "1", Decimal("10.00"), None),
        ("Confused", "1.5", None, "indicator.bad_attainment"),
    ],
)
@pytest.mark.parametrize("path", PATHS)
def test_the_family_s_declared_maximum_is_the_limit(
    on_path: Path, family: str, returned: str, points: Decimal | None, code: str | None, path: str
) -> None:
    module = unique_module()
    source = hostile_module(
        formula=f"return Attainment(Decimal('{returned}'), self, {{}})", extra_formula=FAMILY_MAXIMUM
    )
    source = source.replace("    formula=Hostile(),", f"    formula={family}(),")
    write_dist(on_path, {ENTRY: module}, {module: source})
    evaluation = evaluate(hostile_data(*PATHS[path]))
    item = evaluation.region("yi").indicator(ITEM)
    if code is None:
        assert item.points == points and evaluation.ranked is True and not evaluation.errors
    else:
        assert_named(assert_finding(evaluation.findings, code, YI_PATH))
        assert_item_not_scored(evaluation)
    assert_others_unchanged(evaluation)


# --- aggregation methods ---------------------------------------------------------------------------

AGGREGATION = """

from targetrule.aggregation import Aggregation


def _combine(shares, weights):
    if Decimal("0.13") in shares:  # yi's hostile item: 13 / 100
        {bad}
    return sum(s * w for s, w in zip(shares, weights)) / sum(weights)


@hookimpl
def targetrule_aggregations():
    return [Aggregation("hostile_agg", Label("测试汇总", "test aggregation"), _combine)]
"""

BAD_AGGREGATIONS = {
    "raises": ("raise RuntimeError('cannot combine')", "RuntimeError('cannot combine')"),
    "float": ("return 0.5", "returned 0.5"),
    "none": ("return None", "returned None"),
    "nan": ("return Decimal('NaN')", "returned Decimal('NaN')"),
    "negative": ("return Decimal('-0.5')", "returned Decimal('-0.5')"),
    "above-every-share": ("return Decimal('1.5')", "returned Decimal('1.5')"),
}


@pytest.mark.parametrize("level", ["area", "composite"])
@pytest.mark.parametrize("mode", BAD_AGGREGATIONS)
def test_a_plugin_s_aggregation_that_fails_counts_zero_with_a_finding(on_path: Path, mode: str, level: str) -> None:
    bad, fragment = BAD_AGGREGATIONS[mode]
    if level == "area":
        scheme = SCHEME_TOML.replace(
            'label = {zh = "插件指标", en = "Plugin items"}\n',
            'label = {zh = "插件指标", en = "Plugin items"}\naggregation = "hostile_agg"\n',
        )
    else:
        scheme = SCHEME_TOML.replace("total_points = 20\n", 'total_points = 20\naggregation = "hostile_agg"\n')
    assert scheme != SCHEME_TOML
    module = unique_module()
    write_dist(on_path, {ENTRY: module}, {module: hostile_module(hooks=AGGREGATION.format(bad=bad), scheme=scheme)})
    evaluation = evaluate(hostile_data())
    item = assert_finding(evaluation.findings, "area.aggregation_failed", "$.regions[1]", severity="error")
    assert item.region == "yi" and item.path == "$.regions[1]" and fragment in item.message.en, item.message.en
    assert ("hostile" if level == "area" else "composite") in item.message.en and "hostile_agg" in item.message.en
    assert_named(item)
    assert evaluation.ranked is False
    yi = evaluation.region("yi")
    assert yi.composite == (YI_JOBS if level == "area" else 0)
    assert yi.indicator(ITEM).points == YI_ITEM_POINTS  # the item itself was scored
    assert_others_unchanged(evaluation)


# --- explanations ----------------------------------------------------------------------------------

BAD_EXPLANATIONS = {
    "raises": "raise RuntimeError('no words')",
    "text": "return 'text'",
    "none": "return None",
    "label-of-numbers": "return Label(1, 2)",
    "missing-fact": "return Label(facts['nothing'], 'x')",
}


@pytest.mark.parametrize("mode", BAD_EXPLANATIONS)
def test_an_explanation_that_fails_is_plain_and_a_warning(on_path: Path, mode: str) -> None:
    install(on_path, explain=BAD_EXPLANATIONS[mode])
    evaluation = evaluate(hostile_data())
    assert evaluation.ranked is True and not evaluation.errors  # scores are untouched
    jia = evaluation.region("jia").indicator(ITEM)
    assert jia.points == Decimal("9.50")
    assert jia.explanation().zh == "得分率 95.00%（计分公式 hostile_formula 的说明生成出错），得 9.50 分（满分 10.00）"
    assert "hostile_formula formula's explanation failed" in jia.explanation().en
    document = evaluation.to_dict()
    region = document["regions"][0]
    assert region["areas"][1]["indicators"][0]["explanation"]["en"] == jia.explanation().en
    assert region["areas"][0]["indicators"][0]["explanation"]["en"].startswith("actual 95,000")  # others intact
    warnings = [f for f in document["findings"] if f["code"] == "indicator.explain_failed"]
    assert [(w["region"], w["indicator"], w["severity"]) for w in warnings] == [
        (r, ITEM, "warning") for r in ("jia", "yi", "changbai")
    ]
    assert warnings[0]["path"] == "$.regions[0].areas[1].indicators[0].explanation"
    assert f"{DIST} {VERSION}" in warnings[0]["message"]["en"] and ENTRY in warnings[0]["message"]["zh"]
    assert [f["code"] for f in region["findings"]] == ["indicator.explain_failed"]
    assert_others_unchanged(evaluation)


@pytest.mark.parametrize("mode", ["raises", "label-of-numbers"])
def test_the_command_line_explains_with_the_plain_sentence(on_path: Path, tmp_path: Path, mode: str) -> None:
    install(on_path, explain=BAD_EXPLANATIONS[mode])
    data = write_json(tmp_path, hostile_data())
    result = cli("--plugin", ENTRY, "explain", SCHEME_ID, data, "jia", ITEM, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "attainment 95.00% (the hostile_formula formula's explanation failed)" in result.output
    report = cli("--plugin", ENTRY, "evaluate", SCHEME_ID, data, "--json")
    assert report.exit_code == 0, report.output
    codes = [f["code"] for f in json.loads(report.stdout)["results"]["findings"]]
    assert codes.count("indicator.explain_failed") == 3


# --- a plugin's own rules and finding codes -----------------------------------------------------------

DECLARE = """

@hookimpl
def targetrule_finding_codes():
    return [
        FindingCode(
            "mybroken.unlucky", Severity.{severity}, Label("完成数 {{actual}} 不吉利", "actual {{actual}} is unlucky")
        ),
    ]
"""

RULES: dict[str, tuple[str, str, str, str, str]] = {
    # mode: (the rule, hooks, code, severity, English message)
    "own-code": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'})",
        "",
        "mybroken.unlucky",
        "error",
        "check mybroken.unlucky failed: actual='13'",
    ),
    "own-message": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'}, "
        "Label('完成数 {actual} 不吉利', 'actual {actual} is unlucky'))",
        "",
        "mybroken.unlucky",
        "error",
        "actual 13 is unlucky",
    ),
    "message-missing-key": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'}, Label('缺 {nope}', 'missing {nope}'))",
        "",
        "mybroken.unlucky",
        "error",
        "missing {nope} (actual='13')",
    ),
    "message-bad-spec": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'}, Label('{actual:d}', '{actual:d}'))",
        "",
        "mybroken.unlucky",
        "error",
        "{actual:d} (actual='13')",
    ),
    "message-attribute": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'}, Label('{actual.nope}', '{actual.nope}'))",
        "",
        "mybroken.unlucky",
        "error",
        "{actual.nope} (actual='13')",
    ),
    "declared-error": (
        "return Breach('mybroken.unlucky', 'actual', {'actual': '13'})",
        DECLARE.format(severity="ERROR"),
        "mybroken.unlucky",
        "error",
        "actual 13 is unlucky",
    ),
    "core-code-without-its-details": (
        "return Breach('rule.part_exceeds_whole', 'actual', {'part': 'actual'})",
        "",
        "rule.part_exceeds_whole",
        "error",
        "must not exceed",
    ),
    "reserved-detail-names": (
        "return Breach('mybroken.unlucky', 'actual', {'value': '13', 'region': 'evil', 'code': 'x', 'path': '$'})",
        "",
        "mybroken.unlucky",
        "error",
        "check mybroken.unlucky failed",
    ),
    "raises": ("raise ValueError('bad rule')", "", "rule.failed", "error", "ValueError('bad rule')"),
    "returns-text": ("return 'broken'", "", "rule.failed", "error", "returned 'broken' instead of a Breach"),
    "details-none": (
        "return Breach('mybroken.unlucky', 'actual', None)",
        "",
        "rule.failed",
        "error",
        "details are None",
    ),
    "code-number": ("return Breach(13, 'actual', {})", "", "rule.failed", "error", "code is 13"),
    "message-tuple": (
        "return Breach('mybroken.unlucky', 'actual', {}, ('a', 'b'))",
        "",
        "rule.failed",
        "error",
        "message is ('a', 'b')",
    ),
}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("mode", RULES)
def test_a_plugin_s_rule_brings_its_own_finding(on_path: Path, mode: str, path: str) -> None:
    rule, hooks, code, severity, message = RULES[mode]
    install(on_path, rule=rule, hooks=hooks)
    evaluation = evaluate(hostile_data(*PATHS[path]))
    item = assert_finding(evaluation.findings, code, YI_PATH, severity=severity)
    assert item.region == "yi" and item.indicator == ITEM
    assert item.path in (YI_PATH, f"{YI_PATH}.actual")
    assert message in item.message.en, item.message.en
    assert item.message.zh
    if code == "rule.failed":
        assert_named(item)
        assert "HostileRule" in item.message.en
    assert evaluation.ranked is False
    assert_item_not_scored(evaluation)
    assert_others_unchanged(evaluation)


@pytest.mark.parametrize("path", PATHS)
def test_a_declared_warning_lets_the_item_be_scored_and_ranked(on_path: Path, path: str) -> None:
    install(
        on_path,
        rule="return Breach('mybroken.unlucky', 'actual', {'actual': '13'})",
        hooks=DECLARE.format(severity="WARNING"),
    )
    evaluation = evaluate(hostile_data(*PATHS[path]))
    item = assert_finding(evaluation.findings, "mybroken.unlucky", f"{YI_PATH}.actual", severity="warning")
    assert item.message == item.message.__class__("完成数 13 不吉利", "actual 13 is unlucky")
    assert evaluation.ranked is True and not evaluation.errors
    assert evaluation.region("yi").indicator(ITEM).points == YI_ITEM_POINTS
    assert evaluation.region("yi").composite == YI_JOBS + YI_ITEM_POINTS
    assert_others_unchanged(evaluation)


# --- plugins that cannot be loaded -----------------------------------------------------------------

GOOD = hostile_module()

LOAD_FAILURES: dict[str, tuple[Callable[[str], tuple[dict[str, str], dict[str, str]]], str]] = {
    # mode: (entry points and modules of the distribution, given its module's name; a fragment of the cause)
    "import-error": (lambda m: ({ENTRY: m}, {m: "raise ImportError('no numpy')\n"}), "ImportError('no numpy')"),
    "runtime-error-on-import": (lambda m: ({ENTRY: m}, {m: "raise RuntimeError('boom')\n"}), "RuntimeError('boom')"),
    "syntax-error": (lambda m: ({ENTRY: m}, {m: "def (:\n"}), "SyntaxError"),
    "system-exit-on-import": (lambda m: ({ENTRY: m}, {m: "import sys\nsys.exit(3)\n"}), "SystemExit(3)"),
    "missing-module": (lambda m: ({ENTRY: m + "_not_there"}, {}), "ModuleNotFoundError"),
    "missing-attribute": (lambda m: ({ENTRY: f"{m}:nothing"}, {m: GOOD}), "AttributeError"),
    "hook-raises": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace("    return [ITEM]", "    raise LookupError('no items')")}),
        "LookupError('no items')",
    ),
    "hook-returns-text": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace("    return [ITEM]", "    return ['not an indicator']")}),
        "returned 'not an indicator' where a Indicator was expected",
    ),
    "hook-returns-number": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace("    return [ITEM]", "    return 42")}),
        "TypeError",
    ),
    "duplicate-builtin-id": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace('id="hostile.item"', 'id="employment.new_urban_jobs"')}),
        "duplicate indicator 'employment.new_urban_jobs'",
    ),
    "duplicate-scheme-id": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace('SchemeSource("hostile"', 'SchemeSource("jilin-2007"')}),
        "duplicate scheme 'jilin-2007'",
    ),
    "unknown-hook": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace("def targetrule_indicators()", "def targetrule_indicator()")}),
        "unknown hook",
    ),
    "hook-with-arguments": (
        lambda m: ({ENTRY: m}, {m: GOOD.replace("def targetrule_indicators()", "def targetrule_indicators(region)")}),
        "is invalid",
    ),
    "registered-twice": (lambda m: ({ENTRY: "targetrule.builtin"}, {}), "registered twice"),
    "duplicate-finding-code": (
        lambda m: (
            {ENTRY: m, "hostile_twin": f"{m}_twin"},
            {
                m: GOOD + DECLARE.format(severity="ERROR"),
                f"{m}_twin": "from targetrule import hookimpl\nfrom " + m + " import targetrule_finding_codes\n",
            },
        ),
        "duplicate finding code 'mybroken.unlucky'",
    ),
    "core-finding-code": (
        lambda m: (
            {ENTRY: m},
            {m: GOOD + DECLARE.format(severity="ERROR").replace("mybroken.unlucky", "input.missing")},
        ),
        "which targetrule itself uses",
    ),
    "unnamespaced-finding-code": (
        lambda m: ({ENTRY: m}, {m: GOOD + DECLARE.format(severity="ERROR").replace("mybroken.unlucky", "unlucky")}),
        "lower-case words joined by dots",
    ),
    "finding-code-without-severity": (
        lambda m: ({ENTRY: m}, {m: GOOD + DECLARE.format(severity="ERROR").replace("Severity.ERROR", "'error'")}),
        "without a Severity",
    ),
}


def _install_failure(root: Path, mode: str) -> str:
    module = unique_module()
    entry_points, modules = LOAD_FAILURES[mode][0](module)
    write_dist(root, entry_points, modules)
    return module


@pytest.mark.parametrize("mode", LOAD_FAILURES)
def test_a_plugin_that_fails_to_load_names_its_entry_point_distribution_version_and_cause(
    on_path: Path, mode: str
) -> None:
    _install_failure(on_path, mode)
    for build in (lambda: Engine(), lambda: Engine(plugins=[DIST])):
        with pytest.raises(PluginError) as caught:
            build()
        message = str(caught.value)
        zh, _, en = message.partition(" / ")
        assert LOAD_FAILURES[mode][1] in en, en
        assert f"{DIST} {VERSION}" in zh and f"{DIST} {VERSION}" in en
        assert f"{ENTRY} = " in en or "hostile_twin = " in en or "registered twice" in en, en
        assert "发行包" in zh and "distribution" in en and "Traceback" not in message


@pytest.mark.parametrize("mode", LOAD_FAILURES)
def test_the_command_line_stops_with_exit_3_naming_the_plugin(on_path: Path, tmp_path: Path, mode: str) -> None:
    _install_failure(on_path, mode)
    data = write_json(tmp_path, mini_data())
    result = cli("evaluate", MINI, data)
    assert result.exit_code == 3, result.output
    assert f"{DIST} {VERSION}" in result.output and LOAD_FAILURES[mode][1] in result.output
    assert "错误 / error: plugins:" in result.output


@pytest.mark.parametrize("mode", ["import-error", "syntax-error", "hook-raises", "duplicate-builtin-id"])
def test_an_allowlisted_host_is_untouched_by_a_broken_plugin_it_does_not_name(
    on_path: Path, tmp_path: Path, mode: str
) -> None:
    module = _install_failure(on_path, mode)
    engine = Engine(plugins=["jilin_2008_schemes"])
    assert module not in sys.modules  # never imported
    loaded = {(p.name, p.distribution) for p in engine.registry.plugins() if p.entry_point}
    assert loaded == {("jilin_2008_schemes", "targetrule-jilin-2008")}
    evaluation = engine.evaluate(engine.load_scheme(MINI), mini_data())
    assert {r.region.id: str(r.composite) for r in evaluation.regions} == {
        "jia": "9.50",
        "yi": "8.00",
        "changbai": "9.00",
    }
    names = {p.name for p in evaluation.provenance.plugins}
    assert names == {p.name for p in engine.registry.plugins()} and ENTRY not in names
    assert "jilin_2008_schemes" in names and "jilin_2008_graduate_employment" not in names
    # Without entry points at all: the built-ins only.
    bare = Engine(entry_points=False)
    assert all(p.distribution == "targetrule" for p in bare.registry.plugins())
    assert module not in sys.modules
    # The same on the command line: --plugin, TARGETRULE_PLUGINS, --no-entry-points, TARGETRULE_NO_ENTRY_POINTS.
    data = write_json(tmp_path, mini_data())
    for args, env in [
        (["--plugin", "jilin_2008_schemes"], {}),
        ([], {"TARGETRULE_PLUGINS": "jilin_2008_schemes,targetrule"}),
        (["--no-entry-points"], {}),
        ([], {"TARGETRULE_NO_ENTRY_POINTS": "1"}),
    ]:
        result = cli(*args, "evaluate", MINI, data, env=env)
        assert result.exit_code == 0, (args, env, result.output)
    assert cli("evaluate", MINI, data).exit_code == 3  # not allowlisted: the broken plugin stops it


def test_provenance_lists_exactly_what_was_loaded(on_path: Path) -> None:
    install(on_path)
    engine = Engine(plugins=[ENTRY])
    evaluation = engine.evaluate(SCHEME_ID, hostile_data(actual=50))
    records = {(p.name, p.distribution, p.version) for p in evaluation.provenance.plugins}
    assert (ENTRY, DIST, VERSION) in records
    assert {r for r in records if r[1] != "targetrule"} == {(ENTRY, DIST, VERSION)}
    assert len(records) == len(engine.registry.plugins())
    info = next(p for p in engine.registry.plugins() if p.name == ENTRY)
    assert info.entry_point == f"{ENTRY} = {info.entry_point.split(' = ')[1]}" and info.version == VERSION
    document = evaluation.to_dict()["provenance"]["plugins"]
    assert {"name": ENTRY, "distribution": DIST, "version": VERSION} in document
    # By distribution name, in any spelling, every entry point of the distribution loads.
    assert ENTRY in {p.name for p in Engine(plugins=["MyBrokenPlugin"]).registry.plugins()}


@pytest.mark.parametrize(
    ("names", "fragment"),
    [
        (["mybrokenplugn"], "did you mean mybrokenplugin?"),
        (["hostle"], "did you mean hostile?"),
        (["nothing-like-it"], "no plugin named nothing-like-it"),
        ([ENTRY, "zzz"], "no plugin named zzz"),
    ],
)
def test_an_unknown_allowlisted_name_is_an_error_with_a_suggestion(
    on_path: Path, tmp_path: Path, names: list[str], fragment: str
) -> None:
    module = install(on_path)
    with pytest.raises(PluginError, match=fragment.replace("?", r"\?")):
        Engine(plugins=names)
    assert module not in sys.modules
    result = cli(*[arg for name in names for arg in ("--plugin", name)], "plugins")
    assert result.exit_code == 3 and fragment in result.output and "没有名为" in result.output
    env_result = cli("plugins", env={"TARGETRULE_PLUGINS": ",".join(names)})
    assert env_result.exit_code == 3 and fragment in env_result.output


def test_an_allowlist_with_entry_points_off_is_a_usage_error(on_path: Path) -> None:
    install(on_path)
    result = cli("--plugin", ENTRY, "--no-entry-points", "plugins")
    assert result.exit_code == 3 and "entry points are switched off" in result.output


# --- in a real process, with the distribution on PYTHONPATH -----------------------------------------


def _run(site: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TARGETRULE_")}
    environment = {**inherited, "PYTHONPATH": str(site), **(env or {})}
    command = [sys.executable, "-c", "from targetrule.cli import main; main()", *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("args", "env", "code", "fragment"),
    [
        (["plugins"], {}, 3, "ImportError('no numpy')"),
        (["--plugin", "jilin_2008_schemes", "plugins", "--json"], {}, 0, '"name": "jilin_2008_schemes"'),
        (["plugins", "--json"], {"TARGETRULE_NO_ENTRY_POINTS": "1"}, 0, '"schema": "targetrule.cli.plugins/1"'),
        (["--plugin", "mybrokenplugin", "plugins", "--json"], {}, 3, '"schema": "targetrule.cli.error/1"'),
    ],
    ids=["broken-stops-everything", "allowlisted", "entry-points-off", "named-broken"],
)
def test_in_a_real_process(tmp_path: Path, args: list[str], env: dict[str, str], code: int, fragment: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    module = unique_module()
    write_dist(site, {ENTRY: module}, {module: "raise ImportError('no numpy')\n"})
    result = _run(site, *args, env=env)
    assert result.returncode == code, result.stderr
    assert fragment in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if code == 0 and "--json" in args:
        names = {p["name"] for p in json.loads(result.stdout)["plugins"]}
        assert ENTRY not in names
        if "--plugin" in args:
            assert {n for n in names if not n.startswith("targetrule.")} == {"jilin_2008_schemes"}


def test_severity_of_an_unknown_code_is_error() -> None:
    from targetrule.findings import finding

    item = finding("mybroken.never_declared", region="r", indicator="i", path="$", answer=42)
    assert item.severity is Severity.ERROR and "mybroken.never_declared" in item.message.zh
    assert item.message.en == "check mybroken.never_declared failed: answer=42"


@pytest.mark.parametrize(
    ("metadata", "entry_points", "named"),
    [
        (b"\xff\xfe\x00garbage", b"[targetrule]\nhostile = nowhere_mod\n", "(unknown)"),
        (b"Metadata-Version: 2.1\n", b"[targetrule]\nhostile = nowhere_mod\n", "(unknown)"),
        (b"Metadata-Version: 2.1\nName: mybrokenplugin\n", b"[targetrule]\nhostile = nowhere_mod\n", DIST),
        (b"Metadata-Version: 2.1\nName: mybrokenplugin\nVersion: 1.0\n", b"[targetrule\nhostile nowhere\n", None),
    ],
    ids=["metadata-garbage", "metadata-without-name", "metadata-without-version", "entry-points-garbled"],
)
def test_broken_metadata_is_named_as_far_as_it_can_be(
    on_path: Path, metadata: bytes, entry_points: bytes, named: str | None
) -> None:
    info = on_path / f"{DIST}-{VERSION}.dist-info"
    info.mkdir()
    (info / "METADATA").write_bytes(metadata)
    (info / "entry_points.txt").write_bytes(entry_points)
    if named is None:  # nothing readable is declared: nothing to load, and the host runs
        assert ENTRY not in {p.name for p in Engine().registry.plugins()}
        return
    with pytest.raises(PluginError) as caught:
        Engine()
    message = str(caught.value)
    assert f"distribution {named}" in message and "hostile = nowhere_mod" in message
    assert "ModuleNotFoundError" in message and "Traceback" not in message
    result = cli("plugins")
    assert result.exit_code == 3 and "hostile = nowhere_mod" in result.output
