"""How the engine treats Python's cyclic garbage collector while it builds results.

An evaluation allocates a few hundred thousand small objects (one result per region and
indicator) and no reference cycles. With the collector running, its passes over the growing
results cost about a third of the engine's time; with it merely paused, the first young-generation
pass afterwards walks every new result once, and a later pass walks them again before they reach
the oldest generation, which is where results that a host keeps belong. So the collector is paused
while the results are built, and afterwards the objects made since are moved straight to the oldest
generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, no walk). Reference counting
frees everything as usual; only objects that are garbage in a cycle wait for the next full
collection instead of the next young one. A host that has frozen objects of its own (before
forking, say) is left as it was: then the collector is only paused and resumed.
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
