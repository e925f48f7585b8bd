"""Load a scheme from TOML and check it against the installed plugins, reporting every problem at once.

Loading has three stages, each reporting every problem it finds: the TOML text is parsed (Decimal
floats, so 0.1 stays 0.1), structured by a strict cattrs converter (a string is never taken for a
number, a float never for a whole number), then resolved: every number is checked against its
domain where it is declared, each formula family checks its own parameters, and every reference
is checked. Whatever the text, :func:`load_scheme` returns a :class:`Scheme` or raises
:class:`SchemeError`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import cattrs

from targetrule.convert import _structure_decimal, error_messages
from targetrule.decimal_context import exact
from targetrule.findings import Finding, FindingsError, did_you_mean, finding, has_errors
from targetrule.formulas import NOT_APPLICABLE, Compound, Formula, Parameter, Part, check_params, max_attainment
from targetrule.indicator import Indicator
from targetrule.registry import Registry
from targetrule.scheme import (
    AreaSpec,
    InspectionSpec,
    ItemSpec,
    ResolvedArea,
    Scheme,
    SchemeLink,
    SchemeSource,
    SchemeSpec,
    ScoredItem,
)
from targetrule.scheme_extends import ExtendsError, parent_source, parse_toml, resolve_extends
from targetrule.scheme_toml import scheme_toml
from targetrule.text import Label


class SchemeError(FindingsError):
    """A scheme that cannot be used; ``findings`` lists every problem found."""


#: Every number in a scheme is at most this large in size ...
LARGEST = Decimal(10) ** 9
#: ... and has at most this many decimal places (so no sum or product of them overflows or underflows).
PLACES = 12
#: The only format version this library reads.
SCHEMA = "targetrule.scheme/1"
#: The years a scheme may be for.
YEARS = (1900, 2100)
#: The precisions points may be rounded to (half up), as a scheme writes them.
PRECISIONS = ("0.01", "0.001")
#: The most regions one award tier may go to.
MOST_AWARDS = 1_000_000


def _strict_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _strict_decimal(value: Any, kind: type) -> Decimal:
    if type(value) is not int and not isinstance(value, Decimal):  # TOML gives int, or Decimal for a float
        raise ValueError(f"expected a number, got {value!r}")
    return _structure_decimal(value, kind)  # finite only


def _strict_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _strict_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise ValueError(f"expected text, got {value!r}")
    return value


# The scheme's own converter, stricter than the shared one: a number is a TOML number (never text or a
# flag), a whole number is a TOML integer (never a float), text is a TOML string.
_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(Decimal, _strict_decimal)
_converter.register_structure_hook(int, _strict_int)
_converter.register_structure_hook(bool, _strict_bool)  # after int: bool is an int to singledispatch
_converter.register_structure_hook(str, _strict_str)


def _malformed(origin: str, detail: str) -> SchemeError:
    return SchemeError([finding("scheme.malformed", path=origin or "$", detail=detail)])


def _parse(source: SchemeSource) -> dict[str, Any]:
    """A scheme's TOML text as a table (floats as Decimal); raise :class:`SchemeError` naming its origin."""
    text = source.text
    if not isinstance(text, str):
        raise _malformed(source.origin, f"方案应为文本 / a scheme is text, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _malformed(
            source.origin, f"第 {exc.start} 个字符不是有效的 Unicode / character {exc.start} is not valid Unicode"
        ) from None
    try:
        return parse_toml(text)  # a byte-order mark is not content
    except tomllib.TOMLDecodeError as exc:
        raise _malformed(source.origin, str(exc)) from None
    except RecursionError:
        raise _malformed(source.origin, "嵌套层次过深 / nested too deeply") from None


