"""Plain JSON descriptions of schemes and indicators for machine output (``--json``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from targetrule.decimal_context import exact
from targetrule.scheme import Scheme, ScoredItem
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.compare import Comparison
    from targetrule.registry import PluginInfo
    from targetrule.results import Evaluation


def label_json(label: Label | None) -> dict[str, str] | None:
    """A label as ``{"zh": ..., "en": ...}``."""
    return None if label is None else {"zh": label.zh, "en": label.en}


@exact
def indicator_json(item: ScoredItem) -> dict[str, Any]:
    """An indicator as the scheme scores it, with every input's kind, role, unit and bounds."""
    indicator = item.indicator
    return {
        "id": indicator.id,
        "area": item.area,
        "label": label_json(indicator.label),
        "reference": indicator.reference,
        "unit": indicator.unit,
        "points": str(item.points),
        "weight": str(item.weight),
        "formula": item.formula.family,
        "direction": indicator.direction.value,
        "department": None
        if indicator.department is None
        else {"id": indicator.department.id, "label": label_json(indicator.department.label)},
        "inputs": [
            {
                "name": spec.name,
                "label": label_json(spec.label),
                "kind": spec.kind.value,
                "role": spec.role.value,
                "unit": spec.unit,
                "minimum": None if spec.minimum is None else str(spec.minimum),
                "maximum": None if spec.upper_bound is None else str(spec.upper_bound),
                "required": spec.required,
                "part_of": spec.part_of,
            }
            for spec in indicator.inputs
        ],
    }


@exact
def scheme_json(scheme: Scheme) -> dict[str, Any]:
    """The scheme (schema ``targetrule.cli.scheme/1``): areas, items, grades, awards, claims."""
    spec = scheme.spec
    return {
        "schema": "targetrule.cli.scheme/1",
        "id": spec.id,
        "title": label_json(spec.title),
        "year": spec.year,
        "total_points": str(spec.total_points),
        "sha256": scheme.sha256,
        "extends": [{"id": link.id, "origin": link.origin, "sha256": link.sha256} for link in scheme.chain[1:]],
        "areas": [
            {
                "id": area.spec.id,
                "label": label_json(area.spec.label),
                "points": str(area.spec.points),
                "aggregation": area.aggregation.name,
                "indicators": [
                    {
                        "id": item.indicator.id,
                        "label": label_json(item.indicator.label),
                        "reference": item.indicator.reference,
                        "points": str(item.points),
                    }
                    for item in area.items
                ],
            }
            for area in scheme.areas
        ],
        "grades": [
            {
                "id": g.id,
                "label": label_json(g.label),
                "min": str(g.min),
                "quota": None if g.quota is None else str(g.quota),
            }
            for g in spec.grades
        ],
        "awards": [{"id": a.id, "label": label_json(a.label), "count": a.count} for a in spec.awards],
        "bonus": None
        if spec.bonus is None
        else {
            "cap": str(spec.bonus.cap),
            "items": [{"id": b.id, "label": label_json(b.label), "points": str(b.points)} for b in spec.bonus.items],
        },
        "deductions": [{"id": d.id, "label": label_json(d.label), "points": str(d.points)} for d in spec.deductions],
        "vetoes": [
            {
                "id": v.id,
                "label": label_json(v.label),
                "indicator": v.indicator,
                "below": str(v.below),
                "max_grade": v.max_grade,
                "no_awards": v.no_awards,
            }
            for v in spec.vetoes
        ],
        "gate": None
        if spec.gate is None
        else {
            "label": label_json(spec.gate.label),
            "indicators": list(spec.gate.indicators),
            "min_attainment": str(spec.gate.min_attainment),
            "effect": spec.gate.effect,
            "missed": None if spec.gate.missed is None else label_json(spec.gate.missed),
        },
        "award_min_grade": spec.award_min_grade,
        "not_applicable": spec.not_applicable,
        "misreporting": None
        if spec.misreporting is None
        else {
            "deduction": spec.misreporting.deduction,
            "tolerance": str(spec.misreporting.tolerance),
            "cancels_awards": spec.misreporting.cancels_awards,
            "max_grade": spec.misreporting.max_grade,
        },
        "inspection": None
        if spec.inspection is None
        else {
            "least_counties": spec.inspection.least_counties,
            "most_counties": spec.inspection.most_counties,
            "starts": spec.inspection.starts,
            "days": spec.inspection.days,
        },
    }


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@exact
def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """Two schemes on the same data (schema ``targetrule.cli.compare/1``): each region's change and its drivers."""
    return {
        "schema": "targetrule.cli.compare/1",
        "scheme_a": comparison.scheme_a,
        "scheme_b": comparison.scheme_b,
        "mode": comparison.mode,
        "regions": [
            {
                "region": c.region,
                "name": label_json(c.name),
                "survey_only": c.survey_only,
                "composite_a": str(c.composite_a),
                "composite_b": str(c.composite_b),
                "change": str(c.change),
                "rank_a": c.rank_a,
                "rank_b": c.rank_b,
                "rank_change": c.rank_change,
                "drivers": [
                    {
                        "indicator": d.indicator,
                        "label": label_json(d.label),
                        "points_a": _number(d.points_a),
                        "points_b": _number(d.points_b),
                        "change": str(d.change),
                    }
                    for d in c.drivers
                ],
            }
            for c in comparison.regions
        ],
    }


def plugins_json(infos: Sequence[PluginInfo]) -> dict[str, Any]:
    """The loaded plugins (schema ``targetrule.cli.plugins/1``): name, distribution, version, hooks."""
    return {
        "schema": "targetrule.cli.plugins/1",
        "plugins": [
            {"name": p.name, "distribution": p.distribution, "version": p.version, "hooks": list(p.hooks)}
            for p in infos
        ],
    }


def indicators_json(
    scheme: Scheme, items: Sequence[ScoredItem] | None = None, department: str | None = None
) -> dict[str, Any]:
    """The scheme's indicators, or one department's ``items`` (schema ``targetrule.cli.indicators/1``)."""
    return {
        "schema": "targetrule.cli.indicators/1",
        "scheme": scheme.id,
        "department": department,
        "indicators": [indicator_json(item) for item in (scheme.items() if items is None else items)],
    }


def validation_json(scheme_id: str, data: str, evaluation: Evaluation) -> dict[str, Any]:
    """Every finding in the data (schema ``targetrule.cli.validate/1``), with the counts of errors and warnings."""
    from targetrule.plain_json import finding_to_dict

    findings = evaluation.findings
    errors = sum(1 for f in findings if f.is_error)
    return {
        "schema": "targetrule.cli.validate/1",
        "scheme": scheme_id,
        "data": data,
        "regions": len(evaluation.regions),
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [finding_to_dict(f) for f in findings],
    }
