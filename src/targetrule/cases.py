"""Case files (``*.cases.toml``): expected results written by people, checked against the engine.

Each case evaluates some regions under a scheme and compares what it states for each region:
item points, area points, base, bonus and deduction points, the composite, grade, rank, award
and vetoes, a number within the case's ``tolerance`` (exact by default). The format is in
docs/case-files.md; ``targetrule test`` and the pytest plugin run them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from targetrule.decimal_context import exact
from targetrule.findings import Finding, FindingsError, finding
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.engine import Engine
    from targetrule.results import Evaluation, RegionResult

#: The numbers a region's expectation may state, and the result attribute each is compared with.
NUMBERS = ("composite", "base_points", "bonus_points", "deduction_points")
#: The names a region's expectation may state: a grade, award or rank of ``false`` means none.
NAMES = ("grade", "award", "rank", "vetoes")
#: The keys of a case, of a file and of one region's expectations.
CASE_KEYS = ("name", "scheme", "data", "example", "regions", "mode", "tolerance", "expect")
FILE_KEYS = ("scheme", "tolerance", "cases")
EXPECT_KEYS = (*NUMBERS, *NAMES, "items", "areas", "other_items", "tolerance")


class CaseFileError(FindingsError):
    """A case file that cannot be read; ``findings`` says where (file and ``$.cases[0]…``) and why."""


@frozen
class Expectation:
    """One value a case states for a region: what (``composite``, ``item employment.x``, …) and the tolerance."""

    region: str
    what: str
    expected: Any
    tolerance: Decimal = Decimal(0)


@frozen
class Case:
    """One case: a scheme, the regions' data (a file or inline regions) and what is expected of each."""

    name: str
    file: str
    scheme: str
    data: Path | list[Any]
    mode: str
    expectations: tuple[Expectation, ...]
    other_items: tuple[str, ...] = ()  # regions whose unlisted items must be at full marks

    @property
    def id(self) -> str:
        """``file::name``, as pytest and ``targetrule test`` show it."""
        return f"{self.file}::{self.name}"


@frozen
class Mismatch:
    """An expectation that did not hold: what was expected and what the engine gave."""

    expectation: Expectation
    got: Any

    @property
    def message(self) -> Label:
        """One line in each language: region, what, expected, got, difference."""
        e = self.expectation
        shown, got = _show(e.expected), _show(self.got)
        delta = ""
        if _is_number(e.expected) and _is_number(self.got):
            difference = Decimal(self.got) - Decimal(e.expected)
            delta = f" ({'+' if difference > 0 else ''}{difference}" + (f", ±{e.tolerance})" if e.tolerance else ")")
        return Label(
            f"{e.region} {e.what}：应为 {shown}，实为 {got}{delta}",
            f"{e.region} {e.what}: expected {shown}, got {got}{delta}",
        )


@frozen
class CaseOutcome:
    """A case run: every mismatch, and the errors the data had (shown when something did not match)."""

    case: Case
    mismatches: tuple[Mismatch, ...]
    errors: tuple[Finding, ...] = ()

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.mismatches

    def report(self, lang: str = "en") -> str:
        """A readable diff: one line per mismatch, then the data's errors that may explain it."""
        lines = [f"  - {getattr(m.message, lang)}" for m in self.mismatches]
        if self.errors:
            shown = min(len(self.errors), 5)
            zh, en = (
                f"  数据中的错误（共 {len(self.errors)} 个，列出 {shown} 个）：",
                f"  errors in the data ({shown} of {len(self.errors)}):",
            )
            lines.append(zh if lang == "zh" else en)
            lines += [f"    [{f.code}] {f.path or ''} {getattr(f.message, lang)}" for f in self.errors[:shown]]
        return "\n".join([f"{self.case.id}", *lines])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _show(value: Any) -> str:
    if value is None or value is False:
        return "none"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


# -- reading ------------------------------------------------------------------------------------------


