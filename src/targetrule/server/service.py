"""What the server fixes at start: the engine with its plugins, every scheme loaded once, the limits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, TypeVar

from targetrule.server.config import Limits
from targetrule.server.inputs import Posted, read_posted
from targetrule.server.work import Workers

if TYPE_CHECKING:
    from targetrule.engine import Engine
    from targetrule.formats.loaded import LoadedData
    from targetrule.results import Evaluation
    from targetrule.scheme import Scheme

T = TypeVar("T")


class Service:
    """The engine, its schemes by id and the limits, shared by every request (nothing else is kept)."""

    def __init__(self, engine: Engine, limits: Limits) -> None:
        self.engine = engine
        self.limits = limits
        self.plugins = engine.registry.plugins()  # fixed at start, listed by /healthz
        self.schemes: Mapping[str, Scheme] = {
            name: engine.load_scheme(name) for name in sorted(engine.registry.schemes)
        }
        self.workers = Workers(limits)

    async def run(self, function: Callable[[], T]) -> T:
        """``function()`` in a worker thread within the time limit."""
        return await self.workers.run(function)

    async def evaluate(
        self, posted: Posted, scheme: Scheme, mode: Literal["strict", "lenient"]
    ) -> tuple[Evaluation, LoadedData]:
        """Read and evaluate the posted data as the command line does, every finding pointing into the upload."""
        from targetrule.formats.loaded import relocate_evaluation
        from targetrule.targets import apply_targets

        def evaluate() -> tuple[Evaluation, LoadedData]:
            loaded = read_posted(posted, scheme, self.limits.max_regions)
            # no targets file over HTTP (yet): the returns' own targets, with the warning that says so
            submissions = apply_targets(scheme, loaded.submissions, None)
            evaluation = self.engine.evaluate(scheme, submissions, mode=mode)
            return relocate_evaluation(evaluation, loaded), loaded

        return await self.run(evaluate)
