"""The province's targets (目标责任状): the targets it signed with each region, and the returns checked against them.

A targets file gives, per region and indicator, the values of the indicator's target inputs
(``Role.TARGET``: 目标任务数, a rate standard, a ceiling) the province set. :func:`apply_targets`
puts them in place of the targets a region's return gives: the province's value is the one
scored, a return whose value differs gets a ``targets.differs`` warning showing both, and a
target the province did not set stays as the region reported it (``targets.self_reported``).
Without a targets file every target is the region's own, which is said once, as a warning.

The engine never imports this module: a host applies the targets to the submissions before
``Engine.evaluate`` (the command line does so for ``--targets``). The targets file's sha256 is
recorded beside the submissions it changed, so the results' ``input_sha256`` covers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import evolve, field, frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, finding
from targetrule.indicator import Role
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.submissions import Submissions
from targetrule.validation import input_path, parse_value

Key = tuple[str, str, str]  # (region, indicator, input)


@frozen
class Targets:
    """The targets one file sets: the value of each (region, indicator, target input), and where it was read."""

    scheme: str | None
    values: Mapping[Key, Decimal]
    where: Mapping[Key, str] = field(factory=dict)
    origin: str = ""
    sha256: str = ""
    findings: tuple[Finding, ...] = ()

    def covers(self, indicator: str, name: str) -> bool:
        """True when the file sets this target input for at least one region."""
        return any(k[1] == indicator and k[2] == name for k in self.values)


def target_inputs(scheme: Scheme) -> dict[tuple[str, str], Any]:
    """Every target input of the scheme, by (indicator id, input name), with its declaration."""
    return {
        (item.indicator.id, spec.name): spec
        for item in scheme.items()
        for spec in item.indicator.inputs
        if spec.role is Role.TARGET
    }


@exact
def targets_from_submissions(
    scheme: Scheme, submissions: Submissions, where: Mapping[Key, str], origin: str, sha256: str
) -> Targets:
    """The targets held by a document laid out like a data file (JSON, CSV, a filled template).

    A value that is not a number, or out of its input's bounds, and an input that is not a target,
    is an error naming where it was read; a region given twice keeps its first values.
    """
    known = target_inputs(scheme)
    problems: list[Finding] = list(submissions.findings)
    if submissions.scheme is not None and submissions.scheme != scheme.id:
        problems.append(finding("targets.wrong_scheme", path=origin, value=submissions.scheme, scheme=scheme.id))
    values: dict[Key, Decimal] = {}
    for data in submissions.regions:
        region = data.region.id
        for indicator, table in data.inputs.items():
            if not isinstance(table, Mapping):
                continue
            for name, raw in table.items():
                key = (region, indicator, str(name))
                path = where.get(key, input_path(data.path, indicator, str(name)))
                spec = known.get((indicator, str(name)))
                if spec is None:
                    problems.append(
                        finding("targets.not_a_target", region=region, path=path, value=f"{indicator}.{name}")
                    )
                    continue
                if raw is None or key in values:
                    continue
                try:
                    values[key] = parse_value(raw, spec)
                except Exception:  # the value's own problem: not a number, out of bounds
                    problems.append(finding("targets.bad_value", region=region, path=path, value=raw))
    return Targets(submissions.scheme, values, dict(where), origin, sha256, tuple(problems))


@exact
def apply_targets(scheme: Scheme, submissions: Submissions, targets: Targets | None) -> Submissions:
    """``submissions`` with the province's targets in place of the regions' own, and a finding per difference.

    Without ``targets`` the submissions are unchanged but for one ``targets.self_reported`` warning
    when any region gives a target.
    """
    known = target_inputs(scheme)
    if targets is None:
        if not any(_gives(data.inputs, known) for data in submissions.regions):
            return submissions
        return evolve(submissions, findings=(*submissions.findings, finding("targets.self_reported", path="$")))
    problems: list[Finding] = list(targets.findings)
    uncovered = sorted(f"{i}.{n}" for i, n in known if not targets.covers(i, n))
    if uncovered:
        problems.append(
            finding(
                "targets.partly_self_reported", path=targets.origin or "$", count=len(uncovered), first=uncovered[0]
            )
        )
    listed = {d.region.id for d in submissions.regions}
    for region in sorted({k[0] for k in targets.values} - listed):
        problems.append(finding("targets.region_not_returned", region=region, path=targets.origin or "$"))
    regions = []
    for data in submissions.regions:
        inputs: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v for k, v in data.inputs.items()}
        sources = dict(data.sources)
        for (indicator, name), spec in known.items():
            if not targets.covers(indicator, name):
                continue
            key = (data.region.id, indicator, name)
            path = input_path(data.path, indicator, name)
            province = targets.values.get(key)
            table = inputs.get(indicator)
            if province is None:
                problems.append(finding("targets.missing", region=key[0], indicator=indicator, input=name, path=path))
                continue
            if not isinstance(table, dict):
                continue  # the region reports nothing for this item: the engine says so
            reported = table.get(name)
            if reported is not None and not _same(reported, province, spec):
                problems.append(
                    finding(
                        "targets.differs",
                        region=key[0],
                        indicator=indicator,
                        input=name,
                        path=path,
                        value=reported,
                        province=fmt_plain(province),
                        label_zh=spec.label.zh,
                        label_en=spec.label.en,
                        source=targets.where.get(key, targets.origin),
                    )
                )
            table[name] = province
            sources[f"{indicator}.{name}"] = f"省定目标 / province's target: {targets.where.get(key, targets.origin)}"
        regions.append(evolve(data, inputs=inputs, sources=sources))
    raw = {"submissions": submissions.raw, "targets": {"origin": targets.origin, "sha256": targets.sha256}}
    return evolve(submissions, regions=tuple(regions), findings=(*submissions.findings, *problems), raw=raw)


def _gives(inputs: Mapping[str, Any], known: Mapping[tuple[str, str], Any]) -> bool:
    """True when a region's inputs hold a value for any target input."""
    for indicator, name in known:
        table = inputs.get(indicator)
        if isinstance(table, Mapping) and table.get(name) is not None:
            return True
    return False


def _same(reported: Any, province: Decimal, spec: Any) -> bool:
    try:
        return parse_value(reported, spec) == province
    except Exception:  # an unreadable value differs from any number
        return False
