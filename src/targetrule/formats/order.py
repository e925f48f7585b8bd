"""The order regions are shown in: ranked regions by rank, then the others (survey-only, unranked)."""

from __future__ import annotations

from targetrule.results import Evaluation, RegionResult


def report_order(evaluation: Evaluation) -> tuple[RegionResult, ...]:
    """Ranked regions best first, then every unranked region by composite (highest first) and id."""
    ranked = evaluation.ranking()
    rest = sorted((r for r in evaluation.regions if r.rank is None), key=lambda r: (-r.composite, r.region.id))
    return (*ranked, *rest)
