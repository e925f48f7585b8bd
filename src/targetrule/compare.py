"""Compare two schemes on the same data: each region's composite and rank under both, and what drove the change.

The policy office's question when it designs next year's scheme: "what would this year's results
have been under next year's rules?" Both schemes evaluate the same data; each sees only the
inputs of its own indicators (plus any input neither scheme knows, which both report), so data
extended with next year's new items still evaluates under this year's scheme.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
from attrs import frozen

from targetrule.decimal_context import exact
from targetrule.engine import Engine, Mode, SubmissionsLike, _as_submissions
from targetrule.results import Evaluation, RegionResult
from targetrule.rounding import ZERO, fmt
from targetrule.scheme import Scheme
from targetrule.submissions import Submissions
from targetrule.text import Label, Lang


@frozen
class Driver:
    """One indicator's part in a region's change: its points under each scheme (None: not in that scheme)."""

    indicator: str
    label: Label
    points_a: Decimal | None
    points_b: Decimal | None

    @property
    @exact
    def change(self) -> Decimal:
        """Points under B minus points under A, an indicator missing from a scheme counting 0 there."""
        return (self.points_b or ZERO) - (self.points_a or ZERO)


@frozen
class RegionChange:
    """One region under both schemes: composite and rank under each, and the indicators that moved most."""

    region: str
    name: Label
    survey_only: bool
    composite_a: Decimal
    composite_b: Decimal
    rank_a: int | None
    rank_b: int | None
    drivers: tuple[Driver, ...]  # the largest point changes, largest first

    @property
    @exact
    def change(self) -> Decimal:
        """Composite under B minus composite under A."""
        return self.composite_b - self.composite_a

    @property
    def rank_change(self) -> int | None:
        """Places gained under B (positive: moved up); None when either scheme did not rank the region."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b


@frozen
class Comparison:
    """Every region under scheme A and scheme B, with both full evaluations kept for reports."""

    scheme_a: str
    scheme_b: str
    title_a: Label
    title_b: Label
    mode: str
    regions: tuple[RegionChange, ...]  # in order of rank under B, then A, then region id
    evaluation_a: Evaluation
    evaluation_b: Evaluation

    def region(self, region_id: str) -> RegionChange:
        """The change for one region."""
        for change in self.regions:
            if change.region == region_id:
                return change
        raise KeyError(region_id)

    def to_text(self, lang: Lang = "zh") -> str:
        """A plain-text report, in Chinese (``zh``) or English (``en``)."""
        return render(self, lang)


@exact
def compare(
    engine: Engine,
    scheme_a: Scheme | str | Path,
    scheme_b: Scheme | str | Path,
    data: SubmissionsLike,
    *,
    mode: Mode = "strict",
    top: int = 3,
) -> Comparison:
    """Evaluate ``data`` under both schemes and compare each region's composite and rank.

    :param engine: the engine whose plugins both schemes use.
    :param scheme_a: the reference scheme (e.g. this year's): a loaded scheme, an id or a TOML path.
    :param scheme_b: the scheme compared with it (e.g. next year's).
    :param data: the submissions, in any form :meth:`Engine.evaluate` accepts. Each scheme sees
        only the inputs of its own indicators and of indicators neither scheme knows; the scheme
        the data names is ignored.
    :param mode: ``"strict"`` (ranks only error-free evaluations) or ``"lenient"`` (marks
        invalid or missing items as not scored and ranks anyway), applied to both.
    :param top: how many drivers (largest point changes) to keep per region.
    :return: a frozen :class:`Comparison`.
    """
    a = scheme_a if isinstance(scheme_a, Scheme) else engine.load_scheme(scheme_a)
    b = scheme_b if isinstance(scheme_b, Scheme) else engine.load_scheme(scheme_b)
    # Both schemes are applied on purpose: the scheme the data names is not a mismatch worth a warning.
    submissions = attrs.evolve(_as_submissions(data), scheme=None)
    ids_a = {item.indicator.id for item in a.items()}
    ids_b = {item.indicator.id for item in b.items()}
    evaluation_a = engine.evaluate(a, _only_for(submissions, ids_b - ids_a), mode=mode)
    evaluation_b = engine.evaluate(b, _only_for(submissions, ids_a - ids_b), mode=mode)
    by_id_b = {r.region.id: r for r in evaluation_b.regions}
    changes = [
        _region_change(result, by_id_b[result.region.id], top)
        for result in evaluation_a.regions
        if result.region.id in by_id_b
    ]
    never = 10**9
    changes.sort(key=lambda c: (c.rank_b or never, c.rank_a or never, c.region))
    return Comparison(a.id, b.id, a.spec.title, b.spec.title, mode, tuple(changes), evaluation_a, evaluation_b)


