"""One region's explanation as a document (schema ``targetrule.cli.explain/1``): overall, one area or one indicator.

The command line's ``explain --json`` and the server's ``POST /explain`` both print this document;
a region or target that is not there is :class:`NotExplained`, with a bilingual "did you mean".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from targetrule.decimal_context import exact
from targetrule.formats.text_explain import (
    area_explanation,
    department_explanation,
    indicator_explanation,
    region_explanation,
)
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.results import Evaluation, RegionResult
    from targetrule.scheme import Scheme
    from targetrule.text import Lang


class NotExplained(LookupError):
    """The region is not in the data, or the target is no area or indicator of the scheme."""

    def __init__(self, message: Label) -> None:
        self.message = message
        super().__init__(f"{message.zh} / {message.en}")


def _hinted(zh: str, en: str, hint: str | None) -> Label:
    if hint is None:
        return Label(zh, en)
    return Label(f"{zh}，是否应为 {hint}？", f"{en}; did you mean {hint}?")


def find_region(evaluation: Evaluation, region: str) -> RegionResult:
    """The region by id, or by its Chinese or English name."""
    from targetrule.findings import did_you_mean

    known = {r.region.id: r for r in evaluation.regions}
    by_name = {r.region.name.zh: r for r in evaluation.regions} | {r.region.name.en: r for r in evaluation.regions}
    result = known.get(region) or by_name.get(region)
    if result is None:
        hint = did_you_mean(region, list(known))
        raise NotExplained(_hinted(f"数据中没有地区 {region}", f"no region {region} in the data", hint))
    return result


@exact
def explanation_json(
    evaluation: Evaluation, scheme: Scheme, region: str, target: str | None, lang: Lang, department: str | None = None
) -> dict[str, Any]:
    """Why REGION scored as it did, overall, for one area or indicator, or one department's items: lines and JSON."""
    from targetrule.findings import did_you_mean
    from targetrule.plain_json import region_to_dict

    result = find_region(evaluation, region)
    region_dict = region_to_dict(result)
    detail: dict[str, Any]
    if department is not None:
        from targetrule.departments import items_of

        lines = department_explanation(result, scheme, department, lang)
        ids = {item.indicator.id for item in items_of(scheme, department)}
        detail = {
            "department": department,
            "indicators": [i for a in region_dict["areas"] for i in a["indicators"] if i["indicator"] in ids],
        }
    elif target is None:
        lines = region_explanation(result, evaluation, scheme, lang)
        detail = region_dict
    else:
        areas = {a.area: a for a in result.areas}
        indicators_ = {i.indicator: i for i in result.indicators()}
        if target in areas:
            lines = area_explanation(areas[target], lang)
            detail = next(a for a in region_dict["areas"] if a["area"] == target)
        elif target in indicators_:
            about = [f for f in result.findings if f.indicator == target]
            lines = indicator_explanation(indicators_[target], about, lang)
            detail = next(i for a in region_dict["areas"] for i in a["indicators"] if i["indicator"] == target)
        else:
            hint = did_you_mean(target, list(areas) + list(indicators_))
            raise NotExplained(
                _hinted(f"方案中没有领域或指标 {target}", f"no area or indicator {target} in the scheme", hint)
            )
    return {
        "schema": "targetrule.cli.explain/1",
        "scheme": evaluation.scheme,
        "region": result.region.id,
        "target": target,
        "lines": lines,
        "detail": detail,
    }
