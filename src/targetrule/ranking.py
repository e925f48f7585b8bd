"""Ranking, grading, gates, vetoes and awards: what a scheme decides once the points are known."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from targetrule.results import RegionResult
from targetrule.scheme import GradeBand, Scheme
from targetrule.text import Label

SortKey = Callable[[RegionResult], tuple[Decimal, ...]]

#: Why strict mode left a ranking out (the batch and the streaming path say the same).
NOT_RANKED = Label("存在数据错误，严格模式下不予排名", "errors in the data: strict mode does not rank")


def sort_key(scheme: Scheme) -> SortKey:
    """Composite first, then the scheme's tie-breaks (``area:ID``, ``indicator:ID``), higher first."""
    breaks = scheme.spec.ranking.tie_break

    def key(result: RegionResult) -> tuple[Decimal, ...]:
        values = [result.composite]
        for tie in breaks:
            kind, _, ref = tie.partition(":")
            scores = result.scores
            values.append(scores.points_of_area(ref) if kind == "area" else scores.points_of(ref))
        return tuple(values)

    return key


def competition_ranks(results: Sequence[RegionResult], key: SortKey) -> dict[str, int]:
    """Ranks best first; regions equal on every key share a rank and the next ranks are skipped (1, 2, 2, 4)."""
    keys = {r.region.id: key(r) for r in results}
    ordered = sorted(results, key=lambda r: (tuple(-v for v in keys[r.region.id]), r.region.id))
    ranks: dict[str, int] = {}
    previous = None
    for position, result in enumerate(ordered, start=1):
        current = keys[result.region.id]
        if current != previous:
            rank = position
            previous = current
        ranks[result.region.id] = rank
    return ranks


def band_for(points: Decimal, grades: Sequence[GradeBand]) -> GradeBand:
    """The highest grade whose minimum the points reach (grades are highest first, the last starts at 0)."""
    return next((g for g in grades if points >= g.min), grades[-1])


def quota_size(quota: Decimal, ranked: int) -> int:
    """How many regions a quota admits: the share of ranked regions, rounded down ("at most 30%")."""
    return int((quota * ranked).to_integral_value(rounding=ROUND_FLOOR))


FOR_REFERENCE = Label("仅供参考", "for reference only")
_QUOTA_OR_VETO = Label("名额或否决", "a quota or a veto")
_MISREPORTING = Label("弄虚作假", "misreporting")


def grade_note(points: Decimal, band: GradeBand, given: GradeBand, limited_by: Label = _QUOTA_OR_VETO) -> Label:
    """Why a region got its grade; ``limited_by`` names what held it below the grade its points reach."""
    if band.id == given.id:
        return Label(
            f"{points} 分，达到“{band.label.zh}”下限 {band.min} 分",
            f"{points} points reach the {band.label.en} minimum of {band.min}",
        )
    return Label(
        f"{points} 分达到“{band.label.zh}”，但受{limited_by.zh}限制，评为“{given.label.zh}”",
        f"{points} points reach {band.label.en}, but {limited_by.en} limits the grade to {given.label.en}",
    )


def misreported(result: RegionResult, scheme: Scheme) -> bool:
    """True when the region bears the scheme's misreporting deduction (弄虚作假, verified or declared)."""
    table = scheme.spec.misreporting
    return table is not None and any(a.kind == "deduction" and a.id == table.deduction for a in result.adjustments)


def missed_targets(result: RegionResult, scheme: Scheme) -> tuple[Label, ...]:
    """The labels of the gate's targets ``result`` did not meet (none without a gate)."""
    gate = scheme.spec.gate
    if gate is None:
        return ()
    return tuple(_indicator_label(result, i) for i in gate.indicators if not _gate_met(result, i, gate.min_attainment))


