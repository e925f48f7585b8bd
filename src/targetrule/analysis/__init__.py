"""Sensitivity and uncertainty analysis: how firm each rank is, and what drives it (docs/sensitivity.md).

``sensitivity(evaluation, spec, draws=, seed=)`` varies what the spec says (the areas' weights,
the composite's aggregation, formula parameters, the items' points, the reported figures),
re-decides every draw by the scheme's rules (composite, ranks with
the tie rules, grades with quotas and vetoes, the gate, awards) and reports per region its rank
band and the chances of each grade and prize, and per factor its Sobol indices. ``replay`` runs
one draw through the normal :class:`~targetrule.Engine` to the same numbers.

numpy and scipy come with the optional extra ``targetrule[analysis]``; the core never imports them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from targetrule.analysis.spec import DEFAULT_SPEC, SPEC_SCHEMA, SpecError, UncertaintySpec, checked, load_spec
from targetrule.decimal_context import exact
from targetrule.findings import TargetruleError
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.analysis.draws import Draw
    from targetrule.analysis.report import SensitivityResult
    from targetrule.engine import Engine, SubmissionsLike
    from targetrule.results import Evaluation
    from targetrule.scheme import Scheme

__all__ = [
    "DEFAULT_SPEC",
    "SPEC_SCHEMA",
    "AnalysisUnavailableError",
    "NotRankedError",
    "SpecError",
    "UncertaintySpec",
    "load_spec",
    "replay",
    "sensitivity",
]


class AnalysisUnavailableError(TargetruleError):
    """numpy or scipy is not installed; names the extra that brings them."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.extra = "analysis"
        self.message = Label(
            f"缺少可选依赖 {module}，请安装：pip install 'targetrule[analysis]'",
            f"the optional dependency {module} is missing; install it with: pip install 'targetrule[analysis]'",
        )
        super().__init__(str(self.message))


class NotRankedError(TargetruleError):
    """The evaluation was not ranked (strict mode found errors in the data): there are no ranks to vary."""

    def __init__(self) -> None:
        self.message = Label(
            "该考评未排名（严格模式下数据有错误），无法做敏感性分析；请先改正数据或用宽松模式",
            "the evaluation is not ranked (strict mode found errors in the data), so there is nothing to "
            "analyse; correct the data or use lenient mode",
        )
        super().__init__(str(self.message))


def _require() -> None:
    for module in ("numpy", "scipy"):
        try:
            importlib.import_module(module)
        except ImportError:
            raise AnalysisUnavailableError(module) from None


@exact
def sensitivity(
    evaluation: Evaluation,
    spec: UncertaintySpec | str | Path | None = None,
    *,
    draws: int = 1000,
    seed: int = 0,
    scheme: Scheme | None = None,
    engine: Engine | None = None,
    progress: Callable[[int], None] | None = None,
) -> SensitivityResult:
    """Vary ``evaluation``'s scheme as ``spec`` says (default :data:`DEFAULT_SPEC`) over ``draws`` seeded draws.

    ``spec`` is an :class:`UncertaintySpec`, or a TOML file's path or text. ``scheme`` is the scheme
    the evaluation ran under (default: loaded by its id with ``engine``, or a default engine);
    ``progress`` is called with the number of draws done after each chunk.
    """
    _require()
    from targetrule.analysis.run import analyse

    if draws < 0:
        raise ValueError("draws must be at least 0")
    if engine is None:
        from targetrule.engine import Engine

        engine = Engine()
    if scheme is None:
        scheme = engine.load_scheme(evaluation.provenance.scheme_origin if _is_file(evaluation) else evaluation.scheme)
    if not evaluation.ranked:
        raise NotRankedError()
    aggregations = list(engine.registry.aggregations)
    if spec is None:
        spec = DEFAULT_SPEC
    elif not isinstance(spec, UncertaintySpec):
        spec = load_spec(spec, scheme=scheme, aggregations=aggregations)
    else:
        spec = checked(spec, scheme=scheme, aggregations=aggregations)  # built in Python: checked like a file
    return analyse(evaluation, scheme, spec, engine.registry, draws=draws, seed=seed, progress=progress)


def with_figures(data: SubmissionsLike, figures: Iterable[tuple[str, str, str, Decimal]]) -> dict[str, Any]:
    """The submissions document of ``data`` with some figures replaced: (region, indicator, input, value)."""
    import copy

    from targetrule.submissions import Submissions, load_submissions

    if isinstance(data, str | Path):
        data = load_submissions(data)
    document = copy.deepcopy(data.raw if isinstance(data, Submissions) else data)
    regions = document["regions"] if isinstance(document, Mapping) else document
    by_id = {r.get("id"): r for r in regions if isinstance(r, Mapping)}
    for region, indicator, name, value in figures:
        by_id[region]["inputs"][indicator][name] = value
    return document if isinstance(document, dict) else {"regions": document}


def _is_file(evaluation: Evaluation) -> bool:
    origin = evaluation.provenance.scheme_origin
    return bool(origin) and not origin.startswith("targetrule:") and Path(origin).is_file()


@exact
def replay(
    draw: Draw,
    scheme: Scheme,
    data: SubmissionsLike,
    *,
    engine: Engine | None = None,
    mode: str = "strict",
    **evaluate: Any,
) -> Evaluation:
    """Evaluate ``data`` through the normal engine under ``scheme`` with one draw's weights and aggregation.

    The scheme's composite becomes its drawn aggregation applied under the drawn weights, the
    varied items take the draw's parameter values and full marks, and the data the draw's figures
    (the other items score as before), so the evaluation's composites, ranks, grades and awards are
    the ones the analysis counted for that draw, each with its explanation.
    """
    from attrs import evolve

    from targetrule.analysis.draws import replay_weights
    from targetrule.analysis.item_points import with_item_points
    from targetrule.analysis.parameters import with_parameters
    from targetrule.analysis.recompute import draw_aggregation

    if engine is None:
        from targetrule.engine import Engine

        engine = Engine()
    own = scheme.aggregation
    method = own if draw.aggregation == own.name else engine.registry.aggregations[draw.aggregation]
    varied = with_parameters(scheme, {(indicator, name): value for indicator, name, value in draw.parameters})
    varied = with_item_points(varied, draw.item_points)
    figures = draw.figures
    if figures:
        data = with_figures(data, figures)
    aggregation = draw_aggregation(method, replay_weights(draw), f"sensitivity.draw-{draw.index}")
    drawn = evolve(varied, aggregation=aggregation)
    return engine.evaluate(drawn, data, mode=mode, **evaluate)  # type: ignore[arg-type]
