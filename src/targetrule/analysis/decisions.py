"""The vetoes and the gate re-decided per draw, where a veto or the gate reads an item whose figures vary.

As the engine decides them: a veto on an item is triggered when the item's attainment is below
the veto's ``below`` (or it is not scored), the gate passes when every one of its items reaches
its minimum. A veto the region declared stays whatever the figures; a veto the evaluation shows
for a region whose figures did not trigger it was declared. The rest of what makes a region
eligible for prizes (survey only, a deduction that cancels awards) and the misreporting cap do
not depend on the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from targetrule.ranking import misreported
from targetrule.results import RegionResult
from targetrule.scheme import Scheme

Ints = NDArray[np.int64]


@frozen(eq=False)
class DrawStates:
    """Per draw: each region's vetoes, whether it passed the gate, its lowest grade allowed and its eligibility."""

    vetoes: tuple[tuple[tuple[str, ...], ...], ...]  # (draws, regions)
    gate: NDArray[np.bool_]  # (draws, regions)
    floor: Ints  # (draws, regions): the worst grade index the vetoes and misreporting allow it above
    eligible: NDArray[np.bool_]  # (draws, candidates): may win a prize, whatever its grade


def _declared(result: RegionResult, scheme: Scheme) -> set[str]:
    """The vetoes the region declared: shown, and not triggered by its own figures."""
    spec = scheme.spec
    found = set()
    for veto in spec.vetoes:
        if veto.id not in result.vetoes:
            continue
        if veto.indicator is None:
            found.add(veto.id)
            continue
        attainment = result.indicator(veto.indicator).attainment
        if attainment is not None and attainment.value >= veto.below:
            found.add(veto.id)
    return found


def draw_states(
    results: Sequence[RegionResult],
    scheme: Scheme,
    candidates: Ints,
    attained: list[list[dict[str, Decimal | None]]],
) -> DrawStates:
    """The per-draw vetoes, gate, grade floors and eligibility from the watched items' attainments."""
    spec = scheme.spec
    order = {g.id: i for i, g in enumerate(spec.grades)}
    caps = {v.id: order[v.max_grade] for v in spec.vetoes if v.max_grade is not None}
    no_awards = {v.id for v in spec.vetoes if v.no_awards}
    cancels = {d.id for d in spec.deductions if d.cancels_awards}
    cap = spec.misreporting.max_grade if spec.misreporting is not None else None
    declared = [_declared(r, scheme) for r in results]
    fixed_floor = [order[cap] if cap and misreported(r, scheme) else 0 for r in results]
    otherwise = [
        not (
            r.survey_only or any(a.kind == "deduction" and (a.id in cancels or a.cancels_awards) for a in r.adjustments)
        )
        for r in results
    ]
    draws = len(attained)
    vetoes: list[tuple[tuple[str, ...], ...]] = []
    gate = np.ones((draws, len(results)), dtype=bool)
    floor = np.zeros((draws, len(results)), dtype=np.int64)
    eligible = np.zeros((draws, len(results)), dtype=bool)
    for d, row in enumerate(attained):
        per_region = []
        for r, result in enumerate(results):
            shares = _shares(result, row[r])
            found = tuple(
                v.id
                for v in spec.vetoes
                if v.id in declared[r]
                or (v.indicator is not None and (shares[v.indicator] is None or shares[v.indicator] < v.below))  # type: ignore[operator]
            )
            per_region.append(found)
            if spec.gate is not None:
                gate[d, r] = all(
                    shares[i] is not None and shares[i] >= spec.gate.min_attainment  # type: ignore[operator]
                    for i in spec.gate.indicators
                )
            floor[d, r] = max([fixed_floor[r], *(caps.get(v, 0) for v in found)])
            eligible[d, r] = otherwise[r] and gate[d, r] and not any(v in no_awards for v in found)
        vetoes.append(tuple(per_region))
    return DrawStates(tuple(vetoes), gate, floor, eligible[:, candidates])


def _shares(result: RegionResult, drawn: Mapping[str, Decimal | None]) -> Mapping[str, Decimal | None]:
    """The attainments a veto or the gate reads: the draw's where the figures vary, else the evaluation's."""

    class Lookup(dict[str, Decimal | None]):
        def __missing__(self, key: str) -> Decimal | None:
            attainment = result.indicator(key).attainment
            return None if attainment is None else attainment.value

    return Lookup(drawn)