@exact
def load_scheme(source: SchemeSource, registry: Registry) -> Scheme:
    """Parse, merge what it ``extends``, structure and check a scheme; raise :class:`SchemeError` listing all."""
    raw = _parse(source)
    chain: tuple[SchemeLink, ...] = ()
    if "extends" in raw:
        try:
            raw, chain = resolve_extends(raw, source, parent_source(registry.schemes), _parse)
        except ExtendsError as exc:
            raise SchemeError(exc.findings) from None
    try:
        spec = _converter.structure(raw, SchemeSpec)
    except Exception as exc:  # cattrs gathers every error of a class; anything else is still the text's fault
        problems = [finding("scheme.malformed", path=path, detail=text) for path, text in error_messages(exc)]
        raise SchemeError(sorted(problems, key=_document_order)) from None
    return _Resolver(spec, registry).resolve(source, chain)


def plausible(value: Decimal) -> bool:
    """True for a finite number of at most 10⁹ in size with at most 12 decimal places (exact, context-free)."""
    if not value.is_finite() or not -LARGEST <= value <= LARGEST:
        return False
    if value == 0:
        return True  # however it is written (0e-999999999)
    _, digits, exponent = value.as_tuple()
    places = -int(exponent)
    for digit in reversed(digits):  # trailing zeros are not places: 1.50 has one
        if places <= PLACES or digit != 0:
            break
        places -= 1
    return places <= PLACES


def _numbers_in(value: Any) -> list[Decimal]:
    """The numbers of a parameter value (a number, or a table's cells); other kinds of value are the family's own."""
    if isinstance(value, tuple | list):
        return [x for part in value for x in _numbers_in(part)]
    if isinstance(value, int) and not isinstance(value, bool):
        return [Decimal(value)]
    return [value] if isinstance(value, Decimal) else []


def _range(
    low: Decimal | int | None, high: Decimal | int | None, *, above: bool = False, whole: bool = False
) -> tuple[str, str]:
    """The expected domain in words: (zh, en)."""
    zh, en = ("整数", "a whole number") if whole else ("数", "a number")
    if above:
        return f"大于 {low} 的{zh}", f"{en} above {low}"
    if low is not None and high is not None:
        return f" {low} 至 {high} 之间的{zh}", f"{en} between {low} and {high}"
    if low is not None:
        return f"不小于 {low} 的{zh}", f"{en} of at least {low}"
    return f"不大于 {high} 的{zh}", f"{en} of at most {high}"


_IMPLAUSIBLE = (
    f"绝对值不超过 10^9、小数不超过 {PLACES} 位的数",
    f"a number of at most 10^9 in size with at most {PLACES} decimal places",
)
_SHARE = ("0 至 1 之间的比例（0.05 即 5%）", "a share between 0 and 1 (0.05 is 5%)")


