"""The sensitivity analysis as an xlsx workbook: bands, chances, Sobol indices and every draw's parameters."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from targetrule.formats.results_xlsx import add_sheet
from targetrule.formats.template_xlsx import openpyxl_module, workbook_bytes

if TYPE_CHECKING:
    from targetrule.analysis.report import SensitivityResult


def _share(value: Decimal | None) -> float | None:
    """A chance or a weight as a plain number: Excel shows all four places (Decimals get the points' 0.00)."""
    return None if value is None else float(value)


def _index(value: float) -> Any:
    return None if value != value else round(value, 4)  # NaN: the output never varied


def render_sensitivity_xlsx(result: SensitivityResult) -> bytes:
    """The workbook as bytes (same result, same bytes); chances are numbers to four places."""
    openpyxl = openpyxl_module()
    book = openpyxl.Workbook()
    book.remove(book.active)
    grades = [(f"{label.zh}概率", f"P({label.en})") for _, label in result.grades]
    awards = [(f"{label.zh}概率", f"P({label.en})") for _, label in result.awards]
    add_sheet(
        book,
        "名次区间",
        [
            ("地区", "region"),
            ("名称", "name"),
            ("原名次", "nominal rank"),
            ("中位名次", "median rank"),
            ("5%名次", "5th percentile"),
            ("95%名次", "95th percentile"),
            ("平均名次变动", "mean abs. shift"),
            ("原等次", "nominal grade"),
            *grades,
            ("原奖项", "nominal award"),
            *awards,
        ],
        [
            (
                r.region,
                r.name,
                r.nominal_rank,
                r.median_rank,
                r.band[0] if r.band else None,
                r.band[1] if r.band else None,
                _share(r.mean_abs_shift),
                r.nominal_grade,
                *(_share(r.grade_probability[g]) for g, _ in result.grades),
                r.nominal_award,
                *(_share(r.award_probability.get(a)) for a, _ in result.awards),
            )
            for r in result.regions
        ],
    )
    add_sheet(
        book,
        "Sobol",
        [
            ("因素", "factor"),
            ("输出", "output"),
            ("一阶", "first order"),
            ("一阶下限", "first low"),
            ("一阶上限", "first high"),
            ("总效应", "total order"),
            ("总效应下限", "total low"),
            ("总效应上限", "total high"),
        ],
        [
            (
                s.factor,
                s.output,
                _index(s.first),
                _index(s.first_interval[0]),
                _index(s.first_interval[1]),
                _index(s.total),
                _index(s.total_interval[0]),
                _index(s.total_interval[1]),
            )
            for s in result.sobol
        ],
    )
    plan = result.plan
    add_sheet(
        book,
        "抽样参数",
        [("抽样", "draw"), *((f"{a} 权重", f"{a} weight") for a in plan.areas), ("汇总方法", "aggregation")],
        [
            (index, *(_share(w) for _, w in draw.weights), draw.aggregation)
            for index, draw in ((i, result.draw(i)) for i in range(result.draws))
        ],
    )
    return workbook_bytes(book)
