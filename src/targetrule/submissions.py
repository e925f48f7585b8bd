"""Submissions: each region's targets and reported figures for one period, read leniently.

Reading never stops at the first problem, and every field is read by its declared type, strictly:
a region whose id is unusable becomes a finding with its JSON path and every other region is
kept; a bad field of a kept region (``survey_only``, ``kind``, a claim's count) is a finding,
never a silent change. :func:`parse_json` is the one JSON reader of every JSON input: exact
decimals, huge integers kept as decimals, duplicate keys and deep nesting reported.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from targetrule.convert import FLAG_WORDS, clean_text, read_flag, text_problem
from targetrule.findings import Finding, did_you_mean, finding
from targetrule.text import Label


@frozen
class Region:
    """A unit evaluated: a city/prefecture or a county; survey-only regions are never ranked."""

    id: str
    name: Label
    kind: str = "city"
    parent: str | None = None
    survey_only: bool = False


@frozen
class Claim:
    """A bonus or deduction a region is given, ``count`` times, optionally at stated ``points``."""

    id: str
    count: int = 1
    points: Decimal | None = None
    note: str = ""
    where: str = field(default="", eq=False, repr=False)  # its path as read, e.g. $.regions[2].bonuses[1]


@frozen
class RegionData:
    """One region's submission: raw input values by indicator, claims and declared vetoes."""

    region: Region
    inputs: dict[str, Any] = field(factory=dict)
    bonuses: tuple[Claim, ...] = ()
    deductions: tuple[Claim, ...] = ()
    vetoes: tuple[str, ...] = ()
    sources: dict[str, str] = field(factory=dict)
    path: str = "$"
    # figures the inspection team verified (targetrule.inspection.verification)
    verified: dict[str, Any] = field(factory=dict)
    veto_paths: tuple[str, ...] = field(default=(), eq=False, repr=False)  # where each veto was read, if known
    # the file of the region's special report (专题报告, 三（一）), as the return names it; hashed by the reader
    special_report: str | None = None


@frozen
class Submissions:
    """Every region's data for one evaluation, with what was wrong in reading it."""

    regions: tuple[RegionData, ...]
    scheme: str | None = None
    period: str | None = None
    findings: tuple[Finding, ...] = ()
    raw: Any = field(default=None, eq=False, repr=False)
    note: Label | None = None  # e.g. "illustrative figures", shown beside the results


_REGION_KEYS = ("id", "name", "kind", "parent", "survey_only")
_CONTENT_KEYS = ("inputs", "bonuses", "deductions", "vetoes", "sources", "verified", "special_report")
_CLAIM_KEYS = ("id", "count", "points", "note")
MAX_DEPTH = 32  # a submission needs 7 levels; deeper nesting is refused before anything recurses over it
MAX_CLAIM_COUNT = 1_000_000
_LARGEST_POINTS = Decimal(10) ** 15
_INT_DIGITS = 4000  # longer integers are read as decimals (int() refuses them), then found implausible


class JsonTextError(ValueError):
    """A JSON text that cannot be read at all: ``where`` is ``:line:column`` (or empty) and a bilingual message."""

    def __init__(self, where: str, message: Label) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message.zh} / {message.en}")


@frozen
class ParsedJson:
    """A JSON document read with exact decimals, and a finding for every key repeated in one object."""

    document: Any
    findings: tuple[Finding, ...] = ()


class _Repeated(dict[str, Any]):
    """An object in which a key was repeated: the first value of each key, and the repeated keys."""

    repeated: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    first = _Repeated()
    first.repeated = []
    for key, value in pairs:
        if key in first:
            first.repeated.append(key)
        else:
            first[key] = value
    return first


def _parse_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= _INT_DIGITS else Decimal(text)


