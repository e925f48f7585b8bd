"""Where the tests find the plugin: installed (through its entry points), or from this checkout's ``src``.

The root project's test run includes this folder, with or without the plugin installed; without
it, the modules are imported from ``src`` and registered by hand, so the same tests run.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from targetrule import Engine, Registry

try:
    metadata.distribution("targetrule-jilin-2008")
    INSTALLED = True
except metadata.PackageNotFoundError:
    INSTALLED = False
    sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

import targetrule_jilin_2008


def registry() -> Registry:
    """Every installed plugin, plus this one when it is not installed."""
    if INSTALLED:
        return Registry.default()
    return Registry.default(extra=targetrule_jilin_2008.plugin_modules())


REGISTRY = registry()
ENGINE = Engine(REGISTRY)
