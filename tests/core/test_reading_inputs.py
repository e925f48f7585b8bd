"""A region's inputs are read as a copy keyed by text, whatever shape the host hands over."""

from __future__ import annotations

from targetrule.submissions import read_submissions


def test_inputs_are_copied_not_shared() -> None:
    inputs = {"t.jobs": {"actual": 1}}
    data = read_submissions([{"id": "a", "name": "A", "inputs": inputs}])
    inputs["t.other"] = {}
    assert list(data.regions[0].inputs) == ["t.jobs"]


def test_keys_that_are_not_text_are_read_as_text() -> None:
    data = read_submissions([{"id": "a", "name": "A", "inputs": {1: {"actual": 1}, "t.jobs": {}}}])
    assert data.findings == ()
    assert list(data.regions[0].inputs) == ["1", "t.jobs"]


def test_inputs_that_are_not_a_mapping_are_a_finding_with_their_path() -> None:
    data = read_submissions([{"id": "a", "name": "A", "inputs": [1, 2]}])
    assert data.regions == ()
    assert [(f.code, f.path) for f in data.findings] == [("submission.malformed", "$.regions[0].inputs")]
