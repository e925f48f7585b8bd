"""Steps a host adds to the pipeline, run once per evaluation over the submissions before they are checked.

The engine reads the submissions, runs the steps, then checks, scores, aggregates and decides
(docs/architecture.md, "The pipeline"). A step looks at the whole document at once and hands
back plain data: findings about the document, and for the regions it changes their data as the
later stages see it, with findings, adjustments and discrepancies of their own. The inspection
workflow's steps (``targetrule.inspection``: counties not rolled up, verified figures) are
provided this way, by the core plugin's ``targetrule_steps`` hook; the engine never imports them.

A region no step changes costs one dict lookup when it is scored.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from attrs import evolve, field, frozen

if TYPE_CHECKING:  # annotations only: the registry imports this module, and stays light
    from targetrule.findings import Finding
    from targetrule.results import Adjustment, Discrepancy
    from targetrule.scheme import Scheme
    from targetrule.submissions import RegionData, Submissions


@frozen
class PreparedRegion:
    """What a step makes of one region: its data as the later stages see it, and what it found there.

    ``findings`` come first among the region's findings; ``adjustments`` are added after the
    region's own bonus and deduction claims; ``discrepancies`` are the region's
    (``RegionResult.discrepancies``).
    """

    data: RegionData
    findings: tuple[Finding, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()


@frozen
class Prepared:
    """What a step hands on: findings about the document, the regions it changed, provenance it records.

    ``regions`` holds only the regions the step changed, by id; an entry applies to the first
    region with that id (a later one with the same id is reported as a duplicate and not scored).
    ``findings`` are reported before any region's. ``provenance`` names fields of
    :class:`~targetrule.results.Provenance` the step sets (e.g. ``verifications_sha256``).
    """

    findings: tuple[Finding, ...] = ()
    regions: Mapping[str, PreparedRegion] = field(factory=dict)
    provenance: Mapping[str, Any] = field(factory=dict)


@runtime_checkable
class Step(Protocol):
    """A step of the pipeline between reading and checking; plugins provide steps through ``targetrule_steps``."""

    @property
    def name(self) -> str:
        """Unique among the registry's steps (``hierarchy.not_rolled_up``, ``verification``)."""
        ...

    @property
    def inputs(self) -> Collection[str]:
        """The per-call inputs of :meth:`targetrule.Engine.evaluate` the step reads (``verifications``)."""
        ...

    def prepare(self, scheme: Scheme, submissions: Submissions, given: Mapping[str, Any]) -> Prepared:
        """Look at every region once; ``given`` holds the per-call inputs the host passed, by name."""
        ...


def run_steps(
    steps: Sequence[Step],
    scheme: Scheme,
    submissions: Submissions,
    given: Mapping[str, Any],
    owner: Callable[[Step], tuple[str, str]] = lambda step: (repr(step), "(unknown)"),
) -> Prepared:
    """The steps in order, each seeing the regions as the steps before it left them; their results combined.

    An input passed to ``evaluate`` that no step reads is a ``ValueError``: it would otherwise be
    ignored without a word (a registry built without the core plugin has no inspection steps).
    A step that raises or hands back anything but a :class:`Prepared` is isolated like any plugin's
    code: its work is left out and a ``step.failed`` error names it, with the plugin and
    distribution ``owner`` gives, so strict mode does not rank on data a step failed to prepare.
    """
    unread = [name for name, value in given.items() if value is not None and not any(name in s.inputs for s in steps)]
    if unread:
        raise ValueError(
            f"no step of the pipeline reads {', '.join(unread)}: the registry lacks the plugin that provides it"
            " (targetrule.builtin provides the inspection steps)"
        )
    findings: list[Finding] = []
    regions: dict[str, PreparedRegion] = {}
    provenance: dict[str, Any] = {}
    for step in steps:
        try:
            prepared = _checked(step.prepare(scheme, _as_left(submissions, regions), given))
        except Exception as exc:  # a plugin's bug must not stop the evaluation, nor pass unnoticed
            from targetrule.findings import finding

            plugin, distribution = owner(step)
            findings.append(
                finding(
                    "step.failed",
                    path="$",
                    step=getattr(step, "name", repr(step)),
                    plugin=plugin,
                    distribution=distribution,
                    error=repr(exc),
                )
            )
            continue
        findings.extend(prepared.findings)
        provenance.update(prepared.provenance)
        for region_id, found in prepared.regions.items():
            before = regions.get(region_id)
            regions[region_id] = (
                found
                if before is None
                else PreparedRegion(
                    found.data,
                    before.findings + found.findings,
                    before.adjustments + found.adjustments,
                    before.discrepancies + found.discrepancies,
                )
            )
    return Prepared(tuple(findings), regions, provenance)


def _checked(prepared: Any) -> Prepared:
    """``prepared`` when it is what a step must hand back, else a ``TypeError`` saying what was wrong."""
    from attrs import fields_dict

    from targetrule.findings import Finding
    from targetrule.results import Provenance

    if not isinstance(prepared, Prepared):
        raise TypeError(f"prepare() returned {type(prepared).__name__}, not Prepared")
    if not all(isinstance(f, Finding) for f in prepared.findings):
        raise TypeError("prepare() returned findings that are not Finding objects")
    if not isinstance(prepared.regions, Mapping) or not all(
        isinstance(k, str) and isinstance(v, PreparedRegion) for k, v in prepared.regions.items()
    ):
        raise TypeError("prepare() returned regions that are not a mapping of region id to PreparedRegion")
    if not isinstance(prepared.provenance, Mapping):
        raise TypeError("prepare() returned provenance that is not a mapping")
    unknown = sorted(set(prepared.provenance) - set(fields_dict(Provenance)))
    if unknown:
        raise TypeError(f"prepare() set provenance fields that do not exist: {', '.join(map(str, unknown))}")
    return prepared


def _as_left(submissions: Submissions, regions: Mapping[str, PreparedRegion]) -> Submissions:
    """``submissions`` with the first region of each id replaced by the data an earlier step left."""
    if not regions:
        return submissions
    seen: set[str] = set()
    replaced: list[RegionData] = []
    for data in submissions.regions:
        region_id = data.region.id
        prepared = regions.get(region_id) if region_id not in seen else None
        seen.add(region_id)
        replaced.append(data if prepared is None else prepared.data)
    return evolve(submissions, regions=tuple(replaced))
