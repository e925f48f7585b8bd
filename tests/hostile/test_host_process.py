"""A guest in its host's process: results never depend on the caller's decimal context, and
nothing process-wide is left changed — the garbage collector, module-level caches, the umask,
signal handlers, recursion and CSV limits. Two threads evaluating at once agree with one after
the other.
"""

from __future__ import annotations

import copy
import csv
import decimal
import gc
import json
import os
import signal
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import targetrule
from hostile.harness import JOBS, MINI, mini_data
from targetrule import Engine, Evaluation, read_submissions, score_indicator
from targetrule.cli import main
from targetrule.compare import compare
from targetrule.formats.describe import scheme_json
from targetrule.formats.output_formats import render_results
from targetrule.inspection.baseline import changes, read_baseline
from targetrule.inspection.hierarchy import roll_up
from targetrule.scheme_loader import load_scheme

EXAMPLE = Path(str(resources.files("targetrule") / "examples" / "jilin-2007.json"))

# Contexts a host might have set for its own reasons. Each would change points if the engine used it:
# 4 digits turn 101.48 into 101.5; rounding down or up moves every division; traps on Inexact and
# Rounded raise at the first division that does not come out exact.
HOSTILE = {
    "prec4": decimal.Context(prec=4),
    "prec2-round-down": decimal.Context(prec=2, rounding=decimal.ROUND_DOWN),
    "ceiling": decimal.Context(prec=9, rounding=decimal.ROUND_CEILING),
    "traps-everything": decimal.Context(
        prec=6, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.DivisionByZero]
    ),
    "tiny-exponents": decimal.Context(prec=28, Emin=-5, Emax=5),
    "lower-case-exponent": decimal.Context(capitals=0, clamp=1),
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    """One engine for the module (building a registry is the slow part)."""
    return Engine()


