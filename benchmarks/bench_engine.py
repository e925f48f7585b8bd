"""Benchmark: the whole engine against a hand-written plain-Python scorer of the same formulas.

Usage: ``python benchmarks/bench_engine.py [--regions 3000] [--runs 5]``

Scores N synthetic valid regions (the bundled example's nine cities, repeated under new ids)
through ``Engine.evaluate`` — validation, scoring, aggregation, ranking, grading, awards — and, in
the same run, through ``handwritten_employment`` below, which computes the employment area's ten
formulas directly with ``decimal`` and no engine around them. Both must agree to the cent on every
region. Prints regions per second for each, their ratio, import-and-discovery time and peak memory.
Every timing is the median of several runs; the machine is shared, so read ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

import attrs

from targetrule import Engine, Scheme

CENT = Decimal("0.01")
ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)


def synthetic_regions(count: int) -> list[dict[str, Any]]:
    """``count`` valid scored regions: the example's cities under new ids."""
    example = json.loads((resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8"))
    cities = [r for r in example["regions"] if not r.get("survey_only")]
    regions = []
    for i in range(count):
        city = cities[i % len(cities)]
        regions.append({**city, "id": f"{city['id']}-{i}", "bonuses": [], "deductions": [], "vetoes": []})
    return regions


def employment_only(scheme: Scheme) -> Scheme:
    """The jilin-2007 scheme cut down to its employment area (30 points), nothing else."""
    area = next(a for a in scheme.areas if a.spec.id == "employment")
    spec = attrs.evolve(
        scheme.spec, areas=(area.spec,), total_points=area.spec.points, vetoes=(), gate=None, bonus=None, deductions=()
    )
    return attrs.evolve(scheme, spec=spec, areas=(area,))


# --- the hand-written baseline: the employment formulas, by hand ----------------------------------


def _num(value: Any) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(str(value))


def _capped(actual: Decimal, target: Decimal) -> Decimal:
    return ONE if target == 0 else min(actual / target, ONE)


def _per_point(numerator: Decimal, denominator: Decimal, per_point: Decimal) -> Decimal:
    rate = HUNDRED if denominator == 0 else numerator / denominator * HUNDRED
    return max(ZERO, ONE - (HUNDRED - rate) * per_point) if rate < HUNDRED else ONE


def handwritten_employment(inputs: Mapping[str, Mapping[str, Any]], points: Mapping[str, Decimal]) -> Decimal:
    """The employment area's points for one region, computed directly."""
    total = ZERO
    for item in (
        "employment.new_urban_jobs",
        "employment.reemployment",
        "employment.entrepreneurship_projects",
        "employment.full_employment_communities",
        "employment.labour_export",
        "employment.guarantee_fund",
        "employment.guaranteed_loans",
    ):
        v = inputs[item]
        share = _capped(_num(v["actual"]), _num(v["target"]))
        total += (share * points[item]).quantize(CENT, ROUND_HALF_UP)
    u = inputs["employment.registered_unemployment_rate"]
    rate = _num(u["registered_unemployed"]) / _num(u["labour_force"]) * HUNDRED
    over = max(ZERO, rate - _num(u["ceiling"]))
    share = max(ZERO, ONE - over * Decimal("0.5"))
    total += (share * points["employment.registered_unemployment_rate"]).quantize(CENT, ROUND_HALF_UP)
    z = inputs["employment.zero_employment_households"]
    share = _per_point(_num(z["resolved"]), _num(z["identified"]), Decimal("0.1"))
    total += (share * points["employment.zero_employment_households"]).quantize(CENT, ROUND_HALF_UP)
    f = inputs["employment.fund_budget"]
    share = _per_point(_num(f["budget_in_place"]), _num(f["budget_required"]), Decimal("0.05"))
    total += (share * points["employment.fund_budget"]).quantize(CENT, ROUND_HALF_UP)
    return total


# --- measurement -----------------------------------------------------------------------------------


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paused(action: Callable[[], object]) -> Callable[[], object]:
    """``action`` run with the cyclic collector paused, as the command line runs evaluations."""
    from targetrule.collector import paused_for_long_lived_results

    def run() -> object:
        with paused_for_long_lived_results():
            return action()

    return run


def breakdown(engine: Engine, scheme: Scheme, regions: list[dict[str, Any]], runs: int) -> list[tuple[str, float]]:
    """Median seconds of each stage of ``Engine.evaluate``, timed apart (reaches into the engine's internals)."""
    from targetrule.engine import _RegionScorer
    from targetrule.ranking import decide
    from targetrule.submissions import read_submissions

    submissions = read_submissions(regions)
    scorer = _RegionScorer(scheme, engine.registry)

    def indicators_only() -> None:
        for data in submissions.regions:
            found: list[Any] = []
            for area in scheme.areas:
                scorer._area(area, data, found, skip=False)

    def checks_and_formulas_only() -> None:
        for data in submissions.regions:
            for items in scorer.plans.values():
                for item in items:
                    values = item.fast(data.inputs[item.indicator_id])
                    assert values is not None, "the synthetic data is plain and valid"
                    (item.formula.score(values, item.params).value * item.max_points).quantize(CENT, ROUND_HALF_UP)

    scored = [scorer.score(d) for d in submissions.regions]

    def free() -> float:
        evaluation = engine.evaluate(scheme, regions)
        start = time.perf_counter()
        del evaluation
        return time.perf_counter() - start

    return [
        ("reading the submissions (cattrs)", median_seconds(paused(lambda: read_submissions(regions)), runs)),
        ("provenance (input hash)", median_seconds(lambda: engine.provenance(scheme, submissions), runs)),
        ("indicators: check and formula only", median_seconds(paused(checks_and_formulas_only), runs)),
        ("indicators: check, formula, result objects", median_seconds(paused(indicators_only), runs)),
        (
            "regions: the above plus areas, claims, vetoes",
            median_seconds(paused(lambda: [scorer.score(d) for d in submissions.regions]), runs),
        ),
        ("ranking, grading, awards", median_seconds(paused(lambda: decide(scored, scheme)), runs)),
        ("freeing the results", statistics.median(free() for _ in range(runs))),
    ]


def import_and_discovery_seconds(runs: int) -> tuple[float, float]:
    """Median seconds, in a fresh interpreter, to import targetrule and to build the default registry."""
    code = (
        "import time; t=time.perf_counter(); import targetrule; a=time.perf_counter()-t; "
        "targetrule.Registry.default(); print(a, time.perf_counter()-t)"
    )
    pairs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        for _ in range(runs)
    ]
    return statistics.median(float(p[0]) for p in pairs), statistics.median(float(p[1]) for p in pairs)


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--breakdown", action="store_true", help="also time each stage of the engine apart")
    args = parser.parse_args()

    engine = Engine()
    full = engine.load_scheme("jilin-2007")
    employment = employment_only(full)
    regions = synthetic_regions(args.regions)
    points = {item.indicator.id: item.points for item in employment.items()}

    employment_regions = [
        {**r, "inputs": {k: v for k, v in r["inputs"].items() if k.startswith("employment.")}} for r in regions
    ]
    evaluation = engine.evaluate(employment, employment_regions)
    assert not evaluation.errors, evaluation.errors[:3]
    for result, raw in zip(evaluation.regions, regions, strict=True):
        expected = handwritten_employment(raw["inputs"], points)
        assert result.composite == expected, (result.region.id, result.composite, expected)

    n = args.regions
    engine_employment = median_seconds(lambda: engine.evaluate(employment, employment_regions), args.runs)
    baseline = median_seconds(lambda: [handwritten_employment(r["inputs"], points) for r in regions], args.runs)
    assert not engine.evaluate(full, regions).errors
    engine_full = median_seconds(lambda: engine.evaluate(full, regions), args.runs)
    engine_full_paused = median_seconds(paused(lambda: engine.evaluate(full, regions)), args.runs)
    tracemalloc.start()
    engine.evaluate(full, regions)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    imported, discovered = import_and_discovery_seconds(args.runs)

    print(f"regions: {n}, runs: {args.runs} (medians), Python {sys.version.split()[0]}")
    print(f"{'what':<44}{'seconds':>10}{'regions/s':>12}")
    print(f"{'hand-written employment formulas (baseline)':<44}{baseline:>10.4f}{n / baseline:>12,.0f}")
    print(f"{'engine, employment area (10 indicators)':<44}{engine_employment:>10.4f}{n / engine_employment:>12,.0f}")
    print(f"{'engine, full jilin-2007 (40 indicators)':<44}{engine_full:>10.4f}{n / engine_full:>12,.0f}")
    label = "  the same, collector paused (CLI, opt-in)"
    print(f"{label:<44}{engine_full_paused:>10.4f}{n / engine_full_paused:>12,.0f}")
    print(f"engine / baseline time, employment area: {engine_employment / baseline:.2f}x")
    print(f"collector left running (the library's default) / paused: {engine_full / engine_full_paused:.2f}x")
    print(f"import targetrule: {imported * 1000:.0f} ms; import + plugin discovery: {discovered * 1000:.0f} ms")
    print(f"peak traced memory, full scheme on {n} regions: {peak / 2**20:.1f} MiB")
    if args.breakdown:
        for label, scheme, data in (
            ("employment area", employment, employment_regions),
            ("full scheme", full, regions),
        ):
            print(f"stages, {label} (µs a region; the engine runs them in one pass, so they overlap a little):")
            for stage, seconds in breakdown(engine, scheme, data, args.runs):
                print(f"  {stage:<48}{seconds / n * 1e6:>8.1f}")


if __name__ == "__main__":
    main()
