"""Run-wide settings of the contract suite, set by the pytest plugin; imports nothing heavy."""

from __future__ import annotations

max_examples: int | None = None
"""Examples per property when neither the call nor the contract class says; ``None``: the suite's default."""
