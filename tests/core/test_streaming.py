"""The streaming path (``Engine.evaluate_iter``): the same results as ``evaluate``, one region at a time."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from targetrule import Engine
from targetrule.plain_json import region_to_dict


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    text = (resources.files("targetrule") / "examples" / "jilin-2007.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def streamed(engine: Engine, regions: list[dict[str, Any]], **options: Any) -> tuple[list[Any], Any]:
    """Every streamed result with its standing applied, and the outcome."""
    stream = engine.evaluate_iter("jilin-2007", iter(regions), **options)
    results = list(stream)
    outcome = stream.outcome()
    return [outcome.standings[r.region.id].apply(r) if outcome.ranked else r for r in results], outcome


@pytest.mark.parametrize("chunk_size", [1, 3, 1000])
def test_streaming_gives_what_evaluate_gives(engine: Engine, example: dict[str, Any], chunk_size: int) -> None:
    batch = engine.evaluate("jilin-2007", example)
    results, outcome = streamed(engine, example["regions"], chunk_size=chunk_size)
    assert outcome.ranked and outcome.errors == 0 and outcome.regions == 10
    assert [region_to_dict(r) for r in results] == [region_to_dict(r) for r in batch.regions]
    assert outcome.ranking() == [r.region.id for r in batch.ranking()]
    assert outcome.provenance.scheme_sha256 == batch.provenance.scheme_sha256


def test_results_come_unranked_until_the_end(engine: Engine, example: dict[str, Any]) -> None:
    stream = engine.evaluate_iter("jilin-2007", iter(example["regions"]))
    first = next(iter(stream))
    assert first.rank is None and first.grade is None  # decided only once every region is in
    with pytest.raises(RuntimeError, match="read every region"):
        stream.outcome()


def test_a_stream_is_read_once(engine: Engine, example: dict[str, Any]) -> None:
    stream = engine.evaluate_iter("jilin-2007", iter(example["regions"]))
    list(stream)
    with pytest.raises(RuntimeError, match="read once"):
        iter(stream)


def test_strict_mode_does_not_rank_a_stream_with_errors(engine: Engine, example: dict[str, Any]) -> None:
    regions = copy.deepcopy(example["regions"])
    regions[2]["inputs"]["employment.reemployment"]["actual"] = "lots"
    results, outcome = streamed(engine, regions)
    assert not outcome.ranked and outcome.standings == {} and outcome.errors == 1
    assert outcome.not_ranked_because is not None
    bad = results[2].findings
    assert [f.code for f in bad] == ["input.not_a_number"]
    assert bad[0].path == "$.regions[2].inputs['employment.reemployment'].actual"  # its place in the whole input
    # lenient: the same as evaluate's lenient run
    lenient, outcome = streamed(engine, regions, mode="lenient")
    batch = engine.evaluate("jilin-2007", {"regions": regions}, mode="lenient")
    assert outcome.ranked and [region_to_dict(r) for r in lenient] == [region_to_dict(r) for r in batch.regions]


def test_a_repeated_region_is_a_finding_and_scored_once(engine: Engine, example: dict[str, Any]) -> None:
    regions = [*example["regions"], example["regions"][1]]
    results, outcome = streamed(engine, regions, mode="lenient", chunk_size=4)
    assert len(results) == 10
    duplicate = [f for f in outcome.findings if f.code == "region.duplicate"]
    assert len(duplicate) == 1 and duplicate[0].path == "$.regions[10]" and "$.regions[1]" in duplicate[0].message.en


def test_an_empty_stream_is_a_finding(engine: Engine) -> None:
    results, outcome = streamed(engine, [])
    assert results == [] and not outcome.ranked
    assert [f.code for f in outcome.findings] == ["submission.empty"]


def test_a_bad_region_is_reported_at_its_place_and_the_rest_go_on(engine: Engine, example: dict[str, Any]) -> None:
    regions = [example["regions"][0], "not a region", *example["regions"][1:]]
    results, outcome = streamed(engine, regions, mode="lenient")
    assert len(results) == 10
    assert any(f.path == "$.regions[1]" for f in outcome.findings)


def test_verified_figures_apply_in_a_stream(engine: Engine, example: dict[str, Any]) -> None:
    """The verification step runs on each chunk, as it runs on the whole document in ``evaluate``."""
    regions = copy.deepcopy(example["regions"])
    regions[0]["verified"] = {"employment.reemployment": {"actual": 60000}}
    batch = engine.evaluate("jilin-2007", {"regions": regions})
    results, _ = streamed(engine, regions, chunk_size=2)
    assert [region_to_dict(r) for r in results] == [region_to_dict(r) for r in batch.regions]
    assert results[0].discrepancies and results[0].discrepancies[0].input == "actual"
