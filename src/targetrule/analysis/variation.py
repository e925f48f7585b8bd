"""Which items' points and reported figures may vary, checked against the scheme, every problem at once.

Item points vary within areas that add their items' points (the area's points are then the sum of
attainment × drawn points, each half up to the cent, as the engine adds them) and that no
tie-break reads (it would read the changed points). The attainments do not change, so the vetoes
and the gate still decide as in the evaluation.

Reported figures vary for items of such areas that no tie-break reads, and that have no
``[[parameters]]`` alternatives (scored once per value, from the reported figures). The vetoes and
the gate that read them are re-decided per draw (:mod:`targetrule.analysis.decisions`), except a
gate that decides who is ranked (the candidates would change). Flags (yes/no) never vary.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from targetrule.analysis.spec import UncertaintySpec
from targetrule.findings import Finding, did_you_mean, finding
from targetrule.indicator import Kind, Role
from targetrule.scheme import Scheme, ScoredItem

NOT_ADDITIVE = ("其所在领域不是分值相加", "its area does not add its items' points")
TIE_BREAK = ("并列规则读取该领域的得分", "a tie-break reads the area's points")
TIE_READ = ("并列规则读取该指标", "a tie-break reads it")
GATE_RANKING = ("门槛决定是否参加排名，而该门槛读取该指标", "the gate decides who is ranked, and it reads the item")
PARAMETERS = ("该指标的公式参数也在变动（[[parameters]]）", "its formula parameters vary too ([[parameters]])")
ITEM_POINTS = ("其所在领域的分项分值也在变动（[items]）", "its area's item points vary too ([items])")
FLAG = ("是/否输入不变动", "a yes/no input does not vary")


def _tie_areas(scheme: Scheme) -> set[str]:
    """The areas whose points a tie-break reads, directly or through one of their items."""
    areas = set()
    for tie in scheme.spec.ranking.tie_break:
        kind, _, ref = tie.partition(":")
        if kind == "area":
            areas.add(ref)
        else:
            areas |= {a.spec.id for a in scheme.areas if any(i.indicator.id == ref for i in a.items)}
    return areas


def _refused_for_data(scheme: Scheme) -> set[str]:
    """The items whose figures cannot vary: a tie-break reads them, or a gate that decides who is ranked."""
    read = {i.indicator.id for a in scheme.areas if a.spec.id in _tie_areas(scheme) for i in a.items}
    read |= {tie.partition(":")[2] for tie in scheme.spec.ranking.tie_break if tie.startswith("indicator:")}
    gate = scheme.spec.gate
    if gate is not None and gate.effect == "ranking":
        read |= set(gate.indicators)
    return read


def item_point_areas(spec: UncertaintySpec, scheme: Scheme) -> tuple[int, ...]:
    """The positions of the areas whose item points vary (none unless ``[items] vary``)."""
    if not spec.items.vary:
        return ()
    named = set(spec.items.areas)
    ties = _tie_areas(scheme)
    return tuple(
        n
        for n, a in enumerate(scheme.areas)
        if (not named or a.spec.id in named) and a.aggregation.additive and a.spec.id not in ties and a.items
    )


def _may_vary_data(item: ScoredItem, scheme: Scheme, read: set[str], fixed: set[str]) -> tuple[str, str] | None:
    """Why ``item``'s figures cannot vary (zh, en), or None."""
    area = next(a for a in scheme.areas if a.spec.id == item.area)
    if not area.aggregation.additive:
        return NOT_ADDITIVE
    if item.indicator.id in read:
        gate = scheme.spec.gate
        ranking_gate = gate is not None and gate.effect == "ranking" and item.indicator.id in gate.indicators
        return GATE_RANKING if ranking_gate else TIE_READ
    if item.indicator.id in fixed:
        return PARAMETERS
    return None


