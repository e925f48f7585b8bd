"""The ``sensitivity`` command, and a property over generated submissions: it never raises, bands are ranks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from targetrule import Engine, Scheme
from targetrule.analysis import load_spec, sensitivity
from targetrule.cli import main
from targetrule.testing.strategies import submissions

from .conftest import EXAMPLE


def test_the_command_prints_bands_and_writes_the_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "--no-entry-points",
            "sensitivity",
            "jilin-2007",
            "--example",
            "--draws",
            "200",
            "--seed",
            "4",
            "--lang",
            "en",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "5–95% band" in result.output
    document = json.loads((out / "sensitivity.json").read_text(encoding="utf-8"))
    assert document["schema"] == "targetrule.sensitivity/1"
    assert document["draws"] == 200
    assert len(document["draw_parameters"]["weights"]) == 200
    again = CliRunner().invoke(
        main,
        ["--no-entry-points", "sensitivity", "jilin-2007", str(EXAMPLE), "--draws", "200", "--seed", "4", "--json"],
    )
    assert json.loads(again.output)["sensitivity"] == document  # same seed, same document


def test_a_bad_spec_is_exit_3_with_every_finding(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text('[weights]\nmethod = "dirichlt"\nconcentration = -1\nareas = ["employmnt"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--no-entry-points", "sensitivity", "jilin-2007", "--example", "--spec", str(spec), "--json"]
    )
    assert result.exit_code == 3
    paths = {f["path"] for f in json.loads(result.output)["findings"]}
    assert paths == {"$.weights.method", "$.weights.concentration", "$.weights.areas[0]"}


def test_item_points_and_figures_from_the_command_line(tmp_path: Path) -> None:
    spec = tmp_path / "moved.toml"
    spec.write_text("[items]\nvary = true\n[data]\ntolerance = 0.02\n[sobol]\nenabled = false\n", encoding="utf-8")
    args = ["--no-entry-points", "sensitivity", "jilin-2007", "--example", "--draws", "20", "--spec", str(spec)]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    parameters = json.loads(result.output)["sensitivity"]["draw_parameters"]
    assert len(parameters["item_points"]["points"]) == 20
    assert len(parameters["data"]["seeds"]) == 20
    costly = CliRunner().invoke(main, [*args[:-4], "--draws", "9000000", "--spec", str(spec), "--json"])
    assert costly.exit_code == 3, costly.output
    assert [f["code"] for f in json.loads(costly.output)["findings"]] == ["sensitivity.too_costly"]


LOOSE = load_spec({"weights": {"method": "uniform", "spread": 0.5}, "sobol": {"samples": 16, "resamples": 10}})
STILL = load_spec({"weights": {"method": "fixed"}, "sobol": {"enabled": False}})
MOVED = load_spec(
    {
        "weights": {"method": "fixed"},
        "items": {"vary": True, "concentration": 10},
        "data": {"tolerance": 0.1},
        "sobol": {"samples": 16, "resamples": 10},
    }
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=submissions(Engine(entry_points=False).load_scheme("jilin-2007"), min_size=2, max_size=5))
def test_any_valid_submission_is_analysed_and_its_bands_hold_ranks(data: dict[str, object]) -> None:
    engine = Engine(entry_points=False)
    scheme: Scheme = engine.load_scheme("jilin-2007")
    evaluation = engine.evaluate(scheme, data)
    ranked = [r for r in evaluation.regions if r.rank is not None]
    loose = sensitivity(evaluation, LOOSE, draws=40, seed=0, scheme=scheme, engine=engine)
    still = sensitivity(evaluation, STILL, draws=5, seed=0, scheme=scheme, engine=engine)
    moved = sensitivity(evaluation, MOVED, draws=10, seed=0, scheme=scheme, engine=engine)
    for region in (*loose.regions, *moved.regions):
        if region.band is None:
            continue
        low, high = region.band
        assert 1 <= low <= region.median_rank <= high <= len(ranked)
        assert sum(region.grade_probability.values()) == 1
    for region in still.regions:  # no variance: the band is the nominal rank itself
        if region.nominal_rank is not None:
            assert region.band == (region.nominal_rank, region.nominal_rank)
