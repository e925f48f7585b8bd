"""An opt-in for hosts that own their process: pause the cyclic garbage collector while results are built.

An evaluation allocates a few hundred thousand small objects (one result per region and
indicator) and no reference cycles. With the collector running, its passes over the growing
results cost a share of the engine's time (docs/benchmark.md measures it); with it merely paused,
the first young-generation pass afterwards walks every new result once, and a later pass walks them
again before they reach the oldest generation. So this context manager pauses the collector and
afterwards moves the objects made since straight to the oldest generation (``gc.freeze()`` then
``gc.unfreeze()``: two list splices, no walk).

Both are process-wide: ``gc.disable()`` is seen by every thread of the host, and ``gc.freeze()``
promotes *every* young object of the process, not only the results. That is why the library never
does this on its own: :meth:`targetrule.Engine.evaluate` leaves the collector alone, and only a
program that owns its process — the ``targetrule`` command line, a batch job — wraps evaluations in
:func:`paused_for_long_lived_results`. A host that has frozen objects of its own (before forking,
say) is left as it was: then the collector is only paused and resumed. Not for multi-threaded hosts.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_for_long_lived_results() -> Iterator[None]:
    """Pause the cyclic collector for the block; then file what the block made as long-lived."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
