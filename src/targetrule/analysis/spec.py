"""The uncertainty spec: what a sensitivity analysis varies, read from TOML and checked, every problem at once.

The file mirrors :class:`UncertaintySpec` section by section (docs/sensitivity.md). Each section is
structured on its own, so a typo in one does not hide a bad number in another; the numbers are then
checked against their domains and the area and aggregation names against the scheme. Every problem
is a bilingual finding with its path (``$.weights.concentration``), raised together as a
:class:`SpecError`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from targetrule.convert import converter, error_messages
from targetrule.findings import Finding, FindingsError, did_you_mean, finding
from targetrule.scheme import Scheme

SPEC_SCHEMA = "targetrule.uncertainty/1"
METHODS: tuple[str, ...] = ("dirichlet", "uniform", "fixed")


class SpecError(FindingsError):
    """An uncertainty spec that cannot be used; ``findings`` lists every problem found."""


@frozen
class WeightSpec:
    """How area points vary: Dirichlet around the scheme's points, ±``spread`` uniform, or fixed.

    ``concentration`` (> 0) is the Dirichlet's total: each area's parameter is its share of the total
    points times it, so larger is firmer. ``spread`` (0 ≤ x < 1) is the uniform's half-width, as a
    share of each area's points. ``areas`` names the areas that vary (empty: all of them); the
    others keep their share of the total.
    """

    method: str = "dirichlet"  # one of METHODS, checked with the other numbers
    concentration: Decimal = Decimal(100)
    spread: Decimal = Decimal("0.25")
    areas: tuple[str, ...] = ()


@frozen
class ItemPointSpec:
    """How the items' points vary within their area: as :class:`WeightSpec`, renormalised to the area's points.

    Off unless ``vary``. ``areas`` names the areas whose items vary (empty: every area that adds its
    items' points and that no tie-break reads).
    """

    vary: bool = False
    method: str = "dirichlet"
    concentration: Decimal = Decimal(100)
    spread: Decimal = Decimal("0.25")
    areas: tuple[str, ...] = ()


@frozen
class DataSpec:
    """How far the reported figures may be off: each drawn uniformly within ± a relative tolerance.

    ``tolerance`` applies to every reported (``actual``) input of the ``indicators`` (empty: every
    item that can vary); ``inputs`` sets one input's own tolerance (``"indicator.input" = 0.1``),
    which may also name a target or baseline. 0 everywhere: the data do not vary.
    """

    tolerance: Decimal = Decimal(0)
    indicators: tuple[str, ...] = ()
    inputs: dict[str, Decimal] = field(factory=dict)

    @property
    def varies(self) -> bool:
        """True when some figure may move."""
        return self.tolerance > 0 or any(t > 0 for t in self.inputs.values())


@frozen
class AggregationSpec:
    """Alternative ways to combine the areas into the composite, drawn with equal chance (empty: the scheme's)."""

    alternatives: tuple[str, ...] = ()


@frozen
class ParameterSpec:
    """A formula parameter of one item and the values it may take, drawn with equal chance."""

    indicator: str
    name: str
    values: tuple[Any, ...]


@frozen
class SobolSpec:
    """The Saltelli design: ``samples`` base samples (a power of two, 16 to 65,536), bootstrap settings."""

    samples: int = 256
    resamples: int = 200
    confidence: Decimal = Decimal("0.9")
    enabled: bool = True


@frozen
class UncertaintySpec:
    """A whole uncertainty spec: the weights, the aggregation alternatives and the Sobol design."""

    weights: WeightSpec = WeightSpec()
    aggregation: AggregationSpec = AggregationSpec()
    sobol: SobolSpec = SobolSpec()
    schema: str = SPEC_SCHEMA
    parameters: tuple[ParameterSpec, ...] = ()
    origin: str = field(default="", eq=False)
    items: ItemPointSpec = ItemPointSpec()
    data: DataSpec = DataSpec()

    def to_dict(self) -> dict[str, Any]:
        """The spec as plain JSON types, as it is recorded in the results."""
        return {
            "schema": self.schema,
            "weights": {
                "method": self.weights.method,
                "concentration": str(self.weights.concentration),
                "spread": str(self.weights.spread),
                "areas": list(self.weights.areas),
            },
            "aggregation": {"alternatives": list(self.aggregation.alternatives)},
            "parameters": [
                {"indicator": p.indicator, "name": p.name, "values": [_plain(v) for v in p.values]}
                for p in self.parameters
            ],
            "items": {
                "vary": self.items.vary,
                "method": self.items.method,
                "concentration": str(self.items.concentration),
                "spread": str(self.items.spread),
                "areas": list(self.items.areas),
            },
            "data": {
                "tolerance": str(self.data.tolerance),
                "indicators": list(self.data.indicators),
                "inputs": {k: str(v) for k, v in sorted(self.data.inputs.items())},
            },
            "sobol": {
                "enabled": self.sobol.enabled,
                "samples": self.sobol.samples,
                "resamples": self.sobol.resamples,
                "confidence": str(self.sobol.confidence),
            },
        }


def _plain(value: Any) -> Any:
    """A parameter value as JSON: numbers as numbers, tier tables as lists."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


DEFAULT_SPEC = UncertaintySpec()
_SECTIONS: Mapping[str, type] = {
    "weights": WeightSpec,
    "aggregation": AggregationSpec,
    "sobol": SobolSpec,
    "items": ItemPointSpec,
    "data": DataSpec,
}


def load_spec(
    source: str | Path | Mapping[str, Any],
    *,
    areas: Iterable[str] | None = None,
    aggregations: Iterable[str] | None = None,
    scheme: Scheme | None = None,
) -> UncertaintySpec:
    """Read and check a spec: a TOML file's path, TOML text, or an already parsed table.

    ``areas`` and ``aggregations`` are the names the spec may refer to (a scheme's areas, a
    registry's aggregation methods); when given, every other name is a finding with a "did you mean".
    With ``scheme``, its areas are the ones known, and each ``[[parameters]]`` entry is checked
    against the scheme's item: the parameter exists, every value is valid for the item's formula.
    """
    if scheme is not None and areas is None:
        areas = [a.spec.id for a in scheme.areas]
    origin = ""
    if isinstance(source, Path):
        origin = str(source)
        try:
            source = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SpecError([finding("sensitivity.bad_spec", path="$", detail=f"{origin}: {exc}")]) from None
    if isinstance(source, str):
        try:
            table: Mapping[str, Any] = tomllib.loads(source, parse_float=Decimal)
        except tomllib.TOMLDecodeError as exc:
            raise SpecError([finding("sensitivity.bad_spec", path="$", detail=str(exc))]) from None
    else:
        table = source
    checker = _Checker(set(areas) if areas is not None else None, set(aggregations) if aggregations else None)
    spec = checker.structure(table)
    if spec is not None and scheme is not None:
        from targetrule.analysis.parameters import check_parameters

        checker.findings += check_parameters(spec.parameters, scheme, checker.parameter_paths)
    if spec is not None and scheme is not None:
        from targetrule.analysis.variation import check_variation

        checker.findings += check_variation(spec, scheme, checker.parameter_paths)
    if checker.findings or spec is None:
        raise SpecError(checker.findings)
    return evolve(spec, origin=origin)


def checked(
    spec: UncertaintySpec,
    *,
    areas: Iterable[str] | None = None,
    aggregations: Iterable[str] | None = None,
    scheme: Scheme | None = None,
) -> UncertaintySpec:
    """``spec`` (built in Python) checked as a file would be; raises :class:`SpecError` with every problem."""
    if scheme is not None and areas is None:
        areas = [a.spec.id for a in scheme.areas]
    checker = _Checker(set(areas) if areas is not None else None, set(aggregations) if aggregations else None)
    if spec.schema != SPEC_SCHEMA:
        checker.bad("$.schema", ("格式版本", "the schema"), (SPEC_SCHEMA, SPEC_SCHEMA), spec.schema)
    checker.check(spec)
    if scheme is not None:
        from targetrule.analysis.parameters import check_parameters

        checker.findings += check_parameters(spec.parameters, scheme)
        from targetrule.analysis.variation import check_variation

        checker.findings += check_variation(spec, scheme)
    if checker.findings:
        raise SpecError(checker.findings)
    return spec


class _Checker:
    """Collects every problem of one spec."""

    def __init__(self, areas: set[str] | None, aggregations: set[str] | None) -> None:
        self.areas = areas
        self.aggregations = aggregations
        self.findings: list[Finding] = []
        self.parameter_paths: list[int] = []  # the index in the file of each well-formed parameter entry

    def structure(self, table: Mapping[str, Any]) -> UncertaintySpec | None:
        if not isinstance(table, Mapping):
            self.findings.append(finding("sensitivity.bad_spec", path="$", detail="expected a table"))
            return None
        parts: dict[str, Any] = {}
        for key in table:
            if key not in (*_SECTIONS, "schema", "parameters"):
                hint = did_you_mean(str(key), [*_SECTIONS, "schema", "parameters"])
                self.findings.append(finding("sensitivity.unknown_key", path=f"$.{key}", value=key, suggestion=hint))
        schema = table.get("schema", SPEC_SCHEMA)
        if schema != SPEC_SCHEMA:
            self.bad("$.schema", ("格式版本", "the schema"), (SPEC_SCHEMA, SPEC_SCHEMA), schema)
        for name, kind in _SECTIONS.items():
            raw = table.get(name, {})
            try:
                parts[name] = converter.structure(raw, kind)
            except Exception as exc:  # cattrs' errors, every field of the section at once
                for path, message in error_messages(exc, f"$.{name}"):
                    self.findings.append(finding("sensitivity.bad_spec", path=path, detail=message))
        parameters = self.parameters(table.get("parameters", []))
        if len(parts) < len(_SECTIONS):
            return None
        spec = UncertaintySpec(
            parts["weights"],
            parts["aggregation"],
            parts["sobol"],
            parameters=parameters,
            items=parts["items"],
            data=parts["data"],
        )
        self.check(spec)
        return spec

    def parameters(self, raw: Any) -> tuple[ParameterSpec, ...]:
        """The ``[[parameters]]`` entries: an indicator id, a parameter name and a non-empty list of values."""
        if not isinstance(raw, list):
            self.findings.append(
                finding("sensitivity.bad_spec", path="$.parameters", detail="expected a list of tables")
            )
            return ()
        found: list[ParameterSpec] = []
        for index, entry in enumerate(raw):
            path = f"$.parameters[{index}]"
            ok = True  # each entry on its own: the well-formed ones are still checked against the scheme
            if not isinstance(entry, Mapping):
                self.findings.append(finding("sensitivity.bad_spec", path=path, detail="expected a table"))
                continue
            for key in entry:
                if key not in ("indicator", "name", "values"):
                    hint = did_you_mean(str(key), ["indicator", "name", "values"])
                    self.findings.append(
                        finding("sensitivity.unknown_key", path=f"{path}.{key}", value=key, suggestion=hint)
                    )
                    ok = False
            for key in ("indicator", "name"):
                if not isinstance(entry.get(key), str) or not entry.get(key):
                    self.bad(f"{path}.{key}", (key, key), ("非空文本", "non-empty text"), entry.get(key))
                    ok = False
            values = entry.get("values")
            if not isinstance(values, list) or not values:
                self.bad(f"{path}.values", ("取值", "the values"), ("非空列表", "a non-empty list"), values)
                ok = False
            if ok and isinstance(values, list):
                found.append(ParameterSpec(entry["indicator"], entry["name"], tuple(values)))
                self.parameter_paths.append(index)
        return tuple(found)

    def bad(self, path: str, what: tuple[str, str], expected: tuple[str, str], value: Any) -> None:
        self.findings.append(
            finding(
                "sensitivity.bad_value",
                path=path,
                value=value,
                what_zh=what[0],
                what_en=what[1],
                expected_zh=expected[0],
                expected_en=expected[1],
            )
        )

    def check(self, spec: UncertaintySpec) -> None:
        weights, sobol = spec.weights, spec.sobol
        if weights.method not in METHODS:
            self.bad(
                "$.weights.method",
                ("权重抽样方法", "the weight method"),
                ("dirichlet/uniform/fixed",) * 2,
                weights.method,
            )
        if not weights.concentration > 0 or weights.concentration > 10**9:
            self.bad(
                "$.weights.concentration",
                ("集中度", "the concentration"),
                ("0 到 10⁹ 之间的正数", "a number above 0, at most 10^9"),
                weights.concentration,
            )
        if not 0 <= weights.spread < 1:
            self.bad(
                "$.weights.spread",
                ("浮动幅度", "the spread"),
                ("0 到 1 之间（不含 1）", "at least 0 and below 1"),
                weights.spread,
            )
        self.names(weights.areas, self.areas, "$.weights.areas", "方案的领域", "the scheme's areas")
        items = spec.items
        if items.method not in METHODS:
            self.bad(
                "$.items.method",
                ("分项分值抽样方法", "the item method"),
                ("dirichlet/uniform/fixed",) * 2,
                items.method,
            )
        if not items.concentration > 0 or items.concentration > 10**9:
            self.bad(
                "$.items.concentration",
                ("集中度", "the concentration"),
                ("0 到 10⁹ 之间的正数", "a number above 0, at most 10^9"),
                items.concentration,
            )
        if not 0 <= items.spread < 1:
            self.bad(
                "$.items.spread",
                ("浮动幅度", "the spread"),
                ("0 到 1 之间（不含 1）", "at least 0 and below 1"),
                items.spread,
            )
        self.names(items.areas, self.areas, "$.items.areas", "方案的领域", "the scheme's areas")
        tolerances = [("$.data.tolerance", spec.data.tolerance)]
        tolerances += [(f'$.data.inputs["{k}"]', v) for k, v in spec.data.inputs.items()]
        for path, tolerance in tolerances:
            if not 0 <= tolerance < 1:
                self.bad(
                    path, ("容差", "the tolerance"), ("0 到 1 之间（不含 1）", "at least 0 and below 1"), tolerance
                )
        self.names(
            spec.aggregation.alternatives,
            self.aggregations,
            "$.aggregation.alternatives",
            "汇总方法",
            "aggregation methods",
        )
        if sobol.samples < 16 or sobol.samples > 65536 or sobol.samples & (sobol.samples - 1):
            self.bad(
                "$.sobol.samples",
                ("Sobol 基础样本数", "the Sobol samples"),
                ("16 到 65536 之间的 2 的幂", "a power of two from 16 to 65,536"),
                sobol.samples,
            )
        if not 10 <= sobol.resamples <= 10000:
            self.bad(
                "$.sobol.resamples",
                ("自助重抽样次数", "the bootstrap resamples"),
                ("10 到 10000 之间的整数", "a whole number from 10 to 10,000"),
                sobol.resamples,
            )
        if not 0 < sobol.confidence < 1:
            self.bad(
                "$.sobol.confidence",
                ("置信水平", "the confidence level"),
                ("0 到 1 之间", "between 0 and 1"),
                sobol.confidence,
            )

    def names(self, given: Iterable[str], known: set[str] | None, path: str, zh: str, en: str) -> None:
        seen: set[str] = set()
        for index, name in enumerate(given):
            if name in seen:
                self.findings.append(finding("sensitivity.duplicate", path=f"{path}[{index}]", value=name))
            seen.add(name)
            if known is not None and name not in known:
                self.findings.append(
                    finding(
                        "sensitivity.unknown_name",
                        path=f"{path}[{index}]",
                        value=name,
                        where_zh=zh,
                        where_en=en,
                        suggestion=did_you_mean(name, known),
                    )
                )
