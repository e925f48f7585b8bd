"""The bundled example typed into the jilin-2007 template, as an office would fill it in."""

from __future__ import annotations

import io
from typing import Any

from tests.server.conftest import EXAMPLE, example

from targetrule import Engine
from targetrule.formats.regions_file import read_regions
from targetrule.formats.template_layout import FIRST_DATA_ROW, KEY_ROW
from targetrule.formats.template_xlsx import build_template

BAD_VALUE = "许多"  # typed into Changchun's new urban jobs when a bad cell is asked for


def filled_example_workbook(bad_cell: bool = False) -> bytes:
    """The template of jilin-2007 for the example's regions, each input cell filled from the example."""
    import openpyxl

    scheme = Engine().load_scheme("jilin-2007")
    book = openpyxl.load_workbook(io.BytesIO(build_template(scheme, read_regions(EXAMPLE))))
    regions: dict[str, Any] = {r["id"]: r for r in example()["regions"]}
    for ws in book.worksheets:
        keys = {
            cell.value: cell.column_letter for cell in ws[KEY_ROW] if isinstance(cell.value, str) and "." in cell.value
        }
        for row in range(FIRST_DATA_ROW, ws.max_row + 1):
            region = regions.get(ws[f"A{row}"].value)
            if region is None:
                continue
            for indicator, values in region.get("inputs", {}).items():
                for name, value in values.items():
                    column = keys.get(f"{indicator}.{name}")
                    if column is not None:
                        bad = bad_cell and region["id"] == "changchun" and indicator == "employment.new_urban_jobs"
                        ws[f"{column}{row}"] = BAD_VALUE if bad and name == "actual" else value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
