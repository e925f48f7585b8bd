"""Survey-only regions (督查调研, 长白山管委会): in every output, marked, outside ranks, quotas and awards."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import figures, region

from targetrule import Engine, Evaluation, Scheme

SURVEYED = {"zh": "长白山管委会", "en": "Changbai Mountain Administrative Committee"}


def data() -> list[dict[str, object]]:
    return [
        region("a"),  # 10 + 5 + 5 = 20
        region("b", figures(jobs=(95000, 100000, 5000))),  # 95000 / 100000 × 10 = 9.50; + 10 = 19.50
        region("c", figures(jobs=(50000, 100000, 5000))),  # 50000 / 100000 × 10 = 5.00; + 10 = 15.00
        {**region("changbaishan"), "name": SURVEYED, "survey_only": True},  # 20, the best score
    ]


def test_survey_only_region_is_scored_but_not_ranked_nor_awarded(engine: Engine, scheme: Scheme) -> None:
    result = engine.evaluate(scheme, data())
    surveyed = result.region("changbaishan")
    assert surveyed.survey_only
    assert surveyed.composite == Decimal(20)
    assert surveyed.rank is None
    assert surveyed.award is None
    assert not surveyed.eligible_for_awards
    assert [reason.en for reason in surveyed.ineligible_because] == ["survey-only region: not in the competition"]
    assert [r.region.id for r in result.ranking()] == ["a", "b", "c"]
    assert [(r.rank, r.award) for r in result.ranking()] == [(1, "first"), (2, "second"), (3, None)]


def test_survey_only_region_does_not_count_towards_a_grade_quota(engine: Engine, scheme: Scheme) -> None:
    result = engine.evaluate(scheme, data())
    # 3 ranked regions × quota 0.5 = 1.5, rounded down: 1 excellent. a (20) takes it; b (19.50) reaches the
    # excellent minimum of 18 but is held to pass. Counting the survey-only region would make it 4 × 0.5 = 2.
    assert result.region("a").grade == "excellent"
    assert result.region("b").grade == "pass"
    assert result.region("changbaishan").grade == "excellent"  # for information, outside the quota


def test_survey_only_region_is_marked_in_the_results_json(engine: Engine, scheme: Scheme) -> None:
    document = json.loads(json.dumps(engine.evaluate(scheme, data()).to_dict(), ensure_ascii=False))
    assert document["ranking"] == ["a", "b", "c"]
    surveyed = next(r for r in document["regions"] if r["region"]["id"] == "changbaishan")
    assert surveyed["region"]["survey_only"] is True
    assert surveyed["region"]["name"] == SURVEYED
    assert surveyed["rank"] is None and surveyed["award"] is None
    assert surveyed["composite"] == "20.00"
    assert surveyed["ineligible_because"] == [
        {"zh": "督查调研单位，不参与评比", "en": "survey-only region: not in the competition"}
    ]


def test_survey_only_region_stays_in_an_unranked_evaluation(engine: Engine, scheme: Scheme) -> None:
    broken = data()
    broken[0] = region("a", figures(jobs=(100000, "十万", 5000)))
    result = engine.evaluate(scheme, broken)
    assert not result.ranked
    assert [r.region.id for r in result.regions] == ["a", "b", "c", "changbaishan"]
    assert result.region("changbaishan").survey_only


def test_survey_only_region_alone_is_never_ranked(engine: Engine, scheme: Scheme) -> None:
    result = engine.evaluate(scheme, [data()[3]])
    assert result.ranking() == ()
    assert result.region("changbaishan").rank is None


def _bundled(engine: Engine) -> tuple[Scheme, Evaluation]:
    from importlib import resources

    scheme = engine.load_scheme("jilin-2007")
    return scheme, engine.evaluate(scheme, resources.files("targetrule") / "examples" / "jilin-2007.json")


def test_every_result_format_lists_the_survey_only_region_and_marks_it(engine: Engine) -> None:
    import csv
    import io

    from targetrule.formats.output_formats import render_results

    scheme, result = _bundled(engine)
    files = render_results("csv", result, scheme, "zh")
    rows = list(csv.DictReader(io.StringIO(files["ranking.csv"].decode("utf-8-sig"))))
    surveyed = next(r for r in rows if r["region"] == "changbaishan")
    assert (surveyed["survey_only"], surveyed["rank"], surveyed["award"]) == ("true", "", "")
    assert all(r["survey_only"] == "false" for r in rows if r["region"] != "changbaishan")

    document = json.loads(render_results("json", result, scheme, "zh")["results.json"])
    assert "changbaishan" not in document["ranking"]
    assert next(r for r in document["regions"] if r["region"]["id"] == "changbaishan")["region"]["survey_only"]


def test_html_report_and_workbook_mark_the_survey_only_region(engine: Engine) -> None:
    import io

    pytest.importorskip("jinja2")
    pytest.importorskip("pygal")
    openpyxl = pytest.importorskip("openpyxl")
    from targetrule.formats.output_formats import render_results

    scheme, result = _bundled(engine)
    html = render_results("html", result, scheme, "zh")["report.html"].decode("utf-8")
    assert 'id="region-changbaishan"' in html
    assert "仅督查调研，不排名" in html
    workbook = openpyxl.load_workbook(io.BytesIO(render_results("xlsx", result, scheme, "zh")["results.xlsx"]))
    rows = [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    row = next(r for r in rows if "长白山管委会" in r)
    assert "仅督查调研，不参与排名" in row[-1]  # the reasons column
