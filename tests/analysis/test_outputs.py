"""The xlsx workbook and the HTML page of a sensitivity analysis: what they hold, and the same bytes each time."""

from __future__ import annotations

import io

import pytest

from targetrule import Engine, Evaluation, Scheme
from targetrule.analysis import load_spec, sensitivity
from targetrule.analysis.report import SensitivityResult

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx output needs openpyxl: pip install 'targetrule[xlsx]'")
pytest.importorskip("jinja2", reason="the HTML page needs jinja2: pip install 'targetrule[report]'")

from targetrule.formats.sensitivity_html import render_sensitivity_html  # noqa: E402
from targetrule.formats.sensitivity_xlsx import render_sensitivity_xlsx  # noqa: E402

WIDE = {"weights": {"concentration": 10}, "sobol": {"samples": 16, "resamples": 10}}


@pytest.fixture(scope="module")
def result(evaluation: Evaluation, scheme: Scheme, engine: Engine) -> SensitivityResult:
    return sensitivity(evaluation, load_spec(WIDE), draws=300, seed=9, scheme=scheme, engine=engine)


def test_the_workbook_holds_bands_indices_and_every_draw(result: SensitivityResult) -> None:
    data = render_sensitivity_xlsx(result)
    assert data == render_sensitivity_xlsx(result)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["名次区间", "Sobol", "抽样参数"]
    bands = list(book["名次区间"].iter_rows(min_row=2, values_only=True))
    changchun = next(row for row in bands if row[0] == "changchun")
    figures = result.region("changchun")
    assert changchun[2:6] == (figures.nominal_rank, figures.median_rank, *figures.band)  # type: ignore[misc]
    draws = list(book["抽样参数"].iter_rows(min_row=2, values_only=True))
    assert len(draws) == 300
    first = result.draw(0)
    assert draws[0][1:-1] == tuple(float(w) for _, w in first.weights)
    assert draws[0][-1] == first.aggregation


def test_the_page_draws_one_band_per_ranked_region(result: SensitivityResult) -> None:
    page = render_sensitivity_html(result, "en").decode("utf-8")
    assert page == render_sensitivity_html(result, "en").decode("utf-8")
    ranked = [r for r in result.regions if r.band is not None]
    assert page.count('stroke-linecap="round"') == len(ranked)  # one band bar per ranked region
    assert page.count("<circle") == len(ranked)
    assert "<script" not in page
    assert "Changbai Mountain Administrative Committee (survey only, not ranked)" in page
    assert "长春市" in render_sensitivity_html(result, "zh").decode("utf-8")
