"""Exact decimal arithmetic for points and money: half-up rounding (四舍五入), never ``round``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def half_up(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round ``value`` half up (四舍五入) to ``places`` (default two decimals)."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


def fmt(value: Decimal, places: int = 2) -> str:
    """Format ``value`` half-up with ``places`` decimals and thousands separators."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,}"


def fmt_plain(value: Decimal) -> str:
    """Format a figure as given: integers without decimals, others without trailing zeros."""
    if value == value.to_integral_value():
        return f"{value.quantize(ONE):,}"
    return f"{value.normalize():,f}"


def allocate(total: Decimal, shares: Sequence[Decimal], places: Decimal = CENT) -> list[Decimal]:
    """Split a rounded ``total`` in proportion to ``shares`` so the rounded parts add up to it.

    Largest-remainder method: each part is rounded down, then the units left over go to the
    parts with the largest remainders (earliest first on ties), so displayed parts always sum
    exactly to the displayed total.
    """
    weight = sum(shares, ZERO)
    if not shares:
        return []
    if weight == 0:
        parts = [ZERO] * len(shares)
        parts[0] = total
        return parts
    raw = [total * share / weight for share in shares]
    floored = [r.quantize(places, rounding=ROUND_DOWN) for r in raw]
    left = int(((total - sum(floored, ZERO)) / places).to_integral_value())
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floored[i]), i))
    for i in order[:left]:
        floored[i] += places
    return floored


def geometric_mean(values: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    """Weighted geometric mean, exact to 28 digits; zero when any weighted value is zero."""
    total = sum(weights, ZERO)
    if total == 0:
        return ZERO
    if any(v <= 0 for v, w in zip(values, weights, strict=True) if w > 0):
        return ZERO
    log_sum = sum((w * v.ln() for v, w in zip(values, weights, strict=True)), ZERO)
    return (log_sum / total).exp()


def is_finite_number(value: float) -> bool:
    """True for a finite float (no NaN, no infinity)."""
    return math.isfinite(value)
