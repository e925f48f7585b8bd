"""The engine: the evaluation pipeline, read → (verify) → check → score → aggregate → decide → report.

Each stage hands plain data to the next (docs/architecture.md, "The pipeline"). The steps between
reading and checking are the ones plugins add (:mod:`targetrule.steps`; the inspection workflow's
come from the core plugin): the engine never imports :mod:`targetrule.inspection`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from attrs import evolve

from targetrule.aggregation import Aggregation
from targetrule.decimal_context import exact
from targetrule.fast_path import FastCheck, fast_check
from targetrule.findings import Finding, did_you_mean, finding, has_errors
from targetrule.fingerprint import sha256_of
from targetrule.formulas import Attainment, Formula, value_scorer
from targetrule.indicator import Indicator
from targetrule.ranking import NOT_RANKED, decide
from targetrule.region_scores import AreaLayout, ItemLayout, RegionScores, ScoreLayout
from targetrule.registry import Registry
from targetrule.results import Adjustment, Evaluation, PluginRecord, Provenance, RegionResult, SpecialReport
from targetrule.rounding import ZERO, half_up
from targetrule.scheme import ResolvedArea, Scheme, SchemeSource
from targetrule.scheme_loader import SchemeError, load_scheme
from targetrule.scoring import bad_attainment, combined_share, formula_failed, highest_attainment, score_values
from targetrule.steps import Prepared, PreparedRegion, Step, run_steps
from targetrule.submissions import RegionData, Submissions, load_submissions, read_submissions
from targetrule.text import Label
from targetrule.validation import input_path

if TYPE_CHECKING:
    from targetrule.streaming import EvaluationStream

Mode = Literal["strict", "lenient"]
SubmissionsLike = Submissions | Mapping[str, Any] | Sequence[Any] | str | Path
# Verified figures passed apart from the submissions: Verification objects or JSON objects, a JSON
# document or its path (targetrule.inspection.verification.VerificationsLike), for the verification step.
VerificationsLike = Iterable[Any] | Mapping[str, Any] | str | Path


class Engine:
    """Scores submissions under a scheme with the plugins of a :class:`Registry`."""

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        plugins: Sequence[str] | None = None,
        entry_points: bool = True,
    ) -> None:
        """Use ``registry``, or build the default one: the built-ins and the installed entry points.

        ``plugins`` is an allowlist of entry points (by entry-point or distribution name): only
        those load, and the others are never imported; ``entry_points=False`` loads none.
        """
        if registry is not None and (plugins is not None or not entry_points):
            raise ValueError("pass a registry, or plugins / entry_points to build one, not both")
        self.registry = (
            registry if registry is not None else Registry.default(plugins=plugins, entry_points=entry_points)
        )
        # Generated checks of the registry's own indicators, compiled once per engine (never module-wide).
        self._fast_checks: dict[str, FastCheck] = {}

    @exact
    def load_scheme(self, name: str | Path) -> Scheme:
        """A scheme by id (shipped by a plugin) or by the path of a TOML file."""
        source = self.registry.schemes.get(str(name))
        if source is None:
            path = Path(name)
            if not path.is_file():
                known = list(self.registry.schemes)
                suggestion = did_you_mean(str(name), known)
                raise SchemeError(
                    [
                        finding(
                            "scheme.bad_reference",
                            path=str(name),
                            where="schemes",
                            value=str(name),
                            suggestion=suggestion,
                        )
                    ]
                )
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise SchemeError([finding("scheme.malformed", path=str(path), detail=str(exc))]) from None
            source = SchemeSource(path.stem, text, str(path))
        return load_scheme(source, self.registry)

    @exact
    def evaluate(
        self,
        scheme: Scheme | str | Path,
        data: SubmissionsLike,
        *,
        mode: Mode = "strict",
        verifications: VerificationsLike | None = None,
    ) -> Evaluation:
        """Evaluate every region of ``data`` under ``scheme``.

        Strict mode (the default) scores what it can but refuses to rank, grade or award while
        any error stands; lenient mode marks invalid indicators as not scored (0 points, with a
        finding) and ranks the rest. Figures the inspection team verified (each region's
        ``verified`` section, and ``verifications``: a list, a JSON document or its path) are
        scored in place of the reported ones; see :mod:`targetrule.inspection.verification`. The
        verification step that applies them is added by the core plugin (``targetrule_steps``).
        """
        if not isinstance(scheme, Scheme):
            scheme = self.load_scheme(scheme)
        return self._evaluate(scheme, _as_submissions(data), mode, {"verifications": verifications})

    @exact
    def evaluate_iter(
        self,
        scheme: Scheme | str | Path,
        regions: Iterable[Any],
        *,
        mode: Mode = "strict",
        chunk_size: int = 1000,
        verifications: VerificationsLike | None = None,
    ) -> EvaluationStream:
        """Evaluate regions as they come, for inputs too big to hold (:mod:`targetrule.streaming`).

        ``regions`` yields the JSON objects of a submissions document's ``regions`` list. Iterate
        the returned stream once for each region's result as it is scored (not yet ranked), then
        call its ``outcome()`` for the ranks, grades and awards, decided as :meth:`evaluate` does.
        """
        from targetrule.streaming import stream

        if not isinstance(scheme, Scheme):
            scheme = self.load_scheme(scheme)
        return stream(self, scheme, regions, mode=mode, chunk_size=chunk_size, given={"verifications": verifications})

    def _scorer(self, scheme: Scheme) -> _RegionScorer:
        """The scorer of one evaluation under ``scheme``: its per-item plans gathered once."""
        return _RegionScorer(scheme, self.registry, self.fast_check)

    def fast_check(self, indicator: Indicator) -> FastCheck:
        """The generated check of ``indicator``: compiled once for the registry's own declarations."""
        if self.registry.indicators.get(indicator.id) is not indicator:
            return fast_check(indicator)  # a declaration from elsewhere: compiled for this evaluation only
        check = self._fast_checks.get(indicator.id)
        if check is None:
            check = self._fast_checks[indicator.id] = fast_check(indicator)
        return check

    def _evaluate(self, scheme: Scheme, submissions: Submissions, mode: Mode, given: Mapping[str, Any]) -> Evaluation:
        # read: done (`_as_submissions`, files by `submissions.load_submissions`), plain data from here on.
        # (verify): the steps plugins added, once over the whole document (targetrule.steps).
        prepared = run_steps(tuple(self.registry.steps.values()), scheme, submissions, given, self._step_owner)
        # check: the document as a whole; each region's figures are checked as the region is scored.
        findings = [*submissions.findings, *_check_document(scheme, submissions), *prepared.findings]
        # check → score → aggregate, one region at a time (`_RegionScorer.score`).
        scorer = self._scorer(scheme)
        results = _score_regions(scorer, submissions, prepared, findings)
        # decide: rank, grade and award, unless strict mode found errors (claims, vetoes and the
        # gate were weighed with each region).
        ranked = bool(results) and (mode == "lenient" or not has_errors(findings))
        if ranked:
            results = decide(results, scheme)
        # report: the Evaluation, with provenance.
        return Evaluation(
            scheme=scheme.id,
            scheme_title=scheme.spec.title,
            mode=mode,
            ranked=ranked,
            regions=tuple(results),
            findings=tuple(findings),
            provenance=evolve(self.provenance(scheme, submissions), **prepared.provenance),
            not_ranked_because=None if ranked else NOT_RANKED,
            note=submissions.note,
            formula_plugins={p.indicator_id: p.owner for plans in scorer.plans.values() for p in plans},
        )

    def _step_owner(self, step: Step) -> tuple[str, str]:
        """The plugin that added ``step`` and its distribution, for a finding that names them."""
        plugin = self.registry.step_plugin(str(getattr(step, "name", "")))
        return plugin, self.registry.distribution_of(plugin)

    def provenance(self, scheme: Scheme, submissions: Submissions) -> Provenance:
        """Library and plugin versions, the scheme's id and hash, and the input's hash."""
        from targetrule import __version__

        plugins = tuple(PluginRecord(p.name, p.distribution, p.version) for p in self.registry.plugins())
        return Provenance(
            library_version=__version__,
            plugins=plugins,
            scheme_id=scheme.id,
            scheme_sha256=scheme.sha256,
            input_sha256=sha256_of(submissions.raw),
            scheme_origin=scheme.origin,
            scheme_chain=scheme.chain,
            special_reports=tuple(
                SpecialReport(r.region.id, r.special_report) for r in submissions.regions if r.special_report
            ),
        )