def _problem(file: str, path: str, zh: str, en: str) -> Finding:
    return finding("cases.malformed", path=f"{file}: {path}", detail_zh=zh, detail_en=en)


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """The cases of a ``*.cases.toml`` file; raise :class:`CaseFileError` listing every problem."""
    path = Path(path)
    file = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CaseFileError([_problem(file, "$", f"无法读取：{exc}", f"cannot be read: {exc}")]) from None
    problems: list[Finding] = []
    problems += _unknown_keys(file, "$", raw, FILE_KEYS)
    cases = raw.get("cases")
    if not isinstance(cases, list) or not cases or not all(isinstance(c, dict) for c in cases):
        problems.append(_problem(file, "$.cases", "应至少有一个 [[cases]]", "expected at least one [[cases]] table"))
        raise CaseFileError(problems)
    found = [_case(path, raw, case, f"$.cases[{i}]", problems) for i, case in enumerate(cases)]
    if problems:
        raise CaseFileError(problems)
    return tuple(c for c in found if c is not None)


def _unknown_keys(file: str, path: str, table: Mapping[str, Any], known: Iterable[str]) -> list[Finding]:
    known = tuple(known)
    return [
        _problem(
            file, f"{path}.{key}", f"未知的键（可用：{', '.join(known)}）", f"unknown key (known: {', '.join(known)})"
        )
        for key in table
        if key not in known
    ]


def _tolerance(file: str, path: str, value: Any, problems: list[Finding]) -> Decimal:
    if _is_number(value) and Decimal(value) >= 0:
        return Decimal(value)
    problems.append(_problem(file, path, f"应为不小于 0 的数，实为 {value!r}", f"expected a number ≥ 0, got {value!r}"))
    return Decimal(0)


def _case(path: Path, top: Mapping[str, Any], raw: Mapping[str, Any], at: str, problems: list[Finding]) -> Case | None:
    file = str(path)
    problems += _unknown_keys(file, at, raw, CASE_KEYS)
    name = raw.get("name", at)
    scheme = raw.get("scheme", top.get("scheme"))
    if not isinstance(scheme, str) or not scheme:
        problems.append(_problem(file, f"{at}.scheme", "应为方案编号或文件路径", "expected a scheme id or file path"))
        return None
    if scheme.endswith(".toml"):
        scheme = str(path.parent / scheme)
    data: Path | list[Any]
    given = [key for key in ("data", "example", "regions") if key in raw]
    if len(given) != 1:
        zh, en = "应给出 data、example 或 regions 之一", "expected exactly one of data, example or regions"
        problems.append(_problem(file, at, zh, en))
        return None
    if "data" in raw:
        data = path.parent / str(raw["data"])
    elif "example" in raw:
        data = Path(str(resources.files("targetrule") / "examples" / f"{raw['example']}.json"))
    elif isinstance(raw["regions"], list):
        data = _plain(raw["regions"])
    else:
        problems.append(_problem(file, f"{at}.regions", "应为地区的列表", "expected a list of regions"))
        return None
    mode = raw.get("mode", "strict")
    if mode not in ("strict", "lenient"):
        problems.append(_problem(file, f"{at}.mode", "应为 strict 或 lenient", "expected strict or lenient"))
    tolerance = _tolerance(file, f"{at}.tolerance", raw.get("tolerance", top.get("tolerance", 0)), problems)
    expect = raw.get("expect")
    if not isinstance(expect, dict) or not expect:
        problems.append(
            _problem(file, f"{at}.expect", "应为各地区的预期结果表", "expected a table of regions' results")
        )
        return None
    expectations: list[Expectation] = []
    full: list[str] = []
    for region, stated in expect.items():
        where = f"{at}.expect.{region}"
        if not isinstance(stated, dict):
            problems.append(_problem(file, where, "应为表", "expected a table"))
            continue
        problems += _unknown_keys(file, where, stated, EXPECT_KEYS)
        slack = _tolerance(file, f"{where}.tolerance", stated.get("tolerance", tolerance), problems)
        expectations += _region_expectations(file, where, region, stated, slack, problems)
        if "other_items" in stated:
            if stated["other_items"] != "full":
                problems.append(_problem(file, f"{where}.other_items", '只能为 "full"', 'can only be "full"'))
            full.append(region)
    return Case(str(name), file, scheme, data, str(mode), tuple(expectations), tuple(full))


