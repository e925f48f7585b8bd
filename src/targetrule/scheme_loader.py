"""Load a scheme from TOML and check it against the installed plugins, reporting every problem at once."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from targetrule.convert import converter, error_messages
from targetrule.findings import Finding, FindingsError, did_you_mean, finding, has_errors
from targetrule.formulas import Compound, Formula, Parameter, Part
from targetrule.indicator import Indicator
from targetrule.registry import Registry
from targetrule.scheme import AreaSpec, ItemSpec, ResolvedArea, Scheme, SchemeSource, SchemeSpec, ScoredItem


class SchemeError(FindingsError):
    """A scheme that cannot be used; ``findings`` lists every problem found."""


def load_scheme(source: SchemeSource, registry: Registry) -> Scheme:
    """Parse, structure and check a scheme; raise :class:`SchemeError` listing every problem."""
    try:
        raw = tomllib.loads(source.text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError([finding("scheme.malformed", path=source.origin, detail=str(exc))]) from None
    try:
        spec = converter.structure(raw, SchemeSpec)
    except Exception as exc:
        problems = [finding("scheme.malformed", path=path, detail=text) for path, text in error_messages(exc)]
        raise SchemeError(problems) from None
    return _Resolver(spec, registry).resolve(source)


class _Resolver:
    def __init__(self, spec: SchemeSpec, registry: Registry) -> None:
        self.spec = spec
        self.registry = registry
        self.findings: list[Finding] = []

    def problem(self, code: str, **details: Any) -> None:
        self.findings.append(finding(code, **details))

    def resolve(self, source: SchemeSource) -> Scheme:
        aggregation = self.aggregation(self.spec.aggregation, "$.aggregation")
        areas = tuple(self.area(area, f"$.areas[{i}]") for i, area in enumerate(self.spec.areas))
        if aggregation is not None and aggregation.additive:
            self.points_add_up(
                "方案 / the scheme", [a.points for a in self.spec.areas], self.spec.total_points, "$.areas"
            )
        self.check_duplicates(areas)
        self.check_scheme_rules({item.indicator.id for area in areas if area for item in area.items})
        if has_errors(self.findings) or aggregation is None:
            raise SchemeError(self.findings)
        digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        return Scheme(self.spec, tuple(a for a in areas if a), aggregation, digest, source.origin)

    def aggregation(self, name: str, path: str) -> Any:
        method = self.registry.aggregations.get(name)
        if method is None:
            self.problem(
                "scheme.unknown_aggregation",
                path=path,
                value=name,
                suggestion=did_you_mean(name, self.registry.aggregations),
            )
        return method

    def area(self, area: AreaSpec, path: str) -> ResolvedArea | None:
        method = self.aggregation(area.aggregation, f"{path}.aggregation")
        items = [self.item(area, item, f"{path}.indicators[{j}]") for j, item in enumerate(area.indicators)]
        if method is not None and method.additive:
            self.points_add_up(area.id, [i.points for i in area.indicators], area.points, f"{path}.indicators")
        if method is None or any(i is None for i in items):
            return None
        return ResolvedArea(area, method, tuple(i for i in items if i is not None))

    def item(self, area: AreaSpec, item: ItemSpec, path: str) -> ScoredItem | None:
        indicator = self.registry.indicators.get(item.id)
        if indicator is None:
            suggestion = did_you_mean(item.id, self.registry.indicators)
            self.problem("scheme.unknown_indicator", indicator=item.id, path=f"{path}.id", suggestion=suggestion)
            return None
        if indicator.area != area.id:
            self.problem("scheme.wrong_area", indicator=item.id, path=path, value=indicator.area, area=area.id)
        formula = self.formula(indicator, item.formula, f"{path}.formula") if item.formula else indicator.formula
        if formula is None:
            return None
        params = self.params(indicator, formula, item.params, f"{path}.params")
        if params is None:
            return None
        weight = item.weight if item.weight is not None else item.points
        return ScoredItem(indicator, area.id, item.points, weight, formula, params)

    def formula(self, indicator: Indicator, spec: Mapping[str, Any], path: str) -> Formula | None:
        try:
            formula = build_formula(dict(spec), self.registry)
        except _UnknownFamily as exc:
            self.problem(
                "scheme.unknown_family",
                path=f"{path}.family",
                value=exc.name,
                suggestion=did_you_mean(exc.name, self.registry.families),
            )
            return None
        except Exception as exc:
            for where, text in error_messages(exc, path):
                self.problem("scheme.bad_parameter", indicator=indicator.id, path=where, value="formula", detail=text)
            return None
        missing = [name for name in formula.uses() if name not in indicator.names()]
        for name in missing:
            self.problem(
                "scheme.bad_parameter",
                indicator=indicator.id,
                path=path,
                value="formula",
                detail=f"没有数据项 {name} / no input named {name}",
            )
        return None if missing else formula

    def params(
        self, indicator: Indicator, formula: Formula, given: Mapping[str, Any], path: str
    ) -> dict[str, Any] | None:
        specs = formula.param_specs()
        resolved: dict[str, Any] = {name: spec.default for name, spec in specs.items()}
        ok = True
        for name, raw in given.items():
            spec = specs.get(name)
            if spec is None:
                self.problem(
                    "scheme.unknown_parameter",
                    indicator=indicator.id,
                    path=f"{path}.{name}",
                    value=name,
                    suggestion=did_you_mean(name, specs),
                )
                ok = False
                continue
            try:
                resolved[name] = parse_param(spec, raw)
            except ValueError as exc:
                self.problem(
                    "scheme.bad_parameter", indicator=indicator.id, path=f"{path}.{name}", value=name, detail=str(exc)
                )
                ok = False
        return resolved if ok else None

    def points_add_up(self, where: str, parts: Iterable[Decimal], total: Decimal, path: str) -> None:
        added = sum(parts, Decimal(0))
        if added != total:
            self.problem("scheme.points_mismatch", path=path, where=where, value=added, limit=total)

    def check_duplicates(self, areas: Iterable[ResolvedArea | None]) -> None:
        seen: set[str] = set()
        for i, area in enumerate(self.spec.areas):
            for j, item in enumerate(area.indicators):
                if item.id in seen:
                    self.problem(
                        "scheme.duplicate_indicator", indicator=item.id, path=f"$.areas[{i}].indicators[{j}].id"
                    )
                seen.add(item.id)
        for where, ids in (
            ("areas", [a.id for a in self.spec.areas]),
            ("grades", [g.id for g in self.spec.grades]),
            ("deductions", [d.id for d in self.spec.deductions]),
            ("vetoes", [v.id for v in self.spec.vetoes]),
            ("awards", [a.id for a in self.spec.awards]),
            ("bonus.items", [b.id for b in self.spec.bonus.items] if self.spec.bonus else []),
        ):
            for key in {k for k in ids if ids.count(k) > 1}:
                self.problem("scheme.duplicate_id", path=f"$.{where}", where=where, value=key)

    def check_scheme_rules(self, indicator_ids: set[str]) -> None:
        spec = self.spec
        grades = [g.min for g in spec.grades]
        if not spec.grades:
            self.problem("scheme.bad_grades", path="$.grades", detail="至少需要一个等次 / at least one grade is needed")
        elif grades != sorted(grades, reverse=True) or len(set(grades)) != len(grades):
            self.problem(
                "scheme.bad_grades",
                path="$.grades",
                detail="下限须从高到低排列且互不相同 / minimums must be distinct, highest first",
            )
        elif grades[-1] > 0:
            self.problem(
                "scheme.bad_grades", path="$.grades", detail="最低等次的下限应为 0 / the lowest grade must start at 0"
            )
        for i, grade in enumerate(spec.grades):
            if grade.quota is not None and not (0 < grade.quota <= 1):
                self.problem(
                    "scheme.bad_grades",
                    path=f"$.grades[{i}].quota",
                    detail="名额比例应在 0 与 1 之间 / a quota is a share between 0 and 1",
                )
        grade_ids = [g.id for g in spec.grades]
        for i, veto in enumerate(spec.vetoes):
            self.reference(veto.indicator, indicator_ids, f"$.vetoes[{i}].indicator")
            self.reference(veto.max_grade, grade_ids, f"$.vetoes[{i}].max_grade")
        if spec.gate:
            for j, ind in enumerate(spec.gate.indicators):
                self.reference(ind, indicator_ids, f"$.gate.indicators[{j}]")
        area_ids = [a.id for a in spec.areas]
        for j, key in enumerate(spec.ranking.tie_break):
            kind, _, ref = key.partition(":")
            known = area_ids if kind == "area" else indicator_ids if kind == "indicator" else []
            self.reference(ref if known else key, known, f"$.ranking.tie_break[{j}]")
        for i, award in enumerate(spec.awards):
            if award.count < 1:
                self.problem(
                    "scheme.bad_reference", path=f"$.awards[{i}].count", where=f"awards[{i}]", value=award.count
                )
        if spec.misreporting is not None:
            deductions = [d.id for d in spec.deductions]
            self.reference(spec.misreporting.deduction, deductions, "$.misreporting.deduction")

    def reference(self, name: str | None, known: Iterable[str], path: str) -> None:
        known = list(known)
        if name is not None and name not in known:
            self.problem(
                "scheme.bad_reference", path=path, where=path, value=name, suggestion=did_you_mean(name, known)
            )


class _UnknownFamily(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def build_formula(spec: dict[str, Any], registry: Registry) -> Formula:
    """Build a formula from a scheme table ``{family = "...", <fields>}``; compound parts nest."""
    name = str(spec.pop("family", ""))
    family = registry.families.get(name)
    if family is None:
        raise _UnknownFamily(name)
    if family is Compound:
        parts = tuple(
            Part(
                str(p["name"]),
                build_formula(dict(p["formula"]), registry),
                converter.structure(p.get("weight", 1), Decimal),
            )
            for p in spec.pop("parts", ())
        )
        return Compound(parts)
    return converter.structure(spec, family)


def parse_param(spec: Parameter, raw: Any) -> Any:
    """Turn a TOML value into a parameter value of the spec's shape, or raise ValueError."""
    if spec.is_tiers:
        if not isinstance(raw, list) or not raw:
            raise ValueError("应为 [[阈值, 得分率], …] / expected [[threshold, attainment], …]")
        rows = []
        for row in raw:
            if not isinstance(row, list) or len(row) != 2:
                raise ValueError(f"每行应为两个数 / each row must be two numbers, got {row!r}")
            rows.append((converter.structure(row[0], Decimal), converter.structure(row[1], Decimal)))
        return tuple(rows)
    return converter.structure(raw, Decimal)
