"""A bad claim or veto is dropped with its finding; the findings about later entries still point at them."""

from __future__ import annotations

import pytest

from hostile.harness import assert_clean_elsewhere, assert_finding, evaluate, spoiled
from targetrule import Engine


@pytest.mark.parametrize(
    ("field", "entries", "code"),
    [
        ("bonuses", [{"id": "x", "count": -1}, {"id": "no_such_bonus"}], "region.unknown_bonus"),
        ("bonuses", [{"id": 7}, {"id": "no_such_bonus"}], "region.unknown_bonus"),
        ("bonuses", ["not an object", {"id": "no_such_bonus"}], "region.unknown_bonus"),
        ("deductions", [{"id": "x", "points": -3}, {"id": "no_such_deduction"}], "region.unknown_deduction"),
        ("deductions", [{"id": None}, {"id": "no_such_deduction"}], "region.unknown_deduction"),
        ("vetoes", [1, "no_such_veto"], "region.unknown_veto"),
        ("vetoes", ["", "no_such_veto"], "region.unknown_veto"),
    ],
)
def test_the_unknown_id_after_a_dropped_entry_is_found_where_it_was_written(
    engine: Engine, field: str, entries: list[object], code: str
) -> None:
    evaluation = evaluate(engine, spoiled("yi", **{field: entries}))
    # yi is the second region; its second entry is the unknown id, its first the dropped bad one.
    assert_finding(evaluation.findings, code, f"$.regions[1].{field}[1]", severity="error")
    assert not evaluation.ranked  # strict mode: errors stand
    assert_clean_elsewhere(evaluation, touched=["yi"])