def _as_submissions(data: SubmissionsLike) -> Submissions:
    """read: the submissions as plain data, whatever the host passed."""
    if isinstance(data, Submissions):
        return data
    if isinstance(data, str | Path):
        return load_submissions(data)
    return read_submissions(data if isinstance(data, Mapping) else list(data))


def _check_document(scheme: Scheme, submissions: Submissions) -> list[Finding]:
    """check: what is wrong with the document as a whole (it names another scheme)."""
    if submissions.scheme and submissions.scheme != scheme.id:
        return [finding("submission.wrong_scheme", path="$.scheme", value=submissions.scheme, scheme=scheme.id)]
    return []


def _score_regions(
    scorer: _RegionScorer, submissions: Submissions, prepared: Prepared, findings: list[Finding]
) -> list[RegionResult]:
    """check → score → aggregate each region once, as the steps left it; a repeated id is a finding."""
    results: list[RegionResult] = []
    first_seen: dict[str, str] = {}
    changed = prepared.regions  # a region no step changed costs this one lookup
    for data_item in submissions.regions:
        region_id = data_item.region.id
        if region_id in first_seen:
            findings.append(
                finding("region.duplicate", region=region_id, path=data_item.path, first=first_seen[region_id])
            )
            continue
        first_seen[region_id] = data_item.path
        result = scorer.score(data_item, changed.get(region_id))
        findings.extend(result.findings)
        results.append(result)
    return results


