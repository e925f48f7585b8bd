"""Regions in a hierarchy (province → city/prefecture → county), and city figures rolled up from counties.

A region names its superior in ``parent``. A city's figures may be given directly or rolled up
from its counties: counts and amounts of money add up (targets and last year's figures too),
rates declared as a :class:`~targetrule.indicator.Ratio` are recomputed from the summed numerator
and denominator (never averaged), and a rate or a yes/no typed in without counts cannot be
rolled up, which is said as a finding. When a city gives its own figure and its counties are
given too, a difference beyond the tolerance is a finding; the city's own figure is kept.

:class:`NotRolledUp` is the pipeline step (:mod:`targetrule.steps`) that reports counties given
to the engine beside their city; the core plugin adds it to every registry built with the built-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import evolve, frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, did_you_mean, finding
from targetrule.indicator import Indicator, Input, Kind
from targetrule.inspection.verification import Verification, region_verifications
from targetrule.rounding import ZERO, fmt_plain
from targetrule.scheme import Scheme
from targetrule.steps import Prepared
from targetrule.submissions import Region, RegionData, Submissions
from targetrule.validation import input_path, parse_value

PROVINCE_KINDS = frozenset({"province", "省"})
CITY_KINDS = frozenset({"city", "prefecture", "市", "州", "市（州）"})
COUNTY_KINDS = frozenset(
    {"county", "district", "county-level city", "county_city", "县", "区", "县级市", "县（市、区）"}
)

_ADDITIVE = (Kind.COUNT, Kind.AMOUNT)
_KIND_LABEL = {Kind.RATE: ("比率", "rate"), Kind.FLAG: ("是/否项", "yes/no item"), Kind.QUANTITY: ("数值", "quantity")}


def is_city(region: Region) -> bool:
    """True for a city or prefecture (市、州) by its ``kind``."""
    return region.kind in CITY_KINDS


def is_county(region: Region) -> bool:
    """True for a county, county-level city or district (县、市、区) by its ``kind``."""
    return region.kind in COUNTY_KINDS


@frozen
class Hierarchy:
    """Which region is under which: the valid parent links, and what was wrong with the others."""

    order: tuple[str, ...]
    parents: Mapping[str, str]
    findings: tuple[Finding, ...] = ()

    def children(self, region_id: str) -> tuple[str, ...]:
        """The regions directly under ``region_id``, in data order."""
        return tuple(r for r in self.order if self.parents.get(r) == region_id)

    def roots(self) -> tuple[str, ...]:
        """The regions with no valid parent in the data, in data order."""
        return tuple(r for r in self.order if r not in self.parents)

    def depth(self, region_id: str) -> int:
        """How many levels ``region_id`` sits below a root (a root is at depth 0)."""
        depth = 0
        while region_id in self.parents:
            region_id = self.parents[region_id]
            depth += 1
        return depth

    def bottom_up(self) -> tuple[str, ...]:
        """Every region, deepest first, so a region comes after all the regions under it."""
        return tuple(sorted(self.order, key=lambda r: -self.depth(r)))


def build_hierarchy(regions: Iterable[Region] | Submissions, paths: Mapping[str, str] | None = None) -> Hierarchy:
    """Link each region to its parent; an unknown parent or a cycle is a finding and its link is dropped.

    A city may name the province as its parent without the province being in the data (the
    province is the evaluator); any other parent must be a region in the data. Regions whose
    link is dropped become roots: they are still evaluated on their own figures.
    """
    if isinstance(regions, Submissions):
        paths = {d.region.id: d.path for d in regions.regions}
        regions = [d.region for d in regions.regions]
    paths = paths or {}
    listed: dict[str, Region] = {}
    for region in regions:
        listed.setdefault(region.id, region)
    has_province = any(r.kind in PROVINCE_KINDS for r in listed.values())
    problems: list[Finding] = []
    parents: dict[str, str] = {}
    for region in listed.values():
        parent = region.parent
        if parent is None:
            continue
        if parent in listed:
            parents[region.id] = parent
        elif not (is_city(region) and not has_province):
            problems.append(
                finding(
                    "hierarchy.unknown_parent",
                    region=region.id,
                    path=_path(paths, region.id, "parent"),
                    value=parent,
                    suggestion=did_you_mean(parent, [r for r in listed if r != region.id]),
                )
            )
    for cycle in _cycles(parents):
        shown = " → ".join((*cycle, cycle[0]))
        problems.append(finding("hierarchy.cycle", region=cycle[0], path=_path(paths, cycle[0], "parent"), cycle=shown))
        for member in cycle:
            del parents[member]
    return Hierarchy(tuple(listed), parents, tuple(problems))


def nested_regions(submissions: Submissions) -> list[Finding]:
    """A finding for each region evaluated beside its own parent (counties not rolled up into their city)."""
    listed = {d.region.id for d in submissions.regions}
    return [
        finding("hierarchy.not_rolled_up", region=d.region.id, path=f"{d.path}.parent", value=d.region.parent)
        for d in submissions.regions
        if d.region.parent in listed and d.region.parent != d.region.id
    ]


@frozen
class NotRolledUp:
    """The pipeline step: ``hierarchy.not_rolled_up`` for each region evaluated beside its own parent."""

    name: str = "hierarchy.not_rolled_up"
    inputs: tuple[str, ...] = ()

    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        """Findings only: no region's data changes."""
        return Prepared(tuple(nested_regions(submissions)))


