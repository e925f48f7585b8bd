"""The streaming path: regions read, checked and scored one at a time, decided once all are in.

For inputs too big to hold: :meth:`targetrule.Engine.evaluate_iter` takes an iterable of regions
(the JSON objects of a submissions document's ``regions`` list, e.g. read line by line from a JSON
Lines file) and yields each region's result as soon as it is scored, so a host writes it out and
lets it go. Only a small summary of each region stays behind for the decision (composite, vetoes,
gate, tie-break points); after the last region, :meth:`EvaluationStream.outcome` ranks, grades and
awards from the summaries with the same rules as :meth:`~targetrule.Engine.evaluate`.

The steps a plugin adds (verified figures, counties rolled up) see the regions a chunk at a
time (``chunk_size`` regions), so a city's counties must come in the same chunk as the city.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from attrs import evolve, frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, finding
from targetrule.fingerprint import canonical_json
from targetrule.ranking import NOT_RANKED, missed_targets, standings, with_standing
from targetrule.region_scores import RegionScores
from targetrule.results import Adjustment, Provenance, RegionResult
from targetrule.scheme import Scheme
from targetrule.steps import Prepared, run_steps
from targetrule.submissions import RegionData, Submissions, read_region
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.engine import Engine, _RegionScorer

Mode = Literal["strict", "lenient"]


@frozen
class Standing:
    """A region's place in the decision: rank, grade and award, with the reasons (as on :class:`RegionResult`)."""

    rank: int | None
    grade: str | None
    grade_label: Label | None
    grade_note: Label | None
    award: str | None = None
    award_label: Label | None = None
    eligible_for_awards: bool = False
    ineligible_because: tuple[Label, ...] = ()

    def apply(self, result: RegionResult) -> RegionResult:
        """``result`` with this standing, as :meth:`~targetrule.Engine.evaluate` would have given it."""
        return with_standing(
            result,
            {
                "rank": self.rank,
                "grade": self.grade,
                "grade_label": self.grade_label,
                "grade_note": self.grade_note,
                "award": self.award,
                "award_label": self.award_label,
                "eligible_for_awards": self.eligible_for_awards,
                "ineligible_because": self.ineligible_because,
            },
        )


@frozen
class StreamOutcome:
    """The decision over every streamed region: whether it ranked, each region's standing, the findings."""

    ranked: bool
    standings: Mapping[str, Standing]  # by region id; empty when not ranked
    findings: tuple[Finding, ...]  # about the document as a whole (each region's are on its result)
    errors: int  # how many findings, of the document and of every region, are errors
    regions: int
    provenance: Provenance
    not_ranked_because: Label | None = None

    def ranking(self) -> list[str]:
        """The ranked region ids, best first (ties by id, as in :meth:`Evaluation.ranking`)."""
        ranked = [(s.rank, region) for region, s in self.standings.items() if s.rank is not None]
        return [region for _, region in sorted(ranked)]


class _TiePoints:
    """The points a scheme's tie-breaks read, kept from a region's scores (``points_of``, ``points_of_area``)."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: tuple[Decimal, ...]) -> None:
        self._index = index
        self._values = values

    def points_of(self, indicator_id: str) -> Decimal:
        """An item's points."""
        return self._values[self._index["indicator:" + indicator_id]]

    def points_of_area(self, area_id: str) -> Decimal:
        """An area's points."""
        return self._values[self._index["area:" + area_id]]


class _Id(NamedTuple):
    """A region as the decision reads it: by id alone (the whole :class:`Region` is not kept)."""

    id: str


class _Summary(NamedTuple):
    """What the decision needs of one region (the names :func:`targetrule.ranking.standings` reads)."""

    region: _Id
    survey_only: bool
    gate_passed: bool
    composite: Decimal
    vetoes: tuple[str, ...]
    adjustments: tuple[Adjustment, ...]
    scores: _TiePoints
    gate_missed: tuple[Label, ...] = ()  # the gate's targets missed, named in the gate note


