"""Exact decimal arithmetic for points and money: half-up rounding (四舍五入), never ``round``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from targetrule.decimal_context import CONTEXT

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def half_up(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round ``value`` half up (四舍五入) to ``places`` (default two decimals)."""
    return value.quantize(places, rounding=ROUND_HALF_UP, context=CONTEXT)


def fmt(value: Decimal, places: int = 2) -> str:
    """Format ``value`` half-up with ``places`` decimals and thousands separators."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT):,}"


def fmt_points(value: Decimal) -> str:
    """Format points at the precision they were rounded to (two places at least), with thousands separators."""
    exponent = value.as_tuple().exponent
    return fmt(value, max(2, -exponent) if isinstance(exponent, int) else 2)


def fmt_plain(value: Decimal) -> str:
    """Format a figure as given: integers without decimals, others without trailing zeros."""
    if value == value.to_integral_value(context=CONTEXT):
        return f"{value.quantize(ONE, context=CONTEXT):,}"
    return f"{value.normalize(context=CONTEXT):,f}"


def geometric_mean(values: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    """Weighted geometric mean, exact to 28 digits; zero when any weighted value is zero."""
    total = sum(weights, ZERO)
    if total == 0:
        return ZERO
    if any(v <= 0 for v, w in zip(values, weights, strict=True) if w > 0):
        return ZERO
    log_sum = sum((w * v.ln() for v, w in zip(values, weights, strict=True)), ZERO)
    return (log_sum / total).exp()
