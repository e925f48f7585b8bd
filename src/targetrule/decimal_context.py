"""The decimal context every computation runs under, whatever context the host has set.

Python's decimal context belongs to the caller's thread: a host that set ``prec = 4``, another
rounding or traps on ``Inexact`` must still get the same points as everyone else. Every public
entry point that computes or formats a number runs under a fresh copy of :data:`CONTEXT`
(``decimal.localcontext``), so results never depend on the caller's context and the caller's
context is left exactly as it was found. Contexts are per thread, so this is thread-safe.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# Python's default context, spelt out: 28 significant digits, traps on invalid operations, division
# by zero and overflow. Points and money are rounded half up explicitly where they are shown.
CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def exact(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` under a fresh copy of :data:`CONTEXT`, restoring the caller's context after."""

    @functools.wraps(function)
    def under_context(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(CONTEXT):
            return function(*args, **kwargs)

    return under_context
