"""Data uncertainty: each reported figure drawn within ± its tolerance, and the item re-scored exactly.

A draw's figures come from a generator seeded by the draw's seed (one factor for the Sobol
analysis). Each varying input of each region's item becomes ``reported × (1 + t × (2u − 1))``
(``u`` uniform, ``t`` its tolerance), rounded half up to the reported figure's decimals (whole
numbers for counts), clipped to the input's declared bounds and a part to its whole. The item is
then checked by the full validator and scored by its own formula; figures that break one of the
item's rules, or that its formula refuses, are not used: the item keeps its reported figures in
that draw. Every scoring is the engine's, so a replay with the draw's figures gives the same points.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from attrs import frozen

from targetrule.formulas import value_scorer
from targetrule.indicator import Input, Kind
from targetrule.results import Evaluation
from targetrule.scheme import Scheme, ScoredItem
from targetrule.scoring import highest_attainment
from targetrule.validation import check_values

MAX_RESCORED = 2_000_000  # item scorings per analysis (draws and Sobol runs): about a minute here
_STEP = Decimal("1e-9")  # the uniform number's resolution in the multiplier


@frozen(eq=False)
class DataItem:
    """One item whose figures vary: the scheme's item, its varying inputs and their tolerances."""

    item: ScoredItem
    inputs: tuple[Input, ...]
    tolerances: tuple[Decimal, ...]


@frozen(eq=False)
class DataPlan:
    """The items whose figures vary and each region's reported figures of them."""

    items: tuple[DataItem, ...]
    regions: tuple[str, ...]
    reported: tuple[tuple[Mapping[str, Decimal] | None, ...], ...]  # (regions, items): parsed inputs, None: unscored
    width: int  # varying inputs over all items: the columns of a draw's uniform numbers

    @property
    def indicators(self) -> tuple[str, ...]:
        """The ids of the items whose figures vary."""
        return tuple(d.item.indicator.id for d in self.items)

    def uniforms(self, seed: int) -> np.ndarray[Any, np.dtype[np.float64]]:
        """(regions, inputs): a draw's uniform numbers."""
        return np.random.default_rng(seed).random((len(self.regions), self.width))

    def rescored(self, seed: int) -> list[list[tuple[dict[str, Decimal], Decimal] | None]]:
        """(regions, items): the figures used and the attainment they give, or None where the reported ones stand."""
        u = self.uniforms(seed)
        out: list[list[tuple[dict[str, Decimal], Decimal] | None]] = []
        for r, region in enumerate(self.regions):
            row: list[tuple[dict[str, Decimal], Decimal] | None] = []
            column = 0
            for i, entry in enumerate(self.items):
                reported = self.reported[r][i]
                width = len(entry.inputs)
                row.append(
                    None if reported is None else _rescore(entry, reported, u[r, column : column + width], region)
                )
                column += width
            out.append(row)
        return out

    def figures(self, seed: int) -> tuple[tuple[str, str, str, Decimal], ...]:
        """A draw's figures that differ from the reported ones: (region, indicator, input, value)."""
        found = []
        for r, row in enumerate(self.rescored(seed)):
            for i, used in enumerate(row):
                if used is None:
                    continue
                reported = self.reported[r][i]
                assert reported is not None
                for name, value in used[0].items():
                    if value != reported.get(name):
                        found.append((self.regions[r], self.items[i].item.indicator.id, name, value))
        return tuple(found)


def _rescore(
    entry: DataItem, reported: Mapping[str, Decimal], u: Any, region: str
) -> tuple[dict[str, Decimal], Decimal] | None:
    raw = dict(reported)
    for put, tolerance, x in zip(entry.inputs, entry.tolerances, u.tolist(), strict=True):
        value = reported.get(put.name)
        if value is None:
            continue
        shift = Decimal(int((2 * x - 1) * 1e9)) * _STEP * tolerance
        places = Decimal(1) if put.kind is Kind.COUNT else Decimal(1).scaleb(min(0, _exponent(value)))
        drawn = (value * (1 + shift)).quantize(places, ROUND_HALF_UP)
        if put.minimum is not None and drawn < put.minimum:
            drawn = put.minimum
        upper = put.upper_bound
        if upper is not None and drawn > upper:
            drawn = upper
        raw[put.name] = drawn
    declared = entry.item.indicator.input_map
    for name, value in raw.items():  # a part never above its whole
        whole = declared[name].part_of if name in declared else None
        if whole is not None and whole in raw and value > raw[whole]:
            raw[name] = raw[whole]
    if raw == dict(reported):
        return None
    item = entry.item
    values, problems = check_values(item.indicator, raw, region, "$")
    if any(p.is_error for p in problems):
        return None
    try:
        scorer = value_scorer(item.formula)
        attainment = (
            scorer(values, item.params) if scorer is not None else item.formula.score(values, item.params).value
        )
    except Exception:  # the formula refuses these figures: the reported ones stand
        return None
    if type(attainment) is not Decimal or not 0 <= attainment <= highest_attainment(item.formula, item.params):
        return None
    return raw, attainment


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return int(exponent) if isinstance(exponent, int) else 0


def plan_data(
    evaluation: Evaluation, scheme: Scheme, chosen: tuple[tuple[str, tuple[tuple[str, Decimal], ...]], ...]
) -> DataPlan | None:
    """The plan for the items and inputs ``chosen`` (see :func:`~targetrule.analysis.variation.data_inputs`)."""
    if not chosen:
        return None
    items = []
    for ident, inputs in chosen:
        item = scheme.item(ident)
        declared = item.indicator.input_map
        items.append(DataItem(item, tuple(declared[n] for n, _ in inputs), tuple(t for _, t in inputs)))
    reported = []
    for result in evaluation.regions:
        row: list[Mapping[str, Decimal] | None] = []
        for entry in items:
            scored = result.indicator(entry.item.indicator.id)
            names = entry.item.indicator.input_map
            row.append(None if scored.attainment is None else {k: v for k, v in scored.values.items() if k in names})
        reported.append(tuple(row))
    width = sum(len(d.inputs) for d in items)
    return DataPlan(tuple(items), tuple(r.region.id for r in evaluation.regions), tuple(reported), width)
