"""The text the command line prints comes from ``formats/text_*``, functions of results a host can call itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mini_scheme import JOBS, MINI, mini_data
from targetrule import Engine, Scheme
from targetrule.cli import main
from targetrule.formats.text_explain import area_explanation, indicator_explanation, region_explanation
from targetrule.formats.text_findings import finding_line, first_errors, validation_summary
from targetrule.formats.text_lang import say
from targetrule.formats.text_listing import indicators_listing, plugins_listing, scheme_listing
from targetrule.formats.text_ranking import ranking_summary, ranking_table
from targetrule.results import Evaluation
from targetrule.text import Lang


@pytest.fixture(scope="module")
def spoiled(engine: Engine, mini: Scheme) -> Evaluation:
    """The mini data with one error: text in a count."""
    return engine.evaluate(mini, spoiled_data())


def spoiled_data() -> dict[str, Any]:
    data = mini_data()
    data["regions"][1]["inputs"][JOBS]["actual"] = "many"
    return data


def printed(*args: str | Path) -> list[str]:
    return CliRunner().invoke(main, [str(a) for a in args]).stdout.splitlines()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_say_and_a_finding_line(spoiled: Evaluation, lang: Lang) -> None:
    assert say(lang, "中", "en") == ("中" if lang == "zh" else "en")
    error = next(f for f in spoiled.findings if f.is_error)
    line = finding_line(error, lang)
    assert line.startswith(("错误" if lang == "zh" else "error") + f" [{error.code}] ")
    assert line.endswith(error.message(lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ranking_summary_is_what_evaluate_prints(
    spoiled: Evaluation, mini: Scheme, lang: Lang, tmp_path: Path
) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(spoiled_data(), ensure_ascii=False), encoding="utf-8")
    shown = printed("evaluate", MINI, data, "-o", tmp_path / "out", "--format", "json", "--lang", lang)
    summary = ranking_summary(spoiled, lang, mini)
    assert shown[: len(summary)] == summary
    assert ranking_table(spoiled, lang, mini).split("\n") == summary[2:-1]  # title, not ranked; the error last
    cut = ranking_summary(spoiled, lang, mini, errors_shown=0)
    assert cut[-1] == say(lang, "……另有 1 个错误，见结果文件", "... 1 more errors, see the results")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_validation_summary_and_first_errors(spoiled: Evaluation, lang: Lang) -> None:
    lines = validation_summary(spoiled.findings, "data.json", len(spoiled.regions), lang)
    assert lines[-1] == say(
        lang, "data.json：3 个地区，1 个错误，0 个提示", "data.json: 3 regions, 1 errors, 0 warnings"
    )
    errors = [f for f in spoiled.findings if f.is_error]
    assert first_errors([], lang) == []
    assert first_errors(errors, lang, shown=5)[1:] == [finding_line(errors[0], lang)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explanations_are_what_explain_prints(mini: Scheme, engine: Engine, lang: Lang, tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(mini_data(), ensure_ascii=False), encoding="utf-8")
    evaluation = engine.evaluate(mini, mini_data())
    jia = next(r for r in evaluation.regions if r.region.id == "jia")
    assert printed("explain", MINI, data, "jia", "--lang", lang) == region_explanation(jia, evaluation, mini, lang)
    area = jia.areas[0]
    assert printed("explain", MINI, data, "jia", area.area, "--lang", lang) == area_explanation(area, lang)
    item = area.indicators[0]
    shown = printed("explain", MINI, data, "jia", JOBS, "--lang", lang)
    assert shown == indicator_explanation(item, [], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_listings_are_what_the_listing_commands_print(mini: Scheme, lang: Lang) -> None:
    options = ["--lang", lang]
    assert printed("plugins", *options) == plugins_listing(Engine().registry.plugins(), lang)
    assert printed("indicators", MINI, *options) == indicators_listing(mini, lang)
    assert printed("scheme", MINI, *options) == scheme_listing(mini, lang)
