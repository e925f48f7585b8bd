"""Validation rules over several inputs of one indicator; a broken rule is a finding.

A plugin's own rule may return its own code: with its own bilingual message on the breach
(``Breach(..., message=Label(zh, en))``), declared with a severity through the
``targetrule_finding_codes`` hook, or neither (a generic message showing the code and details).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from attrs import frozen

from targetrule.findings import CATALOG, Finding, FindingCode, Severity, custom_finding, finding
from targetrule.text import Label


@frozen
class Breach:
    """What a rule saw when it was broken: the code, the inputs involved, the details, its own message.

    ``message`` (optional) is a pair of ``str.format`` templates filled in from ``details``; without
    it the message comes from the core catalog, the plugin's declared codes, or a generic one.
    """

    code: str
    input: str
    details: Mapping[str, str]
    message: Label | None = None


def rule_name(rule: object) -> str:
    """A rule's class as ``module.Qualname``, for findings that name a rule."""
    kind = type(rule)
    return f"{kind.__module__}.{kind.__qualname__}"


def malformed(breach: object) -> str | None:
    """What is wrong with a rule's return value (not a :class:`Breach`, fields of the wrong type), or None."""
    if not isinstance(breach, Breach):
        return f"returned {_short(breach)} instead of a Breach or None"
    if not isinstance(breach.code, str) or not breach.code:
        return f"returned a Breach whose code is {_short(breach.code)}"
    if breach.input is not None and not isinstance(breach.input, str):
        return f"returned a Breach whose input is {_short(breach.input)}"
    if not isinstance(breach.details, Mapping) or not all(isinstance(k, str) for k in breach.details):
        return f"returned a Breach whose details are {_short(breach.details)}"
    message = breach.message
    if message is not None and not (
        isinstance(message, Label) and isinstance(message.zh, str) and isinstance(message.en, str)
    ):
        return f"returned a Breach whose message is {_short(message)}"
    return None


def breach_finding(
    breach: Breach,
    codes: Mapping[str, FindingCode] | None,
    *,
    region: str,
    indicator: str,
    path: str,
    details: Mapping[str, Any],
) -> Finding:
    """The finding for a breach: its own message, the core catalog's, a plugin's declared code's, or a generic one."""
    code = breach.code
    value = details.get("value")
    # The place and the value are the finding's own fields: a detail of the same name cannot replace them.
    details = {k: v for k, v in details.items() if k not in _RESERVED}
    core = CATALOG.get(code)
    if core is not None and breach.message is None:
        return finding(code, region=region, indicator=indicator, input=breach.input, path=path, value=value, **details)
    declared = codes.get(code) if codes else None
    severity = core[0] if core is not None else declared.severity if declared is not None else Severity.ERROR
    message = breach.message if breach.message is not None else (declared.message if declared is not None else None)
    return custom_finding(
        code,
        severity,
        message,
        region=region,
        indicator=indicator,
        input=breach.input,
        path=path,
        value=value,
        **details,
    )


_RESERVED = frozenset({"code", "severity", "message", "region", "indicator", "input", "path", "value", "suggestion"})


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@runtime_checkable
class Rule(Protocol):
    """A check over an indicator's parsed values; returns a breach or None."""

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Return a :class:`Breach` when the rule is broken, else ``None``."""
        ...


@frozen
class PartNotAboveWhole:
    """A sub-item (其中) or a numerator never exceeds its total or denominator."""

    part: str
    whole: str

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Breached when both values are present and the part is larger than the whole."""
        part, whole = values.get(self.part), values.get(self.whole)
        if part is None or whole is None or part <= whole:
            return None
        return Breach(
            "rule.part_exceeds_whole",
            self.part,
            {"part": self.part, "whole": self.whole, "part_value": str(part), "whole_value": str(whole)},
        )


@frozen
class PartsNotAboveWhole:
    """Several sub-items together never exceed their total."""

    parts: tuple[str, ...]
    whole: str

    def check(self, values: Mapping[str, Decimal]) -> Breach | None:
        """Breached when all values are present and the parts add up to more than the whole."""
        if self.whole not in values or any(p not in values for p in self.parts):
            return None
        total = sum((values[p] for p in self.parts), Decimal(0))
        if total <= values[self.whole]:
            return None
        return Breach(
            "rule.part_exceeds_whole",
            self.parts[0],
            {
                "part": " + ".join(self.parts),
                "whole": self.whole,
                "part_value": str(total),
                "whole_value": str(values[self.whole]),
            },
        )
