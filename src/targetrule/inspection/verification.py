"""Verified figures (核实数): what the inspection team found, scored in place of what was reported.

The team records the value it verified for any input of any region, with who verified it, when
and from what source: in a ``verified`` section of the region in the submissions JSON, or in a
separate list passed to :meth:`targetrule.Engine.evaluate` as ``verifications=``. The engine
scores on the verified value, keeps the reported one, and lists every difference in the region's
``discrepancies``. A difference beyond the scheme's tolerance is misreporting (弄虚作假): the
scheme's ``[misreporting]`` table names the deduction it costs and whether it cancels awards.

:class:`VerifiedFigures` is the pipeline step that does this (:mod:`targetrule.steps`); the core
plugin adds it to every registry built with the built-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from targetrule.findings import Finding, did_you_mean, finding
from targetrule.fingerprint import sha256_of
from targetrule.indicator import Input
from targetrule.json_file import UnreadableFileError, read_json_file
from targetrule.results import Adjustment, Discrepancy
from targetrule.rounding import fmt, fmt_plain
from targetrule.scheme import Scheme
from targetrule.steps import Prepared, PreparedRegion
from targetrule.submissions import RegionData, Submissions
from targetrule.text import Label
from targetrule.validation import parse_value


@frozen
class Verification:
    """One figure the team verified: the region, indicator and input, the value, who, when and the source."""

    region: str
    indicator: str
    input: str
    value: Any  # as written; parsed against the input's declaration when applied
    by: str = ""
    on: str = ""
    source: str = ""
    note: str = ""
    path: str = "$"


VerificationsLike = Iterable[Verification] | Mapping[str, Any] | str | Path

_FIELDS = ("by", "on", "source", "note")


def read_verifications(data: Any) -> tuple[tuple[Verification, ...], tuple[Finding, ...]]:
    """Read ``{"verifications": [{region, indicator, input, value, by, on, source, note}, ...]}`` or a bare list."""
    rows = data.get("verifications") if isinstance(data, Mapping) else data
    root = "$.verifications" if isinstance(data, Mapping) else "$"
    if not isinstance(rows, list):
        return (), (_malformed(root, "应为核实数据列表 / expected a list of verified figures"),)
    found: list[Verification] = []
    problems: list[Finding] = []
    for index, row in enumerate(rows):
        path = f"{root}[{index}]"
        if not isinstance(row, Mapping):
            problems.append(_malformed(path, "每条核实数据应为 JSON 对象 / each verified figure must be an object"))
            continue
        missing = [key for key in ("region", "indicator", "input", "value") if row.get(key) is None]
        unknown = sorted(set(row) - {"region", "indicator", "input", "value", *_FIELDS})
        if missing or unknown:
            parts = [f"缺少 / missing {', '.join(missing)}"] if missing else []
            parts += [f"未知字段 / unknown {', '.join(unknown)}"] if unknown else []
            problems.append(_malformed(path, "；".join(parts)))
            continue
        extra = {key: str(row.get(key, "")) for key in _FIELDS}
        found.append(
            Verification(str(row["region"]), str(row["indicator"]), str(row["input"]), row["value"], **extra, path=path)
        )
    return tuple(found), tuple(problems)


def load_verifications(path: str | Path) -> tuple[tuple[Verification, ...], tuple[Finding, ...]]:
    """Read a JSON file of verified figures; an unreadable file is a finding, not a traceback."""
    try:
        parsed, _ = read_json_file(path)
    except UnreadableFileError as exc:
        return (), (_malformed(exc.where, f"{exc.message.zh} / {exc.message.en}"),)
    items, problems = read_verifications(parsed.document)
    return items, (*parsed.findings, *problems)


def region_verifications(data: RegionData) -> tuple[list[Verification], list[Finding]]:
    """The region's own ``verified`` section: ``{indicator: {input: value or {value, by, on, source, note}}}``."""
    found: list[Verification] = []
    problems: list[Finding] = []
    for indicator, table in data.verified.items():
        base = f"{data.path}.verified['{indicator}']"
        if not isinstance(table, Mapping):
            problems.append(
                _malformed(base, "应为 {数据项: 核实数} / expected {input: verified figure}", data.region.id)
            )
            continue
        for name, entry in table.items():
            path = f"{base}.{name}"
            if isinstance(entry, Mapping):
                unknown = sorted(set(entry) - {"value", *_FIELDS})
                if entry.get("value") is None or unknown:
                    detail = "应含 value 及 by、on、source、note / expected value with by, on, source, note"
                    problems.append(_malformed(path, detail, data.region.id))
                    continue
                extra = {key: str(entry.get(key, "")) for key in _FIELDS}
                found.append(
                    Verification(data.region.id, str(indicator), str(name), entry["value"], **extra, path=path)
                )
            else:
                found.append(Verification(data.region.id, str(indicator), str(name), entry, path=path))
    return found, problems