def gate_reason(result: Any, scheme: Scheme) -> Label:
    """未过门槛：<the scheme's note for a missed gate>（未完成：<the targets missed>）.

    ``result`` is a :class:`RegionResult`, or a summary carrying the targets missed as ``gate_missed``.
    """
    gate = scheme.spec.gate
    assert gate is not None
    missed = gate.missed or Label(f"未达到“{gate.label.zh}”", f"not met: {gate.label.en}")
    names = result.gate_missed if hasattr(result, "gate_missed") else missed_targets(result, scheme)
    zh, en = f"未过门槛：{missed.zh}", f"gate not passed: {missed.en}"
    if names:
        zh += "（未完成：" + "、".join(n.zh for n in names) + "）"
        en += " (missed: " + "; ".join(n.en for n in names) + ")"
    return Label(zh, en)


def for_reference(label: Label) -> Label:
    """A survey-only region's grade as shown: “达标（仅供参考）”."""
    return Label(f"{label.zh}（{FOR_REFERENCE.zh}）", f"{label.en} ({FOR_REFERENCE.en})")


def _gate_met(result: RegionResult, indicator: str, minimum: Decimal) -> bool:
    try:
        attainment = result.indicator(indicator).attainment
    except KeyError:
        return False
    return attainment is not None and attainment.value >= minimum


def _indicator_label(result: RegionResult, indicator: str) -> Label:
    try:
        return result.indicator(indicator).label
    except KeyError:
        return Label(indicator, indicator)


def decide(results: Sequence[RegionResult], scheme: Scheme) -> list[RegionResult]:
    """Rank, grade and award regions; survey-only regions are graded for information only."""
    changes = standings(results, scheme)
    return [with_standing(r, changes[r.region.id]) for r in results]


def standings(results: Sequence[Any], scheme: Scheme) -> dict[str, dict[str, Any]]:
    """Each region's rank, grade and award, by region id: :func:`decide`'s answer without the results rebuilt.

    ``results`` are :class:`RegionResult` objects, or anything with the same ``region``,
    ``survey_only``, ``gate_passed``, ``composite``, ``vetoes``, ``adjustments`` and ``scores``
    (``points_of``, ``points_of_area`` for the tie-breaks), and ``gate_missed`` (the labels of
    :func:`missed_targets`), such as the streaming path's summaries.
    """
    spec = scheme.spec
    gate = spec.gate
    candidates = [
        r for r in results if not r.survey_only and (r.gate_passed or gate is None or gate.effect != "ranking")
    ]
    ranks = competition_ranks(candidates, sort_key(scheme))
    grades = spec.grades
    veto_caps = {v.id: v.max_grade for v in spec.vetoes}
    misreporting_cap = spec.misreporting.max_grade if spec.misreporting is not None else None
    order = {g.id: i for i, g in enumerate(grades)}
    quota_used = {g.id: 0 for g in grades}
    quota_cap = {g.id: quota_size(g.quota, len(ranks)) for g in grades if g.quota is not None}

    changes: dict[str, dict[str, Any]] = {}
    natural: dict[str, GradeBand] = {}  # the grade the points reach, before quotas and vetoes
    by_rank = sorted(results, key=lambda r: (ranks.get(r.region.id, 10**9), r.region.id))
    for rank_value, group in _tie_groups(by_rank, ranks):
        chosen: dict[str, GradeBand] = {}
        limited_by: dict[str, Label] = {}
        for result in group:
            given = natural[result.region.id] = band_for(result.composite, grades)
            for veto in result.vetoes:
                ceiling = veto_caps.get(veto)
                if ceiling is not None and order[given.id] < order[ceiling]:
                    given = grades[order[ceiling]]
            # Misreporting caps the grade on the points after every bonus: a bonus cannot lift it.
            if (
                misreporting_cap is not None
                and order[given.id] < order[misreporting_cap]
                and misreported(result, scheme)
            ):
                given = grades[order[misreporting_cap]]
                limited_by[result.region.id] = _MISREPORTING
            chosen[result.region.id] = given
        # A quota admits a whole tie group or none of it: "at most" is never exceeded.
        for grade_id, limit in quota_cap.items():
            members = [r for r in group if chosen[r.region.id].id == grade_id]
            if rank_value is None or not members:
                continue
            if quota_used[grade_id] + len(members) > limit:
                for r in members:
                    chosen[r.region.id] = grades[min(order[grade_id] + 1, len(grades) - 1)]
            else:
                quota_used[grade_id] += len(members)
        for result in group:
            given = chosen[result.region.id]
            note = grade_note(
                result.composite, natural[result.region.id], given, limited_by.get(result.region.id, _QUOTA_OR_VETO)
            )
            if result.survey_only:
                note = Label(f"{note.zh}（{FOR_REFERENCE.zh}）", f"{note.en} ({FOR_REFERENCE.en})")
            changes[result.region.id] = {
                "rank": ranks.get(result.region.id),
                "grade": given.id,
                "grade_label": for_reference(given.label) if result.survey_only else given.label,
                "grade_note": note,
            }
    _award(results, changes, scheme)
    return changes


