"""Findings as text: one line each (level, code, where, message), the validation summary, the first errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from targetrule.formats.text_lang import say

if TYPE_CHECKING:
    from targetrule.findings import Finding
    from targetrule.text import Lang


def finding_line(item: Finding, lang: Lang, names: Mapping[str, str] | None = None) -> str:
    """``错误 [code] region where: message`` (``error`` or ``warning`` in English).

    where: the path, else region.indicator; the region's name (from ``names``) leads when it is known.
    """
    where = item.path or ".".join(p for p in (item.region, item.indicator, item.input) if p)
    level = say(lang, "错误", "error") if item.is_error else say(lang, "提示", "warning")
    name = names.get(item.region) if names is not None and item.region else None
    return f"{level} [{item.code}] {name + ' ' if name else ''}{where}: {item.message(lang)}"


def validation_summary(
    findings: Sequence[Finding], source: str, regions: int, lang: Lang, names: Mapping[str, str] | None = None
) -> list[str]:
    """The lines ``targetrule validate`` prints: every finding, then the count of regions, errors and warnings.

    ``names`` maps region ids to the names shown in each finding.
    """
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    lines = [finding_line(item, lang, names) for item in findings]
    lines.append(
        say(
            lang,
            f"{source}：{regions} 个地区，{errors} 个错误，{warnings} 个提示",
            f"{source}: {regions} regions, {errors} errors, {warnings} warnings",
        )
    )
    return lines


def first_errors(
    errors: Sequence[Finding], lang: Lang, shown: int = 5, names: Mapping[str, str] | None = None
) -> list[str]:
    """A line counting the data errors, then the first ``shown`` of them (as ``compare`` prints); none if none."""
    if not errors:
        return []
    count = min(len(errors), shown)
    head = say(lang, f"数据错误共 {len(errors)} 个，前 {count} 个：", f"{len(errors)} data errors; the first {count}:")
    return [head, *(finding_line(item, lang, names) for item in errors[:shown])]
