"""Unstructure an evaluation to plain JSON types (schema ``targetrule.results/1``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from targetrule.convert import converter
from targetrule.findings import Finding, finding
from targetrule.results import RESULTS_SCHEMA, AreaResult, Discrepancy, Evaluation, IndicatorResult, RegionResult
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.streaming import Standing


def _label(label: Label | None) -> dict[str, str] | None:
    return None if label is None else {"zh": label.zh, "en": label.en}


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def finding_to_dict(item: Finding) -> dict[str, Any]:
    """A finding as plain JSON types."""
    return {
        "code": item.code,
        "severity": item.severity.value,
        "message": _label(item.message),
        "region": item.region,
        "indicator": item.indicator,
        "input": item.input,
        "path": item.path,
        "value": item.value,
        "suggestion": item.suggestion,
    }


def _indicator(result: IndicatorResult, failed: list[tuple[IndicatorResult, str, str]], path: str) -> dict[str, Any]:
    attainment = result.attainment
    explanation, error = result.explained()
    if error is not None:
        failed.append((result, error, f"{path}.explanation"))
    return {
        "indicator": result.indicator,
        "label": _label(result.label),
        "department": None
        if result.department is None
        else {"id": result.department.id, "label": _label(result.department.label)},
        "status": result.status.value,
        "max_points": _num(result.max_points),
        "points": _num(result.points),
        "attainment": _num(attainment.value) if attainment else None,
        "values": {k: _num(v) for k, v in result.values.items()},
        "explanation": _label(explanation),
    }


def _area(result: AreaResult, failed: list[tuple[IndicatorResult, str, str]], path: str) -> dict[str, Any]:
    return {
        "area": result.area,
        "label": _label(result.label),
        "max_points": _num(result.max_points),
        "points": _num(result.points),
        "method": _label(result.method),
        "explanation": _label(result.explanation()),
        "indicators": [_indicator(i, failed, f"{path}.indicators[{k}]") for k, i in enumerate(result.indicators)],
    }


def _discrepancy(item: Discrepancy) -> dict[str, Any]:
    return {
        "indicator": item.indicator,
        "input": item.input,
        "label": _label(item.label),
        "reported": _num(item.reported),
        "verified": _num(item.verified),
        "relative": _num(item.relative),
        "beyond_tolerance": item.beyond_tolerance,
        "by": item.by,
        "on": item.on,
        "source": item.source,
        "note": item.note,
        "explanation": _label(item.explanation()),
    }


def standing_to_dict(standing: RegionResult | Standing) -> dict[str, Any]:
    """A region's rank, grade and award with their reasons, as plain JSON types (a part of :func:`region_to_dict`)."""
    return {
        "rank": standing.rank,
        "grade": standing.grade,
        "grade_label": _label(standing.grade_label),
        "grade_note": _label(standing.grade_note),
        "award": standing.award,
        "award_label": _label(standing.award_label),
        "eligible_for_awards": standing.eligible_for_awards,
        "ineligible_because": [_label(x) for x in standing.ineligible_because],
    }


def region_to_dict(
    result: RegionResult,
    *,
    path: str = "$",
    formula_plugins: Mapping[str, tuple[str, str]] | None = None,
    explain_findings: list[Finding] | None = None,
) -> dict[str, Any]:
    """One region's result as plain JSON types.

    An indicator whose plugin's explanation failed gets a plain one, and an ``indicator.explain_failed``
    warning among the region's findings (and in ``explain_findings``), located at ``path`` (this
    region's place in the document) and naming the plugin of ``formula_plugins``.
    """
    region = result.region
    failed: list[tuple[IndicatorResult, str, str]] = []
    areas = [_area(a, failed, f"{path}.areas[{k}]") for k, a in enumerate(result.areas)]
    extra = [_explain_failed(region.id, item, error, where, formula_plugins) for item, error, where in failed]
    if explain_findings is not None:
        explain_findings.extend(extra)
    return {
        "region": {
            "id": region.id,
            "name": _label(region.name),
            "kind": region.kind,
            "parent": region.parent,
            "survey_only": region.survey_only,
        },
        "composite": _num(result.composite),
        "base_points": _num(result.base_points),
        "bonus_points": _num(result.bonus_points),
        "deduction_points": _num(result.deduction_points),
        "explanation": _label(result.explanation()),
        **standing_to_dict(result),
        "vetoes": list(result.vetoes),
        "gate_passed": result.gate_passed,
        "adjustments": [
            {
                "kind": a.kind,
                "id": a.id,
                "label": _label(a.label),
                "points": _num(a.points),
                "note": a.note,
                "cancels_awards": a.cancels_awards,
            }
            for a in result.adjustments
        ],
        "discrepancies": [_discrepancy(d) for d in result.discrepancies],
        "areas": areas,
        "findings": [finding_to_dict(f) for f in (*result.findings, *extra)],
    }


def _explain_failed(
    region: str, item: IndicatorResult, error: str, path: str, plugins: Mapping[str, tuple[str, str]] | None
) -> Finding:
    plugin, distribution = (plugins or {}).get(item.indicator, ("?", "?"))
    return finding(
        "indicator.explain_failed",
        region=region,
        indicator=item.indicator,
        path=path,
        plugin=plugin,
        distribution=distribution,
        error=error,
    )


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The whole evaluation as plain JSON types."""
    explain_findings: list[Finding] = []
    regions = [
        region_to_dict(
            r,
            path=f"$.regions[{k}]",
            formula_plugins=evaluation.formula_plugins,
            explain_findings=explain_findings,
        )
        for k, r in enumerate(evaluation.regions)
    ]
    return {
        "schema": RESULTS_SCHEMA,
        "scheme": evaluation.scheme,
        "scheme_title": _label(evaluation.scheme_title),
        "mode": evaluation.mode,
        "ranked": evaluation.ranked,
        "not_ranked_because": _label(evaluation.not_ranked_because),
        "note": _label(evaluation.note),
        "ranking": [r.region.id for r in evaluation.ranking()],
        "regions": regions,
        "findings": [finding_to_dict(f) for f in (*evaluation.findings, *explain_findings)],
        "provenance": converter.unstructure(evaluation.provenance),
    }
