"""Hypothesis fuzzes the JSON and CSV readers and the document model: never an exception other than
:class:`DataFileError` (a file that cannot be read at all), and otherwise either findings or valid
results (every region scored within its full marks when nothing is wrong).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.harness import JOBS, mini_data
from targetrule import Engine, Evaluation, Scheme
from targetrule.formats.csv_data import read_csv_data
from targetrule.formats.errors import DataFileError
from targetrule.formats.json_data import read_json_data
from targetrule.submissions import read_submissions

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["id", "name", "zh", "en", "kind", "parent", "survey_only", "inputs", "bonuses", "deductions", "vetoes"]
KEYS += ["sources", "verified", "count", "points", "note", "regions", "scheme", "period", JOBS, "actual", "target"]
KEYS += ["public_welfare_posts", "national_commendation"]
texts = st.sampled_from(
    ["", "是", "否", "false", "true", "4,5", "17,28", "95,000", "NaN", "jia", "Café", "\x00", "\ud800"]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.text(max_size=12),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=6))
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


def _region() -> st.SearchStrategy[dict[str, Any]]:
    """A region that is mostly right, with any field replaced by anything."""
    inputs = st.fixed_dictionaries(
        {JOBS: st.dictionaries(st.sampled_from(["actual", "target", "public_welfare_posts", "x"]), values, max_size=4)}
    )
    return st.fixed_dictionaries(
        {"id": st.one_of(st.sampled_from(["jia", "yi", "changbai"]), values), "inputs": st.one_of(inputs, values)},
        optional={
            "name": values,
            "survey_only": values,
            "kind": values,
            "parent": values,
            "bonuses": values,
            "deductions": values,
            "vetoes": values,
            "sources": values,
            "verified": values,
            "note": values,
        },
    )


documents = st.one_of(
    st.fixed_dictionaries({"regions": st.lists(_region(), max_size=4)}, optional={"scheme": values, "note": values}),
    st.lists(_region(), max_size=3),
    values,
)


def _check(engine: Engine, mini: Scheme, submissions: Any) -> Evaluation:
    """Evaluate; no exception; when nothing is an error every region is scored within its full marks."""
    evaluation = engine.evaluate(mini, submissions)
    for region in evaluation.regions:
        assert isinstance(region.composite, Decimal) and 0 <= region.composite <= 10
    if not any(f.is_error for f in evaluation.findings):
        assert evaluation.ranked and all(r.rank is not None or r.survey_only for r in evaluation.regions)
    for item in evaluation.findings:
        assert item.code and item.message.zh and item.message.en
        str(item).encode("utf-8")  # printable and writable: no lone surrogate reaches a finding
    # what results.json holds can be written as UTF-8 (a lone surrogate in a name or an id could not)
    json.dumps(evaluation.to_dict(), ensure_ascii=False, default=str).encode("utf-8")
    return evaluation


@FUZZ
@given(document=documents, duplicate=st.booleans())
def test_json_reader_never_raises(engine: Engine, mini: Scheme, document: Any, duplicate: bool) -> None:
    text = json.dumps(document)  # ASCII: lone surrogates and NaN written as JSON allows
    if duplicate and text.startswith("{") and len(text) > 2:
        text = '{"scheme": "mini", ' + text[1:] if text != "{}" else text
        text = text.replace('{"scheme": "mini", ', '{"scheme": "mini", "scheme": "x", ', 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = read_json_data(path)
        except DataFileError as exc:
            assert exc.message.zh and exc.message.en
            return
    _check(engine, mini, loaded.submissions)


@FUZZ
@given(content=st.binary(max_size=200) | st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_json_reader_on_any_bytes(engine: Engine, mini: Scheme, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_bytes(content)
        try:
            loaded = read_json_data(path)
        except DataFileError:
            return
    _check(engine, mini, loaded.submissions)


@FUZZ
@given(document=documents)
def test_document_model_never_raises(engine: Engine, mini: Scheme, document: Any) -> None:
    if not isinstance(document, dict | list):
        document = {"regions": document}
    submissions = read_submissions(document)
    for item in submissions.findings:
        assert item.path and item.path.startswith("$")
    _check(engine, mini, submissions)


cells = st.one_of(
    st.sampled_from(["jia", "yi", "", JOBS, "actual", "target", "public_welfare_posts", "name", "survey_only"]),
    st.sampled_from(["bonus", "veto", "kind", "parent", "95,000", "4,5", "是", "maybe", "1" * 50, "\x00"]),
    st.text(max_size=10),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=5), max_size=12)


@FUZZ
@given(body=rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_csv_reader_never_raises(engine: Engine, mini: Scheme, body: list[list[str]], encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["region", "indicator", "input", "value"])
    writer.writerows(body)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(buffer.getvalue().encode(encoding, "surrogatepass"))
        try:
            loaded = read_csv_data(path)
        except DataFileError as exc:
            assert exc.message.zh and exc.message.en
            return
    evaluation = _check(engine, mini, loaded.submissions)
    for item in evaluation.findings:
        assert item.path is not None


@FUZZ
@given(content=st.binary(max_size=300))
def test_csv_reader_on_any_bytes(engine: Engine, mini: Scheme, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(b"region,indicator,input,value\n" + content)
        try:
            loaded = read_csv_data(path)
        except DataFileError:
            return
    _check(engine, mini, loaded.submissions)


def test_the_clean_document_passes_the_fuzz_checks(engine: Engine, mini: Scheme) -> None:
    evaluation = _check(engine, mini, read_submissions(mini_data()))
    assert evaluation.findings == () and evaluation.ranked