def _everything(engine: Engine) -> dict[str, Any]:
    """What a host reads from the library, as plain text: results, explanations, outputs, comparisons."""
    scheme = engine.load_scheme("jilin-2007")
    strict = engine.evaluate(scheme, str(EXAMPLE))
    lenient = engine.evaluate(scheme, str(EXAMPLE), mode="lenient")
    seen: dict[str, Any] = {
        "composites": [str(r.composite) for r in strict.regions],
        "strict": json.dumps(strict.to_dict(), ensure_ascii=False, sort_keys=True),
        "lenient": json.dumps(lenient.to_dict(), ensure_ascii=False, sort_keys=True),
        "explanations": [
            (i.explanation().zh, i.explanation().en, i.points) for r in strict.regions for i in r.indicators()
        ]
        + [r.explanation().en for r in strict.regions]
        + [a.explanation().zh for r in strict.regions for a in r.areas],
        "scheme": json.dumps(scheme_json(scheme), ensure_ascii=False, sort_keys=True),
    }
    for fmt in ("json", "csv"):
        seen[fmt] = render_results(fmt, strict, scheme, "zh")
    jobs = scheme.item("employment.new_urban_jobs")
    outcome = score_indicator(jobs.indicator, {"actual": 95001, "target": 100003, "public_welfare_posts": 7})
    assert outcome.attainment is not None
    seen["score_indicator"] = (str(outcome.attainment.value), outcome.attainment.explanation().zh)
    mini = engine.load_scheme(MINI)
    comparison = compare(engine, scheme, mini, mini_data(), mode="lenient")
    seen["compare"] = comparison.to_text("en")
    # The inspection workflow: counties rolled up into their city (sums of large counts), last year's results.
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    city = document["regions"][0]
    jobs = city["inputs"].pop("employment.new_urban_jobs")
    counties = [
        {
            "id": f"c{k}",
            "name": f"县{k}",
            "kind": "county",
            "parent": city["id"],
            "inputs": {"employment.new_urban_jobs": {name: value // 3 + k for name, value in jobs.items()}},
        }
        for k in range(3)
    ]
    rollup = roll_up(scheme, read_submissions({"regions": [city, *counties]}))
    seen["roll_up"] = repr(rollup.region(city["id"]).inputs["employment.new_urban_jobs"])
    last_year = read_baseline(json.loads(json.dumps(lenient.to_dict())))
    seen["changes"] = [(c.explanation().en, c.to_dict()) for c in changes(strict, last_year)]
    return seen


def _context_state(context: decimal.Context) -> tuple[Any, ...]:
    return (
        context.prec,
        context.rounding,
        context.Emin,
        context.Emax,
        context.capitals,
        context.clamp,
        tuple(sorted(k.__name__ for k, v in context.traps.items() if v)),
        tuple(sorted(k.__name__ for k, v in context.flags.items() if v)),
    )


@pytest.fixture(scope="module")
def reference(engine: Engine) -> dict[str, Any]:
    """Everything computed under Python's default context, in a fresh thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_under, decimal.Context(), _everything, engine).result()


def _under(context: decimal.Context, work: Callable[..., Any], *args: Any) -> Any:
    decimal.setcontext(context)  # a worker thread's own context: the host's choice, not ours
    return work(*args)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_results_do_not_depend_on_the_callers_decimal_context(
    name: str, engine: Engine, reference: dict[str, Any]
) -> None:
    host = HOSTILE[name].copy()
    before = _context_state(host)

    def run() -> tuple[dict[str, Any], tuple[Any, ...]]:
        decimal.setcontext(host)
        return _everything(engine), _context_state(decimal.getcontext())

    with ThreadPoolExecutor(1) as pool:  # a thread of its own, so this test's context is never touched
        seen, after = pool.submit(run).result()
    assert after == before, "the caller's decimal context was changed"
    for key, value in reference.items():
        assert seen[key] == value, key
    # The reference itself is the hand-checked example: Changchun 101.48 under Python's default context.
    assert reference["composites"][0] == "101.48"


def test_the_command_line_does_not_depend_on_the_decimal_context(tmp_path: Path) -> None:
    def run(context: decimal.Context) -> str:
        decimal.setcontext(context)
        result = CliRunner().invoke(
            main,
            [
                "evaluate",
                "jilin-2007",
                "--example",
                "--json",
                "--format",
                "json",
                "-o",
                str(tmp_path / f"out-{id(context)}"),
            ],
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        document = json.loads(result.stdout)
        return json.dumps(document["results"], sort_keys=True)

    with ThreadPoolExecutor(1) as pool:
        plain = pool.submit(run, decimal.Context()).result()
    with ThreadPoolExecutor(1) as pool:
        hostile = pool.submit(run, HOSTILE["traps-everything"].copy()).result()
    assert hostile == plain


def _composites(evaluation: Evaluation) -> dict[str, str]:
    return {r.region.id: str(r.composite) for r in evaluation.regions}


def _varied(seed: int) -> dict[str, Any]:
    """The bundled example with every reported count moved by ``seed`` (different data per thread)."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for region in document["regions"]:
        for values in region.get("inputs", {}).values():
            for name, value in list(values.items()):
                if isinstance(value, int) and not isinstance(value, bool) and value > 1000:
                    values[name] = value + seed
    return document


def test_two_threads_at_once_agree_with_one_after_the_other(engine: Engine) -> None:
    scheme = engine.load_scheme("jilin-2007")
    data = [_varied(seed) for seed in (0, 17, 4099, 123457)]
    alone = [json.dumps(engine.evaluate(scheme, copy.deepcopy(d)).to_dict(), sort_keys=True) for d in data]
    start = threading.Barrier(2)

    def work(index: int) -> list[str]:
        start.wait()
        out = []
        for _ in range(3):
            for k in (index, index + 2):
                out.append(json.dumps(engine.evaluate(scheme, copy.deepcopy(data[k])).to_dict(), sort_keys=True))
        return out

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(work, (0, 1))
    assert first == [alone[0], alone[2]] * 3
    assert second == [alone[1], alone[3]] * 3
    assert len(set(alone)) == 4  # the four inputs really differ


# --- process-wide state ---------------------------------------------------------------------------


def _module_containers() -> dict[str, int]:
    """The size of every module-level container and cache in targetrule's modules."""
    sizes: dict[str, int] = {}
    for name, module in list(sys.modules.items()):
        if not (name == "targetrule" or name.startswith("targetrule.")) or not isinstance(module, types.ModuleType):
            continue
        for attr, value in vars(module).items():
            if isinstance(value, dict | list | set):
                sizes[f"{name}.{attr}"] = len(value)
            info = getattr(value, "cache_info", None)
            if callable(info):
                sizes[f"{name}.{attr}()"] = info().currsize
    return sizes


def _process_state() -> dict[str, Any]:
    mask = os.umask(0o022)  # reading the umask means setting it: put the same value straight back
    os.umask(mask)
    return {
        "gc.enabled": gc.isenabled(),
        "gc.threshold": gc.get_threshold(),
        "gc.freeze_count": gc.get_freeze_count(),
        "umask": mask,
        "recursion": sys.getrecursionlimit(),
        "csv.field_size_limit": csv.field_size_limit(),
        "signals": {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGXFSZ, signal.SIGPIPE)},
        "warnings": list(warnings.filters),
        # pytest itself sets PYTEST_CURRENT_TEST between set-up and tear-down
        "environ": {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"},
        "cwd": os.getcwd(),
        "int_max_str_digits": sys.get_int_max_str_digits(),
        "decimal": _context_state(decimal.getcontext()),
    }


@pytest.fixture
def host_state() -> Iterator[None]:
    """Fails the test when anything process-wide differs afterwards; puts the collector back either way."""
    before = _process_state()
    yield
    after = _process_state()
    gc.enable()
    assert after == before


class _OneIndicator:
    """A plugin declaring one indicator of its own: a host that builds registries on the fly."""

    def __init__(self, k: int, base: targetrule.Indicator) -> None:
        self.__name__ = f"probe_{k}"
        self.indicator = attrs.evolve(base, label=targetrule.Label(f"探针 {k}", f"probe {k}"))

    @targetrule.hookimpl
    def targetrule_indicators(self) -> list[targetrule.Indicator]:
        return [self.indicator]


def _many_schemes(engine: Engine, count: int) -> Iterator[Evaluation]:
    """``count`` evaluations, each under a new scheme of a new registry with a new indicator declaration."""
    text = MINI.read_text(encoding="utf-8")
    base = engine.registry.indicators[JOBS]
    builtin = [p for p in targetrule.builtin_plugins() if not p.__name__.endswith("new_urban_jobs")]
    for k in range(count):
        registry = targetrule.Registry.from_plugins([*builtin, _OneIndicator(k, base)])
        other = Engine(registry)
        changed = text.replace('id = "mini"', f'id = "mini-{k}"').replace("min = 7.5", f"min = {7 + k / 100}")
        source = targetrule.SchemeSource(f"mini-{k}", changed, f"mini-{k}.toml")
        # Half the time the scheme comes from another registry: the engine compiles its checks afresh.
        scheme = load_scheme(source, registry)
        yield (engine if k % 2 else other).evaluate(scheme, mini_data())


@pytest.mark.usefixtures("host_state")
def test_evaluating_leaves_the_process_as_it_found_it(engine: Engine, tmp_path: Path) -> None:
    gc.collect()
    frozen_before = gc.get_freeze_count()
    evaluation = engine.evaluate(engine.load_scheme("jilin-2007"), str(EXAMPLE))
    assert evaluation.ranked
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
    for fmt in ("json", "csv", "xlsx", "html"):
        render_results(fmt, evaluation, engine.load_scheme("jilin-2007"), "zh")


@pytest.mark.usefixtures("host_state")
def test_the_hosts_young_objects_stay_young(engine: Engine) -> None:
    scheme = engine.load_scheme(MINI)
    gc.collect()
    host_object = [object()]  # a container the collector tracks, made by the host just now
    assert any(o is host_object for o in gc.get_objects(generation=0))
    engine.evaluate(scheme, mini_data())
    # Not promoted to the oldest generation behind the host's back (gc.freeze() would have done that).
    assert not any(o is host_object for o in gc.get_objects(generation=2))


@pytest.mark.usefixtures("host_state")
def test_the_collector_stays_as_the_host_set_it(engine: Engine) -> None:
    scheme = engine.load_scheme(MINI)
    gc.disable()
    try:
        engine.evaluate(scheme, mini_data())
        assert not gc.isenabled()  # a host that turned it off finds it off
    finally:
        gc.enable()
    gc.set_threshold(1234, 5, 6)
    try:
        engine.evaluate(scheme, mini_data())
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*_DEFAULT_THRESHOLD)


_DEFAULT_THRESHOLD = gc.get_threshold()


@pytest.mark.usefixtures("host_state")
def test_no_module_level_cache_grows_with_use(engine: Engine) -> None:
    list(_many_schemes(engine, 3))  # imports and first-use set-up happen here
    before = _module_containers()
    evaluations = list(_many_schemes(engine, 40))
    assert [e.region("jia").composite for e in evaluations] == [Decimal("9.50")] * 40  # 95000/100000 × 10
    after = _module_containers()
    grown = {k: (before.get(k), v) for k, v in after.items() if v != before.get(k)}
    assert not grown, f"module-level state grew: {grown}"


@pytest.mark.usefixtures("host_state")
def test_the_command_line_in_process_leaves_no_state_behind(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "jilin-2007", "--example", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["template", "jilin-2007", "--example", "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0, result.output


def test_the_pytest_plugin_puts_its_run_wide_setting_back() -> None:
    from targetrule.testing import _config, pytest_plugin

    class Config:
        def getoption(self, name: str) -> str:
            return "7"

        def getini(self, name: str) -> str:
            return ""

    pytest_plugin.pytest_configure(Config())  # type: ignore[arg-type]
    assert _config.max_examples == 7
    pytest_plugin.pytest_unconfigure(Config())  # type: ignore[arg-type]
    assert _config.max_examples is None