class _Resolver:
    def __init__(self, spec: SchemeSpec, registry: Registry) -> None:
        self.spec = spec
        self.registry = registry
        self.findings: list[Finding] = []
        self.bad: set[str] = set()  # paths of numbers outside their domain: checks built on them are skipped
        self.highest: dict[str, Decimal] = {}  # the highest attainment each resolved item can reach
        self.meant: set[str] = set()  # the installed ids that unknown ids were probably misspellings of
        self.unknown_reach = False  # an item did not resolve: how high the composite can go is not known

    def problem(self, code: str, **details: Any) -> None:
        self.findings.append(finding(code, **details))

    def resolve(self, source: SchemeSource, chain: tuple[SchemeLink, ...] = ()) -> Scheme:
        aggregation = self.aggregation(self.spec.aggregation, "$.aggregation")
        self.check_values()
        areas = tuple(self.area(area, f"$.areas[{i}]") for i, area in enumerate(self.spec.areas))
        parts_ok = not any(f"$.areas[{i}].points" in self.bad for i in range(len(self.spec.areas)))
        if (
            aggregation is not None
            and aggregation.additive
            and parts_ok
            and self.spec.areas
            and "$.total_points" not in self.bad
        ):
            self.points_add_up(
                "方案 / the scheme", [a.points for a in self.spec.areas], self.spec.total_points, "$.areas"
            )
        self.check_duplicates(areas)
        # References are checked against the ids the areas declare, resolved or not, and the ids an
        # unknown one was probably meant to be: a misspelt id is reported once, as unknown, not again
        # for each veto, gate or tie-break that names it (misspelt or correctly spelt).
        declared = {item.id for area in self.spec.areas for item in area.indicators}
        self.check_scheme_rules(declared | self.meant)
        if has_errors(self.findings) or aggregation is None:
            raise SchemeError(sorted(self.findings, key=_document_order))
        # The hash of what is evaluated: the file itself, or the resolved form of a scheme that extends another.
        text = scheme_toml(self.spec) if chain else source.text
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return Scheme(self.spec, tuple(a for a in areas if a), aggregation, digest, source.origin, chain)

    # -- the domain of every number, where it is declared ------------------------------------------------

    def value(
        self,
        value: Decimal | int,
        path: str,
        what: tuple[str, str],
        low: Decimal | int | None = None,
        high: Decimal | int | None = None,
        *,
        above: bool = False,
        expected: tuple[str, str] | None = None,
    ) -> bool:
        """Report ``value`` unless plausible and within ``low..high`` (``above``: strictly above ``low``)."""
        if isinstance(value, Decimal) and not plausible(value):
            zh, en = _IMPLAUSIBLE
        elif (low is not None and (value <= low if above else value < low)) or (high is not None and value > high):
            zh, en = expected or _range(low, high, above=above, whole=isinstance(value, int))
        else:
            return True
        self.bad.add(path)
        self.bad_value(path, what, (zh, en), value)
        return False

    def bad_value(self, path: str, what: tuple[str, str], expected: tuple[str, str], value: Any) -> None:
        self.problem(
            "scheme.bad_value",
            path=path,
            value=value,
            what_zh=what[0],
            what_en=what[1],
            expected_zh=expected[0],
            expected_en=expected[1],
        )

    def check_values(self) -> None:
        """Every number the scheme declares outside grades, vetoes and the gate (those need the items)."""
        spec = self.spec
        if spec.schema != SCHEMA:
            what = ("格式版本 schema", "the format version (schema)")
            self.bad_value("$.schema", what, (f" {SCHEMA}", SCHEMA), spec.schema)
        self.value(spec.year, "$.year", ("年度", "the year"), *YEARS)
        self.value(spec.total_points, "$.total_points", ("总分", "the total points"), 0, above=True)
        self.value(spec.tolerance, "$.tolerance", ("容差", "the tolerance"), 0, 1, expected=_SHARE)
        if spec.precision not in PRECISIONS:
            shown = " 或 ".join(f'"{p}"' for p in PRECISIONS), " or ".join(f'"{p}"' for p in PRECISIONS)
            self.bad_value("$.precision", ("分数精度 precision", "the precision of points"), shown, spec.precision)
        if not spec.areas:
            self.bad_value("$.areas", ("领域列表", "the list of areas"), ("至少一个领域", "at least one area"), [])
        for i, area in enumerate(spec.areas):
            path = f"$.areas[{i}]"
            self.value(
                area.points,
                f"{path}.points",
                (f"领域 {area.id} 的分值", f"the points of area {area.id}"),
                0,
                above=True,
            )
            if not area.indicators:
                self.bad_value(
                    f"{path}.indicators",
                    (f"领域 {area.id} 的指标列表", f"the indicators of area {area.id}"),
                    ("至少一个指标", "at least one indicator"),
                    [],
                )
            weights_ok = True
            for j, item in enumerate(area.indicators):
                where = f"{path}.indicators[{j}]"
                what = (f"指标 {item.id} 的分值", f"the points of indicator {item.id}")
                points_ok = self.value(item.points, f"{where}.points", what, 0, above=True)
                if item.weight is None:
                    weights_ok &= points_ok  # the weight is the points: reported once, as points
                else:
                    what = (f"指标 {item.id} 的权重", f"the weight of indicator {item.id}")
                    weights_ok &= self.value(item.weight, f"{where}.weight", what, 0)
            weights = [item.weight if item.weight is not None else item.points for item in area.indicators]
            if area.indicators and weights_ok and all(w == 0 for w in weights):
                self.bad_value(
                    f"{path}.indicators",
                    (f"领域 {area.id} 的权重", f"the weights in area {area.id}"),
                    ("不全为 0 的数（权重之和为 0 则无法加权）", "not all 0 (weights adding up to 0 weigh nothing)"),
                    Decimal(0),
                )
        if spec.bonus is not None:
            self.value(spec.bonus.cap, "$.bonus.cap", ("加分上限", "the bonus cap"), 0)
            for k, bonus in enumerate(spec.bonus.items):
                what = (f"加分项 {bonus.id} 的分值", f"the points of bonus {bonus.id}")
                self.value(bonus.points, f"$.bonus.items[{k}].points", what, 0)
        for k, deduction in enumerate(spec.deductions):
            what = (f"扣分项 {deduction.id} 的分值", f"the points of deduction {deduction.id}")
            self.value(deduction.points, f"$.deductions[{k}].points", what, 0)
        if spec.not_applicable is not None and spec.not_applicable not in NOT_APPLICABLE:
            what = ("分母为 0 时的处理 not_applicable", "what a 0 ÷ 0 part gets (not_applicable)")
            self.bad_value(
                "$.not_applicable", what, ("、".join(NOT_APPLICABLE), ", ".join(NOT_APPLICABLE)), spec.not_applicable
            )
        if spec.misreporting is not None:
            what = ("弄虚作假的容差", "the misreporting tolerance")
            self.value(spec.misreporting.tolerance, "$.misreporting.tolerance", what, 0, 1, expected=_SHARE)
        if spec.inspection is not None:
            self.check_inspection(spec.inspection)
        for k, award in enumerate(spec.awards):
            what = (f"奖项 {award.id} 的名额", f"the number of {award.id} awards")
            if self.value(award.count, f"$.awards[{k}].count", what, 1):
                self.value(award.count, f"$.awards[{k}].count", what, None, MOST_AWARDS)

    def check_inspection(self, inspection: InspectionSpec) -> None:
        """Counties per city 1-100, the most not below the least; days 1-366; the start an ISO date."""
        least_ok = self.value(
            inspection.least_counties,
            "$.inspection.least_counties",
            ("每市最少抽查县数", "the fewest counties"),
            1,
            100,
        )
        if inspection.most_counties is not None:
            low = inspection.least_counties if least_ok else 1
            what = ("每市最多抽查县数", "the most counties per city")
            self.value(inspection.most_counties, "$.inspection.most_counties", what, low, 100)
        if inspection.days is not None:
            self.value(inspection.days, "$.inspection.days", ("督查天数", "the days of the inspection"), 1, 366)
        if inspection.starts:
            try:
                date.fromisoformat(inspection.starts)
            except ValueError:
                what = ("督查开始日期", "the start of the inspection")
                self.bad_value("$.inspection.starts", what, ("YYYY-MM-DD 日期", "a date YYYY-MM-DD"), inspection.starts)

    # -- areas, items, formulas and parameters ------------------------------------------------------------

    def aggregation(self, name: str, path: str) -> Any:
        method = self.registry.aggregations.get(name)
        if method is None:
            self.problem(
                "scheme.unknown_aggregation",
                path=path,
                value=name,
                suggestion=did_you_mean(name, self.registry.aggregations),
            )
        return method

    def area(self, area: AreaSpec, path: str) -> ResolvedArea | None:
        method = self.aggregation(area.aggregation, f"{path}.aggregation")
        items = [self.item(area, item, f"{path}.indicators[{j}]") for j, item in enumerate(area.indicators)]
        bad_parts = any(f"{path}.indicators[{j}].points" in self.bad for j in range(len(area.indicators)))
        if (
            method is not None
            and method.additive
            and area.indicators  # an empty area is reported as such
            and not bad_parts
            and f"{path}.points" not in self.bad
        ):
            self.points_add_up(area.id, [i.points for i in area.indicators], area.points, f"{path}.indicators")
        if method is None or any(i is None for i in items):
            return None
        return ResolvedArea(area, method, tuple(i for i in items if i is not None))

    def item(self, area: AreaSpec, item: ItemSpec, path: str) -> ScoredItem | None:
        indicator = self.registry.indicators.get(item.id)
        if indicator is None:
            suggestion = did_you_mean(item.id, self.registry.indicators)
            self.problem("scheme.unknown_indicator", indicator=item.id, path=f"{path}.id", suggestion=suggestion)
            if suggestion is not None:
                self.meant.add(suggestion)
            self.unknown_reach = True
            return None
        if indicator.area != area.id:
            self.problem("scheme.wrong_area", indicator=item.id, path=path, value=indicator.area, area=area.id)
        formula = self.formula(indicator, item.formula, f"{path}.formula") if item.formula else indicator.formula
        if formula is None:
            self.unknown_reach = True
            return None
        params = self.params(indicator, formula, item.params, f"{path}.params")
        if params is None or not self.check_params(indicator, formula, params, item, path):
            self.unknown_reach = True
            return None
        weight = item.weight if item.weight is not None else item.points
        return ScoredItem(indicator, area.id, item.points, weight, formula, params)

    def bad_parameter(self, indicator: Indicator, path: str, name: str, zh: str, en: str) -> None:
        self.problem("scheme.bad_parameter", indicator=indicator.id, path=path, value=name, detail_zh=zh, detail_en=en)

    def formula(self, indicator: Indicator, spec: Mapping[str, Any], path: str) -> Formula | None:
        try:
            formula = build_formula(dict(spec), self.registry)
        except _UnknownFamily as exc:
            self.problem(
                "scheme.unknown_family",
                path=f"{path}.family",
                value=exc.name,
                suggestion=did_you_mean(exc.name, self.registry.families),
            )
            return None
        except Exception as exc:  # a family's own fields, structured by cattrs; or a table of the wrong shape
            for where, text in error_messages(exc, path):
                self.bad_parameter(indicator, where, "formula", text, text)
            return None
        missing = [name for name in formula.uses() if name not in indicator.names()]
        for name in missing:
            self.bad_parameter(indicator, path, "formula", f"没有数据项 {name}", f"no input named {name}")
        return None if missing else formula

    def params(
        self, indicator: Indicator, formula: Formula, given: Mapping[str, Any], path: str
    ) -> dict[str, Any] | None:
        specs = formula.param_specs()
        resolved: dict[str, Any] = {name: spec.default for name, spec in specs.items()}
        if self.spec.not_applicable in NOT_APPLICABLE:  # the scheme's answer for every 0 ÷ 0 part, unless the item's
            resolved |= {name: self.spec.not_applicable for name in resolved if name.endswith(".not_applicable")}
        ok = True
        for name, raw in given.items():
            spec = specs.get(name)
            if spec is None:
                self.problem(
                    "scheme.unknown_parameter",
                    indicator=indicator.id,
                    path=f"{path}.{name}",
                    value=name,
                    suggestion=did_you_mean(name, specs),
                )
                ok = False
                continue
            try:
                resolved[name] = parse_param(spec, raw)
            except ParamValueError as exc:
                self.bad_parameter(indicator, f"{path}.{name}", name, exc.label.zh, exc.label.en)
                ok = False
        return resolved if ok else None

    def check_params(
        self, indicator: Indicator, formula: Formula, params: Mapping[str, Any], item: ItemSpec, path: str
    ) -> bool:
        """Every parameter plausible, then the family's own check; once per item, at load."""

        def where(name: str) -> str:
            if name in item.params or not item.formula:
                return f"{path}.params.{name}"
            return f"{path}.formula"  # a default that came from the scheme's formula table (a part's weight)

        ok = True
        for name, value in params.items():
            if not all(plausible(x) for x in _numbers_in(value)):
                zh, en = _IMPLAUSIBLE
                self.bad_parameter(indicator, where(name), name, f"应为{zh}", f"must be {en}")
                ok = False
        if not ok:
            return False
        try:
            problems = check_params(formula, params)
            highest = max_attainment(formula, params)
        except Exception as exc:  # a third-party family's check is its own code: its failure is a finding
            text = f"{type(exc).__name__}: {exc}"
            self.bad_parameter(
                indicator,
                path,
                "formula",
                f"计分公式的参数检查出错（{text}）",
                f"the formula's parameter check failed ({text})",
            )
            return False
        for problem in problems:
            self.bad_parameter(indicator, where(problem.name), problem.name, problem.problem.zh, problem.problem.en)
        if problems:
            return False
        self.highest[indicator.id] = highest
        return True

    def points_add_up(self, where: str, parts: Iterable[Decimal], total: Decimal, path: str) -> None:
        added = sum(parts, Decimal(0))
        if added != total:
            self.problem("scheme.points_mismatch", path=path, where=where, value=added, limit=total)

    def check_duplicates(self, areas: Iterable[ResolvedArea | None]) -> None:
        seen: set[str] = set()
        for i, area in enumerate(self.spec.areas):
            for j, item in enumerate(area.indicators):
                if item.id in seen:
                    self.problem(
                        "scheme.duplicate_indicator", indicator=item.id, path=f"$.areas[{i}].indicators[{j}].id"
                    )
                seen.add(item.id)
        for where, ids in (
            ("areas", [a.id for a in self.spec.areas]),
            ("grades", [g.id for g in self.spec.grades]),
            ("deductions", [d.id for d in self.spec.deductions]),
            ("vetoes", [v.id for v in self.spec.vetoes]),
            ("awards", [a.id for a in self.spec.awards]),
            ("bonus.items", [b.id for b in self.spec.bonus.items] if self.spec.bonus else []),
        ):
            for key in sorted({k for k in ids if ids.count(k) > 1}):
                self.problem("scheme.duplicate_id", path=f"$.{where}", where=where, value=key)

    # -- grades, vetoes, the gate and references ----------------------------------------------------------

    def grade_problem(self, path: str, zh: str, en: str) -> None:
        self.problem("scheme.bad_grades", path=path, detail_zh=zh, detail_en=en)

    def check_grades(self) -> None:
        """Bands cover 0 to the highest reachable composite without overlap: highest first, the last at 0."""
        grades = self.spec.grades
        plausible_mins = [
            self.value(g.min, f"$.grades[{i}].min", (f"等次 {g.id} 的下限", f"the minimum of grade {g.id}"))
            for i, g in enumerate(grades)
        ]
        mins = [g.min for g in grades]
        if not grades:
            self.grade_problem("$.grades", "至少需要一个等次", "at least one grade is needed")
        elif not all(plausible_mins):
            pass
        elif mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            self.grade_problem("$.grades", "下限须从高到低排列且互不相同", "minimums must be distinct, highest first")
        elif mins[-1] != 0:
            self.grade_problem(
                f"$.grades[{len(grades) - 1}].min",
                f"最低等次的下限应为 0，实为 {mins[-1]}",
                f"the lowest grade must start at 0, not {mins[-1]}",
            )
        top = self.highest_composite()
        if top is not None:
            for i, grade in enumerate(grades):
                if plausible_mins[i] and grade.min > top[0]:
                    self.grade_problem(
                        f"$.grades[{i}].min",
                        f"下限 {grade.min} 高于可达到的最高综合得分 {top[0]}（{top[1].zh}）",
                        f"the minimum {grade.min} is above the highest reachable composite {top[0]} ({top[1].en})",
                    )
        for i, grade in enumerate(grades):
            if grade.quota is not None and not (plausible(grade.quota) and 0 < grade.quota <= 1):
                self.grade_problem(
                    f"$.grades[{i}].quota",
                    f"名额比例应大于 0、不大于 1，实为 {grade.quota}",
                    f"a quota is a share above 0 and at most 1, got {grade.quota}",
                )

    def highest_composite(self) -> tuple[Decimal, Label] | None:
        """The highest composite a region can reach, and how, or None when its parts are not known."""
        spec = self.spec
        if self.unknown_reach or "$.total_points" in self.bad or (spec.bonus is not None and "$.bonus.cap" in self.bad):
            return None
        share = max(self.highest.values(), default=Decimal(1))
        bonus = spec.bonus.cap if spec.bonus is not None else Decimal(0)
        top = spec.total_points * share + bonus
        zh = f"总分 {spec.total_points}" + (f" × 最高得分率 {share}" if share != 1 else "")
        en = f"total points {spec.total_points}" + (f" × highest attainment {share}" if share != 1 else "")
        if bonus:
            zh, en = f"{zh} + 加分上限 {bonus}", f"{en} + bonus cap {bonus}"
        return top, Label(zh, en)

    def attainment(self, value: Decimal, path: str, what: tuple[str, str], indicators: Iterable[str | None]) -> None:
        """An attainment threshold: at least 0 and no more than the named items can reach."""
        if not self.value(value, path, what, 0):
            return
        reachable = [self.highest[i] for i in indicators if i is not None and i in self.highest]
        if reachable and value > min(reachable):
            high = min(reachable)
            expected = (
                f" 0 至 {high} 之间的得分率（指标最高可达 {high}）",
                f"an attainment between 0 and {high} (the most the indicator can reach)",
            )
            self.value(value, path, what, 0, high, expected=expected)

    def check_scheme_rules(self, indicator_ids: set[str]) -> None:
        spec = self.spec
        self.check_grades()
        grade_ids = [g.id for g in spec.grades]
        for i, veto in enumerate(spec.vetoes):
            self.reference(veto.indicator, indicator_ids, f"$.vetoes[{i}].indicator")
            self.reference(veto.max_grade, grade_ids, f"$.vetoes[{i}].max_grade")
            what = (f"否决项 {veto.id} 的触发线 below", f"the threshold (below) of veto {veto.id}")
            self.attainment(veto.below, f"$.vetoes[{i}].below", what, [veto.indicator])
        if spec.gate:
            if not spec.gate.indicators:
                what = ("门槛的指标列表", "the gate's indicators")
                self.bad_value("$.gate.indicators", what, ("至少一个指标", "at least one indicator"), [])
            for j, ind in enumerate(spec.gate.indicators):
                self.reference(ind, indicator_ids, f"$.gate.indicators[{j}]")
            what = ("门槛的最低得分率", "the gate's minimum attainment")
            self.attainment(spec.gate.min_attainment, "$.gate.min_attainment", what, spec.gate.indicators)
        area_ids = [a.id for a in spec.areas]
        for j, key in enumerate(spec.ranking.tie_break):
            kind, _, ref = key.partition(":")
            known = area_ids if kind == "area" else sorted(indicator_ids) if kind == "indicator" else []
            self.reference(ref if known else key, known, f"$.ranking.tie_break[{j}]")
        if spec.misreporting is not None:
            deductions = [d.id for d in spec.deductions]
            self.reference(spec.misreporting.deduction, deductions, "$.misreporting.deduction")
            self.reference(spec.misreporting.max_grade, grade_ids, "$.misreporting.max_grade")
        self.reference(spec.award_min_grade, grade_ids, "$.award_min_grade")
        for k, limit in enumerate(spec.limits):
            self.reference(limit.indicator, indicator_ids, f"$.limits[{k}].indicator")
            declared = self.registry.indicators.get(limit.indicator)
            if declared is not None:
                names = [i.name for i in declared.inputs]
                self.reference(limit.input, names, f"$.limits[{k}].input")

    def reference(self, name: str | None, known: Iterable[str], path: str) -> None:
        known = list(known)
        if name is not None and name not in known:
            self.problem(
                "scheme.bad_reference", path=path, where=path, value=name, suggestion=did_you_mean(name, known)
            )


