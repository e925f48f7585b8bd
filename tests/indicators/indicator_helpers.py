"""Helpers the indicator tests share: score valid input, read the findings of invalid input, name an input's path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from targetrule import Attainment, Indicator, Outcome, default_params, score_indicator


def scored(indicator: Indicator, raw: dict[str, Any], changes: Mapping[str, Any] | None = None) -> Attainment:
    """Score ``raw`` under the default parameters (with ``changes`` made) and insist it was valid."""
    outcome = score_indicator(indicator, raw, {**default_params(indicator.formula), **(changes or {})})
    assert outcome.findings == ()
    assert outcome.attainment is not None
    return outcome.attainment


def only_finding(outcome: Outcome) -> tuple[str, str | None]:
    """The code and path of the single finding of an outcome that was not scored."""
    assert outcome.attainment is None
    assert len(outcome.findings) == 1, outcome.findings
    return outcome.findings[0].code, outcome.findings[0].path


def findings_of(outcome: Outcome) -> list[tuple[str, str | None]]:
    """The sorted codes and paths of the findings of an outcome that was not scored."""
    assert outcome.attainment is None
    return sorted((f.code, f.path) for f in outcome.findings)


def path(indicator: Indicator, name: str) -> str:
    """The JSON path of an input when one indicator is scored on its own."""
    return f"$.inputs['{indicator.id}'].{name}"
