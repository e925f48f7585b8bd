"""Formula parameter alternatives: checked against the scheme, scored once per value, replayed as a scheme.

A ``[[parameters]]`` entry names an item's formula parameter and the values it may take. Each
value is checked as the scheme loader checks a parameter (its shape, then the formula family's own
check). Each region's item is then scored once per value with the very formula and its parsed
inputs, rounded half up to the cent as the engine rounds an item; a draw only adds up the
differences to the nominal points (the item's area must add its items' points). An item that a
veto, the gate or a tie-break reads cannot be varied yet (the standing would change with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from attrs import evolve, frozen

from targetrule.analysis.spec import ParameterSpec
from targetrule.findings import Finding, did_you_mean, finding
from targetrule.formulas import check_params
from targetrule.results import Evaluation
from targetrule.rounding import ZERO
from targetrule.scheme import Scheme, ScoredItem
from targetrule.scheme_loader import ParamValueError, parse_param


@frozen
class ParameterPlan:
    """One varied parameter: its item, the area it is in (by position) and its parsed values."""

    indicator: str
    name: str
    values: tuple[Any, ...]
    area: int


def read_by_decisions(scheme: Scheme) -> set[str]:
    """The indicators whose attainment or points a veto, the gate or a tie-break reads."""
    spec = scheme.spec
    read = {v.indicator for v in spec.vetoes if v.indicator is not None}
    read |= set(spec.gate.indicators if spec.gate else ())
    for tie in spec.ranking.tie_break:
        kind, _, ref = tie.partition(":")
        if kind == "indicator":
            read.add(ref)
        else:
            read |= {i.indicator.id for a in scheme.areas if a.spec.id == ref for i in a.items}
    return read


def check_parameters(
    entries: Sequence[ParameterSpec], scheme: Scheme, indexes: Sequence[int] | None = None
) -> list[Finding]:
    """Every problem of the ``[[parameters]]`` entries against ``scheme``, each at its path.

    ``indexes`` are the entries' positions in the file (when some malformed ones were left out).
    """
    found: list[Finding] = []
    items = {i.indicator.id: i for i in scheme.items()}
    read = read_by_decisions(scheme)
    additive = {i.indicator.id: a.aggregation.additive for a in scheme.areas for i in a.items}
    seen: set[tuple[str, str]] = set()
    for position, entry in enumerate(entries):
        index = indexes[position] if indexes is not None else position
        path = f"$.parameters[{index}]"
        item = items.get(entry.indicator)
        if item is None:
            found.append(_unknown(f"{path}.indicator", entry.indicator, "方案的指标", "the scheme's indicators", items))
            continue
        specs = item.formula.param_specs()
        if entry.name not in specs:
            found.append(_unknown(f"{path}.name", entry.name, "该指标公式的参数", "the item's parameters", specs))
            continue
        if (entry.indicator, entry.name) in seen:
            found.append(finding("sensitivity.duplicate", path=path, value=f"{entry.indicator} {entry.name}"))
        seen.add((entry.indicator, entry.name))
        if entry.indicator in read:
            found.append(
                _unsupported(
                    path, entry.indicator, "否决、门槛或并列规则读取该指标", "a veto, the gate or a tie-break reads it"
                )
            )
        elif not additive[entry.indicator]:
            found.append(
                _unsupported(path, entry.indicator, "其所在领域不是分值相加", "its area does not add its items' points")
            )
        for j, raw in enumerate(entry.values):
            where = f"{path}.values[{j}]"
            try:
                value = parse_param(specs[entry.name], _decimals(raw))
            except ParamValueError as exc:
                found.append(_bad(where, raw, exc.label.zh, exc.label.en))
                continue
            for problem in check_params(item.formula, {**item.params, entry.name: value}):
                found.append(_bad(where, raw, problem.problem.zh, problem.problem.en))
    return found


def _decimals(raw: Any) -> Any:
    """Floats as the decimals they were written as (a spec from Python; TOML is read with decimals already)."""
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, list | tuple):
        return [_decimals(x) for x in raw]
    return raw


def _unknown(path: str, name: str, zh: str, en: str, known: Any) -> Finding:
    return finding(
        "sensitivity.unknown_name",
        path=path,
        value=name,
        where_zh=zh,
        where_en=en,
        suggestion=did_you_mean(name, known),
    )


def _unsupported(path: str, name: str, zh: str, en: str) -> Finding:
    return finding("sensitivity.unsupported", path=path, value=name, detail_zh=zh, detail_en=en)


def _bad(path: str, raw: Any, zh: str, en: str) -> Finding:
    return finding(
        "sensitivity.bad_value",
        path=path,
        value=raw,
        what_zh="参数取值",
        what_en="the parameter value",
        expected_zh=f"有效值（{zh}）",
        expected_en=f"valid ({en})",
    )


def plan_parameters(entries: Sequence[ParameterSpec], scheme: Scheme) -> tuple[ParameterPlan, ...]:
    """The parsed values of each entry (the entries are checked already), with its area's position."""
    area_of = {i.indicator.id: n for n, a in enumerate(scheme.areas) for i in a.items}
    plans = []
    for entry in entries:
        item = scheme.item(entry.indicator)
        spec = item.formula.param_specs()[entry.name]
        values = tuple(parse_param(spec, _decimals(raw)) for raw in entry.values)
        plans.append(ParameterPlan(entry.indicator, entry.name, values, area_of[entry.indicator]))
    return tuple(plans)


def deltas(evaluation: Evaluation, scheme: Scheme, plan: ParameterPlan) -> list[list[Decimal]]:
    """Per value, per region: the item's points under that value minus its nominal points (cents, exact)."""
    item = scheme.item(plan.indicator)
    rows: list[list[Decimal]] = [[] for _ in plan.values]
    for result in evaluation.regions:
        scored = result.indicator(plan.indicator)
        nominal = scored.points
        for v, value in enumerate(plan.values):
            if scored.attainment is None:
                rows[v].append(ZERO)  # not scored under any value: its data has errors
                continue
            points = _points(item, scored.values, {**item.params, plan.name: value}, scheme.quantum)
            rows[v].append(points - nominal)
    return rows


def _points(item: ScoredItem, values: Mapping[str, Decimal], params: Mapping[str, Any], quantum: Decimal) -> Decimal:
    """The item's points under ``params``: its formula's attainment × full marks, half up to the scheme's precision."""
    attainment = item.formula.score(values, params).value
    return (attainment * item.points).quantize(quantum, ROUND_HALF_UP)


def with_parameters(scheme: Scheme, chosen: Mapping[tuple[str, str], Any]) -> Scheme:
    """``scheme`` with the items' parameters set to ``chosen`` ((indicator, name) → parsed value)."""
    if not chosen:
        return scheme
    areas = []
    for area in scheme.areas:
        items = []
        for item in area.items:
            changed = {name: v for (ind, name), v in chosen.items() if ind == item.indicator.id}
            items.append(evolve(item, params={**item.params, **changed}) if changed else item)
        areas.append(evolve(area, items=tuple(items)))
    return evolve(scheme, areas=tuple(areas))
