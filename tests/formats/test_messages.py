"""Messages for people: region names in findings, labels not keys, rounded figures, reasons apart, lenient warnings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from mini_scheme import MINI, mini_data
from targetrule import Engine, Evaluation, Scheme, score_indicator
from targetrule.cli import main
from targetrule.formats.examples import example_path
from targetrule.formats.report_model import lenient_warning, reasons
from targetrule.formats.text_explain import shown_value
from targetrule.formats.text_findings import finding_line
from targetrule.formats.text_listing import scheme_listing
from targetrule.formats.text_ranking import ranking_summary
from targetrule.formats.text_table import width
from targetrule.indicators.employment import registered_unemployment_rate


@pytest.fixture(scope="module")
def example() -> tuple[Scheme, Evaluation]:
    engine = Engine()
    scheme = engine.load_scheme("jilin-2007")
    return scheme, engine.evaluate(scheme, example_path("jilin-2007"))


def lenient_mini(engine: Engine, mini: Scheme) -> Evaluation:
    data = mini_data()
    del data["regions"][1]["inputs"]["employment.new_urban_jobs"]["actual"]
    return engine.evaluate(mini, data, mode="lenient")


def test_findings_name_the_region_and_the_input_by_its_label(engine: Engine, mini: Scheme) -> None:
    evaluation = lenient_mini(engine, mini)
    missing = next(f for f in evaluation.findings if f.code == "input.missing")
    line = finding_line(missing, "zh", {"yi": "乙市"})
    assert line.startswith("错误 [input.missing] 乙市 $.regions[1]")
    label = next(i for i in mini.items() if i.indicator.id == "employment.new_urban_jobs").indicator.inputs[0].label
    assert line.endswith(f"缺少数据：{label.zh}")
    assert "actual" not in missing.message("zh")  # the key is in the path, the message says what it is


def test_validate_prints_the_region_name(tmp_path: object, engine: Engine) -> None:
    import json
    from pathlib import Path

    data = mini_data()
    data["regions"][0]["inputs"]["employment.new_urban_jobs"]["actual"] = "x"
    path = Path(str(tmp_path)) / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(MINI), str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert "error [input.not_a_number] Jia $.regions[0]" in result.output


def test_computed_figures_are_rounded_for_display() -> None:
    assert shown_value(Decimal("4.053718568608211469576422466")) == "≈ 4.05"
    assert shown_value(Decimal("0.045")) == "= 0.045"  # as entered: three decimals stay
    assert shown_value(Decimal("113826")) == "= 113826"


def test_a_ceiling_rate_keeps_its_digits() -> None:
    raw = {"registered_unemployed": 17400, "labour_force": 400000, "ceiling": "0.045"}
    outcome = score_indicator(registered_unemployment_rate.INDICATOR, raw)
    assert outcome.attainment is not None
    got = outcome.attainment
    # 17,400 / 400,000 × 100 = 4.35%, far over a ceiling of 0.045%: the ceiling is shown as given
    assert "超出控制上限 0.045%" in got.explanation().zh
    assert "0.05%" not in got.explanation().zh


def test_scheme_listing_shows_the_aggregation_and_aligns_points(example: tuple[Scheme, Evaluation]) -> None:
    scheme, _ = example
    lines = scheme_listing(scheme, "zh")
    assert lines[1] == "总分 100（各领域分值相加）"
    assert scheme_listing(scheme, "en")[1] == "total points 100 (areas combined: sum of points)"
    items = [line for line in lines if line.startswith("  ") and " employment." in line]
    # the points end at the same display column on every line, whatever the reference's width
    ends = {width(line.split(" employment.")[0].rstrip()) for line in items}
    assert len(ends) == 1


def test_reasons_are_separate_and_say_which_limit_applied(example: tuple[Scheme, Evaluation]) -> None:
    scheme, evaluation = example
    by_id = {r.region.id: r for r in evaluation.regions}
    assert reasons(by_id["liaoyuan"], "zh", scheme) == [
        "一票否决：基本养老金未按时足额发放",
        "98.64 分达到“优秀”，但受一票否决限制，评为“达标”",
    ]
    assert reasons(by_id["tonghua"], "en", scheme) == [
        "no award: verified misreporting",
        "92.61 points reach Excellent, but misreporting limits the grade to Pass",  # the engine names it
    ]
    assert reasons(by_id["jilin"], "en", scheme) == [
        "98.09 points reach Excellent, but the grade's quota limits the grade to Pass",  # 30% of 9 ranked → 2
    ]
    assert reasons(by_id["changchun"], "zh", scheme) == []


def test_lenient_warning_in_every_text_output(engine: Engine, mini: Scheme) -> None:
    evaluation = lenient_mini(engine, mini)
    warning = lenient_warning(evaluation, "zh")
    assert warning is not None and warning.startswith("宽松模式：1 个地区共 1 项数据有误未计分")
    assert "!! " + warning in ranking_summary(evaluation, "zh", mini)
    assert lenient_warning(engine.evaluate(mini, mini_data(), mode="lenient"), "zh") is None  # nothing skipped
    pytest.importorskip("jinja2")
    pytest.importorskip("pygal")
    from targetrule.formats.report_html import render_html

    page = render_html(evaluation, "en", mini).decode("utf-8")
    assert '<p class="banner" id="lenient-warning">Lenient run: 1 items in 1 regions were not scored' in page
    docx = pytest.importorskip("docx")
    import io

    from targetrule.formats.report_docx import render_docx

    text = [p.text for p in docx.Document(io.BytesIO(render_docx(evaluation, "zh", mini))).paragraphs]
    assert warning in text
