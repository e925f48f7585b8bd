"""The pytest plugin (entry point ``pytest11``: ``targetrule``): an option and two fixtures, inert unless used.

pytest loads it in every run of an environment where targetrule is installed, so it imports
neither hypothesis nor the engine until a fixture asks for them. It adds:

- ``--targetrule-max-examples N`` (or ini ``targetrule_max_examples``): examples per contract property;
- ``targetrule_registry``: the registry of every installed plugin (session-scoped);
- ``targetrule_engine``: an engine over it;
- every ``*.cases.toml`` file as tests, one per case (docs/case-files.md).

Disable it with ``-p no:targetrule``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from targetrule.engine import Engine
    from targetrule.registry import Registry


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--targetrule-max-examples`` and its ini twin."""
    group = parser.getgroup("targetrule", "targetrule contract suite")
    group.addoption(
        "--targetrule-max-examples",
        type=int,
        default=None,
        help="hypothesis examples per targetrule contract property (default 40 per indicator, 10 per scheme)",
    )
    parser.addini("targetrule_max_examples", "hypothesis examples per targetrule contract property", default="")


def pytest_configure(config: pytest.Config) -> None:
    """Pass the example count to the contract suite, if one was given."""
    given = config.getoption("--targetrule-max-examples") or config.getini("targetrule_max_examples")
    if given:
        from targetrule.testing import _config

        try:
            _config.max_examples = int(given)
        except ValueError:
            raise pytest.UsageError(
                f"targetrule_max_examples 应为整数 / must be a whole number, got {given!r}"
            ) from None


def pytest_unconfigure(config: pytest.Config) -> None:
    """Put the example count back, so a later run in the same process starts from the default."""
    from targetrule.testing import _config

    _config.max_examples = None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a ``*.cases.toml`` file: each of its cases is a test."""
    if not file_path.name.endswith(".cases.toml"):
        return None
    from targetrule.testing.case_items import CaseFile

    return CaseFile.from_parent(parent, path=file_path)


@pytest.fixture(scope="session")
def targetrule_registry() -> Registry:
    """The registry of the built-in and every installed plugin."""
    from targetrule.registry import Registry

    return Registry.default()


@pytest.fixture(scope="session")
def targetrule_engine(targetrule_registry: Registry) -> Engine:
    """An engine over :func:`targetrule_registry`."""
    from targetrule.engine import Engine

    return Engine(targetrule_registry)