def with_standing(result: RegionResult, standing: dict[str, Any]) -> RegionResult:
    """``result`` with its rank, grade and award: ``attrs.evolve`` spelt out, which takes half the time."""
    return RegionResult(
        result.region,
        result.scores,
        result.base_points,
        result.bonus_points,
        result.deduction_points,
        result.composite,
        result.adjustments,
        result.findings,
        result.vetoes,
        result.gate_passed,
        discrepancies=result.discrepancies,
        **standing,
    )


def _tie_groups(ordered: Sequence[RegionResult], ranks: dict[str, int]) -> list[tuple[int | None, list[RegionResult]]]:
    groups: list[tuple[int | None, list[RegionResult]]] = []
    for result in ordered:
        rank = ranks.get(result.region.id)
        if rank is not None and groups and groups[-1][0] == rank:
            groups[-1][1].append(result)
        else:
            groups.append((rank, [result]))
    return groups


def _award(results: Sequence[RegionResult], changes: dict[str, dict[str, Any]], scheme: Scheme) -> None:
    """Add eligibility and awards to each region's ``changes`` (which already hold its rank)."""
    spec = scheme.spec
    cancels = {d.id for d in spec.deductions if d.cancels_awards}
    no_award_vetoes = {v.id: v.label for v in spec.vetoes if v.no_awards}
    order = {g.id: i for i, g in enumerate(spec.grades)}
    lowest = next((g for g in spec.grades if g.id == spec.award_min_grade), None)
    eligible: list[tuple[int, str]] = []
    for result in results:
        rank = changes[result.region.id]["rank"]
        reasons: list[Label] = []
        if result.survey_only:
            reasons.append(Label("督查调研单位，不参与评比", "survey-only region: not in the competition"))
        if rank is None and not result.survey_only:
            reasons.append(Label("未参与排名", "not ranked"))
        reasons += [no_award_vetoes[v] for v in result.vetoes if v in no_award_vetoes]
        if not result.gate_passed and spec.gate is not None:
            reasons.append(gate_reason(result, scheme))
        reasons += [
            a.label for a in result.adjustments if a.kind == "deduction" and (a.id in cancels or a.cancels_awards)
        ]
        grade = changes[result.region.id]["grade"]
        if lowest is not None and rank is not None and order[grade] > order[lowest.id]:
            reasons.append(
                Label(
                    f"等次低于“{lowest.label.zh}”，不参与评奖",
                    f"graded below {lowest.label.en}: no award",
                )
            )
        changes[result.region.id] |= {"eligible_for_awards": not reasons, "ineligible_because": tuple(reasons)}
        if not reasons:
            eligible.append((rank, result.region.id))
    tiers = [(tier, tier.count) for tier in spec.awards]
    tier_index, given_in_tier = 0, 0
    previous_rank = None
    current = None
    for rank, region_id in sorted(eligible):
        if rank != previous_rank:  # a tie group receives the tier of its first member
            while tier_index < len(tiers) and given_in_tier >= tiers[tier_index][1]:
                tier_index, given_in_tier = tier_index + 1, 0
            current = tiers[tier_index][0] if tier_index < len(tiers) else None
            previous_rank = rank
        if current is None:
            break
        given_in_tier += 1
        changes[region_id] |= {"award": current.id, "award_label": current.label}
