"""The pipeline step that warns about the usual slips in a return: warnings only, never errors.

Each warning says what was read and what was probably meant. Regions are compared only with
regions of the same ``kind`` (cities with cities, counties with counties); a region given twice
counts once. The thresholds are fixed and documented (docs/inspection.md, "Plausibility"):

- ``plausibility.percent_as_fraction``: a percentage input reads a value strictly between 0 and 1
  while its reference is above 1: the reference is the scheme's province-wide limit on the input
  (``[[limits]]``), else the median of the other regions' values (at least 3). ``0.045`` → 4.5%.
- ``plausibility.unit_10000``: a count or amount at least ``UNIT_RATIO`` (1,000) times the median
  of the other regions' values (at least 3), or at most 1/1,000 of it: a figure in 个/元 where 万
  was asked (or the reverse) is 10,000 times off, beyond any real spread between regions.
- ``plausibility.outlier``: the robust z-score 0.6745 × (x − median) ÷ MAD of the value among all
  regions' values of the input (at least ``MIN_REGIONS``, 5, and MAD > 0) beyond ``OUTLIER_Z``
  (3.5, Iglewicz and Hoaglin's cut-off); not repeated for a value already flagged as a unit slip.
- ``plausibility.jump``: a figure that moved from last year's (the indicator's last-year input,
  paired as :func:`targetrule.inspection.baseline.baseline_sources` pairs them) by more than
  ``JUMP_SHARE`` (50%) of last year's, when last year's figure is given and above 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from targetrule.decimal_context import CONTEXT, exact
from targetrule.findings import Finding, finding
from targetrule.indicator import Indicator, Input, Kind, Role
from targetrule.inspection.baseline import baseline_sources
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.steps import Prepared, PreparedRegion
from targetrule.submissions import RegionData, Submissions
from targetrule.validation import input_path, parse_value

OUTLIER_Z = Decimal("3.5")
MIN_REGIONS = 5
UNIT_RATIO = Decimal(1000)
JUMP_SHARE = Decimal("0.5")
MIN_OTHERS = 3
MAD_FLOOR = Decimal("0.1")
_Z_SCALE = Decimal("0.6745")  # makes the MAD of normal data comparable to its standard deviation


def median(values: Sequence[Decimal]) -> Decimal:
    """The median of non-empty ``values`` (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


class Plausibility:
    """The pipeline step ``plausibility``: warnings about fraction-for-percent, unit slips, outliers and jumps."""

    name: str = "plausibility"
    inputs: tuple[str, ...] = ()

    @exact
    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        """Every region's numeric inputs against the other regions' of the same kind, and against last year."""
        regions = _first_of_each(submissions.regions)
        limits = {(lim.indicator, lim.input): lim.maximum for lim in scheme.spec.limits if lim.maximum is not None}
        found: dict[str, list[Finding]] = {}
        groups = _by_kind(regions)
        for item in scheme.items():
            indicator = item.indicator
            for spec in indicator.inputs:
                if spec.kind is Kind.FLAG:
                    continue
                for group in groups.values():
                    values = _values(group, indicator.id, spec)
                    everyone = [v for _, v in values]
                    limit = limits.get((indicator.id, spec.name))
                    for index, (data, value) in enumerate(values):
                        others = everyone[:index] + everyone[index + 1 :]
                        problem = _slip(spec, value, others, limit)
                        if problem is not None:
                            found.setdefault(data.region.id, []).append(
                                _warning(problem[0], data, indicator.id, spec, value, problem[1])
                            )
                        elif spec.kind is Kind.RATE:
                            outlier = _outlier(value, everyone, fmt_plain)
                            if outlier is not None:
                                found.setdefault(data.region.id, []).append(
                                    _warning("plausibility.outlier", data, indicator.id, spec, value, outlier)
                                )
            for group in groups.values():
                for data, warning in _share_outliers(group, indicator):
                    slips = found.get(data.region.id, [])
                    if not any(f.indicator == warning.indicator and f.input == warning.input for f in slips):
                        found.setdefault(data.region.id, []).append(warning)
            pairs = baseline_sources(indicator)
            for data in regions:
                for last_name, this_name in pairs.items():
                    jump = _jump(data, indicator.id, indicator.input(this_name), indicator.input(last_name))
                    if jump is not None:
                        found.setdefault(data.region.id, []).append(jump)
        by_id = {d.region.id: d for d in regions}
        return Prepared(regions={rid: PreparedRegion(by_id[rid], tuple(items)) for rid, items in found.items()})


def _first_of_each(regions: Sequence[RegionData]) -> list[RegionData]:
    seen: set[str] = set()
    first = []
    for data in regions:
        if data.region.id not in seen:
            seen.add(data.region.id)
            first.append(data)
    return first


def _by_kind(regions: Sequence[RegionData]) -> dict[str, list[RegionData]]:
    groups: dict[str, list[RegionData]] = {}
    for data in regions:
        groups.setdefault(data.region.kind or "", []).append(data)
    return groups


def _number(data: RegionData, indicator: str, spec: Input) -> Decimal | None:
    table = data.inputs.get(indicator)
    if not isinstance(table, Mapping) or table.get(spec.name) is None:
        return None
    try:
        return parse_value(table[spec.name], spec)
    except Exception:  # not a number: the engine's own check reports it
        return None


def _values(group: Sequence[RegionData], indicator: str, spec: Input) -> list[tuple[RegionData, Decimal]]:
    out: list[tuple[RegionData, Decimal]] = []
    for data in group:
        value = _number(data, indicator, spec)
        if value is not None:
            out.append((data, value))
    return out


def _slip(
    spec: Input, value: Decimal, others: list[Decimal], limit: Decimal | None
) -> tuple[str, dict[str, str]] | None:
    """The slip ``value`` looks like (fraction for percent, 万 for 个/元), with its warning's details, or None."""
    if spec.kind is Kind.RATE:
        reference = limit if limit is not None else median(others) if len(others) >= MIN_OTHERS else None
        if reference is not None and reference > 1 and 0 < value < 1:
            return "plausibility.percent_as_fraction", {
                "reference": fmt_plain(reference),
                "meant": fmt_plain(value * 100),
            }
        return None
    if len(others) < MIN_OTHERS or value <= 0:
        return None
    middle = median(others)
    if middle <= 0:
        return None
    ratio = value / middle
    if 1 / UNIT_RATIO < ratio < UNIT_RATIO:
        return None
    meant = value / 10000 if ratio >= UNIT_RATIO else value * 10000
    shown = ratio.quantize(Decimal(1)) if ratio >= 1 else ratio.quantize(Decimal("0.000001"))
    return "plausibility.unit_10000", {
        "median": fmt_plain(middle),
        "ratio": fmt_plain(shown),
        "meant": fmt_plain(meant),
    }


def _share_outliers(group: Sequence[RegionData], indicator: Indicator) -> list[tuple[RegionData, Finding]]:
    """Regions whose figure, as a share of their own target, is far from the other regions' shares.

    Counts and amounts grow with a region's size, so they are compared as shares of the target
    the region was set (an indicator with exactly one target input), never raw.
    """
    targets = [i for i in indicator.inputs if i.role is Role.TARGET and i.kind is not Kind.RATE]
    if len(targets) != 1:
        return []
    target = targets[0]
    out: list[tuple[RegionData, Finding]] = []
    for spec in indicator.inputs:
        if spec.role is not Role.ACTUAL or spec.kind not in (Kind.COUNT, Kind.AMOUNT) or spec.part_of is not None:
            continue
        shares: list[tuple[RegionData, Decimal, Decimal]] = []
        for data in group:
            value, goal = _number(data, indicator.id, spec), _number(data, indicator.id, target)
            if value is not None and goal is not None and goal > 0:
                shares.append((data, value, value / goal))
        everyone = [share for _, _, share in shares]
        for data, value, share in shares:
            outlier = _outlier(share, everyone, _percent)
            if outlier is not None:
                details = {**outlier, "value_shown": f"{fmt_plain(value)} ({_percent(share)})"}
                out.append((data, _warning("plausibility.share_outlier", data, indicator.id, spec, value, details)))
    return out


def _outlier(value: Decimal, everyone: list[Decimal], shown: Callable[[Decimal], str]) -> dict[str, str] | None:
    """The details of an outlier warning when ``value``'s robust z among ``everyone`` is beyond ``OUTLIER_Z``.

    The MAD is taken as at least ``MAD_FLOOR`` (10%) of the median's size, so that regions which
    all land close together do not make an ordinary difference look extreme.
    """
    if len(everyone) < MIN_REGIONS:
        return None
    middle = median(everyone)
    mad = max(median([abs(v - middle) for v in everyone]), abs(middle) * MAD_FLOOR)
    if mad == 0:
        return None
    z = _Z_SCALE * (value - middle) / mad
    if abs(z) <= OUTLIER_Z:
        return None
    return {
        "median": shown(middle),
        "z": str(z.quantize(Decimal("0.1"), context=CONTEXT)),
        "threshold": fmt_plain(OUTLIER_Z),
    }


def _percent(share: Decimal) -> str:
    return f"{fmt_plain((share * 100).quantize(Decimal('0.1'), context=CONTEXT))}%"


def _jump(data: RegionData, indicator: str, this: Input, last: Input) -> Finding | None:
    value, before = _number(data, indicator, this), _number(data, indicator, last)
    if value is None or before is None or before <= 0:
        return None
    change = (value - before) / before
    if abs(change) <= JUMP_SHARE:
        return None
    shown = f"{(change * 100).quantize(Decimal(1)):+}%"
    return _warning(
        "plausibility.jump",
        data,
        indicator,
        this,
        value,
        {"last": fmt_plain(before), "change": shown, "limit": f"{fmt_plain(JUMP_SHARE * 100)}%"},
    )


def _warning(
    code: str, data: RegionData, indicator: str, spec: Input, value: Decimal, details: dict[str, str]
) -> Finding:
    return finding(
        code,
        region=data.region.id,
        indicator=indicator,
        input=spec.name,
        path=input_path(data.path, indicator, spec.name),
        value=value,
        label_zh=spec.label.zh,
        label_en=spec.label.en,
        suggestion=details.get("meant"),
        **details,
    )
