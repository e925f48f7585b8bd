"""The pipeline step that holds every region's figures to the scheme's province-wide limits (``[[limits]]``).

A limit bounds one input for every region, e.g. no city's registered unemployment ceiling above
the province's 4.5%. The step runs after the province's targets were put in place
(:mod:`targetrule.targets`), so it checks the values that are scored; a value beyond a limit is
a ``limit.exceeded`` error at the value's path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targetrule.decimal_context import exact
from targetrule.findings import Finding, finding
from targetrule.rounding import fmt_plain
from targetrule.scheme import Scheme
from targetrule.steps import Prepared, PreparedRegion
from targetrule.submissions import Submissions
from targetrule.validation import input_path, parse_value


class ProvinceLimits:
    """The pipeline step ``limits``: each region's value of a limited input against the scheme's limit."""

    name: str = "limits"
    inputs: tuple[str, ...] = ()

    @exact
    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        """One ``limit.exceeded`` error per value beyond a limit; a scheme without limits costs nothing."""
        limits = scheme.spec.limits
        if not limits:
            return Prepared()
        specs = {(i.indicator.id, s.name): s for i in scheme.items() for s in i.indicator.inputs}
        regions: dict[str, PreparedRegion] = {}
        seen: set[str] = set()
        for data in submissions.regions:
            if data.region.id in seen:
                continue
            seen.add(data.region.id)
            found: list[Finding] = []
            for limit in limits:
                spec = specs.get((limit.indicator, limit.input))
                table = data.inputs.get(limit.indicator)
                if spec is None or not isinstance(table, Mapping) or table.get(limit.input) is None:
                    continue
                try:
                    value = parse_value(table[limit.input], spec)
                except Exception:  # not a number: the engine's own check reports it
                    continue
                bound = None
                if limit.maximum is not None and value > limit.maximum:
                    bound = limit.maximum
                elif limit.minimum is not None and value < limit.minimum:
                    bound = limit.minimum
                if bound is None:
                    continue
                found.append(
                    finding(
                        "limit.exceeded",
                        region=data.region.id,
                        indicator=limit.indicator,
                        input=limit.input,
                        path=input_path(data.path, limit.indicator, limit.input),
                        value=value,
                        limit=fmt_plain(bound),
                        label_zh=spec.label.zh,
                        label_en=spec.label.en,
                        rule_zh=limit.label.zh,
                        rule_en=limit.label.en,
                    )
                )
            if found:
                regions[data.region.id] = PreparedRegion(data, tuple(found))
        return Prepared(regions=regions)
