"""Year over year: last year's results fill this year's last-year figures, and give the change since last year."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import figures, region

from targetrule import Engine, Scheme, read_submissions
from targetrule.inspection.baseline import baseline_sources, changes, fill_baselines, load_baseline, read_baseline

PETITIONS = "labour_relations.petition_decline"


def last_year(engine: Engine, scheme: Scheme) -> dict[str, Any]:
    """Last year's results JSON: a 19.50 (rank 2), b 20 (rank 1), the surveyed region 20 (not ranked)."""
    data = [
        region("a", figures(jobs=(95000, 100000, 5000), petitions=(100, 120))),  # 9.50 + 5 + 5 = 19.50
        region("b", figures(petitions=(50, 60))),  # 10 + 5 + 5 = 20
        region("s", survey_only=True),
    ]
    return json.loads(json.dumps(engine.evaluate(scheme, data).to_dict(), ensure_ascii=False))


def this_year() -> list[dict[str, Any]]:
    return [
        region("a", figures(petitions=(90, None))),  # last year's figure omitted
        region("b", figures(jobs=(90000, 100000, 5000), petitions=(40, 55))),  # given: 55, kept
        region("s", survey_only=True),
    ]


def test_decline_rate_pairs_last_years_figure_with_this_years(scheme: Scheme) -> None:
    assert baseline_sources(scheme.item(PETITIONS).indicator) == {"baseline": "current"}
    assert baseline_sources(scheme.item("employment.new_urban_jobs").indicator) == {}


def test_missing_last_year_figure_is_filled_from_last_years_results_and_recorded(
    engine: Engine, scheme: Scheme
) -> None:
    baseline = read_baseline(last_year(engine, scheme))
    filled = fill_baselines(scheme, read_submissions(this_year()), baseline)
    # a: last year's reported petitions were 100; b gave its own 55 (last year's results say 50): kept
    assert [(f.region, f.indicator, f.input, f.value, f.source) for f in filled.filled] == [
        ("a", PETITIONS, "baseline", Decimal(100), "current")
    ]
    a, b, _ = filled.submissions.regions
    assert a.inputs[PETITIONS]["baseline"] == Decimal(100)
    assert b.inputs[PETITIONS]["baseline"] == 55
    assert a.sources[f"{PETITIONS}.baseline"] == f"上年考评结果 / last year's results: {PETITIONS}.current"
    [note] = filled.findings
    assert note.code == "baseline.filled" and not note.is_error
    assert note.path == "$.regions[0].inputs['labour_relations.petition_decline'].baseline"
    assert "100" in note.message.zh and "last year's results" in note.message.en


def test_filled_baseline_is_scored_and_reported_with_the_evaluation(engine: Engine, scheme: Scheme) -> None:
    baseline = read_baseline(last_year(engine, scheme))
    result = engine.evaluate(scheme, fill_baselines(scheme, read_submissions(this_year()), baseline).submissions)
    a = result.region("a")
    # (100 − 90) / 100 = 10% decline, the 10% target → 5 points; 10 + 5 + 5 = 20
    assert a.indicator(PETITIONS).points == Decimal(5)
    assert a.composite == Decimal(20)
    assert "baseline.filled" in {f.code for f in result.findings}
    assert result.ranked


def test_change_since_last_year(engine: Engine, scheme: Scheme) -> None:
    baseline = read_baseline(last_year(engine, scheme))
    result = engine.evaluate(scheme, fill_baselines(scheme, read_submissions(this_year()), baseline).submissions)
    found = {c.region: c for c in changes(result, baseline)}
    # a: 19.50 → 20 (+0.50), rank 2 → 1; b: 20 → 9.00 + 5 + 5 = 19.00 (−1.00), rank 1 → 2
    a, b, s = found["a"], found["b"], found["s"]
    assert (a.composite_last, a.composite, a.composite_change) == (Decimal("19.50"), Decimal(20), Decimal("0.50"))
    assert (a.rank_last, a.rank, a.rank_change) == (2, 1, 1)
    assert (b.composite_change, b.rank_last, b.rank, b.rank_change) == (Decimal("-1.00"), 1, 2, -1)
    assert "名次 2 → 1" in a.explanation().zh and "rank 2 → 1" in a.explanation().en
    # the surveyed region: compared, marked, never ranked
    assert s.survey_only and (s.rank, s.rank_last, s.rank_change) == (None, None, None)
    assert s.composite_change == 0
    assert "survey-only" in s.explanation().en
    assert json.loads(json.dumps(a.to_dict()))["composite_change"] == "0.50"


def test_region_new_this_year_has_no_baseline_nor_change(engine: Engine, scheme: Scheme) -> None:
    baseline = read_baseline(last_year(engine, scheme))
    data = [*this_year(), region("new", figures(petitions=(5, None)))]
    filled = fill_baselines(scheme, read_submissions(data), baseline)
    [missing] = [f for f in filled.findings if f.code == "baseline.unavailable"]
    assert missing.region == "new"
    result = engine.evaluate(scheme, filled.submissions, mode="lenient")
    # not filled, never zero: the input is missing, so the item is not scored
    assert "input.missing" in {f.code for f in result.region("new").findings}
    new = next(c for c in changes(result, baseline) if c.region == "new")
    assert (new.composite_last, new.composite_change, new.rank_change) == (None, None, None)
    assert new.explanation().en == "no result for this region last year"


def test_unreadable_or_malformed_last_year_results(tmp_path: Path) -> None:
    missing = load_baseline(tmp_path / "nowhere.json")
    assert [f.code for f in missing.findings] == ["baseline.malformed"]
    assert missing.regions == {}
    assert [f.code for f in read_baseline({"regions": "x"}).findings] == ["baseline.malformed"]
    partial = read_baseline(
        {
            "scheme": "inspection-test",
            "regions": [
                {"region": {"id": "a"}, "composite": "abc", "rank": 1, "areas": []},
                {"region": {"id": "b"}, "composite": "18.5", "rank": 1, "areas": []},
            ],
        }
    )
    assert [(f.code, f.path) for f in partial.findings] == [("baseline.malformed", "$.regions[0]")]
    assert list(partial.regions) == ["b"]
    assert partial.regions["b"].composite == Decimal("18.5")
