"""The report at many regions: every region in the ranking table, charts and pages for the top and bottom ranks."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

import pytest

from targetrule import Engine

pytest.importorskip("pygal")
pytest.importorskip("jinja2")

from targetrule.formats import report_model
from targetrule.formats.report_html import render_html

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_report.py"


def synthetic(count: int) -> dict[str, Any]:
    return runpy.run_path(str(BENCH))["synthetic_data"](count)  # type: ignore[no-any-return]


@pytest.mark.parametrize("count", [60, 200])
def test_every_region_is_listed_and_pages_are_bounded(engine: Engine, count: int) -> None:
    scheme = engine.load_scheme("jilin-2007")
    evaluation = engine.evaluate(scheme, synthetic(count))
    page = render_html(evaluation, "zh", scheme).decode("utf-8")
    for result in evaluation.regions:
        assert f">{result.region.name.zh}<" in page  # in the ranking table, as text
    pages = page.count('<section class="region"')
    if count <= report_model.DETAIL_LIMIT:
        assert pages == count
        assert "前 15 名和后 15 名" in page  # 60 > SCREENFUL (40): the chart shows the ends
    else:
        assert pages == 2 * report_model.DETAIL_EDGE  # the 10 best and the 10 worst
        assert f"另有 {count - 20} 个地区只列在排名表中" in page
        assert "全部地区综合得分分布" in page
    bars = re.findall(r"<text[^>]*>(\d+) [^<]*</text>", page)
    assert len(bars) <= 2 * report_model.EDGE + 1  # ranked bars drawn, never one per region beyond a screenful
    assert len(page) < 20_000 * min(count, report_model.DETAIL_LIMIT) + 1_000 * count  # about 1 MB at 2,000
