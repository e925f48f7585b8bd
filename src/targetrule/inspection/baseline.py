"""Year over year: last year's results as the baseline of this year's evaluation, and the change since.

Last year's results (the JSON of :meth:`targetrule.Evaluation.to_dict`) fill this year's
last-year inputs (``Role.BASELINE``, e.g. last year's petitions for a decline rate) where this
year's data lacks them, each fill recorded as a finding and in the region's ``sources``, never
silently; and they give each region's change in composite and rank for reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, finding
from targetrule.formulas import Compound, DeclineRate, Formula
from targetrule.indicator import Indicator, Role
from targetrule.json_file import UnreadableFileError, read_json_file
from targetrule.results import Evaluation
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.submissions import RegionData, Submissions
from targetrule.text import Label
from targetrule.validation import input_path


@frozen
class LastYear:
    """One region in last year's results: its composite, rank and the figures it was scored on."""

    region: str
    composite: Decimal | None
    rank: int | None
    survey_only: bool
    values: Mapping[str, Mapping[str, Decimal]]  # indicator id -> value name -> figure


@frozen
class Baseline:
    """Last year's results, read leniently: what could be read, and what could not."""

    scheme: str
    regions: Mapping[str, LastYear]
    findings: tuple[Finding, ...] = ()
    origin: str = ""


def read_baseline(data: Mapping[str, Any] | Evaluation, origin: str = "") -> Baseline:
    """Read last year's results from the JSON of ``Evaluation.to_dict()`` (or an Evaluation itself)."""
    if isinstance(data, Evaluation):
        data = data.to_dict()
    if not isinstance(data, Mapping) or not isinstance(data.get("regions"), list):
        detail = "应为考评结果 JSON（含 regions 列表）/ expected results JSON with a list of regions"
        return Baseline("", {}, (finding("baseline.malformed", path=origin or "$", detail=detail),), origin)
    problems: list[Finding] = []
    regions: dict[str, LastYear] = {}
    for index, raw in enumerate(data["regions"]):
        path = f"$.regions[{index}]"
        try:
            entry = _region(raw)
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            problems.append(finding("baseline.malformed", path=path, detail=f"{type(exc).__name__}: {exc}"))
            continue
        regions.setdefault(entry.region, entry)
    return Baseline(str(data.get("scheme", "")), regions, tuple(problems), origin)


def load_baseline(path: str | Path) -> Baseline:
    """Read last year's results JSON file; an unreadable file is a finding, not a traceback."""
    try:
        parsed, _ = read_json_file(path)
    except UnreadableFileError as exc:
        detail = f"{exc.message.zh} / {exc.message.en}"
        return Baseline("", {}, (finding("baseline.malformed", path=exc.where, detail=detail),), str(path))
    baseline = read_baseline(parsed.document, str(path))
    return evolve(baseline, findings=(*parsed.findings, *baseline.findings)) if parsed.findings else baseline


def _region(raw: Mapping[str, Any]) -> LastYear:
    region = raw["region"]
    values: dict[str, dict[str, Decimal]] = {}
    for area in raw.get("areas", []):
        for item in area["indicators"]:
            values[str(item["indicator"])] = {
                str(k): Decimal(str(v)) for k, v in dict(item.get("values", {})).items() if v is not None
            }
    composite = raw.get("composite")
    rank = raw.get("rank")
    return LastYear(
        str(region["id"]),
        None if composite is None else Decimal(str(composite)),
        None if rank is None else int(rank),
        bool(region.get("survey_only", False)),
        values,
    )


def baseline_sources(indicator: Indicator) -> dict[str, str]:
    """For each last-year input, the value name of this indicator that holds the same figure last year.

    A decline rate pairs its ``baseline`` with its ``current`` (also inside compound items);
    otherwise an indicator with exactly one reported and one last-year input pairs those two.
    """
    pairs: dict[str, str] = {}

    def walk(formula: Formula) -> None:
        if isinstance(formula, DeclineRate):
            pairs[formula.baseline] = formula.current
        elif isinstance(formula, Compound):
            for part in formula.parts:
                walk(part.formula)

    walk(indicator.formula)
    baselines = [i for i in indicator.inputs if i.role is Role.BASELINE]
    actuals = [i for i in indicator.inputs if i.role is Role.ACTUAL]
    if len(baselines) == 1 and len(actuals) == 1 and baselines[0].name not in pairs:
        pairs[baselines[0].name] = actuals[0].name
    return {b.name: pairs[b.name] for b in baselines if b.name in pairs}


@frozen
class FilledValue:
    """A last-year input filled from last year's results."""

    region: str
    indicator: str
    input: str
    value: Decimal
    source: str  # the value name in last year's results


