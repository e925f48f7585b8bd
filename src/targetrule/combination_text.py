"""The formula of a combination written out, for explanations: "(0.948^⅓ × 0.906^⅓ × 0.978^⅓) × 1 = 0.944".

A sum is shown as a sum, a weighted mean as a mean, a weighted geometric mean as a product of
powers and a minimum as ``min(…)``; a plugin's method by its name. The parts are shown to the
scheme's precision (at least three places), the result as :func:`aggregation.combined_points`
computes it: from the unrounded parts, rounded once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from targetrule.aggregation import Aggregation, combined_points
from targetrule.rounding import ZERO, half_up
from targetrule.text import Label

_VULGAR = {
    Fraction(1, 2): "½",
    Fraction(1, 3): "⅓",
    Fraction(2, 3): "⅔",
    Fraction(1, 4): "¼",
    Fraction(3, 4): "¾",
    Fraction(1, 5): "⅕",
    Fraction(2, 5): "⅖",
    Fraction(3, 5): "⅗",
    Fraction(4, 5): "⅘",
    Fraction(1, 6): "⅙",
    Fraction(5, 6): "⅚",
    Fraction(1, 8): "⅛",
    Fraction(3, 8): "⅜",
    Fraction(5, 8): "⅝",
    Fraction(7, 8): "⅞",
}


def _shown(value: Decimal, quantum: Decimal) -> str:
    return str(half_up(value, min(quantum, Decimal("0.001"))))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _exponent(weight: Decimal, total: Decimal) -> str:
    share = Fraction(weight) / Fraction(total)
    if share == 1:
        return ""
    return "^" + _VULGAR.get(share, f"({share.numerator}/{share.denominator})")


def formula(method: Aggregation, shares: Sequence[Decimal], weights: Sequence[Decimal], quantum: Decimal) -> str:
    """The combination of ``shares`` under ``weights`` as a person would write it."""
    parts = [_shown(s, quantum) for s in shares]
    total = sum(weights, ZERO)
    if method.name in ("sum", "weighted_mean"):
        if len(set(weights)) == 1:
            return f"({' + '.join(parts)}) / {len(parts)}" if len(parts) > 1 else parts[0]
        terms = " + ".join(f"{p} × {_plain(w)}" for p, w in zip(parts, weights, strict=True))
        return f"({terms}) / {_plain(total)}"
    if method.name == "weighted_geometric_mean" and total > 0:
        return "(" + " × ".join(f"{p}{_exponent(w, total)}" for p, w in zip(parts, weights, strict=True) if w) + ")"
    if method.name == "minimum":
        return f"min({', '.join(parts)})"
    weighted = ", ".join(f"{p} × {_plain(w)}" for p, w in zip(parts, weights, strict=True))
    return f"{method.name}({weighted})"


def explain_combination(
    method: Aggregation, shares: Sequence[Decimal], weights: Sequence[Decimal], points: Decimal, quantum: Decimal
) -> Label:
    """The sentence of a non-additive area or composite: its real formula, × its full marks, = its points."""
    value = combined_points(method, shares, weights, points, quantum)
    written = formula(method, shares, weights, quantum)
    return Label(
        f"{method.label.zh}：{written} × 满分 {_plain(points)} = {value}",
        f"{method.label.en}: {written} × full marks {_plain(points)} = {value}",
    )