def _only_for(submissions: Submissions, drop: set[str]) -> Submissions:
    """The same submissions without the inputs of the indicators in ``drop`` (the other scheme's own)."""
    if not drop:
        return submissions
    regions = tuple(
        attrs.evolve(data, inputs={k: v for k, v in data.inputs.items() if k not in drop})
        for data in submissions.regions
    )
    return attrs.evolve(submissions, regions=regions)


def _region_change(a: RegionResult, b: RegionResult, top: int) -> RegionChange:
    points_a = {i.indicator: i for i in a.indicators()}
    points_b = {i.indicator: i for i in b.indicators()}
    drivers = []
    for indicator in dict.fromkeys([*points_a, *points_b]):
        ra, rb = points_a.get(indicator), points_b.get(indicator)
        label = (rb or ra).label  # type: ignore[union-attr]
        driver = Driver(indicator, label, ra.points if ra else None, rb.points if rb else None)
        if driver.change != 0:
            drivers.append(driver)
    drivers.sort(key=lambda d: (-abs(d.change), d.indicator))
    return RegionChange(
        a.region.id,
        a.region.name,
        a.survey_only,
        a.composite,
        b.composite,
        a.rank,
        b.rank,
        tuple(drivers[:top]),
    )


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt(value)


def _rank(rank: int | None, lang: Lang) -> str:
    if rank is None:
        return "未排名" if lang == "zh" else "unranked"
    return f"第{rank}名" if lang == "zh" else f"#{rank}"


def _rank_move(change: RegionChange, lang: Lang) -> str:
    moved = change.rank_change
    if moved is None:
        return ""
    if lang == "zh":
        return "，名次不变" if moved == 0 else f"，{'上升' if moved > 0 else '下降'} {abs(moved)} 位"
    return ", same place" if moved == 0 else f", {'up' if moved > 0 else 'down'} {abs(moved)}"


def _driver_text(driver: Driver, lang: Lang) -> str:
    name = driver.label(lang)
    if driver.points_a is None:
        note = "（新增）" if lang == "zh" else " (new)"
    elif driver.points_b is None:
        note = "（取消）" if lang == "zh" else " (dropped)"
    else:
        note = ""
    return f"{name}{note} {_signed(driver.change)}"


@exact
def render(comparison: Comparison, lang: Lang = "zh") -> str:
    """The comparison as plain text: one line per region, best under B first, with its main drivers."""
    title_a, title_b = comparison.title_a(lang), comparison.title_b(lang)
    if lang == "zh":
        lines = [f"方案对比：{comparison.scheme_a}（{title_a}）→ {comparison.scheme_b}（{title_b}）"]
    else:
        lines = [f"Comparing {comparison.scheme_a} ({title_a}) with {comparison.scheme_b} ({title_b})"]
    for c in comparison.regions:
        head = (
            f"{c.name(lang)}：综合 {fmt(c.composite_a)} → {fmt(c.composite_b)}（{_signed(c.change)}），"
            f"{_rank(c.rank_a, lang)} → {_rank(c.rank_b, lang)}{_rank_move(c, lang)}"
            if lang == "zh"
            else f"{c.name(lang)}: composite {fmt(c.composite_a)} → {fmt(c.composite_b)} ({_signed(c.change)}), "
            f"{_rank(c.rank_a, lang)} → {_rank(c.rank_b, lang)}{_rank_move(c, lang)}"
        )
        if c.survey_only:
            head += "（督查调研，不排名）" if lang == "zh" else " (survey only, not ranked)"
        if c.drivers:
            joined = ("；" if lang == "zh" else "; ").join(_driver_text(d, lang) for d in c.drivers)
            head += f"；主要变化：{joined}" if lang == "zh" else f"; main changes: {joined}"
        lines.append(head)
    for evaluation, scheme in (
        (comparison.evaluation_a, comparison.scheme_a),
        (comparison.evaluation_b, comparison.scheme_b),
    ):
        if not evaluation.ranked and evaluation.not_ranked_because is not None:
            reason = evaluation.not_ranked_because(lang)
            errors = len(evaluation.errors)
            lines.append(
                f"注意：{scheme} 未排名（{reason}；错误 {errors} 项）"
                if lang == "zh"
                else f"Note: {scheme} not ranked ({reason}; {errors} errors)"
            )
    return "\n".join(lines)


__all__ = ["Comparison", "Driver", "RegionChange", "compare", "render"]
