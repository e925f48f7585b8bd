"""Hypothesis fuzzes the scheme loader: whatever the text, ``load_scheme`` returns a scheme or raises
``SchemeError`` listing findings from the catalog, never any other exception.

Two kinds of mutation of valid schemes (the mini scheme and the bundled jilin-2007): values in the
parsed document replaced, removed or added (numbers of every size, NaN and infinity, text, flags,
tables, arrays), then written back as TOML; and the raw text edited character by character
(including lone surrogates, NUL and deep nesting). A scheme that loads is then evaluated on the mini
data in lenient mode, which must not raise either.
"""

from __future__ import annotations

import copy
import re
import tomllib
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.harness import MINI, mini_data
from targetrule import Engine, Scheme, SchemeError, SchemeSource
from targetrule.findings import CATALOG
from targetrule.formulas import check_params
from targetrule.scheme_loader import load_scheme

MINI_TEXT = MINI.read_text(encoding="utf-8")
JILIN_TEXT = Engine().registry.schemes["jilin-2007"].text
BASES = [MINI_TEXT, JILIN_TEXT]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- a small TOML writer: every table inline, so any document can be written ---------------------------


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)  # a lone surrogate is written as it is: the loader must refuse it, not crash
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan"
        if value.is_infinite():
            return "-inf" if value < 0 else "inf"
        text = str(value)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(str(k))} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def to_toml(document: dict[str, Any]) -> str:
    """``document`` as TOML, one top-level key a line."""
    return "\n".join(f"{_string(key)} = {_value(value)}" for key, value in document.items()) + "\n"


def test_the_writer_round_trips_the_bases() -> None:
    for text in BASES:
        document = tomllib.loads(text, parse_float=Decimal)
        assert tomllib.loads(to_toml(document), parse_float=Decimal) == document


# -- mutations ---------------------------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0, -1, 1, 2007, 10**9, 10**9 + 1, 2**63, -(2**63) - 1]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-2, max_value=2, places=3),
    st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+999999999")]),
)
leaves = st.one_of(numbers, st.booleans(), st.text(max_size=12), st.just(""), st.just([]), st.just({}))
values = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (keys of tables, indices of arrays)."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _places(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _places(child, (*path, index))
    return found


def _mutate(document: Any, path: tuple[Any, ...], action: str, value: Any, key: str) -> None:
    value = copy.deepcopy(value)  # st.just([]) draws one shared list: never let it grow across examples
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "remove":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value  # "add": a new key in a table
    elif isinstance(parent[last], list):
        parent[last].append(value)  # "add": a new element
    else:
        parent[last] = value


def check(text: str, engine: Engine) -> None:
    """The property: a scheme (which then evaluates without raising) or a SchemeError with catalogued findings."""
    try:
        scheme = load_scheme(SchemeSource("fuzz", text, "fuzz.toml"), engine.registry)
    except SchemeError as exc:
        assert exc.findings
        for f in exc.findings:
            assert f.code in CATALOG, f
            assert f.message.zh and f.message.en and not PLACEHOLDER.search(f.message.zh + f.message.en), f
            assert str(f)
        return
    assert isinstance(scheme, Scheme)
    assert_valid(scheme)
    engine.evaluate(scheme, mini_data(), mode="lenient")


def assert_valid(scheme: Scheme) -> None:
    """What loading promises about a scheme it returns: every number within its domain."""
    spec = scheme.spec
    assert 1900 <= spec.year <= 2100 and spec.total_points > 0 and 0 <= spec.tolerance <= 1
    assert spec.areas and all(a.points > 0 and a.indicators for a in spec.areas)
    for area in scheme.areas:
        assert any(item.weight > 0 for item in area.items)
        for item in area.items:
            assert item.points > 0 and item.weight >= 0
            assert check_params(item.formula, item.params) == []
    mins = [g.min for g in spec.grades]
    assert mins == sorted(set(mins), reverse=True) and mins[-1] == 0
    assert all(g.quota is None or 0 < g.quota <= 1 for g in spec.grades)
    assert all(a.count >= 1 for a in spec.awards)
    assert spec.bonus is None or (spec.bonus.cap >= 0 and all(b.points >= 0 for b in spec.bonus.items))
    assert all(d.points >= 0 for d in spec.deductions)


@FUZZ
@given(data=st.data())
def test_mutated_values_give_a_scheme_or_findings(data: st.DataObject, engine: Engine) -> None:
    document = tomllib.loads(data.draw(st.sampled_from(BASES)), parse_float=Decimal)
    for _ in range(data.draw(st.integers(1, 3))):
        places = _places(document)
        path = data.draw(st.sampled_from(places))
        action = data.draw(st.sampled_from(["replace", "replace", "replace", "remove", "add"]))
        _mutate(document, path, action, data.draw(values), data.draw(st.text(max_size=6)))
    check(to_toml(document), engine)


@FUZZ
@given(data=st.data())
def test_numbers_replaced_by_numbers_give_a_scheme_or_findings(data: st.DataObject, engine: Engine) -> None:
    """Only numbers change, so the document keeps its shape and every domain check is reached."""
    document = tomllib.loads(data.draw(st.sampled_from(BASES)), parse_float=Decimal)
    places = [p for p in _places(document) if _at(document, p).__class__ in (int, Decimal)]
    for path in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=4)):
        _mutate(document, path, "replace", data.draw(numbers), "")
    check(to_toml(document), engine)


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


hostile_text = st.one_of(
    st.text(st.characters(codec=None), max_size=8),  # any code point, lone surrogates included
    st.sampled_from(["\x00", "\ud800", "[", "]", "{", "}", '"', "=", "\n", "nan", "inf", "1e999999999", "[" * 600]),
)


@FUZZ
@given(data=st.data())
def test_edited_text_gives_a_scheme_or_findings(data: st.DataObject, engine: Engine) -> None:
    text = data.draw(st.sampled_from(BASES))
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 10)))
        text = text[:start] + data.draw(hostile_text) + text[end:]
    check(text, engine)
