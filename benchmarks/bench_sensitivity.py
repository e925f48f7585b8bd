"""Benchmark: the sensitivity analysis against a plain numpy re-aggregation ranked with ``argsort`` (issue 12).

Usage: ``python benchmarks/bench_sensitivity.py [--regions 3000] [--draws 10000] [--runs 5]
[--rss-draws 100000]``

Builds N synthetic ranked regions under jilin-2007 (9 areas): each is one of the bundled example's
cities with its nine area scores drawn at random (seeded) between 50% and 100% of the area's
points, decided by the engine's own ``ranking.decide`` (ranks, grades with the 30% quota, the
veto, awards). Then, in the same run:

- **baseline**: the same draws' weights (Dirichlet, concentration 100, renormalised to the total)
  times the regions' area shares, one matrix product per chunk, each draw ranked with ``argsort``;
- **weights only**: ``targetrule.analysis`` with the default spec and Sobol off: draws, exact
  composites to the cent, competition ranks with the tie rules, grades with quotas and vetoes,
  awards, and the per-region tallies;
- **one parameter alternative per area**: the same, plus in each of the nine areas one item's
  formula parameter drawn from two values (``PER_AREA``): each region's item is scored once per
  value, then each draw adds up the differences;
- **aggregation alternative**: weights only plus the weighted geometric mean drawn beside the sum
  (for information: no target).

Each timing is the median of ``--runs`` runs; the ratios to the baseline are the targets (≤ 2×
weights only, ≤ 3× with one parameter alternative per area). ``--rss-draws`` runs a child process with that many
draws and reports its peak RSS (the 1 GiB target at 100,000 draws).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from importlib import resources

import numpy as np
from attrs import evolve

from targetrule import Engine, Evaluation, Scheme
from targetrule.analysis import load_spec, sensitivity
from targetrule.analysis.run import chunk_size
from targetrule.ranking import decide
from targetrule.rounding import half_up

TARGET_WEIGHTS_RATIO = 2.0
TARGET_ALTERNATIVE_RATIO = 3.0
TARGET_RSS_MIB = 1024
# One formula parameter per area, with two values each (the scheme's own and another).
PER_AREA = [
    ("employment.zero_employment_households", "deduct_per_point", [0.1, 0.2]),
    ("training.vocational_training", "rate.deduct_per_point", [0.05, 0.1]),
    ("labour_relations.arrears_clearance", "deduct_per_point", [0.05, 0.1]),
    ("pension.participants", "paying_share.deduct_per_point", [0.05, 0.1]),
    ("unemployment_insurance.benefits_on_time", "deduct_per_point", [0.1, 0.2]),
    ("medical_insurance.employee_participants", "migrant.cap", [1, 1.2]),
    ("injury_maternity.maternity_participants", "cap", [1, 1.2]),
    ("golden_insurance.fund_compliance", "deduct_per_point", [0.1, 0.2]),
    ("dibao.budget", "deduct_per_point", [0.05, 0.1]),
]


def synthetic(engine: Engine, scheme: Scheme, regions: int, seed: int = 1) -> Evaluation:
    """``regions`` ranked regions with random area scores, decided by the engine's own rules."""
    example = resources.files("targetrule") / "examples" / "jilin-2007.json"
    base = engine.evaluate(scheme, str(example))
    cities = [r for r in base.regions if not r.survey_only]
    rng = np.random.default_rng(seed)
    made = []
    for i in range(regions):
        city = cities[i % len(cities)]
        areas = tuple(half_up(a.spec.points * Decimal(str(round(rng.uniform(0.5, 1.0), 6)))) for a in scheme.areas)
        points = sum(areas, Decimal(0))
        composite = max(Decimal(0), points + city.bonus_points - city.deduction_points)
        region = evolve(city.region, id=f"r{i:05d}")
        scores = evolve(city.scores, region=region.id, area_points=areas)
        made.append(evolve(city, region=region, scores=scores, base_points=points, composite=composite))
    return evolve(base, regions=tuple(decide(made, scheme)))