# The order of a scheme file's sections, as docs/scheme-format.md writes them.
_SECTIONS = [
    "schema",
    "id",
    "title",
    "year",
    "total_points",
    "aggregation",
    "tolerance",
    "not_applicable",
    "award_min_grade",
    "precision",
    "note",
    "plugins",
    "extends",
    "remove",
    "areas",
    "grades",
    "bonus",
    "deductions",
    "misreporting",
    "limits",
    "vetoes",
    "gate",
    "awards",
    "ranking",
    "inspection",
    "report",
]
_TOKEN = re.compile(r"\[(\d+)\]|\.([^.\[]+)")


def _document_order(item: Finding) -> tuple[tuple[int, int | str], ...]:
    """Findings in the order of the places they name, as a reader meets them in the file."""
    path = item.path or ""
    tokens: list[tuple[int, int | str]] = []
    for index, name in _TOKEN.findall(path.removeprefix("$")):
        if index:
            tokens.append((0, int(index)))
        elif not tokens:
            tokens.append((0, _SECTIONS.index(name) if name in _SECTIONS else len(_SECTIONS)))
        else:
            tokens.append((1, name))
    return tuple(tokens)


class _UnknownFamily(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def build_formula(spec: dict[str, Any], registry: Registry) -> Formula:
    """Build a formula from a scheme table ``{family = "...", <fields>}``; compound parts nest."""
    name = str(spec.pop("family", ""))
    family = registry.families.get(name)
    if family is None:
        raise _UnknownFamily(name)
    if family is Compound:
        parts_raw = spec.pop("parts", [])
        if spec:
            raise ValueError(f"compound 没有字段 / compound has no field {sorted(spec)[0]!r}")
        if not isinstance(parts_raw, list):
            raise ValueError("parts 应为表的列表 / parts must be a list of tables")
        parts = []
        for p in parts_raw:
            if not isinstance(p, dict) or not {"name", "formula"} <= set(p) or set(p) - {"name", "formula", "weight"}:
                raise ValueError(
                    "每个部分应为 {name, formula, weight} / each part must be a table {name, formula, weight}"
                )
            if not isinstance(p["formula"], dict):
                raise ValueError("formula 应为表 / a part's formula must be a table {family = ...}")
            part_name = _converter.structure(p["name"], str)
            weight = _converter.structure(p.get("weight", 1), Decimal)
            parts.append(Part(part_name, build_formula(dict(p["formula"]), registry), weight))
        return Compound(tuple(parts))
    return _converter.structure(spec, family)


class ParamValueError(ValueError):
    """A parameter value of the wrong shape; ``label`` says what was expected, in both languages."""

    def __init__(self, label: Label) -> None:
        self.label = label
        super().__init__(str(label))


def _param_number(raw: Any) -> Decimal:
    try:
        return _converter.structure(raw, Decimal)
    except Exception:
        shown = repr(raw) if len(repr(raw)) <= 60 else repr(raw)[:57] + "..."
        raise ParamValueError(Label(f"应为数字，实为 {shown}", f"expected a number, got {shown}")) from None


def parse_param(spec: Parameter, raw: Any) -> Any:
    """Turn a TOML value into a parameter value of the spec's shape, or raise :class:`ParamValueError`."""
    if spec.choices:
        if raw not in spec.choices or not isinstance(raw, str):
            words = ", ".join(spec.choices)
            raise ParamValueError(Label(f"应为 {words} 之一，实为 {raw!r}", f"expected one of {words}, got {raw!r}"))
        return raw
    if spec.is_switch:
        if type(raw) is not bool:
            shown = repr(raw) if len(repr(raw)) <= 60 else repr(raw)[:57] + "..."
            raise ParamValueError(Label(f"应为 true 或 false，实为 {shown}", f"expected true or false, got {shown}"))
        return raw
    if spec.is_tiers:
        if not isinstance(raw, list) or not raw:
            raise ParamValueError(Label("应为 [[阈值, 得分率], …]", "expected [[threshold, attainment], …]"))
        rows = []
        for row in raw:
            if not isinstance(row, list) or len(row) != 2:
                shown = repr(row) if len(repr(row)) <= 60 else repr(row)[:57] + "..."
                raise ParamValueError(
                    Label(f"每行应为两个数，实为 {shown}", f"each row must be two numbers, got {shown}")
                )
            rows.append((_param_number(row[0]), _param_number(row[1])))
        return tuple(rows)
    return _param_number(raw)
