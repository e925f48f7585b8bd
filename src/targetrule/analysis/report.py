"""What a sensitivity analysis reports: per region its rank band and chances, per factor its Sobol indices.

The numbers are plain (attrs; ``Decimal`` probabilities to four places that add up to 1) and
``to_dict`` gives the versioned JSON (``targetrule.sensitivity/1``). Percentile ranks are ranks
that occurred (the inverted empirical distribution: the smallest rank at least that share of the
draws reach), so a band is always a pair of ranks some draw gave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from targetrule.analysis.draws import Draw, DrawPlan
from targetrule.analysis.spec import UncertaintySpec
from targetrule.text import Label

SENSITIVITY_SCHEMA = "targetrule.sensitivity/1"


def shares(counts: Sequence[int], draws: int) -> list[Decimal]:
    """Counts that partition ``draws`` as shares to four places that add up to exactly 1.

    Each share is rounded down to 0.0001, then the ten-thousandths still missing go to the largest
    remainders (the first of equal ones), so the shown chances of a region's grades add up to 100%.
    """
    if not draws:
        return [Decimal(0) for _ in counts]
    scale = 10_000
    floors = [c * scale // draws for c in counts]
    remainders = [c * scale % draws for c in counts]
    missing = scale - sum(floors)
    for index in sorted(range(len(counts)), key=lambda i: -remainders[i])[:missing]:
        floors[index] += 1
    return [Decimal(f).scaleb(-4) for f in floors]


@frozen
class RegionSensitivity:
    """How firm one region's standing is across the draws."""

    region: str
    name: Label
    survey_only: bool
    nominal_rank: int | None
    median_rank: int | None
    band: tuple[int, int] | None  # the 5th and 95th percentile ranks
    mean_abs_shift: Decimal | None  # mean |rank − nominal rank|, half up to four places
    nominal_grade: str | None
    grade_probability: Mapping[str, Decimal]
    nominal_award: str | None
    award_probability: Mapping[str, Decimal]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        return {
            "region": self.region,
            "name": {"zh": self.name.zh, "en": self.name.en},
            "survey_only": self.survey_only,
            "nominal_rank": self.nominal_rank,
            "median_rank": self.median_rank,
            "band": list(self.band) if self.band else None,
            "mean_abs_shift": None if self.mean_abs_shift is None else str(self.mean_abs_shift),
            "nominal_grade": self.nominal_grade,
            "grade_probability": {k: str(v) for k, v in self.grade_probability.items()},
            "nominal_award": self.nominal_award,
            "award_probability": {k: str(v) for k, v in self.award_probability.items()},
        }


@frozen
class SobolIndex:
    """One factor's first- and total-order Sobol indices on one output, with bootstrap confidence intervals."""

    factor: str
    output: str  # "rank:REGION" or "mean_abs_shift"
    first: float
    first_interval: tuple[float, float]
    total: float
    total_interval: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (rounded to four places; null where the output never varied)."""
        return {
            "factor": self.factor,
            "output": self.output,
            "first": _round(self.first),
            "first_interval": [_round(v) for v in self.first_interval],
            "total": _round(self.total),
            "total_interval": [_round(v) for v in self.total_interval],
        }


def _round(value: float) -> float | None:
    return None if value != value else round(value, 4)  # NaN: the output did not vary


@frozen
class SensitivityResult:
    """A whole sensitivity analysis: the per-region bands, the Sobol indices and every draw's parameters."""

    scheme: str
    scheme_sha256: str
    input_sha256: str
    draws: int
    seed: int
    spec: UncertaintySpec
    regions: tuple[RegionSensitivity, ...]
    sobol: tuple[SobolIndex, ...]
    sobol_samples: int  # model runs the Sobol design took (0: not run)
    grades: tuple[tuple[str, Label], ...]
    awards: tuple[tuple[str, Label], ...]
    mean_abs_shift: Decimal  # over the draws and the ranked regions
    plan: DrawPlan = field(eq=False, repr=False)
    units: Any = field(eq=False, repr=False)  # (draws, areas) weights in quanta
    choice: Any = field(eq=False, repr=False)  # (draws,) aggregation alternative
    picks: Any = field(eq=False, repr=False)  # (draws, parameters) the value each varied parameter took
    seeds: Any = field(default=None, eq=False, repr=False)  # (draws, 2) the seeds of the item points and figures

    def region(self, region_id: str) -> RegionSensitivity:
        """One region's figures."""
        for found in self.regions:
            if found.region == region_id:
                return found
        raise KeyError(region_id)

    def draw(self, index: int) -> Draw:
        """The parameters of draw ``index`` (0-based), for :func:`targetrule.analysis.replay`."""
        if not 0 <= index < self.draws:
            raise IndexError(index)
        seeds = (0, 0) if self.seeds is None else self.seeds[index].tolist()
        return self.plan.draw(index, self.units[index], int(self.choice[index]), self.picks[index].tolist(), seeds)

    def drivers(self, output: str) -> Sequence[SobolIndex]:
        """The factors' indices on one output, the largest total effect first."""
        found = [s for s in self.sobol if s.output == output]
        return sorted(found, key=lambda s: (-(s.total if s.total == s.total else -1.0), s.factor))

    def _varied_items(self) -> dict[str, Any]:
        """The item points and the figures' seeds of every draw, where they vary."""
        found: dict[str, Any] = {}
        items = self.plan.items
        if items is not None and self.plan.item_factor:
            found["item_points"] = {
                "indicators": list(items.indicators),
                "quantum": str(items.quantum),
                "points": items.units(self.seeds[:, 0]).tolist(),
            }
        if self.plan.data is not None:
            found["data"] = {"indicators": list(self.plan.data.indicators), "seeds": self.seeds[:, 1].tolist()}
        return found

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document (``targetrule.sensitivity/1``)."""
        return {
            "schema": SENSITIVITY_SCHEMA,
            "scheme": self.scheme,
            "scheme_sha256": self.scheme_sha256,
            "input_sha256": self.input_sha256,
            "draws": self.draws,
            "seed": self.seed,
            "spec": self.spec.to_dict(),
            "grades": [{"id": g, "label": {"zh": lb.zh, "en": lb.en}} for g, lb in self.grades],
            "awards": [{"id": a, "label": {"zh": lb.zh, "en": lb.en}} for a, lb in self.awards],
            "mean_abs_shift": str(self.mean_abs_shift),
            "regions": [r.to_dict() for r in self.regions],
            "sobol": {"model_runs": self.sobol_samples, "indices": [s.to_dict() for s in self.sobol]},
            "draw_parameters": {
                "areas": list(self.plan.areas),
                "quantum": str(self.plan.quantum),
                "aggregations": list(self.plan.alternatives),
                "weights": self.units.tolist(),
                "aggregation": self.choice.tolist(),
                "parameters": [{"indicator": p.indicator, "name": p.name} for p in self.plan.parameters],
                "parameter_values": self.picks.tolist(),
                **self._varied_items(),
            },
        }