def parse_json(text: str, *, exact: bool = True) -> ParsedJson:
    """Read JSON text: floats as exact decimals (as ``float`` when not ``exact``), repeated keys as findings.

    The first value of a repeated key is kept. Raises :class:`JsonTextError` for malformed JSON and
    for nesting deeper than ``MAX_DEPTH``.
    """
    try:
        document = json.loads(
            text, parse_float=Decimal if exact else float, parse_int=_parse_int, object_pairs_hook=_pairs
        )
    except json.JSONDecodeError as exc:
        raise JsonTextError(
            f":{exc.lineno}:{exc.colno}", Label(f"JSON 格式错误：{exc.msg}", f"malformed JSON: {exc.msg}")
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except (ValueError, InvalidOperation) as exc:
        raise JsonTextError("", Label(f"JSON 无法读取：{exc}", f"unreadable JSON: {exc}")) from None
    return ParsedJson(*_walk(document))


def _too_deep() -> JsonTextError:
    return JsonTextError(
        "",
        Label(
            f"JSON 嵌套超过 {MAX_DEPTH} 层，不是提交数据的格式",
            f"the JSON is nested more than {MAX_DEPTH} levels deep, which no submission is",
        ),
    )


def _step(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _walk(document: Any) -> tuple[Any, tuple[Finding, ...]]:
    """Check the depth without recursing; report repeated keys and turn their objects into plain dicts."""
    problems: list[Finding] = []
    root: list[Any] = [document]
    stack: list[tuple[Any, Any, Any, str, int]] = [(document, root, 0, "$", 1)]
    while stack:
        node, parent, key, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        if isinstance(node, dict):
            if type(node) is _Repeated:
                for name in dict.fromkeys(node.repeated):
                    problems.append(finding("submission.duplicate_key", path=_step(path, name), value=name))
                node = parent[key] = dict(node)
            for name, value in node.items():
                if isinstance(value, dict | list):
                    stack.append((value, node, name, _step(path, name), depth + 1))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, dict | list):
                    stack.append((value, node, index, f"{path}[{index}]", depth + 1))
    problems.sort(key=lambda f: f.path or "")
    return root[0], tuple(problems)


def read_submissions(data: Mapping[str, Any] | list[Any]) -> Submissions:
    """Structure a JSON-like document ``{"scheme": ..., "regions": [...]}`` (or a bare list of regions)."""
    document: Mapping[str, Any] = {"regions": data} if isinstance(data, list) else data
    problems: list[Finding] = []
    if not isinstance(document, Mapping):
        return Submissions(
            (),
            findings=(finding("submission.malformed", path="$", detail="应为 JSON 对象 / expected a JSON object"),),
            raw=data,
        )
    known = ("schema", "scheme", "period", "note", "regions", "returns")  # returns: what `collect` merged
    for key in sorted(map(str, set(document) - set(known))):
        problems.append(
            finding(
                "submission.malformed",
                path=_step("$", key),
                detail=f"未知字段 / unknown field {key!r}",
                suggestion=did_you_mean(key, known),
            )
        )
    raw_regions = document.get("regions")
    regions: list[RegionData] = []
    if not isinstance(raw_regions, list | tuple) or not raw_regions:
        problems.append(finding("submission.empty", path="$.regions"))
    else:
        for index, raw in enumerate(raw_regions):
            region = _read_region(raw, f"$.regions[{index}]", problems)
            if region is not None:
                regions.append(region)
    note = _note(document.get("note"), problems)
    return Submissions(
        tuple(regions),
        scheme=_top_text(document, "scheme", problems),
        period=_top_text(document, "period", problems),
        findings=tuple(problems),
        raw=document,
        note=note,
    )


def read_region(raw: Any, index: int, problems: list[Finding]) -> RegionData | None:
    """One region of a document as ``read_submissions`` reads the ``index``-th: its data, or None and findings."""
    return _read_region(raw, f"$.regions[{index}]", problems)


def _top_text(document: Mapping[str, Any], key: str, problems: list[Finding]) -> str | None:
    value = document.get(key)
    if value is None:
        return None
    if isinstance(value, str) and text_problem(value) is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and key == "period":
        return str(value)
    problems.append(finding("submission.malformed", path=f"$.{key}", value=value, detail="应为文本 / expected text"))
    return None


def _note(raw: Any, problems: list[Finding]) -> Label | None:
    """A document's note: ``{"zh": …, "en": …}`` or one string for both languages."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return Label(clean_text(raw), clean_text(raw))
    if isinstance(raw, Mapping) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Label(clean_text(raw["zh"]), clean_text(raw["en"]))
    problems.append(
        finding("submission.malformed", path="$.note", value=raw, detail="应为 {zh, en} / expected {zh, en}")
    )
    return None


def load_submissions(path: str | Path) -> Submissions:
    """Read a JSON submissions file as the command line does; an unreadable file is a finding, not a traceback."""
    from targetrule.json_file import UnreadableFileError, read_json_file  # it reads through this module's parser

    try:
        parsed, _ = read_json_file(path, exact=False)  # ``raw`` stays plain JSON types, as it always was
    except UnreadableFileError as exc:
        detail = f"{exc.message.zh} / {exc.message.en}"
        return Submissions((), findings=(finding("submission.malformed", path=exc.where, detail=detail),))
    document = parsed.document
    if not isinstance(document, Mapping | list):
        detail = "顶层应为对象或地区列表 / the top level must be an object or a list of regions"
        return Submissions((), findings=(finding("submission.malformed", path="$", detail=detail),), raw=document)
    return with_parse_findings(read_submissions(document), parsed)


def with_parse_findings(submissions: Submissions, parsed: ParsedJson) -> Submissions:
    """``submissions`` with the findings of reading its JSON text (repeated keys) first."""
    if not parsed.findings:
        return submissions
    return evolve(submissions, findings=(*parsed.findings, *submissions.findings))


def region_id_problem(raw: Any) -> tuple[str, str] | None:
    """Why ``raw`` cannot be a region id (in Chinese and English), or None when it is non-empty plain text."""
    if not isinstance(raw, str):
        return f"应为文本，实为 {type(raw).__name__}", f"expected text, got {type(raw).__name__}"
    if not raw.strip():
        return "为空", "it is empty"
    return text_problem(raw)


def _read_region(raw: Any, path: str, problems: list[Finding]) -> RegionData | None:
    if not isinstance(raw, Mapping):
        problems.append(
            finding(
                "submission.malformed",
                path=path,
                value=raw,
                detail="地区应为 JSON 对象 / a region must be a JSON object",
            )
        )
        return None
    if raw.get("id") is None:
        problems.append(finding("region.missing_id", path=f"{path}.id"))
        return None
    region_id = raw["id"]
    why = region_id_problem(region_id)
    if why is not None:
        problems.append(finding("region.bad_id", path=f"{path}.id", value=region_id, why_zh=why[0], why_en=why[1]))
        return None
    found: list[Finding] = []
    known = _REGION_KEYS + _CONTENT_KEYS
    for key in raw:
        if key not in known:
            found.append(
                finding(
                    "submission.malformed",
                    region=region_id,
                    path=_step(path, str(key)),
                    detail=f"未知字段 / unknown field {key!r}",
                    suggestion=did_you_mean(str(key), known),
                )
            )
    inputs = raw.get("inputs", {})
    if not isinstance(inputs, Mapping):
        problems.extend(found)
        problems.append(
            finding(
                "submission.malformed",
                region=region_id,
                path=f"{path}.inputs",
                value=inputs,
                detail="应为以指标编号为键的对象 / expected an object keyed by indicator id",
            )
        )
        return None
    fields = _Fields(region_id, path, found)
    region = Region(
        id=region_id,
        name=fields.name(raw.get("name")),
        kind=fields.text("kind", raw.get("kind"), "city", "类型", "kind") or "city",
        parent=fields.text("parent", raw.get("parent"), None, "上级地区", "parent"),
        survey_only=fields.flag(raw.get("survey_only")),
    )
    data = RegionData(
        region,
        fields.inputs(inputs),
        fields.claims("bonuses", raw.get("bonuses")),
        fields.claims("deductions", raw.get("deductions")),
        fields.vetoes(raw.get("vetoes")),
        fields.sources(raw.get("sources")),
        path,
        fields.verified(raw.get("verified")),
        veto_paths=fields.veto_paths,
        special_report=fields.text("special_report", raw.get("special_report"), None, "专题报告", "special report"),
    )
    problems.extend(found)
    return data


class _Fields:
    """Reads one region's fields by their declared types, adding a finding for each one that is wrong."""

    def __init__(self, region: str, path: str, found: list[Finding]) -> None:
        self.region, self.path, self.found = region, path, found
        self.veto_paths: tuple[str, ...] = ()

    def bad(self, key: str, value: Any, expected: tuple[str, str], default: str) -> None:
        self.found.append(
            finding(
                "region.bad_field",
                region=self.region,
                path=f"{self.path}.{key}",
                value=value,
                field=key,
                expected_zh=expected[0],
                expected_en=expected[1],
                default=default,
            )
        )

    def unusable(self, path: str, value: Any) -> None:
        self.found.append(finding("region.unusable_text", region=self.region, path=path, value=value))

    def clean(self, key: str, text: str) -> str:
        why = text_problem(text)
        if why is None:
            return text
        self.found.append(
            finding(
                "region.bad_text",
                region=self.region,
                path=self.path + key,
                value=text,
                field=key.lstrip("."),
                problem_zh=why[0],
                problem_en=why[1],
            )
        )
        return clean_text(text)

    def name(self, raw: Any) -> Label:
        if raw is None:
            return Label(self.region, self.region)
        if isinstance(raw, str):  # a bare name is the Chinese name; English falls back to the id
            return Label(self.clean(".name", raw), self.region)
        if isinstance(raw, Mapping) and set(raw) <= {"zh", "en"}:
            zh, en = raw.get("zh"), raw.get("en")
            if (zh is None or isinstance(zh, str)) and (en is None or isinstance(en, str)):
                return Label(
                    self.clean(".name.zh", zh) if zh else self.region, self.clean(".name.en", en) if en else self.region
                )
        self.bad("name", raw, ("文本或 {zh, en}", "text or {zh, en}"), self.region)
        return Label(self.region, self.region)

    def text(self, key: str, raw: Any, default: str | None, zh: str, en: str) -> str | None:
        if raw is None:
            return default
        if isinstance(raw, str) and raw.strip():
            return self.clean(f".{key}", raw)
        self.bad(key, raw, ("非空文本", "non-empty text"), str(default))
        return default

    def inputs(self, raw: Mapping[Any, Any]) -> dict[str, Any]:
        inputs = (
            dict(raw) if type(raw) is dict and all(type(k) is str for k in raw) else {str(k): v for k, v in raw.items()}
        )
        try:  # one search over every name at once: the common case
            names = "".join(inputs) + "".join(["".join(v) for v in inputs.values() if type(v) is dict])
            clean = text_problem(names) is None
        except TypeError:  # a host's non-text input name: the engine reports it as unknown
            clean = True
        if clean:
            return inputs
        kept: dict[str, Any] = {}
        for indicator, values in inputs.items():
            where = _step(f"{self.path}.inputs", indicator)
            if text_problem(indicator) is not None:
                self.unusable(where, indicator)
                continue
            if type(values) is dict and any(isinstance(k, str) and text_problem(k) for k in values):
                for name in [k for k in values if isinstance(k, str) and text_problem(k)]:
                    self.unusable(_step(where, name), name)
                values = {k: v for k, v in values.items() if not (isinstance(k, str) and text_problem(k))}
            kept[indicator] = values
        return kept

    def flag(self, raw: Any) -> bool:
        if raw is None:
            return False
        value = read_flag(raw)
        if value is None:
            self.bad("survey_only", raw, (f"是/否（{FLAG_WORDS}）", f"yes/no ({FLAG_WORDS})"), "false")
            return False
        return value

    def claims(self, key: str, raw: Any) -> tuple[Claim, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list | tuple):
            self.bad(key, raw, ("列表", "a list"), "[]")
            return ()
        claims = []
        for index, item in enumerate(raw):
            claim = self.claim(item, f"{self.path}.{key}[{index}]")
            if claim is not None:
                claims.append(claim)
        return tuple(claims)

    def claim(self, raw: Any, path: str) -> Claim | None:
        if not isinstance(raw, Mapping):
            self.found.append(
                finding(
                    "claim.malformed",
                    region=self.region,
                    path=path,
                    value=raw,
                    detail_zh="应为 {id, count, points, note} 对象",
                    detail_en="expected an object {id, count, points, note}",
                )
            )
            return None
        ok = True
        for key in raw:
            if key not in _CLAIM_KEYS:
                ok = False
                self.found.append(
                    finding(
                        "claim.malformed",
                        region=self.region,
                        path=_step(path, str(key)),
                        value=key,
                        detail_zh=f"未知字段 {key!r}，应为 id、count、points、note",
                        detail_en=f"unknown field {key!r}; expected id, count, points, note",
                    )
                )
        claim_id = raw.get("id")
        if region_id_problem(claim_id) is not None:
            self.found.append(finding("claim.bad_id", region=self.region, path=f"{path}.id", value=claim_id))
            return None
        count = _whole(raw.get("count", 1))
        if count is None:
            ok = False
            self.found.append(
                finding(
                    "claim.bad_count",
                    region=self.region,
                    path=f"{path}.count",
                    value=raw.get("count"),
                    limit=MAX_CLAIM_COUNT,
                )
            )
        points = _points(raw.get("points"))
        if points is False:
            ok = False
            self.found.append(
                finding("claim.bad_points", region=self.region, path=f"{path}.points", value=raw.get("points"))
            )
        note = raw.get("note", "")
        if not isinstance(note, str):
            ok = False
            self.found.append(
                finding(
                    "claim.malformed",
                    region=self.region,
                    path=f"{path}.note",
                    value=note,
                    detail_zh="note 应为文本",
                    detail_en="note must be text",
                )
            )
        if not ok or count is None or isinstance(points, bool):
            return None
        return Claim(str(claim_id), count, points, clean_text(note), where=path)

    def vetoes(self, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list | tuple):
            self.bad("vetoes", raw, ("否决项编号的列表", "a list of veto ids"), "[]")
            return ()
        vetoes, paths = [], []
        for index, item in enumerate(raw):
            if region_id_problem(item) is not None:
                self.found.append(
                    finding("claim.bad_id", region=self.region, path=f"{self.path}.vetoes[{index}]", value=item)
                )
            else:
                vetoes.append(item)
                paths.append(f"{self.path}.vetoes[{index}]")
        self.veto_paths = tuple(paths)
        return tuple(vetoes)

    def sources(self, raw: Any) -> dict[str, str]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            self.bad("sources", raw, ("以指标编号为键的对象", "an object keyed by indicator id"), "{}")
            return {}
        sources = {}
        for key, value in raw.items():
            if isinstance(value, str):
                sources[str(key)] = clean_text(value)
            else:
                self.bad(_step("sources", str(key)), value, ("文本", "text"), "—")
        return sources

    def verified(self, raw: Any) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            self.bad("verified", raw, ("以指标编号为键的对象", "an object keyed by indicator id"), "{}")
            return {}
        verified: dict[str, Any] = {}
        for key, value in raw.items():
            if _holds_bad_text([key, value]):  # it would reach findings and results as it is
                self.unusable(_step(f"{self.path}.verified", str(key)), key)
            else:
                verified[str(key)] = value
        return verified


def _holds_bad_text(value: Any) -> bool:
    """True when any text in ``value`` (keys included, at any depth) has a control character or lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if text_problem(item) is not None:
                return True
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _whole(raw: Any) -> int | None:
    """A claim's count: a whole number from 0 to ``MAX_CLAIM_COUNT`` (2.0 is 2); anything else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 <= raw <= MAX_CLAIM_COUNT else None
    if isinstance(raw, float | Decimal):
        try:
            value = raw if isinstance(raw, Decimal) else Decimal(repr(raw))
            if value.is_finite() and 0 <= value <= MAX_CLAIM_COUNT and value == value.to_integral_value():
                return int(value)
        except ArithmeticError:  # a signalling NaN
            return None
    return None


def _points(raw: Any) -> Decimal | bool | None:
    """A claim's stated points: None when not given, a finite decimal from 0 to 10¹⁵, or False when invalid."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return False
    try:
        if isinstance(raw, int | Decimal):
            value = Decimal(raw)
        elif isinstance(raw, float):
            value = Decimal(repr(raw))
        elif isinstance(raw, str) and len(raw) <= 100:
            value = Decimal(raw.strip())
        else:
            return False
        if value.is_finite() and 0 <= value <= _LARGEST_POINTS:
            return value
    except (ArithmeticError, ValueError):
        return False
    return False
