"""The plugin author's kit: hypothesis strategies and contract test suites for any indicator or scheme.

Needs the ``testing`` extra (``pip install targetrule[testing]``): hypothesis and pytest. Nothing
in the core imports this package; names are loaded on first use, so the pytest plugin
(:mod:`targetrule.testing.pytest_plugin`) stays cheap and never imports hypothesis.

- :class:`IndicatorContract`, :class:`SchemeContract`: subclass, name what to test, done;
- the ``check_*`` functions: each property on its own, raising ``AssertionError`` on a counterexample;
- the strategies: :func:`valid_values`, :func:`valid_inputs`, :func:`invalid_inputs` (tagged
  :class:`InvalidCase`), :func:`arbitrary_inputs`, :func:`region_inputs`, :func:`regions`,
  :func:`submissions`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from targetrule.testing.contract import IndicatorContract, SchemeContract
    from targetrule.testing.properties import (
        attainment_cap,
        check_attainment_within_cap,
        check_declaration,
        check_deterministic,
        check_explanation_mentions_numbers,
        check_invalid_inputs_found,
        check_monotone,
        check_rank_follows_composite,
        check_region_order_irrelevant,
        check_scheme_scores_valid_submissions,
        check_valid_inputs_score,
        check_validation_never_raises,
        contract_settings,
        for_all,
    )
    from targetrule.testing.strategies import (
        INVALID_KINDS,
        InvalidCase,
        arbitrary_inputs,
        invalid_inputs,
        invalid_kinds,
        region_inputs,
        regions,
        submissions,
        valid_inputs,
        valid_values,
    )

_HOME = {
    "IndicatorContract": "contract",
    "SchemeContract": "contract",
    "attainment_cap": "properties",
    "check_attainment_within_cap": "properties",
    "check_declaration": "properties",
    "check_deterministic": "properties",
    "check_explanation_mentions_numbers": "properties",
    "check_invalid_inputs_found": "properties",
    "check_monotone": "properties",
    "check_rank_follows_composite": "properties",
    "check_region_order_irrelevant": "properties",
    "check_scheme_scores_valid_submissions": "properties",
    "check_valid_inputs_score": "properties",
    "check_validation_never_raises": "properties",
    "contract_settings": "properties",
    "for_all": "properties",
    "INVALID_KINDS": "strategies",
    "InvalidCase": "strategies",
    "arbitrary_inputs": "strategies",
    "invalid_inputs": "strategies",
    "invalid_kinds": "strategies",
    "region_inputs": "strategies",
    "regions": "strategies",
    "submissions": "strategies",
    "valid_inputs": "strategies",
    "valid_values": "strategies",
}

__all__ = [
    "INVALID_KINDS",
    "IndicatorContract",
    "InvalidCase",
    "SchemeContract",
    "arbitrary_inputs",
    "attainment_cap",
    "check_attainment_within_cap",
    "check_declaration",
    "check_deterministic",
    "check_explanation_mentions_numbers",
    "check_invalid_inputs_found",
    "check_monotone",
    "check_rank_follows_composite",
    "check_region_order_irrelevant",
    "check_scheme_scores_valid_submissions",
    "check_valid_inputs_score",
    "check_validation_never_raises",
    "contract_settings",
    "for_all",
    "invalid_inputs",
    "invalid_kinds",
    "region_inputs",
    "regions",
    "submissions",
    "valid_inputs",
    "valid_values",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'targetrule.testing' has no attribute {name!r}")
    return getattr(importlib.import_module(f"targetrule.testing.{home}"), name)
