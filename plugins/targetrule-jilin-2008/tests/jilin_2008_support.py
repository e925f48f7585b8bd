"""Where the tests find the plugin: installed (through its entry points), or from this checkout's ``src``.

The root project's test run includes this folder, with or without the plugin installed; without
it, the modules are imported from ``src`` and registered by hand, so the same tests run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from targetrule import Engine, Registry

try:
    import targetrule_jilin_2008
except ImportError:
    sys.path.insert(0, str(Path(__file__).parents[1] / "src"))
    import targetrule_jilin_2008


def registry() -> Registry:
    """Every installed plugin, plus this one's modules when its entry points are not found."""
    found = Registry.default()
    if "jilin-2008" in found.schemes:
        return found
    return Registry.default(extra=targetrule_jilin_2008.plugin_modules())


REGISTRY = registry()
ENGINE = Engine(REGISTRY)
INSTALLED = REGISTRY.plugin_name(targetrule_jilin_2008.plugin_modules()[0]) == "jilin_2008_graduate_employment"
"""True when the plugins came through the distribution's entry points (they are then named after them)."""
