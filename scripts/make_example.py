"""Write the illustrative example submissions for the jilin-2007 scheme (deterministic; stdlib only).

    python scripts/make_example.py            # writes src/targetrule/examples/jilin-2007.json
    python scripts/make_example.py --check    # fails if the committed file differs

The figures are ILLUSTRATIVE, not the 2007 returns (which are not public). They are sized by
each region's population and anchored on the few published provincial figures for 2007: new
urban jobs targets add up to 400,000, public-welfare posts to about 35,000, and every city's
registered-unemployment ceiling is the province's 4.5%. Every other magnitude below is a
plausible order of size, invented for the example.

The generator reads the indicator declarations (roles, kinds, ``part_of``, the derived ratios
and the formulas) so the data always matches them, and it scores every region before writing,
failing if any value would be rejected.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from targetrule import (
    CappedCompletion,
    Compound,
    ControlCeiling,
    DeclineRate,
    DeductUntilZero,
    Formula,
    Indicator,
    Kind,
    PartsNotAboveWhole,
    PassFail,
    PerPoint,
    Registry,
    ShortfallBands,
    ThresholdTiers,
    score_indicator,
)

SEED = 2007
MISREPORTED = "新增就业人数虚报，经核实扣减 / new urban jobs over-reported, found on verification"
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "targetrule" / "examples" / "jilin-2007.json"

# Approximate registered (户籍) populations at the end of 2007, in 10,000 people (万人), and the
# number of county-level units (县、市、区) of each region; the 9 cities and prefectures total
# about 2,709万, against the province's 2,730万. Changbaishan's figures are rough.
REGIONS: tuple[tuple[str, str, str, int, int], ...] = (
    ("changchun", "长春市", "Changchun", 751, 10),
    ("jilin", "吉林市", "Jilin City", 433, 9),
    ("siping", "四平市", "Siping", 338, 6),
    ("liaoyuan", "辽源市", "Liaoyuan", 124, 4),
    ("tonghua", "通化市", "Tonghua", 230, 7),
    ("baishan", "白山市", "Baishan", 130, 6),
    ("songyuan", "松原市", "Songyuan", 278, 5),
    ("baicheng", "白城市", "Baicheng", 204, 5),
    ("yanbian", "延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture", 219, 8),
    ("changbaishan", "长白山管委会", "Changbai Mountain Administrative Committee", 6, 3),
)
SURVEY_ONLY = {"changbaishan"}


@dataclass(frozen=True)
class Profile:
    """How well a region did: completion of counts, points short on rates, and what happened to it."""

    completion: float  # mean actual ÷ target for counts and amounts
    short: float  # percentage points below 100% on rates that must be paid or covered in full
    tier_rate: float  # typical level of rates scored in tiers (contracts, case closure)
    unemployment: float  # registered unemployment rate, %
    decline: float  # petitions: % decline on last year
    pension_paid: float = 100.0  # % of pensions paid on time and in full (below 100 triggers the veto)
    bonuses: tuple[tuple[str, int], ...] = ()
    deductions: tuple[tuple[str, str], ...] = ()


PROFILES: dict[str, Profile] = {
    "changchun": Profile(1.01, 0.0, 97.0, 3.9, 16.0, bonuses=(("national_commendation", 1),)),
    "jilin": Profile(1.00, 0.2, 96.0, 4.1, 12.0),
    "siping": Profile(0.92, 1.2, 91.0, 4.4, 6.0),
    "liaoyuan": Profile(1.00, 0.1, 95.5, 4.2, 11.0, pension_paid=99.4),
    "tonghua": Profile(1.00, 0.3, 95.0, 4.2, 10.0, deductions=(("misreporting", MISREPORTED),)),
    "baishan": Profile(0.88, 2.0, 89.0, 4.4, 3.0),
    "songyuan": Profile(0.97, 0.6, 93.0, 4.0, 8.0),
    "baicheng": Profile(0.80, 3.0, 85.0, 4.8, -5.0),
    "yanbian": Profile(0.99, 0.2, 95.5, 4.3, 13.0, bonuses=(("provincial_commendation", 1), ("innovation", 1))),
    "changbaishan": Profile(0.93, 0.8, 92.0, 3.5, 10.0),
}

# Inputs that are neither an actual nor a numerator are sized here, per indicator and input:
#   ("province", T)  T for the whole province, shared by population (T is a whole number)
#   ("counties", k)  k per county-level unit
#   ("share", f)     a fraction f of the input it is part of (its ``part_of``)
#   ("rate", r)      a rate in %, the same for every region
SIZES: dict[str, dict[str, tuple[str, float]]] = {
    "employment.new_urban_jobs": {"target": ("province", 400_000), "public_welfare_posts": ("share", 0.0875)},
    "employment.reemployment": {"target": ("province", 240_000), "older_hard_to_employ": ("share", 0.25)},
    "employment.registered_unemployment_rate": {"labour_force": ("province", 5_300_000), "ceiling": ("rate", 4.5)},
    "employment.entrepreneurship_projects": {"target": ("province", 6_000)},
    "employment.full_employment_communities": {"target": ("province", 300)},
    "employment.zero_employment_households": {"identified": ("province", 12_000)},
    "employment.fund_budget": {"budget_required": ("province", 30_000)},
    "employment.labour_export": {
        "target": ("province", 3_000_000),
        "rural_export": ("share", 0.9),
        "out_of_province": ("share", 0.3),
        "rural_transfer": ("share", 0.8),
        "abroad": ("share", 0.005),
    },
    "employment.guarantee_fund": {"target": ("province", 20_000)},
    "employment.guaranteed_loans": {"target": ("province", 60_000)},
    "training.vocational_training": {"target": ("province", 120_000), "employment_rate_target": ("rate", 60)},
    "training.start_business_training": {"target": ("province", 15_000), "success_rate_target": ("rate", 50)},
    "training.rural_transfer_training": {
        "target": ("province", 400_000),
        "employment_rate_target": ("rate", 80),
        "skill_trained": ("share", 0.5),
    },
    "training.dibao_children_training": {
        "target": ("province", 5_000),
        "employment_rate_target": ("rate", 70),
        "skill_trained": ("share", 0.6),
    },
    "training.skill_certification": {"target": ("province", 200_000), "high_skilled": ("share", 0.1)},
    "labour_relations.contract_signing": {"due": ("province", 2_500_000)},
    "labour_relations.arrears_clearance": {"owed": ("province", 50_000)},
    "labour_relations.migrant_wages": {"due": ("province", 300_000)},
    "labour_relations.case_closure": {"accepted": ("province", 20_000), "reviews_decided": ("province", 800)},
    "labour_relations.petition_decline": {"baseline": ("province", 3_000)},
    "pension.participants": {
        "target": ("province", 3_300_000),
        "landless_farmers": ("share", 0.03),
        "paying_share_target": ("rate", 85),
    },
    "pension.contributions": {"target": ("province", 1_200_000)},
    "pension.paid_on_time": {"due": ("province", 1_600_000)},
    "pension.community_management": {"retirees": ("province", 1_000_000)},
    "unemployment_insurance.participants": {"target": ("province", 1_750_000)},
    "unemployment_insurance.contributions": {"target": ("province", 80_000), "arrears_recovered": ("share", 0.05)},
    "unemployment_insurance.benefits_on_time": {"due": ("province", 60_000)},
    "medical_insurance.employee_participants": {"target": ("province", 3_900_000), "migrant_target": ("share", 0.05)},
    "medical_insurance.resident_participants": {"target": ("province", 1_500_000), "migrant_target": ("share", 0.02)},
    "injury_maternity.injury_participants": {"target": ("province", 2_000_000), "migrant_target": ("share", 0.15)},
    "injury_maternity.maternity_participants": {"target": ("province", 1_500_000)},
    "golden_insurance.fund_compliance": {"funds": ("province", 3_000_000)},
    "golden_insurance.data_centre": {"planned": ("counties", 1.5)},
    "golden_insurance.network_coverage": {"to_network": ("counties", 12)},
    "dibao.coverage": {"eligible": ("province", 1_150_000), "category_due": ("share", 0.2)},
    "dibao.topup_standards": {"due": ("counties", 2), "urban_met": ("share", 0.5), "rural_met": ("share", 0.5)},
    "dibao.budget": {"required": ("province", 50_000)},
    "dibao.socialised_payment": {"recipients": ("province", 1_100_000), "localities": ("counties", 1)},
    "dibao.welfare_centres": {"planned": ("province", 200)},
    "dibao.collective_retirees": {"retirees": ("province", 100_000)},
}

# The award gate's count targets, and how much more of them a region completes than of the rest.
MAIN_TARGETS = {"employment.new_urban_jobs", "employment.reemployment"}
MAIN_EFFORT = 0.05
# Pensions paid on time: a region's own figure (``pension_paid``), since it decides the veto.
PENSION_PAID = "pension.paid_on_time"
# Province-wide totals that must come out exact (published figures), by indicator and input.
EXACT_TOTALS = {("employment.new_urban_jobs", "target")}


def leaves(formula: Formula) -> Iterator[Formula]:
    """The formulas of a compound item's parts, in order, or the formula itself."""
    if isinstance(formula, Compound):
        for part in formula.parts:
            yield from leaves(part.formula)
    else:
        yield formula


