"""Write the inspection teams' plan as an xlsx workbook: the teams, each city's counties, how they were drawn."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from targetrule.formats.results_xlsx import add_sheet
from targetrule.formats.template_xlsx import openpyxl_module, workbook_bytes
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.inspection.plan import Plan


def render_plan_xlsx(plan: Plan, names: Mapping[str, Label]) -> bytes:
    """The plan workbook as xlsx bytes (the same plan gives the same bytes); ``names`` are the regions' names."""
    openpyxl = openpyxl_module()  # a bilingual error naming the extra when openpyxl is missing

    def named(ids: tuple[str, ...]) -> str:
        return "、".join(names[i].zh if i in names else i for i in ids)

    book = openpyxl.Workbook()
    book.remove(book.active)
    teams = add_sheet(
        book,
        "督查组",
        [
            ("督查组", "team"),
            ("编号", "id"),
            ("组长", "leader"),
            ("成员", "members"),
            ("负责地区", "cities"),
            ("开始", "from"),
            ("结束", "to"),
        ],
        [
            (
                t.name,
                t.id,
                t.leader,
                "、".join(t.members),
                named(t.cities),
                t.start.isoformat() if t.start else "",
                t.end.isoformat() if t.end else "",
            )
            for t in plan.teams
        ],
    )
    rows = []
    for d in plan.draw.draws:
        team = plan.team_of(d.city)
        rows.append((named((d.city,)), d.city, team.name if team else "", named(d.counties), named(d.available)))
    counties = add_sheet(
        book,
        "抽查县",
        [("市（州）", "city"), ("编号", "id"), ("督查组", "team"), ("抽中", "drawn"), ("可选", "available")],
        rows,
    )
    findings = [(f.severity.value, f.code, f.path or "", f.message) for f in (*plan.findings, *plan.draw.findings)]
    about = add_sheet(
        book,
        "说明",
        [("项目", "item"), ("内容", "value")],
        [
            (Label("方案", "scheme"), plan.scheme),
            (Label("督查开始", "starts"), plan.starts),
            (Label("约天数", "about days"), plan.days if plan.days is not None else ""),
            (Label("抽签种子", "seed"), str(plan.draw.seed)),
            (Label("抽签方法", "method"), plan.draw.method),
            (Label("每市抽查县数", "counties per city"), plan.draw.count),
            *(
                (Label("问题", "finding"), f"{sev} [{code}] {path}: {msg.zh} / {msg.en}")
                for sev, code, path, msg in findings
            ),
        ],
    )
    for ws in (teams, counties, about):
        _print_setup(ws)
    return workbook_bytes(book)


def _print_setup(ws: Any) -> None:
    """A4 landscape, fit to one page wide, the header row repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
