"""The HTML report: self-contained, escaped, survey-only regions marked, and rendered by a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mini_scheme import mini_data
from targetrule import Engine, Evaluation, Scheme

pytest.importorskip("pygal")
pytest.importorskip("jinja2")

from targetrule.formats.report_html import render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture
def evaluation(engine: Engine, mini: Scheme) -> Evaluation:
    data = mini_data()
    data["regions"][1]["name"] = {"zh": "乙市<script>alert(1)</script>", "en": "Yi & <b>co</b>"}
    return engine.evaluate(mini, data)


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium binary: install Debian's chromium and fonts-noto-cjk to check the report in a browser")


def run_browser(tmp_path: Path, *args: str) -> str:
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",  # containers often have a small /dev/shm
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_every_string_is_escaped(evaluation: Evaluation, mini: Scheme) -> None:
    page = render_html(evaluation, "zh", mini).decode("utf-8")
    assert "<script" not in page
    assert "乙市&lt;script&gt;alert(1)&lt;/script&gt;" in page
    english = render_html(evaluation, "en", mini).decode("utf-8")
    assert "Yi &amp; &lt;b&gt;co&lt;/b&gt;" in english


def test_nothing_is_fetched_at_view_time(evaluation: Evaluation, mini: Scheme) -> None:
    page = render_html(evaluation, "zh", mini).decode("utf-8")
    references = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', page) + re.findall(r"url\(([^)]*)\)", page)
    assert all(ref.startswith("#") for ref in references), references
    assert "@import" not in page
    assert "<svg" in page  # the charts are inline


def test_survey_only_region_is_marked(evaluation: Evaluation, mini: Scheme) -> None:
    page = render_html(evaluation, "zh", mini).decode("utf-8")
    card = re.search(r'<section class="region" id="region-changbai">(.*?)</section>', page, re.S)
    assert card is not None
    assert "仅督查调研，不排名" in card.group(1)
    assert "survey only, not ranked" in render_html(evaluation, "en", mini).decode("utf-8")


def test_browser_renders_the_chinese_labels(tmp_path: Path, evaluation: Evaluation, mini: Scheme) -> None:
    report = tmp_path / "report.html"
    report.write_bytes(render_html(evaluation, "zh", mini))
    dom = run_browser(tmp_path, "--dump-dom", report.as_uri())
    for text in (
        "综合排名",
        "甲市",
        "长白山管委会",
        "就业和再就业",
        "城镇新增就业人数",
        "一等奖",
        "考评方法与数据来源",
    ):
        assert text in dom, text
    # chart labels are SVG text, not pictures of text
    svg_texts = re.findall(r"<text[^>]*>([^<]*)</text>", dom)
    assert "1 甲市  9.50" in svg_texts  # rank, name and composite label each bar
    assert "仅督查调研（不排名）" in dom  # the chart's legend


def test_browser_screenshot(tmp_path: Path, evaluation: Evaluation, mini: Scheme) -> None:
    report = tmp_path / "report.html"
    report.write_bytes(render_html(evaluation, "zh", mini))
    shot = tmp_path / "report.png"
    run_browser(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", report.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank page of this size compresses to a few kilobytes


def test_bundled_example_report(tmp_path: Path, engine: Engine) -> None:
    from targetrule.formats.examples import example_path

    scheme = engine.load_scheme("jilin-2007")
    evaluation = engine.evaluate(scheme, example_path("jilin-2007"))
    report = tmp_path / "report.html"
    report.write_bytes(render_html(evaluation, "zh", scheme))
    dom = run_browser(tmp_path, "--dump-dom", report.as_uri())
    assert dom.count('<section class="region"') == len(evaluation.regions)
    for area in scheme.areas:
        assert area.spec.label.zh in dom
    assert "仅督查调研，不排名" in dom