def data_inputs(spec: UncertaintySpec, scheme: Scheme) -> tuple[tuple[str, tuple[tuple[str, Decimal], ...]], ...]:
    """Each item whose figures vary, with each varying input and its tolerance (the spec is checked already)."""
    data = spec.data
    if not data.varies:
        return ()
    read = _refused_for_data(scheme)
    fixed = {p.indicator for p in spec.parameters}
    own: dict[str, dict[str, Decimal]] = {}
    for key, tolerance in data.inputs.items():
        indicator, _, name = key.rpartition(".")
        own.setdefault(indicator, {})[name] = tolerance
    chosen = set(data.indicators)
    found = []
    for item in scheme.items():
        ident = item.indicator.id
        listed = ident in chosen if chosen else _may_vary_data(item, scheme, read, fixed) is None
        if not listed and ident not in own:
            continue
        inputs = []
        for put in item.indicator.inputs:
            tolerance = own.get(ident, {}).get(
                put.name, data.tolerance if listed and put.role is Role.ACTUAL else Decimal(0)
            )
            if tolerance > 0 and put.kind is not Kind.FLAG:
                inputs.append((put.name, Decimal(tolerance)))
        if inputs:
            found.append((ident, tuple(inputs)))
    return tuple(found)


def check_variation(
    spec: UncertaintySpec, scheme: Scheme, parameter_paths: Sequence[int] | None = None
) -> list[Finding]:
    """Every problem of the ``[items]`` and ``[data]`` sections against ``scheme``, each at its path."""
    found: list[Finding] = []
    areas = {a.spec.id: a for a in scheme.areas}
    ties = _tie_areas(scheme)
    varied_areas: set[str] = set()
    if spec.items.vary:
        for index, name in enumerate(spec.items.areas):
            area = areas.get(name)
            if area is None:
                continue  # reported with the names
            if not area.aggregation.additive:
                found.append(_cannot(f"$.items.areas[{index}]", name, NOT_ADDITIVE))
            elif name in ties:
                found.append(_cannot(f"$.items.areas[{index}]", name, TIE_BREAK))
        varied_areas = {scheme.areas[n].spec.id for n in item_point_areas(spec, scheme)}
        for position, entry in enumerate(spec.parameters):
            index = parameter_paths[position] if parameter_paths is not None else position
            try:
                area_id = scheme.item(entry.indicator).area
            except KeyError:
                continue  # reported with the parameters
            if area_id in varied_areas:
                found.append(_cannot(f"$.parameters[{index}]", entry.indicator, ITEM_POINTS))
    items = {i.indicator.id: i for i in scheme.items()}
    read = _refused_for_data(scheme)
    fixed = {p.indicator for p in spec.parameters}
    seen: set[str] = set()
    for index, name in enumerate(spec.data.indicators):
        path = f"$.data.indicators[{index}]"
        if name in seen:
            found.append(finding("sensitivity.duplicate", path=path, value=name))
        seen.add(name)
        item = items.get(name)
        if item is None:
            found.append(_unknown(path, name, "方案的指标", "the scheme's indicators", items))
            continue
        why = _may_vary_data(item, scheme, read, fixed)
        if why is not None:
            found.append(_cannot(path, name, why))
    for key in spec.data.inputs:
        path = f'$.data.inputs["{key}"]'
        indicator, _, name = key.rpartition(".")
        item = items.get(indicator)
        if item is None:
            found.append(_unknown(path, key, "方案的指标", "the scheme's indicators (indicator.input)", items))
            continue
        declared = item.indicator.input_map.get(name)
        if declared is None:
            found.append(_unknown(path, name, "该指标的输入项", "the item's inputs", item.indicator.input_map))
            continue
        why = FLAG if declared.kind is Kind.FLAG else _may_vary_data(item, scheme, read, fixed)
        if why is not None:
            found.append(_cannot(path, key, why))
    return found


def _cannot(path: str, name: str, why: tuple[str, str]) -> Finding:
    return finding("sensitivity.cannot_vary", path=path, value=name, detail_zh=why[0], detail_en=why[1])


def _unknown(path: str, name: str, zh: str, en: str, known: object) -> Finding:
    return finding(
        "sensitivity.unknown_name",
        path=path,
        value=name,
        where_zh=zh,
        where_en=en,
        suggestion=did_you_mean(name, known),  # type: ignore[arg-type]
    )
