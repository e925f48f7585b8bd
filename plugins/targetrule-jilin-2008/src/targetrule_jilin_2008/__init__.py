"""Jilin 2008 for targetrule: next year's indicators as a plugin distribution.

Adds two items the 2008 evaluation had (graduate employment, labour dispute arbitration
closure), re-declares registered unemployment under a new id with a stepped-ceiling formula (a
formula family this plugin adds), and ships the ``jilin-2008`` scheme, which reuses the 2007
built-in indicators wherever they did not change. See ``schemes/jilin-2008.toml`` for what the
reconstruction changed and why.
"""

from __future__ import annotations

import copy
import json
from importlib import import_module, resources
from types import ModuleType
from typing import Any

__version__ = "0.1.0"

PLUGIN_MODULES = (
    "targetrule_jilin_2008.graduate_employment",
    "targetrule_jilin_2008.arbitration_closure",
    "targetrule_jilin_2008.registered_unemployment",
    "targetrule_jilin_2008.stepped_ceiling",
    "targetrule_jilin_2008.schemes",
)


def plugin_modules() -> list[ModuleType]:
    """The plugin modules, for hosts that build a registry themselves (``Registry.from_plugins``)."""
    return [import_module(name) for name in PLUGIN_MODULES]


def example_submissions() -> dict[str, Any]:
    """The bundled 2007 example data carried into 2008, ready for ``Engine().evaluate("jilin-2008", ...)``.

    Starts from targetrule's ``examples/jilin-2007.json`` and applies this package's
    ``examples/jilin-2008-extension.json``: inputs of items 2008 no longer evaluates are left out,
    renamed items take their 2007 figures, and the new items' inputs are added per region.
    """
    base = json.loads((resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8"))
    extension = json.loads(
        (resources.files("targetrule_jilin_2008") / "examples" / "jilin-2008-extension.json").read_text(
            encoding="utf-8"
        )
    )
    document: dict[str, Any] = copy.deepcopy(base)
    document["scheme"], document["period"], document["note"] = (
        extension["scheme"],
        extension["period"],
        extension["note"],
    )
    dropped = tuple(extension["drop_prefixes"])
    renamed: dict[str, str] = extension["rename"]
    for region in document["regions"]:
        inputs = {renamed.get(k, k): v for k, v in region["inputs"].items() if not k.startswith(dropped)}
        inputs.update(extension["regions"].get(region["id"], {}))
        region["inputs"] = inputs
    return document
