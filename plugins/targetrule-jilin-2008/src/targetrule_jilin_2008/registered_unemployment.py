"""一（一）3 城镇登记失业率, as the 2008 rules score it: the 2007 inputs, a stepped ceiling.

Re-declared under a new id (``employment.registered_unemployment_2008``) because the formula
changed: a result under 2007 and one under 2008 are different measurements and must never be
mixed up in a comparison. The inputs are the 2007 item's, so last year's data carries over.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from targetrule import Indicator, Label, hookimpl
from targetrule.indicators.employment.registered_unemployment_rate import INDICATOR as INDICATOR_2007
from targetrule_jilin_2008.stepped_ceiling import SteppedCeiling

INDICATOR = attrs.evolve(
    INDICATOR_2007,
    id="employment.registered_unemployment_2008",
    label=Label("城镇登记失业率（2008 口径）", "Urban registered unemployment rate (2008 rules)"),
    reference="2008 一（一）3",
    formula=SteppedCeiling(rate="rate", ceiling_input="ceiling"),
)


@hookimpl
def targetrule_indicators() -> Sequence[Indicator]:
    """Declare the 2008 registered unemployment rate."""
    return [INDICATOR]