def group_by_region(
    verifications: VerificationsLike | None, region_ids: Sequence[str]
) -> tuple[dict[str, list[Verification]], list[Finding]]:
    """Group a separate list of verified figures by region; a region not in the data is a finding."""
    if verifications is None:
        return {}, []
    problems: list[Finding] = []
    if isinstance(verifications, str | Path):
        items, found = load_verifications(verifications)
        problems.extend(found)
    elif isinstance(verifications, Mapping):
        items, found = read_verifications(verifications)
        problems.extend(found)
    else:
        rows = list(verifications)
        if all(isinstance(v, Verification) for v in rows):
            items = tuple(v for v in rows if isinstance(v, Verification))
        else:
            items, found = read_verifications(rows)
            problems.extend(found)
    grouped: dict[str, list[Verification]] = {}
    known = set(region_ids)
    for item in items:
        if item.region in known:
            grouped.setdefault(item.region, []).append(item)
        else:
            problems.append(
                finding(
                    "verification.unknown_region",
                    path=item.path,
                    value=item.region,
                    suggestion=did_you_mean(item.region, region_ids),
                )
            )
    return grouped, problems


def fingerprint(grouped: Mapping[str, Sequence[Verification]]) -> str:
    """The sha256 of the verified figures passed apart from the submissions (for provenance); "" if none."""
    rows = [
        [v.region, v.indicator, v.input, str(v.value), v.by, v.on, v.source, v.note]
        for items in grouped.values()
        for v in items
    ]
    if not rows:
        return ""
    return sha256_of(sorted(rows))


@frozen
class Checked:
    """A region's data with verified figures in place, the discrepancies found and what they cost."""

    data: RegionData
    discrepancies: tuple[Discrepancy, ...]
    adjustments: tuple[Adjustment, ...]
    findings: tuple[Finding, ...]


def tolerance_of(scheme: Scheme) -> Decimal:
    """The relative tolerance for verified figures: the ``[misreporting]`` table's, else the scheme's."""
    table = scheme.spec.misreporting
    return table.tolerance if table is not None else scheme.spec.tolerance


def verify_region(scheme: Scheme, data: RegionData, extra: Iterable[Verification] = ()) -> Checked:
    """Put the verified figures (the region's own section, then ``extra``) in place of the reported ones."""
    if not data.verified and not extra:
        return Checked(data, (), (), ())
    own, problems = region_verifications(data)
    inputs: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in data.inputs.items()}
    sources = dict(data.sources)
    indicators = {item.indicator.id: item.indicator for item in scheme.items()}
    tolerance = tolerance_of(scheme)
    seen: dict[tuple[str, str], str] = {}
    discrepancies: list[Discrepancy] = []
    region = data.region.id
    for item in [*own, *extra]:
        indicator = indicators.get(item.indicator)
        if indicator is None:
            problems.append(
                finding(
                    "verification.unknown_indicator",
                    region=region,
                    path=item.path,
                    value=item.indicator,
                    suggestion=did_you_mean(item.indicator, indicators),
                )
            )
            continue
        spec = indicator.input_map.get(item.input)
        if spec is None:
            problems.append(
                finding(
                    "verification.unknown_input",
                    region=region,
                    indicator=indicator.id,
                    path=item.path,
                    value=item.input,
                    suggestion=did_you_mean(item.input, indicator.input_map),
                )
            )
            continue
        key = (indicator.id, spec.name)
        if key in seen:
            problems.append(
                finding(
                    "verification.duplicate",
                    region=region,
                    indicator=indicator.id,
                    input=spec.name,
                    path=item.path,
                    first=seen[key],
                )
            )
            continue
        seen[key] = item.path
        try:
            verified = parse_value(item.value, spec)
        except Exception as exc:  # validation's problem: the same input.* finding, at the verified figure
            problems.append(
                finding(
                    getattr(exc, "code", "input.not_a_number"),
                    region=region,
                    indicator=indicator.id,
                    input=spec.name,
                    path=item.path,
                    value=item.value,
                    **getattr(exc, "details", {}),
                )
            )
            continue
        missing = [
            (zh, en)
            for field, zh, en in (("by", "核实人", "who verified it"), ("on", "核实日期", "when"))
            if not getattr(item, field)
        ]
        if missing:
            problems.append(
                finding(
                    "verification.unattributed",
                    region=region,
                    indicator=indicator.id,
                    input=spec.name,
                    path=item.path,
                    missing_zh="、".join(m[0] for m in missing),
                    missing_en=" or ".join(m[1] for m in missing),
                )
            )
        table = inputs.get(indicator.id)
        if not isinstance(table, dict):
            table = inputs[indicator.id] = {}
        reported = _reported(table.get(spec.name), spec)
        table[spec.name] = verified
        sources[f"{indicator.id}.{spec.name}"] = _source_text(item)
        if reported is not None and reported == verified:
            continue  # confirmed as reported
        found = _discrepancy(item, spec, indicator.label.zh, indicator.label.en, reported, verified, tolerance)
        discrepancies.append(found)
        if found.beyond_tolerance:
            problems.append(
                finding(
                    "verification.misreported",
                    region=region,
                    indicator=indicator.id,
                    input=spec.name,
                    path=item.path,
                    label_zh=found.label.zh,
                    label_en=found.label.en,
                    reported=fmt_plain(reported or Decimal(0)),
                    verified=fmt_plain(verified),
                    relative=_share(found.relative),
                    tolerance=_share(tolerance),
                )
            )
    checked = evolve(data, inputs=inputs, sources=sources)
    return Checked(checked, tuple(discrepancies), misreporting_adjustments(scheme, discrepancies), tuple(problems))