def half_up(value: float) -> Decimal:
    """Round to a whole number half up (四舍五入), never Python's ``round``."""
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def quantize(value: float | Decimal, kind: Kind) -> int | float:
    """A count as a whole number (rounded down, never above its whole); an amount or rate to 0.1."""
    if kind is Kind.COUNT:
        return math.floor(float(value) + 1e-9)
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class RegionMaker:
    """Builds one region's inputs for every indicator from its size and profile."""

    region: str
    share: float  # the region's share of the province's population
    counties: int
    profile: Profile
    rng: random.Random
    allocated: dict[tuple[str, str], int] = field(default_factory=dict)

    def completion(self, main: bool = False) -> float:
        """Actual ÷ target for one count or amount: the profile's level with some noise.

        The main targets of the award gate get a little more effort, as they do in practice.
        """
        return self.profile.completion + (MAIN_EFFORT if main else 0.0) + self.rng.uniform(-0.05, 0.04)

    def shortfall(self) -> float:
        """Points below 100% for one rate that must be met in full."""
        if self.profile.short == 0:
            return 0.0
        return max(0.0, self.profile.short + self.rng.uniform(-0.5, 0.5))

    def inputs(self, indicator: Indicator) -> dict[str, Any]:
        """Every input of ``indicator`` for this region, consistent with its declaration."""
        values: dict[str, Any] = {}
        sizes = SIZES[indicator.id]
        ratios = {r.name: r for r in indicator.derived}

        def size(name: str) -> Any:
            if name in values:
                return values[name]
            spec = indicator.input(name)
            how, amount = sizes[name]
            if how == "share":
                assert spec.part_of is not None, f"{indicator.id}.{name}: a share needs part_of"
                value: Any = quantize(size(spec.part_of) * amount, spec.kind)
            elif how == "counties":
                value = max(1, int(half_up(self.counties * amount)))
            elif how == "rate":
                value = amount
            else:
                value = self.allocated.get((indicator.id, name))
                if value is None:
                    value = quantize(amount * self.share, spec.kind)
            values[name] = value
            return value

        def set_rate(rate_name: str, rate: float) -> None:
            ratio = ratios[rate_name]
            whole = size(ratio.denominator)
            spec = indicator.input(ratio.numerator)
            share = (100 - rate) if ratio.complement else rate
            values[ratio.numerator] = min(whole, quantize(whole * share / 100, spec.kind))

        for leaf in leaves(indicator.formula):
            if isinstance(leaf, CappedCompletion | ShortfallBands):
                target = size(leaf.target)
                spec = indicator.input(leaf.actual)
                actual = quantize(target * self.completion(indicator.id in MAIN_TARGETS), spec.kind)
                bounded = [r.denominator for r in indicator.derived if r.numerator == leaf.actual]
                if spec.part_of:
                    bounded.append(spec.part_of)
                for whole in bounded:
                    actual = min(actual, size(whole))
                values[leaf.actual] = actual
            elif isinstance(leaf, PerPoint):
                if leaf.standard_input:
                    standard = size(leaf.standard_input)
                    rate = standard + (self.profile.completion - 1) * 100 + self.rng.uniform(-1, 2)
                elif indicator.id == PENSION_PAID:
                    rate = self.profile.pension_paid
                else:
                    rate = 100 - self.shortfall()
                set_rate(leaf.rate, min(100.0, rate))
            elif isinstance(leaf, ThresholdTiers):
                set_rate(leaf.rate, min(100.0, self.profile.tier_rate + self.rng.uniform(-1.5, 1.5)))
            elif isinstance(leaf, ControlCeiling):
                if leaf.ceiling_input:
                    size(leaf.ceiling_input)
                set_rate(leaf.rate, self.profile.unemployment + self.rng.uniform(-0.05, 0.05))
            elif isinstance(leaf, DeclineRate):
                baseline = size(leaf.baseline)
                values[leaf.current] = quantize(baseline * (1 - self.profile.decline / 100), Kind.COUNT)
            elif isinstance(leaf, DeductUntilZero):
                values[leaf.count] = 0 if self.profile.short == 0 else 1
            elif isinstance(leaf, PassFail):
                values[leaf.flag] = True
            else:
                raise SystemExit(f"{indicator.id}: no recipe for formula family {type(leaf).__name__}")
        for rule in indicator.rules:
            if isinstance(rule, PartsNotAboveWhole):  # sub-items that make up their whole: the last takes the rest
                *first, last = rule.parts
                whole = size(rule.whole)
                values[last] = whole - sum(size(name) for name in first)
        for spec in indicator.inputs:
            size(spec.name)
        return {spec.name: values[spec.name] for spec in indicator.inputs}