def baseline(evaluation: Evaluation, scheme: Scheme, draws: int, seed: int) -> float:
    """Seconds for the plain re-aggregation: weights × shares, ranked with argsort, chunk by chunk."""
    full = [a.spec.points for a in scheme.areas]
    shares = np.array(
        [[float(p / m) for p, m in zip(r.scores.area_points, full, strict=True)] for r in evaluation.regions]
    )
    points = np.array([float(a.spec.points) for a in scheme.areas])
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(points / points.sum() * 100, size=draws) * points.sum()
    step = chunk_size(shares.shape[0])
    for first in range(0, draws, step):
        composite = weights[first : first + step] @ shares.T
        np.argsort(-composite, axis=1)
    return time.perf_counter() - start


def analysed(evaluation: Evaluation, scheme: Scheme, engine: Engine, draws: int, seed: int, spec: object) -> float:
    """Seconds for ``targetrule.analysis.sensitivity`` over the same evaluation."""
    start = time.perf_counter()
    sensitivity(evaluation, spec, draws=draws, seed=seed, scheme=scheme, engine=engine)  # type: ignore[arg-type]
    return time.perf_counter() - start


def peak_rss(regions: int, draws: int) -> float:
    """Peak RSS (MiB) of a child process that builds the regions and runs ``draws`` draws."""
    code = (
        "import resource, sys\n"
        f"sys.argv = ['bench', '--regions', '{regions}', '--draws', '{draws}', '--child']\n"
        f"import runpy; runpy.run_path({__file__!r}, run_name='__main__')\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1]) / 1024


def main() -> None:
    """Run the benchmark and print the medians, the ratios and the targets."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rss-draws", type=int, default=0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engine = Engine(entry_points=False)
    scheme = engine.load_scheme("jilin-2007")
    evaluation = synthetic(engine, scheme, args.regions)
    weights_only = load_spec({"sobol": {"enabled": False}})
    alternative = load_spec({"aggregation": {"alternatives": ["weighted_geometric_mean"]}, "sobol": {"enabled": False}})
    parameters = load_spec(
        {
            "parameters": [{"indicator": i, "name": n, "values": v} for i, n, v in PER_AREA],
            "sobol": {"enabled": False},
        },
        scheme=scheme,
    )
    if args.child:
        analysed(evaluation, scheme, engine, args.draws, 1, weights_only)
        return
    print(f"{args.regions} regions × {len(scheme.areas)} areas × {args.draws} draws, median of {args.runs} runs")
    timings: dict[str, list[float]] = {"baseline": [], "weights": [], "parameters": [], "aggregation": []}
    for run in range(args.runs):
        timings["baseline"].append(baseline(evaluation, scheme, args.draws, run))
        timings["weights"].append(analysed(evaluation, scheme, engine, args.draws, run, weights_only))
        timings["parameters"].append(analysed(evaluation, scheme, engine, args.draws, run, parameters))
        timings["aggregation"].append(analysed(evaluation, scheme, engine, args.draws, run, alternative))
    medians = {k: statistics.median(v) for k, v in timings.items()}
    print(f"baseline (numpy re-aggregation + argsort): {medians['baseline']:.3f} s")
    print(f"targetrule.analysis, weights only:          {medians['weights']:.3f} s")
    print(f"targetrule.analysis, a parameter per area:  {medians['parameters']:.3f} s")
    print(f"targetrule.analysis, aggregation as well:   {medians['aggregation']:.3f} s")
    ratio = medians["aggregation"] / medians["baseline"]
    print(f"ratio aggregation / baseline: {ratio:.2f}× (no target)")
    for name, target in (("weights", TARGET_WEIGHTS_RATIO), ("parameters", TARGET_ALTERNATIVE_RATIO)):
        ratio = medians[name] / medians["baseline"]
        verdict = "met" if ratio <= target else "NOT met"
        print(f"ratio {name} / baseline: {ratio:.2f}× (target ≤ {target}×: {verdict})")
    if args.rss_draws:
        rss = peak_rss(args.regions, args.rss_draws)
        verdict = "met" if rss <= TARGET_RSS_MIB else "NOT met"
        print(f"peak RSS, {args.rss_draws} draws: {rss:.0f} MiB (target ≤ {TARGET_RSS_MIB} MiB: {verdict})")
    print(f"this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
