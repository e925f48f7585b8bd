"""Schemes that extend another: ``extends = "jilin-2007"`` and only what changed (docs/scheme-format.md).

A child scheme is merged into its parent as parsed TOML, before anything is checked, so the
result is checked exactly as a full file would be. Lists of tables with an ``id`` (areas, an
area's indicators, grades, deductions, vetoes, awards, bonus items) are merged by id: a child
entry with a parent's id changes the keys it gives, a new id is added at the end (or in place of
the entry it ``replaces``). ``params`` and the tables ``bonus``, ``gate``, ``misreporting`` and
``ranking`` are merged key by key; every other value (a label, a formula, a list of ids) is
replaced whole. Removal is spelt out in the child's ``[remove]`` table. Every problem (an unknown
parent, a cycle, a removal of what the parent does not have) is a finding with its path.
"""

from __future__ import annotations

import copy
import hashlib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetrule.findings import Finding, did_you_mean, finding
from targetrule.scheme import SchemeLink, SchemeSource

#: The lists of tables merged by id, by their place (indices left out).
BY_ID = ("areas", "areas.indicators", "grades", "deductions", "vetoes", "awards", "bonus.items")
#: The tables merged key by key.
BY_KEY = ("bonus", "gate", "misreporting", "ranking", "inspection", "areas.indicators.params")
#: ``[remove]`` keys naming entries by id, and the list each removes from.
REMOVABLE = {
    "areas": "areas",
    "indicators": "areas.indicators",
    "grades": "grades",
    "deductions": "deductions",
    "vetoes": "vetoes",
    "awards": "awards",
    "bonus_items": "bonus.items",
}
#: Top-level keys that ``remove.sections`` may take away (the rest are required or have nothing to inherit).
SECTIONS = (
    "not_applicable",
    "award_min_grade",
    "inspection",
    "note",
    "aggregation",
    "tolerance",
    "plugins",
    "bonus",
    "deductions",
    "misreporting",
    "limits",
    "vetoes",
    "gate",
    "awards",
    "ranking",
)
#: The most schemes one chain may hold (a longer one is almost certainly a mistake).
DEEPEST = 16


class ExtendsError(Exception):
    """The chain could not be merged; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(f"{len(findings)} problem(s)")


Lookup = Callable[[str, SchemeSource], SchemeSource | None]
Parse = Callable[[SchemeSource], dict[str, Any]]


def parent_source(schemes: Mapping[str, SchemeSource]) -> Lookup:
    """A lookup of parents: an installed scheme by id, or a ``.toml`` path beside the child's file."""

    def lookup(name: str, child: SchemeSource) -> SchemeSource | None:
        if name in schemes:
            return schemes[name]
        if not name.endswith(".toml"):
            return None
        base = Path(child.origin).parent if child.origin and Path(child.origin).is_file() else Path.cwd()
        path = base / name
        try:
            return SchemeSource(path.stem, path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError):
            return None

    return lookup