@frozen
class BaselineFill:
    """This year's submissions with last-year inputs filled, what was filled, and what could not be."""

    submissions: Submissions
    filled: tuple[FilledValue, ...]
    findings: tuple[Finding, ...]


@exact
def fill_baselines(scheme: Scheme, submissions: Submissions, baseline: Baseline) -> BaselineFill:
    """Fill every missing last-year input of ``submissions`` from ``baseline``; given ones are kept.

    Only indicators a region reports (a table of inputs) are filled. The returned submissions
    carry the baseline's reading findings and one finding per value filled or not available, so
    the engine reports them.
    """
    problems: list[Finding] = list(baseline.findings)
    filled: list[FilledValue] = []
    regions: list[RegionData] = []
    pairs = {item.indicator.id: (item.indicator, baseline_sources(item.indicator)) for item in scheme.items()}
    for data in submissions.regions:
        inputs: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in data.inputs.items()}
        sources = dict(data.sources)
        last = baseline.regions.get(data.region.id)
        for indicator_id, (indicator, mapping) in pairs.items():
            table = inputs.get(indicator_id)
            if not isinstance(table, dict):
                continue
            for name in (i.name for i in indicator.inputs if i.role is Role.BASELINE):
                if table.get(name) is not None:
                    continue
                spec = indicator.input(name)
                where = {
                    "region": data.region.id,
                    "indicator": indicator_id,
                    "input": name,
                    "path": input_path(data.path, indicator_id, name),
                    "label_zh": f"{indicator.label.zh}·{spec.label.zh}",
                    "label_en": f"{indicator.label.en}: {spec.label.en}",
                }
                source = mapping.get(name)
                value = None
                if last is not None and source is not None:
                    value = last.values.get(indicator_id, {}).get(source)
                if value is None or source is None:
                    problems.append(finding("baseline.unavailable", **where))
                    continue
                table[name] = value
                sources[f"{indicator_id}.{name}"] = f"上年考评结果 / last year's results: {indicator_id}.{source}"
                filled.append(FilledValue(data.region.id, indicator_id, name, value, source))
                problems.append(finding("baseline.filled", **where, value=fmt_plain(value), source=source))
        regions.append(evolve(data, inputs=inputs, sources=sources))
    src = submissions
    out = Submissions(tuple(regions), src.scheme, src.period, src.findings + tuple(problems), src.raw)
    return BaselineFill(out, tuple(filled), tuple(problems))


@frozen
class Change:
    """One region's change since last year: composite and rank, this year beside last year."""

    region: str
    name: Label
    survey_only: bool
    composite: Decimal
    composite_last: Decimal | None
    composite_change: Decimal | None  # this year − last year
    rank: int | None
    rank_last: int | None
    rank_change: int | None  # last year's rank − this year's: positive means moved up

    @exact
    def explanation(self) -> Label:
        """综合得分 上年 → 本年（±x），名次 上年 → 本年."""
        if self.composite_last is None or self.composite_change is None:
            return Label("上年无此地区的考评结果", "no result for this region last year")
        delta = f"{self.composite_change:+}"
        zh = f"综合得分 {self.composite_last} → {self.composite}（{delta}）"
        en = f"composite {self.composite_last} → {self.composite} ({delta})"
        if self.survey_only:
            return Label(zh + "；督查调研单位，不排名", en + "; survey-only region, not ranked")
        if self.rank is not None and self.rank_last is not None:
            zh += f"，名次 {self.rank_last} → {self.rank}"
            en += f", rank {self.rank_last} → {self.rank}"
        return Label(zh, en)

    @exact
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (numbers as decimal strings, like the results JSON)."""
        return {
            "region": self.region,
            "name": {"zh": self.name.zh, "en": self.name.en},
            "survey_only": self.survey_only,
            "composite": str(self.composite),
            "composite_last": None if self.composite_last is None else str(self.composite_last),
            "composite_change": None if self.composite_change is None else str(self.composite_change),
            "rank": self.rank,
            "rank_last": self.rank_last,
            "rank_change": self.rank_change,
            "explanation": {"zh": self.explanation().zh, "en": self.explanation().en},
        }


@exact
def changes(evaluation: Evaluation, baseline: Baseline) -> tuple[Change, ...]:
    """Each of this year's regions beside last year's result, in this year's order."""
    found: list[Change] = []
    for result in evaluation.regions:
        last = baseline.regions.get(result.region.id)
        composite_last = last.composite if last is not None else None
        rank_last = last.rank if last is not None else None
        rank = result.rank
        found.append(
            Change(
                result.region.id,
                result.region.name,
                result.survey_only,
                result.composite,
                composite_last,
                None if composite_last is None else result.composite - composite_last,
                rank,
                rank_last,
                None if rank is None or rank_last is None else rank_last - rank,
            )
        )
    return tuple(found)