def _region_expectations(
    file: str, where: str, region: str, stated: Mapping[str, Any], slack: Decimal, problems: list[Finding]
) -> list[Expectation]:
    found = []
    for key in NUMBERS:
        if key in stated:
            found.append(Expectation(region, key, _number(file, f"{where}.{key}", stated[key], problems), slack))
    for key in NAMES:
        if key in stated:
            value = stated[key]
            value = None if value is False else tuple(value) if isinstance(value, list) else value
            found.append(Expectation(region, key, value))
    for group, label in (("items", "item"), ("areas", "area")):
        table = stated.get(group, {})
        if not isinstance(table, dict):
            problems.append(
                _problem(file, f"{where}.{group}", "应为 编号 = 分数 的表", "expected a table of id = points")
            )
            continue
        for key, value in table.items():
            number = _number(file, f"{where}.{group}.{key}", value, problems)
            found.append(Expectation(region, f"{label} {key}", number, slack))
    return found


def _number(file: str, path: str, value: Any, problems: list[Finding]) -> Decimal:
    if _is_number(value):
        return Decimal(value)
    problems.append(_problem(file, path, f"应为数字，实为 {value!r}", f"expected a number, got {value!r}"))
    return Decimal(0)


def _plain(value: Any) -> Any:
    """TOML's Decimal floats as the numbers a JSON submission holds (the data readers take JSON types)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


# -- running ------------------------------------------------------------------------------------------


@exact
def run_case(engine: Engine, case: Case) -> CaseOutcome:
    """Evaluate the case's regions and compare every expectation; an unusable scheme raises ``SchemeError``."""
    evaluation = engine.evaluate(case.scheme, case.data, mode=case.mode)  # type: ignore[arg-type]
    mismatches = [m for e in case.expectations if (m := _check(evaluation, e)) is not None]
    for region_id in case.other_items:
        region = _region(evaluation, region_id)
        if region is None:
            continue  # reported by its other expectations
        listed = {e.what.removeprefix("item ") for e in case.expectations if e.region == region_id}
        for item in region.indicators():
            if item.indicator not in listed and item.points != item.max_points:
                expectation = Expectation(region_id, f"item {item.indicator}", item.max_points)
                mismatches.append(Mismatch(expectation, item.points))
    return CaseOutcome(case, tuple(mismatches), evaluation.errors if mismatches else ())


def _region(evaluation: Evaluation, region_id: str) -> RegionResult | None:
    try:
        return evaluation.region(region_id)
    except KeyError:
        return None


def _check(evaluation: Evaluation, e: Expectation) -> Mismatch | None:
    region = _region(evaluation, e.region)
    if region is None:
        return Mismatch(e, "no such region / 无此地区")
    kind, _, ref = e.what.partition(" ")
    got: Any
    try:
        if kind == "item":
            result = region.indicator(ref)
            got = result.points if result.status.value == "scored" else f"not scored ({result.status.value})"
        elif kind == "area":
            got = region.area(ref).points
        elif kind == "vetoes":
            got = tuple(region.vetoes)
        else:
            got = getattr(region, kind)
    except KeyError:
        return Mismatch(e, f"no {kind} {ref} / 无此{'指标' if kind == 'item' else '领域'}")
    if _is_number(e.expected) and _is_number(got) and kind not in ("rank",):
        return None if abs(Decimal(got) - e.expected) <= e.tolerance else Mismatch(e, got)
    return None if got == e.expected else Mismatch(e, got)