class EvaluationStream:
    """Regions scored as they are read: iterate once for the results, then ask :meth:`outcome`."""

    def __init__(
        self,
        engine: Engine,
        scheme: Scheme,
        regions: Iterable[Any],
        *,
        mode: Mode,
        chunk_size: int,
        given: Mapping[str, Any],
    ) -> None:
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
        self._engine = engine
        self._scheme = scheme
        self._regions = regions
        self._mode = mode
        self._chunk_size = chunk_size
        self._given = given
        self._started = False
        self._finished = False
        self._summaries: list[_Summary] = []
        self._seen: dict[str, int] = {}  # region id -> its index in the input, for a duplicate's finding
        self._findings: list[Finding] = []
        self._errors = 0
        self._provenance: dict[str, Any] = {}
        self._hash = hashlib.sha256()
        ties = scheme.spec.ranking.tie_break
        self._tie_index = {tie: n for n, tie in enumerate(ties)}

    def __iter__(self) -> Iterator[RegionResult]:
        """Each region's result as it is scored, in input order: not yet ranked (see :meth:`outcome`)."""
        if self._started:
            raise RuntimeError("an evaluation stream is read once / 流式评估只能读取一次")
        self._started = True
        return self._run()

    def _run(self) -> Iterator[RegionResult]:
        scorer = self._engine._scorer(self._scheme)
        chunk: list[RegionData] = []
        problems: list[Finding] = []
        for index, raw in enumerate(self._regions):
            self._hash.update(canonical_json(raw) + b"\n")
            data = read_region(raw, index, problems)
            if data is not None:
                chunk.append(data)
            if len(chunk) >= self._chunk_size:
                yield from self._chunk(scorer, chunk, problems)
                chunk, problems = [], []
        if not self._seen and not chunk:
            problems.append(finding("submission.empty", path="$.regions"))
        yield from self._chunk(scorer, chunk, problems)
        self._finished = True

    @exact
    def _prepare(self, submissions: Submissions) -> Prepared:
        steps = tuple(self._engine.registry.steps.values())
        return run_steps(steps, self._scheme, submissions, self._given, self._engine._step_owner)

    @exact
    def _score(self, scorer: _RegionScorer, data: RegionData, prepared: Any) -> RegionResult:
        return scorer.score(data, prepared)

    def _chunk(
        self, scorer: _RegionScorer, chunk: Sequence[RegionData], problems: list[Finding]
    ) -> Iterator[RegionResult]:
        """Steps over one chunk, then each of its regions checked, scored and summarised."""
        self._note(problems)
        if not chunk:
            return
        prepared = self._prepare(Submissions(tuple(chunk)))
        self._note(prepared.findings)
        self._provenance.update(prepared.provenance)
        for data in chunk:
            region_id = data.region.id
            first = self._seen.get(region_id)
            if first is not None:
                self._note([finding("region.duplicate", region=region_id, path=data.path, first=f"$.regions[{first}]")])
                continue
            self._seen[region_id] = len(self._seen)
            result = self._score(scorer, data, prepared.regions.get(region_id))
            self._errors += sum(1 for f in result.findings if f.is_error)
            self._summaries.append(self._summary(result))
            yield result

    def _note(self, findings: Iterable[Finding]) -> None:
        for item in findings:
            self._findings.append(item)
            self._errors += item.is_error

    def _summary(self, result: RegionResult) -> _Summary:
        scores: RegionScores = result.scores
        values = tuple(
            scores.points_of_area(ref) if kind == "area" else scores.points_of(ref)
            for kind, _, ref in (tie.partition(":") for tie in self._tie_index)
        )
        return _Summary(
            _Id(result.region.id),
            result.survey_only,
            result.gate_passed,
            result.composite,
            result.vetoes,
            result.adjustments,
            _TiePoints(self._tie_index, values),
            () if result.gate_passed else missed_targets(result, self._scheme),
        )

    @exact
    def outcome(self) -> StreamOutcome:
        """Rank, grade and award every streamed region (after the iteration has ended)."""
        if not self._finished:
            raise RuntimeError(
                "read every region of the stream before asking for its outcome / 请先读完全部地区再取评定结果"
            )
        ranked = bool(self._summaries) and (self._mode == "lenient" or not self._errors)
        found: dict[str, Standing] = {}
        if ranked:
            for region, change in standings(self._summaries, self._scheme).items():
                found[region] = Standing(**change)
        engine_provenance = self._engine.provenance(self._scheme, Submissions(()))
        provenance = evolve(engine_provenance, input_sha256=self._hash.hexdigest(), **self._provenance)
        return StreamOutcome(
            ranked=ranked,
            standings=found,
            findings=tuple(self._findings),
            errors=self._errors,
            regions=len(self._summaries),
            provenance=provenance,
            not_ranked_because=None if ranked else NOT_RANKED,
        )


def stream(
    engine: Engine,
    scheme: Scheme,
    regions: Iterable[Any],
    *,
    mode: Mode = "strict",
    chunk_size: int = 1000,
    given: Mapping[str, Any] | None = None,
) -> EvaluationStream:
    """An :class:`EvaluationStream` of ``regions`` under ``scheme`` (what :meth:`Engine.evaluate_iter` returns)."""
    return EvaluationStream(engine, scheme, regions, mode=mode, chunk_size=chunk_size, given=given or {})
