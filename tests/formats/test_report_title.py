"""The report's title block: from the scheme's [report] table, overridden part by part, placeholders otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from mini_scheme import MINI, mini_data
from targetrule import Engine
from targetrule.formats.report_title import TitleBlock

REPORT = """
[report]
issuer = "某省人社厅"
number = "某人社〔2008〕1号"
"""


def test_scheme_sets_the_title_block_and_the_command_line_overrides_it(tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "mini-report.toml"
    path.write_text(MINI.read_text(encoding="utf-8") + REPORT, encoding="utf-8")
    scheme = engine.load_scheme(path)
    shown = TitleBlock().merged(scheme).shown("zh", "测试方案")
    assert shown["issuer"] == "某省人社厅" and shown["number"] == "某人社〔2008〕1号"
    assert shown["signature"] == "某省人社厅"  # 落款 defaults to the issuer
    assert shown["date"] == "××××年××月××日"  # the scheme has no date: a placeholder
    assert shown["title"] == "关于测试方案结果的通报"
    override = TitleBlock(issuer="另一机关", date="2008年3月1日").merged(scheme).shown("zh", "测试方案")
    assert override["issuer"] == "另一机关" and override["date"] == "2008年3月1日"
    assert override["number"] == "某人社〔2008〕1号"  # left unset on the command line: the scheme's
    pytest.importorskip("jinja2")
    pytest.importorskip("pygal")
    from targetrule.formats.report_html import render_html

    page = render_html(engine.evaluate(scheme, mini_data()), "zh", scheme).decode("utf-8")
    assert '<div class="issuer">某省人社厅</div>' in page


def test_an_unknown_key_in_report_is_a_finding(tmp_path: Path, engine: Engine) -> None:
    from targetrule.findings import TargetruleError

    path = tmp_path / "mini-bad.toml"
    path.write_text(MINI.read_text(encoding="utf-8") + '\n[report]\nissuer = "x"\nstamp = "y"\n', encoding="utf-8")
    with pytest.raises(TargetruleError) as raised:
        engine.load_scheme(path)
    assert "stamp" in str(raised.value)