def allocate_exact(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split ``total`` by ``shares`` into whole hundreds that add up exactly (largest remainder)."""
    unit = 100
    raw = {k: total * s / unit for k, s in shares.items()}
    floored = {k: math.floor(v) for k, v in raw.items()}
    left = total // unit - sum(floored.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - floored[k]), k))[:left]:
        floored[k] += 1
    return {k: v * unit for k, v in floored.items()}


def build(registry: Registry) -> dict[str, Any]:
    """The whole example document."""
    scheme = registry.schemes["jilin-2007"]
    from targetrule.scheme_loader import load_scheme

    items = [item.indicator for item in load_scheme(scheme, registry).items()]
    population = sum(r[3] for r in REGIONS)
    shares = {r[0]: r[3] / population for r in REGIONS}
    exact = {key: allocate_exact(int(SIZES[key[0]][key[1]][1]), shares) for key in EXACT_TOTALS}
    rng = random.Random(SEED)
    regions = []
    for rid, zh, en, _pop, counties in REGIONS:
        profile = PROFILES[rid]
        maker = RegionMaker(rid, shares[rid], counties, profile, rng)
        maker.allocated = {key: split[rid] for key, split in exact.items()}
        inputs = {indicator.id: maker.inputs(indicator) for indicator in items}
        entry: dict[str, Any] = {"id": rid, "name": {"zh": zh, "en": en}, "kind": "city"}
        if rid in SURVEY_ONLY:
            entry["survey_only"] = True
        entry["inputs"] = inputs
        if profile.bonuses:
            entry["bonuses"] = [{"id": b, "count": n} for b, n in profile.bonuses]
        if profile.deductions:
            entry["deductions"] = [{"id": d, "note": note} for d, note in profile.deductions]
        regions.append(entry)
    document = {
        "schema": "targetrule.submissions/1",
        "scheme": "jilin-2007",
        "period": "2007",
        "note": {
            "zh": "示例数据，纯属虚构，并非2007年实际报表",
            "en": "illustrative figures, not the 2007 returns",
        },
        "regions": regions,
    }
    check(document, items)
    return document


def check(document: dict[str, Any], items: list[Indicator]) -> None:
    """Score every region's every indicator; stop if any value would be rejected."""
    problems = []
    for region in document["regions"]:
        for indicator in items:
            outcome = score_indicator(indicator, region["inputs"][indicator.id], region=region["id"])
            problems += [str(f) for f in outcome.findings]
    if problems:
        raise SystemExit("generated data is invalid:\n" + "\n".join(problems))


def render(document: dict[str, Any]) -> str:
    """The JSON text as committed: UTF-8, two-space indent, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the example file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args(argv)
    text = render(build(Registry.default(entry_points=False)))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/make_example.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