@frozen
class VerifiedFigures:
    """The pipeline step: each region's ``verified`` section and the per-call ``verifications`` put in place.

    A region with neither is left alone (it costs the engine one dict lookup). The provenance
    records the sha256 of the figures passed apart from the submissions (``verifications_sha256``).
    """

    name: str = "verification"
    inputs: tuple[str, ...] = ("verifications",)

    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        """Group the separate figures by region, then verify every region that has figures."""
        listed = submissions.regions
        grouped, found = group_by_region(given.get("verifications"), [d.region.id for d in listed])
        regions: dict[str, PreparedRegion] = {}
        seen: set[str] = set()
        for data in listed:
            region_id = data.region.id
            if region_id in seen:
                continue  # a duplicate is reported by the engine and not scored
            seen.add(region_id)
            extra = grouped.get(region_id, ())
            if data.verified or extra:
                checked = verify_region(scheme, data, extra)
                regions[region_id] = PreparedRegion(
                    checked.data, checked.findings, checked.adjustments, checked.discrepancies
                )
        return Prepared(tuple(found), regions, {"verifications_sha256": fingerprint(grouped)})


def misreporting_adjustments(scheme: Scheme, discrepancies: Iterable[Discrepancy]) -> tuple[Adjustment, ...]:
    """One deduction per discrepancy beyond tolerance, as the scheme's ``[misreporting]`` table says."""
    table = scheme.spec.misreporting
    if table is None:
        return ()
    item = next((d for d in scheme.spec.deductions if d.id == table.deduction), None)
    if item is None:  # the scheme loader reports the bad reference
        return ()
    cancels = table.cancels_awards or item.cancels_awards
    return tuple(
        Adjustment(
            "deduction", item.id, item.label, item.points, d.explanation().zh + " / " + d.explanation().en, cancels
        )
        for d in discrepancies
        if d.beyond_tolerance
    )


def _discrepancy(
    item: Verification, spec: Input, zh: str, en: str, reported: Decimal | None, verified: Decimal, tolerance: Decimal
) -> Discrepancy:
    relative = None
    beyond = False
    if reported is not None:
        if verified != 0:
            relative = abs(verified - reported) / abs(verified)
            beyond = relative > tolerance
        else:
            beyond = True  # reported something the team found to be nothing
    same = spec.label.zh == zh
    label = Label(zh if same else f"{zh}·{spec.label.zh}", en if same else f"{en}: {spec.label.en}")
    return Discrepancy(
        item.indicator, spec.name, label, reported, verified, relative, beyond, item.by, item.on, item.source, item.note
    )


def _reported(raw: Any, spec: Input) -> Decimal | None:
    if raw is None:
        return None
    try:
        return parse_value(raw, spec)
    except Exception:
        return None  # the reported value was not usable; the verified one replaces it


def _source_text(item: Verification) -> str:
    who = ", ".join(x for x in (item.by, item.on, item.source) if x)
    return (
        f"督查核实 / verified by the inspection team ({who})" if who else "督查核实 / verified by the inspection team"
    )


def _share(value: Decimal | None) -> str:
    return "—" if value is None else f"{fmt(value * 100)}%"


def _malformed(path: str, detail: str, region: str | None = None) -> Finding:
    return finding("verification.malformed", region=region, path=path, detail=detail)