def _cycles(parents: Mapping[str, str]) -> list[tuple[str, ...]]:
    """Each cycle once, starting from its smallest id."""
    found: dict[tuple[str, ...], None] = {}
    for start in parents:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = parents.get(node)
        if node is not None:
            loop = seen[seen.index(node) :]
            first = loop.index(min(loop))
            found[tuple(loop[first:] + loop[:first])] = None
    return list(found)


def _path(paths: Mapping[str, str], region_id: str, key: str) -> str:
    return f"{paths.get(region_id, '$')}.{key}"


@frozen
class RolledValue:
    """A figure of a region filled in as the sum of the same figure of the regions under it."""

    region: str
    indicator: str
    input: str
    value: Decimal
    children: tuple[str, ...]


@frozen
class RollUp:
    """Every region with rolled-up figures filled in, and the top tier ready for the engine."""

    hierarchy: Hierarchy
    regions: tuple[RegionData, ...]
    rolled: tuple[RolledValue, ...]
    findings: tuple[Finding, ...]
    source: Submissions

    @property
    def submissions(self) -> Submissions:
        """The tier the engine ranks: the cities (the regions at the top, below a province if one is given).

        Its findings are the reading findings followed by the hierarchy and roll-up findings,
        so :meth:`targetrule.Engine.evaluate` reports them with everything else.
        """
        by_id = {d.region.id: d for d in self.regions}
        tier: list[RegionData] = []
        for root in self.hierarchy.roots():
            if by_id[root].region.kind in PROVINCE_KINDS:
                tier += [by_id[c] for c in self.hierarchy.children(root)]
            else:
                tier.append(by_id[root])
        return self._as_submissions(tier)

    def tier(self, depth: int) -> Submissions:
        """The regions ``depth`` levels below the top of the hierarchy (0: roots), e.g. to score counties."""
        return self._as_submissions([d for d in self.regions if self.hierarchy.depth(d.region.id) == depth])

    def region(self, region_id: str) -> RegionData:
        """One region's data after the roll-up."""
        for data in self.regions:
            if data.region.id == region_id:
                return data
        raise KeyError(region_id)

    def _as_submissions(self, regions: list[RegionData]) -> Submissions:
        src = self.source
        return Submissions(tuple(regions), src.scheme, src.period, src.findings + self.findings, src.raw)


@exact
def roll_up(scheme: Scheme, submissions: Submissions, *, tolerance: Decimal | None = None) -> RollUp:
    """Fill each region's missing figures from the regions under it and check the ones it gave.

    ``tolerance`` is a relative tolerance (0.01 allows 1% of the counties' total); by default the
    scheme's ``tolerance``. Duplicate region ids are left for the engine to report; the first wins.
    """
    limit = scheme.spec.tolerance if tolerance is None else tolerance
    hierarchy = build_hierarchy(submissions)
    by_id: dict[str, RegionData] = {}
    for data in submissions.regions:
        by_id.setdefault(data.region.id, data)
    problems: list[Finding] = list(hierarchy.findings)
    rolled: list[RolledValue] = []
    for region_id in hierarchy.bottom_up():
        children = [by_id[c] for c in hierarchy.children(region_id)]
        if children:
            by_id[region_id] = _RegionRollUp(by_id[region_id], children, limit, problems, rolled).run(scheme)
    regions = tuple(by_id[r] for r in hierarchy.order)
    return RollUp(hierarchy, regions, tuple(rolled), tuple(problems), submissions)