_NO_RESULT = object()  # a formula's whole result not asked for (its ``score_value`` answered)


class _ItemPlan(NamedTuple):
    """What scoring one item of the scheme needs, gathered once per evaluation."""

    fast: FastCheck
    formula: Formula
    params: Mapping[str, Any]
    max_points: Decimal
    indicator_id: str
    label: Label
    area: str
    declared: Indicator
    plugin: str
    highest: Decimal  # the highest attainment the formula may return under these parameters
    distribution: str  # the indicator's plugin's distribution and version, for findings
    owner: tuple[str, str]  # the plugin answerable for the formula, and its distribution
    # the attainment alone, without the facts of its explanation (a family's ``score_value``), if it has one
    value: Callable[[Mapping[str, Decimal], Mapping[str, Any]], Decimal] | None
    # full marks in units of the scheme's precision (hundredths at 0.01): attainment × this, half up, is the points
    in_units: Decimal


class _RegionScorer:
    """Scores one region at a time under a scheme; built once per evaluation."""

    def __init__(
        self, scheme: Scheme, registry: Registry, checks: Callable[[Indicator], FastCheck] = fast_check
    ) -> None:
        self.scheme = scheme
        self.registry = registry
        self.known = {item.indicator.id for item in scheme.items()}
        spec = scheme.spec
        self.bonus_items = {b.id: b for b in spec.bonus.items} if spec.bonus else {}
        self.deduction_items = {d.id: d for d in spec.deductions}
        self.veto_ids = {v.id for v in spec.vetoes}
        # Where to find the results that a veto or the gate reads: (area, item) positions by indicator id.
        read = {v.indicator for v in spec.vetoes if v.indicator is not None} | set(
            spec.gate.indicators if spec.gate else ()
        )
        self.watched = {
            item.indicator.id: (a, i)
            for a, area in enumerate(scheme.areas)
            for i, item in enumerate(area.items)
            if item.indicator.id in read
        }
        plugins = registry.indicator_plugins
        # Points are kept in whole units of the scheme's precision: hundredths at 0.01, thousandths at 0.001.
        self.quantum = scheme.quantum
        self.exponent = int(self.quantum.as_tuple().exponent)
        self.codes = registry.finding_codes

        def owner(indicator: Indicator, formula: Formula) -> tuple[str, str]:
            name = registry.formula_plugin(indicator.id, formula)
            return name, registry.distribution_of(name)

        self.plans = {
            area.spec.id: [
                _ItemPlan(
                    checks(item.indicator),
                    item.formula,
                    item.params,
                    item.points,
                    item.indicator.id,
                    item.indicator.label,
                    item.area,
                    item.indicator,
                    plugins.get(item.indicator.id, "?"),
                    highest_attainment(item.formula, item.params),
                    registry.distribution_of(plugins.get(item.indicator.id, "?")),
                    owner(item.indicator, item.formula),
                    value_scorer(item.formula),
                    item.points.scaleb(-self.exponent),
                )
                for item in area.items
            ]
            for area in scheme.areas
        }
        # The hot loop's view of each plan: plain tuples, unpacked in the ``for`` (cheaper than attribute reads).
        self.rows = {
            area_id: [
                (p.indicator_id, p.fast, p.value or _whole_value(p.formula), p.params, p.highest, p.in_units, p)
                for p in plans
            ]
            for area_id, plans in self.plans.items()
        }
        areas: list[AreaLayout] = []
        start = 0
        for area in scheme.areas:
            items = tuple(
                ItemLayout(p.declared, p.label, p.area, p.max_points, p.formula, p.params, p.fast)
                for p in self.plans[area.spec.id]
            )
            weights = tuple(i.weight for i in area.items)
            areas.append(
                AreaLayout(area.spec.id, area.spec.label, area.spec.points, area.aggregation, weights, start, items)
            )
            start += len(items)
        total = scheme.spec.total_points
        maxima = tuple(area.spec.points for area in scheme.areas)
        self.layout = ScoreLayout.of(tuple(areas), scheme.aggregation, maxima, total, self.quantum)
        self.watched_at = {key: self.layout.positions[key] for key in self.watched}

    def score(self, data: RegionData, prepared: PreparedRegion | None = None) -> RegionResult:
        """One region, with what the pipeline's steps made of it (``prepared``: its data and findings)."""
        if prepared is not None:
            data = prepared.data
        region = data.region.id
        findings: list[Finding] = list(prepared.findings) if prepared is not None else []
        empty = not data.inputs
        if empty:
            findings.append(finding("region.empty", region=region, path=f"{data.path}.inputs"))
        unknown = () if self.known.issuperset(data.inputs) else [n for n in data.inputs if n not in self.known]
        for name in unknown:
            findings.append(
                finding(
                    "indicator.unknown",
                    region=region,
                    indicator=name,
                    path=f"{data.path}.inputs['{name}']",
                    suggestion=did_you_mean(name, self.known),
                )
            )
        points: list[int | None] = []
        shares: list[Decimal | None] = []  # each item's attainment, for areas, vetoes and the gate
        combined: list[Decimal | None] = []  # each non-additive area's attainment, unrounded
        area_points = tuple(
            self._area(area, data, findings, points, shares, combined, skip=empty) for area in self.scheme.areas
        )
        base = self._combine(area_points, combined, data, findings)
        by_id = {key: shares[at] for key, at in self.watched_at.items()}
        adjustments = self._adjustments(data, findings)
        if prepared is not None:
            adjustments += prepared.adjustments
        bonus = sum((a.points for a in adjustments if a.kind == "bonus"), ZERO)
        if self.scheme.spec.bonus is not None:
            bonus = min(bonus, self.scheme.spec.bonus.cap)
        deductions = sum((a.points for a in adjustments if a.kind == "deduction"), ZERO)
        composite = max(ZERO, base + bonus - deductions)
        vetoes = self._vetoes(data, by_id, findings)  # before the findings are frozen: it may add one
        scores = RegionScores(self.layout, region, data.path, data.inputs, tuple(points), area_points, empty)
        return RegionResult(
            region=data.region,
            scores=scores,
            base_points=base,
            bonus_points=bonus,
            deduction_points=deductions,
            composite=composite,
            adjustments=adjustments,
            findings=tuple(findings),
            vetoes=vetoes,
            gate_passed=self._gate(by_id),
            discrepancies=prepared.discrepancies if prepared is not None else (),
        )

    def _area(
        self,
        area: ResolvedArea,
        data: RegionData,
        findings: list[Finding],
        points: list[int | None],
        shares: list[Decimal | None],
        combined: list[Decimal | None],
        *,
        skip: bool,
    ) -> Decimal:
        """check → score one area's items: their points and attainments appended, the area's points returned.

        A non-additive area's unrounded attainment is appended to ``combined`` (None for a sum), so that
        a non-additive composite combines it, not the area's rounded points.
        """
        inputs = data.inputs
        total = 0  # in units of the scheme's precision
        scored = False
        for key, fast, score, params, highest, scale, item in self.rows[area.spec.id]:
            raw = inputs.get(key)
            # The generated check takes plain valid data; anything else gets the full validator's findings.
            try:
                values = fast(raw)
            except Exception:  # a plugin's own rule raised: the full validator reports it
                values = None
            share: Decimal | None = None
            if values is not None:
                try:
                    share = score(values, params)
                    if not (type(share) is Decimal and ZERO <= share <= highest):
                        share = None
                except Exception:  # a plugin's bug, or a NaN compared: the checked path below says which
                    share = None
                if share is None:
                    share = self._share(item, values, data, findings)
            elif not skip:
                share = self._validated_share(item, raw, data, findings)
            shares.append(share)
            if share is None:
                points.append(None)
            else:
                units = int((share * scale).to_integral_value(ROUND_HALF_UP))
                points.append(units)
                total += units
                scored = True
        method = area.aggregation
        if method.additive:
            # Σ units, shown as points; no item scored leaves a plain 0, as the sum of no points.
            combined.append(None)
            return Decimal(total).scaleb(self.exponent) if scored else ZERO
        first = len(shares) - len(area.items)
        attained = [ZERO if s is None else s for s in shares[first:]]
        weights = [i.weight for i in area.items]
        area_points, share = self._aggregate(method, attained, weights, area.spec.points, area.spec.id, data, findings)
        combined.append(share)
        return area_points

    def _validated_share(self, item: _ItemPlan, raw: Any, data: RegionData, findings: list[Finding]) -> Decimal | None:
        """The full validator, for data the generated check turned away: every finding, and the share if valid."""
        _, problems, attainment = score_values(
            item.declared,
            item.formula,
            item.params,
            raw,
            data.region.id,
            data.path,
            item.plugin,
            distribution=item.distribution,
            highest=item.highest,
            codes=self.codes,
            formula_owner=item.owner,
        )
        findings.extend(problems)
        return None if attainment is None else attainment.value

    def _share(
        self, item: _ItemPlan, values: Mapping[str, Decimal], data: RegionData, findings: list[Finding]
    ) -> Decimal | None:
        """The formula's attainment of valid values, checked: a Decimal within [0, highest], else None and a finding."""
        result: object = _NO_RESULT
        try:
            if item.value is not None:
                share: object = item.value(values, item.params)
            else:  # a family without ``score_value``: its whole result, checked as such
                result = item.formula.score(values, item.params)
                share = result.value if isinstance(result, Attainment) else None
        except Exception as exc:  # a plugin's bug must not stop the other indicators
            path = input_path(data.path, item.indicator_id)
            failed = formula_failed(
                item.indicator_id, data.region.id, item.owner[0], exc, distribution=item.owner[1], path=path
            )
            findings.append(failed)
            return None
        try:
            if type(share) is Decimal and ZERO <= share <= item.highest:
                return share
        except ArithmeticError:  # NaN
            pass
        if result is _NO_RESULT:  # ``score_value`` gave it: the finding shows the value as an Attainment would
            result = Attainment(share, item.formula, {})  # type: ignore[arg-type]
        path = input_path(data.path, item.indicator_id)
        bad = bad_attainment(result, item.highest, item.indicator_id, data.region.id, path, *item.owner)
        if bad is not None:  # always, for a value refused above
            findings.append(bad)
        return None

    def _combine(
        self,
        area_points: tuple[Decimal, ...],
        combined: list[Decimal | None],
        data: RegionData,
        findings: list[Finding],
    ) -> Decimal:
        """The base points: the areas' points added up, or their attainments combined (unrounded) and rounded once."""
        method = self.scheme.aggregation
        if method.additive:
            return sum(area_points, ZERO)
        maxima = [area.spec.points for area in self.scheme.areas]
        shares = [
            share if share is not None else (p / m if m else ZERO)
            for p, m, share in zip(area_points, maxima, combined, strict=True)
        ]
        total = self.scheme.spec.total_points
        return self._aggregate(method, shares, maxima, total, "composite", data, findings)[0]

    def _aggregate(
        self,
        method: Aggregation,
        shares: list[Decimal],
        weights: list[Decimal],
        points: Decimal,
        where: str,
        data: RegionData,
        findings: list[Finding],
    ) -> tuple[Decimal, Decimal | None]:
        """A plugin's aggregation applied and checked: the points (rounded once) and the unrounded attainment.

        A failure counts 0 points (and no attainment) with a finding naming the plugin.
        """
        share, error = combined_share(method, shares, weights)
        if share is not None:
            return half_up(share * points, self.quantum), share
        plugin = self.registry.aggregation_plugin(method.name)
        findings.append(
            finding(
                "area.aggregation_failed",
                region=data.region.id,
                path=data.path,
                method=method.name,
                where=where,
                plugin=plugin,
                distribution=self.registry.distribution_of(plugin),
                error=error,
            )
        )
        return ZERO, None

    def _adjustments(self, data: RegionData, findings: list[Finding]) -> tuple[Adjustment, ...]:
        if not data.bonuses and not data.deductions:  # most regions claim nothing
            return ()
        found: list[Adjustment] = []
        for index, claim in enumerate(data.bonuses):
            item = self.bonus_items.get(claim.id)
            path = claim.where or f"{data.path}.bonuses[{index}]"  # as read: a dropped bad claim shifts indexes
            if item is None:
                findings.append(
                    finding(
                        "region.unknown_bonus",
                        region=data.region.id,
                        path=path,
                        value=claim.id,
                        suggestion=did_you_mean(claim.id, self.bonus_items),
                    )
                )
                continue
            limit = item.points * claim.count
            points = claim.points if claim.points is not None else limit
            if points > limit:
                findings.append(
                    finding(
                        "region.claim_above_limit",
                        region=data.region.id,
                        path=f"{path}.points",
                        value=claim.id,
                        points=points,
                        limit=limit,
                    )
                )
                continue
            found.append(Adjustment("bonus", item.id, item.label, points, claim.note))
        for index, claim in enumerate(data.deductions):
            ditem = self.deduction_items.get(claim.id)
            if ditem is None:
                findings.append(
                    finding(
                        "region.unknown_deduction",
                        region=data.region.id,
                        path=claim.where or f"{data.path}.deductions[{index}]",
                        value=claim.id,
                        suggestion=did_you_mean(claim.id, self.deduction_items),
                    )
                )
                continue
            points = claim.points if claim.points is not None else ditem.points * claim.count
            found.append(Adjustment("deduction", ditem.id, ditem.label, points, claim.note))
        return tuple(found)

    def _vetoes(
        self, data: RegionData, by_id: Mapping[str, Decimal | None], findings: list[Finding]
    ) -> tuple[str, ...]:
        triggered: list[str] = []
        for veto in self.scheme.spec.vetoes:
            if veto.indicator is None:
                continue
            share = by_id[veto.indicator]
            # Compliance that cannot be shown (data not scored) counts as not shown.
            if share is None or share < veto.below:
                triggered.append(veto.id)
        for index, name in enumerate(data.vetoes):
            if name not in self.veto_ids:
                findings.append(
                    finding(
                        "region.unknown_veto",
                        region=data.region.id,
                        path=_veto_path(data, index),
                        value=name,
                        suggestion=did_you_mean(name, self.veto_ids),
                    )
                )
            elif name not in triggered:
                triggered.append(name)
        return tuple(triggered)

    def _gate(self, by_id: Mapping[str, Decimal | None]) -> bool:
        gate = self.scheme.spec.gate
        if gate is None:
            return True
        shares = [by_id[i] for i in gate.indicators]
        return all(share is not None and share >= gate.min_attainment for share in shares)


def _whole_value(formula: Formula) -> Callable[[Mapping[str, Decimal], Mapping[str, Any]], Any]:
    """A family without ``score_value`` scored through ``score``: its result's value (checked by the caller)."""

    def value(values: Mapping[str, Decimal], params: Mapping[str, Any]) -> Any:
        return formula.score(values, params).value

    return value


def _veto_path(data: RegionData, index: int) -> str:
    """Where the ``index``-th declared veto was read (a dropped bad entry before it shifts the index)."""
    if index < len(data.veto_paths):
        return data.veto_paths[index]
    return f"{data.path}.vetoes[{index}]"