def digest(text: str) -> str:
    """The SHA-256 of a scheme's text, as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def resolve_extends(
    raw: dict[str, Any], source: SchemeSource, lookup: Lookup, parse: Parse
) -> tuple[dict[str, Any], tuple[SchemeLink, ...]]:
    """The full scheme of ``raw`` and its chain, child first; raise :class:`ExtendsError` on any problem."""
    chain = [SchemeLink(str(raw.get("id", source.id)), source.origin, digest(source.text))]
    layers = [(raw, source)]
    seen = {source.origin or source.id}
    while "extends" in layers[-1][0]:
        child, child_source = layers[-1]
        name = child["extends"]
        file = child_source.origin or child_source.id
        if not isinstance(name, str):
            zh, en = "应为方案编号或 .toml 文件路径", "expected a scheme id or the path of a .toml file"
            raise ExtendsError([_bad_extends(file, name, zh, en)])
        parent = lookup(name, child_source)
        if parent is None:
            zh, en = "没有安装此编号的方案，也没有此文件", "no scheme of that id is installed and no such file exists"
            raise ExtendsError([_bad_extends(file, name, zh, en)])
        key = parent.origin or parent.id
        if key in seen or len(layers) >= DEEPEST:
            names = " → ".join([*(link.id for link in chain), name])
            zh, en = (
                f"继承形成循环或超过 {DEEPEST} 层（{names}）",
                f"the chain loops or is over {DEEPEST} deep ({names})",
            )
            raise ExtendsError([_bad_extends(file, name, zh, en)])
        seen.add(key)
        layers.append((parse(parent), parent))
        chain.append(SchemeLink(str(layers[-1][0].get("id", parent.id)), parent.origin, digest(parent.text)))
    merged = layers[-1][0]
    problems: list[Finding] = []
    for child, child_source in reversed(layers[:-1]):
        merged = merge(merged, child, child_source.origin or child_source.id, problems)
    if problems:
        raise ExtendsError(problems)
    return merged, tuple(chain)


def merge(parent: dict[str, Any], child: dict[str, Any], file: str, problems: list[Finding]) -> dict[str, Any]:
    """``child`` (read from ``file``) laid over ``parent``; neither is changed; problems go to ``problems``."""
    result = copy.deepcopy(parent)
    child = dict(child)
    child.pop("extends", None)
    removals = child.pop("remove", {})
    changes = _Changes(file, str(parent.get("id", "?")), problems)
    if isinstance(removals, dict):
        changes.remove(result, removals)
    else:
        changes.problem("$.remove", removals)
    changes.merge_table(result, child, "", "$")
    return result


class _Changes:
    """One child's changes to its parent, and the problems found on the way."""

    def __init__(self, file: str, parent: str, problems: list[Finding]) -> None:
        self.file = file
        self.parent = parent
        self.problems = problems

    def problem(self, path: str, value: Any, known: Iterable[Any] = ()) -> None:
        suggestion = did_you_mean(str(value), [str(k) for k in known]) if known else None
        self.problems.append(
            finding(
                "scheme.bad_removal", path=path, value=value, file=self.file, scheme=self.parent, suggestion=suggestion
            )
        )

    def merge_table(self, into: dict[str, Any], child: Mapping[str, Any], place: str, path: str) -> None:
        for key, value in child.items():
            at, here = f"{place}.{key}".lstrip("."), f"{path}.{key}"
            if at in BY_ID and isinstance(value, list) and isinstance(into.get(key), list):
                into[key] = self.merge_list(into[key], value, at, here)
            elif at in BY_KEY and isinstance(value, dict) and isinstance(into.get(key), dict):
                self.merge_table(into[key], value, at, here)
            else:
                into[key] = copy.deepcopy(value)

    def merge_list(self, entries: list[Any], changes: list[Any], place: str, path: str) -> list[Any]:
        merged = copy.deepcopy(entries)
        for i, change in enumerate(changes):
            if not isinstance(change, dict) or "id" not in change:
                merged.append(copy.deepcopy(change))  # not an entry: checked and reported as in a full file
                continue
            change = dict(change)
            replaced = change.pop("replaces", None)
            ids = [e.get("id") if isinstance(e, dict) else None for e in merged]
            if replaced is not None:
                if replaced in ids:
                    merged[ids.index(replaced)] = copy.deepcopy(change)
                else:
                    self.problem(f"{path}[{i}].replaces", replaced, [x for x in ids if x is not None])
                    merged.append(copy.deepcopy(change))
            elif change["id"] in ids:
                self.merge_table(merged[ids.index(change["id"])], change, place, f"{path}[{i}]")
            else:
                merged.append(copy.deepcopy(change))
        return merged

    def remove(self, scheme: dict[str, Any], removals: Mapping[str, Any]) -> None:
        for key, names in removals.items():
            path = f"$.remove.{key}"
            if key == "params":
                self.remove_params(scheme, names)
            elif not isinstance(names, list):
                self.problem(path, names)
            elif key == "formulas":
                for j, item_id in enumerate(names):
                    item = _item(scheme, item_id)
                    if item is None or "formula" not in item:
                        self.problem(f"{path}[{j}]", item_id)
                    else:
                        del item["formula"]
            elif key == "sections":
                for j, name in enumerate(names):
                    if name in SECTIONS and name in scheme:
                        del scheme[name]
                    else:
                        self.problem(f"{path}[{j}]", name, [s for s in SECTIONS if s in scheme])
            elif key in REMOVABLE:
                self.remove_entries(_lists(scheme, REMOVABLE[key]), names, path)
            else:
                self.problem(path, key, [*REMOVABLE, "params", "formulas", "sections"])

    def remove_entries(self, lists: list[list[Any]], names: list[Any], path: str) -> None:
        for j, name in enumerate(names):
            owner = next((lst for lst in lists if any(_has_id(e, name) for e in lst)), None)
            if owner is None:
                self.problem(f"{path}[{j}]", name, [e.get("id") for lst in lists for e in lst if isinstance(e, dict)])
            else:
                owner[:] = [e for e in owner if not _has_id(e, name)]

    def remove_params(self, scheme: dict[str, Any], names: Any) -> None:
        if not isinstance(names, dict):
            self.problem("$.remove.params", names)
            return
        for item_id, params in names.items():
            item = _item(scheme, item_id)
            given = item.get("params", {}) if item is not None else {}
            for j, name in enumerate(params if isinstance(params, list) else [params]):
                if isinstance(given, dict) and name in given:
                    del given[name]
                else:
                    self.problem(f"$.remove.params.{item_id}[{j}]", f"{item_id} / {name}")


def _has_id(entry: Any, name: Any) -> bool:
    return isinstance(entry, dict) and entry.get("id") == name


def _lists(scheme: dict[str, Any], place: str) -> list[list[Any]]:
    """Every list at ``place`` (``areas.indicators`` is one list per area)."""
    head, _, rest = place.partition(".")
    value = scheme.get(head)
    if not rest:
        return [value] if isinstance(value, list) else []
    tables = value if isinstance(value, list) else [value]
    return [lst for t in tables if isinstance(t, dict) for lst in _lists(t, rest)]


def _item(scheme: dict[str, Any], item_id: Any) -> dict[str, Any] | None:
    return next((i for items in _lists(scheme, "areas.indicators") for i in items if _has_id(i, item_id)), None)


def _bad_extends(file: str, value: Any, zh: str, en: str) -> Finding:
    return finding("scheme.bad_extends", path="$.extends", value=value, file=file, detail_zh=zh, detail_en=en)


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text as the loader reads it (floats as :class:`~decimal.Decimal`); raise ``tomllib.TOMLDecodeError``."""
    return tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
