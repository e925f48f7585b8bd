"""Verified figures: scored in place of reported ones, discrepancies listed, misreporting costs points and awards."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA, figures, region
from hypothesis import given, settings
from hypothesis import strategies as st

from targetrule import Engine, Scheme, SchemeError
from targetrule.inspection.verification import Verification, read_verifications

JOBS = "employment.new_urban_jobs"
WHO = {"by": "督查考评组第一组", "on": "2007-12-05", "source": "抽查就业花名册"}


def jobs_reported(actual: int) -> dict[str, object]:
    return figures(jobs=(actual, 100000, 5000))


def verified_jobs(actual: object, **who: str) -> dict[str, object]:
    return {JOBS: {"actual": {"value": actual, **(who or WHO)}}}


def test_without_verification_reported_figures_are_scored(engine: Engine, scheme: Scheme) -> None:
    result = engine.evaluate(scheme, [region("a", jobs_reported(95000)), region("b")])
    a = result.region("a")
    # 95000 / 100000 = 0.95; 0.95 × 10 = 9.50; + 5 + 5 = 19.50
    assert a.composite == Decimal("19.50")
    assert a.discrepancies == ()
    assert (a.rank, a.award) == (2, "second")


def test_verified_figure_replaces_reported_and_misreporting_costs_deduction_and_award(
    engine: Engine, scheme: Scheme
) -> None:
    data = [region("a", jobs_reported(95000), verified=verified_jobs(90000)), region("b")]
    result = engine.evaluate(scheme, data)
    a = result.region("a")
    # scored on the verified 90000: 90000 / 100000 = 0.90; 0.90 × 10 = 9.00
    assert a.indicator(JOBS).points == Decimal("9.00")
    # |90000 − 95000| / 90000 = 0.0556 > 0.05 → one misreporting deduction of 2 points
    # 9.00 + 5 + 5 − 2 = 17.00
    assert a.deduction_points == Decimal(2)
    assert a.composite == Decimal("17.00")
    [found] = a.discrepancies
    assert (found.reported, found.verified, found.beyond_tolerance) == (Decimal(95000), Decimal(90000), True)
    assert found.relative is not None and found.relative.quantize(Decimal("0.0001")) == Decimal("0.0556")
    assert (found.by, found.on, found.source) == (WHO["by"], WHO["on"], WHO["source"])
    # 弄虚作假 cancels commendation: ranked second, but no award, and the reason is given
    assert a.rank == 2
    assert a.award is None
    assert not a.eligible_for_awards
    assert any("弄虚作假" in reason.zh for reason in a.ineligible_because)
    assert "verification.misreported" in {f.code for f in a.findings}
    # b (20 points) keeps its first prize; the second prize is not passed down to nobody
    assert result.region("b").award == "first"


def test_discrepancy_and_its_cost_appear_in_the_results_json(engine: Engine, scheme: Scheme) -> None:
    data = [region("a", jobs_reported(95000), verified=verified_jobs(90000)), region("b")]
    document = json.loads(json.dumps(engine.evaluate(scheme, data).to_dict(), ensure_ascii=False))
    a = next(r for r in document["regions"] if r["region"]["id"] == "a")
    [found] = a["discrepancies"]
    assert found["indicator"] == JOBS
    assert found["input"] == "actual"
    assert (found["reported"], found["verified"], found["beyond_tolerance"]) == ("95000", "90000", True)
    assert found["by"] == "督查考评组第一组"
    assert "上报 95,000，核实 90,000" in found["explanation"]["zh"]
    [deduction] = a["adjustments"]
    assert deduction["id"] == "misreporting"
    assert deduction["points"] == "2"
    assert deduction["cancels_awards"] is True
    jobs = a["areas"][0]["indicators"][0]
    assert jobs["values"]["actual"] == "90000"


def test_difference_within_tolerance_is_listed_but_costs_nothing(engine: Engine, scheme: Scheme) -> None:
    data = [region("a", jobs_reported(95000), verified=verified_jobs(92000)), region("b")]
    a = engine.evaluate(scheme, data).region("a")
    # |92000 − 95000| / 92000 = 0.0326 ≤ 0.05: listed, not misreporting
    # 92000 / 100000 = 0.92; 0.92 × 10 = 9.20; + 5 + 5 = 19.20
    [found] = a.discrepancies
    assert not found.beyond_tolerance
    assert a.deduction_points == 0
    assert a.composite == Decimal("19.20")
    assert a.award == "second"


def test_verified_equal_to_reported_is_no_discrepancy(engine: Engine, scheme: Scheme) -> None:
    data = [region("a", jobs_reported(95000), verified=verified_jobs(95000))]
    a = engine.evaluate(scheme, data).region("a")
    assert a.discrepancies == ()
    assert a.composite == Decimal("19.50")


def test_verified_zero_against_a_reported_figure_is_beyond_any_tolerance(engine: Engine, scheme: Scheme) -> None:
    verified = {JOBS: {"public_welfare_posts": {"value": 0, **WHO}}}
    a = engine.evaluate(scheme, [region("a", verified=verified)]).region("a")
    [found] = a.discrepancies
    assert (found.reported, found.verified, found.relative, found.beyond_tolerance) == (
        Decimal(5000),
        Decimal(0),
        None,
        True,
    )
    # full marks 20 − 2 for misreporting = 18
    assert a.composite == Decimal(18)


def test_verified_figure_supplies_one_not_reported(engine: Engine, scheme: Scheme) -> None:
    inputs = figures()
    del inputs[JOBS]["public_welfare_posts"]
    verified = {JOBS: {"public_welfare_posts": {"value": 4800, **WHO}}}
    result = engine.evaluate(scheme, [region("a", inputs, verified=verified)])
    a = result.region("a")
    [found] = a.discrepancies
    assert found.reported is None
    assert not found.beyond_tolerance
    assert a.composite == Decimal(20)
    assert not result.errors
    assert a.indicator(JOBS).values["public_welfare_posts"] == Decimal(4800)


def test_separate_verifications_list(engine: Engine, scheme: Scheme) -> None:
    listed = [{"region": "a", "indicator": JOBS, "input": "actual", "value": 90000, **WHO}]
    a = engine.evaluate(scheme, [region("a", jobs_reported(95000)), region("b")], verifications=listed).region("a")
    # the same as the region's own section: 9.00 + 5 + 5 − 2 = 17.00
    assert a.composite == Decimal("17.00")
    typed = [Verification("a", JOBS, "actual", 90000, **WHO)]
    again = engine.evaluate(scheme, [region("a", jobs_reported(95000))], verifications=typed).region("a")
    assert again.composite == Decimal("17.00")


def test_verifications_file(engine: Engine, scheme: Scheme, tmp_path: Path) -> None:
    path = tmp_path / "verified.json"
    document = {"verifications": [{"region": "a", "indicator": JOBS, "input": "actual", "value": "90,000", **WHO}]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    a = engine.evaluate(scheme, [region("a", jobs_reported(95000))], verifications=path).region("a")
    assert a.indicator(JOBS).values["actual"] == Decimal(90000)


def test_unreadable_verifications_file_is_a_finding(engine: Engine, scheme: Scheme, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = engine.evaluate(scheme, [region("a")], verifications=path)
    assert [f.code for f in result.errors] == ["verification.malformed"]
    assert result.region("a").composite == Decimal(20)


def test_verified_input_that_does_not_exist_says_did_you_mean(engine: Engine, scheme: Scheme) -> None:
    verified = {JOBS: {"actul": {"value": 90000, **WHO}}, "employment.new_urban_job": {"actual": 1}}
    result = engine.evaluate(scheme, [region("a", jobs_reported(95000), verified=verified)])
    by_code = {f.code: f for f in result.findings}
    unknown_input = by_code["verification.unknown_input"]
    assert unknown_input.suggestion == "actual"
    assert unknown_input.path == "$.regions[0].verified['employment.new_urban_jobs'].actul"
    assert "actul" in unknown_input.message.zh and "did you mean actual" in unknown_input.message.en
    assert by_code["verification.unknown_indicator"].suggestion == JOBS
    # nothing was applied: the reported 95000 is scored, and the errors stop a strict ranking
    assert result.region("a").indicator(JOBS).values["actual"] == Decimal(95000)
    assert not result.ranked


def test_verified_figure_for_a_region_not_in_the_data(engine: Engine, scheme: Scheme) -> None:
    listed = [{"region": "changchn", "indicator": JOBS, "input": "actual", "value": 1, **WHO}]
    result = engine.evaluate(scheme, [region("changchun")], verifications=listed)
    [problem] = result.errors
    assert problem.code == "verification.unknown_region"
    assert problem.suggestion == "changchun"
    assert problem.path == "$[0]"


def test_verified_value_that_is_not_a_number_is_not_used(engine: Engine, scheme: Scheme) -> None:
    result = engine.evaluate(scheme, [region("a", jobs_reported(95000), verified=verified_jobs("九万"))])
    [problem] = result.errors
    assert problem.code == "input.not_a_number"
    assert problem.path == "$.regions[0].verified['employment.new_urban_jobs'].actual"
    assert result.region("a").indicator(JOBS).values["actual"] == Decimal(95000)


def test_unattributed_and_duplicate_verifications(engine: Engine, scheme: Scheme) -> None:
    verified = {JOBS: {"actual": 90000}}
    listed = [{"region": "a", "indicator": JOBS, "input": "actual", "value": 80000, **WHO}]
    result = engine.evaluate(scheme, [region("a", jobs_reported(95000), verified=verified)], verifications=listed)
    codes = [f.code for f in result.findings]
    assert "verification.unattributed" in codes
    assert "verification.duplicate" in codes
    # the first (the region's own section, 90000) is used
    assert result.region("a").indicator(JOBS).values["actual"] == Decimal(90000)


def test_malformed_verification_rows() -> None:
    items, problems = read_verifications([{"region": "a", "indicator": JOBS, "value": 1, "who": "x"}, 7])
    assert items == ()
    assert [p.code for p in problems] == ["verification.malformed", "verification.malformed"]
    assert "input" in problems[0].message.en and "who" in problems[0].message.en
    assert problems[1].path == "$[1]"


def _scheme_variant(engine: Engine, tmp_path: Path, old: str, new: str) -> Scheme:
    text = (DATA / "inspection.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return engine.load_scheme(path)


def test_misreporting_table_can_cancel_awards_when_the_deduction_alone_does_not(engine: Engine, tmp_path: Path) -> None:
    item_only = 'points = 2\ncancels_awards = true\n\n[misreporting]\ndeduction = "misreporting"\ntolerance = 0.05\n'
    scheme = _scheme_variant(
        engine,
        tmp_path,
        item_only,
        'points = 2\ncancels_awards = false\n\n[misreporting]\ndeduction = "misreporting"\ntolerance = 0.05\n'
        "cancels_awards = true\n",
    )
    data = [region("a", jobs_reported(95000), verified=verified_jobs(90000)), region("b")]
    assert engine.evaluate(scheme, data).region("a").award is None
    keeps = _scheme_variant(
        engine,
        tmp_path,
        item_only,
        'points = 2\ncancels_awards = false\n\n[misreporting]\ndeduction = "misreporting"\ntolerance = 0.05\n'
        "cancels_awards = false\n",
    )
    a = engine.evaluate(keeps, data).region("a")
    # deducted (17.00) but still second, and still awarded
    assert (a.composite, a.rank, a.award) == (Decimal("17.00"), 2, "second")


def test_misreporting_naming_an_unknown_deduction_is_a_scheme_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(SchemeError) as raised:
        _scheme_variant(engine, tmp_path, 'deduction = "misreporting"', 'deduction = "misreportin"')
    [problem] = raised.value.findings
    assert problem.code == "scheme.bad_reference"
    assert problem.path == "$.misreporting.deduction"
    assert problem.suggestion == "misreporting"


def test_separately_passed_verifications_are_recorded_in_the_provenance(engine: Engine, scheme: Scheme) -> None:
    rows = [
        {"region": "a", "indicator": JOBS, "input": "actual", "value": 90000, **WHO},
        {"region": "b", "indicator": JOBS, "input": "target", "value": 100000, **WHO},
    ]
    data = [region("a", jobs_reported(95000)), region("b")]
    plain = engine.evaluate(scheme, data).provenance
    first = engine.evaluate(scheme, data, verifications=rows).provenance
    again = engine.evaluate(scheme, data, verifications=list(reversed(rows))).provenance
    assert plain.verifications_sha256 == ""
    assert len(first.verifications_sha256) == 64
    assert again.verifications_sha256 == first.verifications_sha256
    assert first.input_sha256 == plain.input_sha256
    changed = [{**rows[0], "value": 91000}, rows[1]]
    assert (
        engine.evaluate(scheme, data, verifications=changed).provenance.verifications_sha256
        != first.verifications_sha256
    )


@settings(max_examples=30, deadline=None)
@given(reported=st.integers(0, 200000), verified=st.integers(0, 200000))
def test_scoring_a_verified_figure_is_scoring_it_as_reported_less_the_misreporting_cost(
    reported: int, verified: int
) -> None:
    engine = Engine()
    scheme = engine.load_scheme(DATA / "inspection.toml")
    checked = engine.evaluate(scheme, [region("a", jobs_reported(reported), verified=verified_jobs(verified))])
    plain = engine.evaluate(scheme, [region("a", jobs_reported(verified))])
    # the documented rule: beyond when |verified − reported| / verified > 0.05, or verified is 0 and reported not
    beyond = reported != verified and (verified == 0 or Decimal(abs(verified - reported)) / verified > Decimal("0.05"))
    cost = Decimal(2) if beyond else Decimal(0)
    assert checked.region("a").composite == max(Decimal(0), plain.region("a").composite - cost)
    assert len(checked.region("a").discrepancies) == (0 if reported == verified else 1)