class _RegionRollUp:
    """Rolls one region's figures up from its children."""

    def __init__(
        self,
        data: RegionData,
        children: list[RegionData],
        tolerance: Decimal,
        problems: list[Finding],
        rolled: list[RolledValue],
    ) -> None:
        self.data = data
        self.children = children
        self.tolerance = tolerance
        self.problems = problems
        self.rolled = rolled
        self.names = "、".join(c.region.id for c in children)
        self.checked: dict[str, dict[tuple[str, str], Verification]] = {}
        for child in children:
            table = self.checked[child.region.id] = {}
            for item in region_verifications(child)[0]:
                table.setdefault((item.indicator, item.input), item)
        self.verified: dict[tuple[str, str], dict[str, Any]] = {}

    def run(self, scheme: Scheme) -> RegionData:
        inputs: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in self.data.inputs.items()}
        sources = dict(self.data.sources)
        for item in scheme.items():
            indicator = item.indicator
            own = inputs.get(indicator.id)
            if own is not None and not isinstance(own, dict):
                continue  # the engine reports a value that is not a table of inputs
            for spec in indicator.inputs:
                value = self.input(indicator, spec, None if own is None else own.get(spec.name))
                if value is not None:
                    inputs.setdefault(indicator.id, {})[spec.name] = value
                    own = inputs[indicator.id]
                    sources[f"{indicator.id}.{spec.name}"] = f"由下辖 {self.names} 汇总 / rolled up from {self.names}"
        verified: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in self.data.verified.items()}
        for (indicator_id, name), entry in self.verified.items():
            table = verified.setdefault(indicator_id, {})
            if isinstance(table, dict):
                table.setdefault(name, entry)  # the region's own verified figure wins
        return evolve(self.data, inputs=inputs, sources=sources, verified=verified)

    def input(self, indicator: Indicator, spec: Input, own_raw: Any) -> Decimal | None:
        """The rolled-up value to fill in, or None (kept as given, or cannot be rolled up)."""
        given = {c.region.id: _raw(c, indicator.id, spec.name) for c in self.children}
        present = {k: v for k, v in given.items() if v is not None}
        if not present:
            return None
        region = self.data.region.id
        labels = {
            "label_zh": f"{indicator.label.zh}·{spec.label.zh}",
            "label_en": f"{indicator.label.en}: {spec.label.en}",
        }
        where = {
            "region": region,
            "indicator": indicator.id,
            "input": spec.name,
            "path": input_path(self.data.path, indicator.id, spec.name),
        }
        if spec.kind not in _ADDITIVE:
            if own_raw is None:
                zh, en = _KIND_LABEL[spec.kind]
                self.problems.append(
                    finding("hierarchy.not_additive", **where, children=self.names, kind_zh=zh, kind_en=en, **labels)
                )
            return None
        values: dict[str, Decimal] = {}
        for child in self.children:
            raw = present.get(child.region.id)
            if raw is None:
                continue
            try:
                values[child.region.id] = parse_value(raw, spec)
            except Exception as exc:  # validation's problem: the same input.* finding, at the county
                code = getattr(exc, "code", "input.not_a_number")
                details = getattr(exc, "details", {})
                self.problems.append(
                    finding(
                        code,
                        region=child.region.id,
                        indicator=indicator.id,
                        input=spec.name,
                        path=input_path(child.path, indicator.id, spec.name),
                        value=raw,
                        **details,
                    )
                )
        missing = [c.region.id for c in self.children if c.region.id not in values]
        if missing:
            if own_raw is None:
                self.problems.append(finding("hierarchy.incomplete", **where, missing="、".join(missing), **labels))
            return None
        total = sum(values.values(), ZERO)
        if own_raw is None:
            self.rolled.append(RolledValue(region, indicator.id, spec.name, total, tuple(values)))
            self.roll_verified(indicator.id, spec, values)
            return total
        self.compare(own_raw, total, spec, where, labels)
        return None

    def roll_verified(self, indicator_id: str, spec: Input, reported: Mapping[str, Decimal]) -> None:
        """When the team verified some children's figures, the region's verified figure is their sum.

        Children verified count with their verified figure, the others with their reported one, so
        the region's rolled-up (reported) total is checked against what the team found, like any
        verified figure (and misreporting found in a county is the city's).
        """
        checked: list[Verification] = []
        total = ZERO
        for child_id, value in reported.items():
            item = self.checked[child_id].get((indicator_id, spec.name))
            if item is not None:
                try:
                    value = parse_value(item.value, spec)
                    checked.append(item)
                except Exception:
                    pass  # reported when the county itself is evaluated
            total += value
        if not checked:
            return
        ids = "、".join(i.region for i in checked)
        self.verified[(indicator_id, spec.name)] = {
            "value": total,
            "by": "、".join(dict.fromkeys(i.by for i in checked if i.by)),
            "on": "、".join(dict.fromkeys(i.on for i in checked if i.on)),
            "source": f"由下辖 {ids} 的核实数与其余上报数汇总 / rolled up from the verified figures of {ids}"
            " and the reported figures of the others",
        }

    def compare(self, own_raw: Any, total: Decimal, spec: Input, where: dict[str, Any], labels: dict[str, str]) -> None:
        try:
            own = parse_value(own_raw, spec)
        except Exception:
            return  # the region's own invalid value is reported when it is scored
        difference = abs(own - total)
        if difference > self.tolerance * abs(total):
            self.problems.append(
                finding(
                    "hierarchy.mismatch",
                    **where,
                    value=fmt_plain(own),
                    total=fmt_plain(total),
                    difference=fmt_plain(difference),
                    tolerance=f"{fmt_plain(self.tolerance * 100)}%",
                    children=self.names,
                    **labels,
                )
            )


def _raw(data: RegionData, indicator_id: str, name: str) -> Any:
    table = data.inputs.get(indicator_id)
    return table.get(name) if isinstance(table, Mapping) else None
