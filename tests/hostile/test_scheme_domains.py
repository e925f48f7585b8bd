"""A bad scheme is refused at load, every problem at once.

Each case takes the text of a valid scheme (the mini scheme, tests/data/mini.toml, or the bundled
jilin-2007) and changes one thing; loading it must raise ``SchemeError`` whose findings are exactly
the expected (code, JSON path) pairs: the root problem, no follow-on findings, never a traceback.
A few cases change several things and expect one finding for each. A sample of the cases goes
through the command line too: exit code 3, the code and path in ``--json``, no traceback.

The mini scheme: total 10 points, one area worth 10 holding one item worth 10 (capped completion),
grades 9 / 7.5 / 0 with a quota of 0.5 on the top grade, one award tier of 1.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from hostile.harness import MINI, cli, mini_data, write_json
from targetrule import Engine, Scheme, SchemeError, SchemeSource
from targetrule.findings import CATALOG
from targetrule.scheme_loader import load_scheme

MINI_TEXT = MINI.read_text(encoding="utf-8")
JILIN_TEXT = Engine().registry.schemes["jilin-2007"].text
BASES = {"mini": MINI_TEXT, "jilin": JILIN_TEXT}

ITEM = "$.areas[0].indicators[0]"  # the mini scheme's one item: employment.new_urban_jobs
JOBS_LINE = '[{id = "employment.new_urban_jobs", points = 10}]'
TIERS = '{id = "labour_relations.contract_signing", points = 3, params = {tiers = [[95, 1], [90, 0.8], [80, 0.5]]}}'
CONTRACT = "$.areas[2].indicators[0]"  # jilin: labour_relations.contract_signing (threshold tiers)


SHORTFALL = 'formula = {family = "shortfall_bands", actual = "actual", target = "target"}'
CAPPED = '{family = "capped_completion", actual = "actual", target = "target"}'


def edit(text: str, *changes: tuple[str, str]) -> str:
    """``text`` with each ``old`` (which must occur exactly once) replaced by ``new``."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def jobs(extra: str) -> tuple[str, str]:
    """A change to the mini scheme's one item, e.g. ``jobs("params = {cap = -1}")``."""
    return JOBS_LINE, '[{id = "employment.new_urban_jobs", points = 10, ' + extra + "}]"


def jilin_item(item_id: str, old: str, new: str) -> tuple[str, str]:
    """A change inside the jilin item ``item_id``'s line."""
    line = next(line for line in JILIN_TEXT.splitlines() if f'{{id = "{item_id}"' in line)
    assert old in line, (old, line)
    return line, line.replace(old, new)


def found(text: str, engine: Engine) -> list[tuple[str, str | None]]:
    """The (code, path) of every finding loading ``text`` gives; it must raise SchemeError."""
    with pytest.raises(SchemeError) as caught:
        load_scheme(SchemeSource("bad", text, "bad.toml"), engine.registry)
    findings = caught.value.findings
    assert findings, "a SchemeError always lists its findings"
    for f in findings:
        assert f.code in CATALOG and f.message.zh and f.message.en, f
        assert not PLACEHOLDER.search(f.message.zh + f.message.en), f  # every detail was filled in
    return [(f.code, f.path) for f in findings]


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
VALUE = "scheme.bad_value"
PARAM = "scheme.bad_parameter"
GRADES = "scheme.bad_grades"
MALFORMED = "scheme.malformed"

# (id, base, changes, expected findings as (code, path))
CASES: list[tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]] = [
    # -- points: above 0, plausible; a sum is not checked when one of its parts is itself wrong
    ("item-points-zero", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "0"))], [(VALUE, f"{ITEM}.points")]),
    ("item-points-negative", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "-5"))], [(VALUE, f"{ITEM}.points")]),
    ("item-points-tiny-negative", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "-0.01"))], [(VALUE, f"{ITEM}.points")]),
    ("item-points-huge", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "1e10"))], [(VALUE, f"{ITEM}.points")]),
    (
        "item-points-13-places",
        "mini",
        [(JOBS_LINE, JOBS_LINE.replace("10", "0.0000000000001"))],
        [(VALUE, f"{ITEM}.points")],
    ),
    (
        "item-points-big-int",
        "mini",
        [(JOBS_LINE, JOBS_LINE.replace("10", "1" + "0" * 30))],
        [(VALUE, f"{ITEM}.points")],
    ),
    ("item-points-text", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", '"10"'))], [(MALFORMED, f"{ITEM}.points")]),
    ("item-points-nan", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "nan"))], [(MALFORMED, f"{ITEM}.points")]),
    ("item-points-inf", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "inf"))], [(MALFORMED, f"{ITEM}.points")]),
    ("item-points-bool", "mini", [(JOBS_LINE, JOBS_LINE.replace("10", "true"))], [(MALFORMED, f"{ITEM}.points")]),
    (
        "area-points-zero",
        "mini",
        [("points = 10\nindicators", "points = 0\nindicators")],
        [(VALUE, "$.areas[0].points")],
    ),
    (
        "area-points-negative",
        "mini",
        [("points = 10\nindicators", "points = -10\nindicators")],
        [(VALUE, "$.areas[0].points")],
    ),
    ("jilin-area-points-zero", "jilin", [("points = 30\n", "points = 0\n")], [(VALUE, "$.areas[0].points")]),
    ("total-zero", "mini", [("total_points = 10", "total_points = 0")], [(VALUE, "$.total_points")]),
    ("total-negative", "mini", [("total_points = 10", "total_points = -10")], [(VALUE, "$.total_points")]),
    (
        "total-beyond-decimal-range",
        "mini",
        [("total_points = 10", "total_points = 1e999999999")],
        [(VALUE, "$.total_points")],
    ),
    (
        "total-20-places",
        "mini",
        [("total_points = 10", "total_points = 10.00000000000000000001")],
        [(VALUE, "$.total_points")],
    ),
    ("total-minus-inf", "mini", [("total_points = 10", "total_points = -inf")], [(MALFORMED, "$.total_points")]),
    ("total-text", "mini", [("total_points = 10", 'total_points = "ten"')], [(MALFORMED, "$.total_points")]),
    (
        "jilin-item-points-negative",
        "jilin",
        [jilin_item("pension.contributions", "points = 3", "points = -3")],
        [(VALUE, "$.areas[3].indicators[1].points")],
    ),
    # -- weights: at least 0, not all 0 in an area
    ("weight-negative", "mini", [jobs("weight = -1")], [(VALUE, f"{ITEM}.weight")]),
    ("weight-all-zero", "mini", [jobs("weight = 0")], [(VALUE, "$.areas[0].indicators")]),
    ("weight-nan", "mini", [jobs("weight = nan")], [(MALFORMED, f"{ITEM}.weight")]),
    ("weight-text", "mini", [jobs('weight = "heavy"')], [(MALFORMED, f"{ITEM}.weight")]),
    (
        "jilin-weight-negative",
        "jilin",
        [jilin_item("pension.contributions", "points = 3", "points = 3, weight = -0.5")],
        [(VALUE, "$.areas[3].indicators[1].weight")],
    ),
    (
        "jilin-weighted-mean-all-zero",
        "jilin",
        [
            ('id = "medical_insurance"\n', 'id = "medical_insurance"\naggregation = "weighted_mean"\n'),
            (
                '{id = "medical_insurance.employee_participants", points = 4}',
                '{id = "medical_insurance.employee_participants", points = 4, weight = 0}',
            ),
            (
                '{id = "medical_insurance.resident_participants", points = 2}',
                '{id = "medical_insurance.resident_participants", points = 2, weight = 0}',
            ),
        ],
        [(VALUE, "$.areas[5].indicators")],
    ),
    # -- the year and the award counts: whole numbers in range
    ("year-zero", "mini", [("year = 2007", "year = 0")], [(VALUE, "$.year")]),
    ("year-negative", "mini", [("year = 2007", "year = -2007")], [(VALUE, "$.year")]),
    ("year-far-future", "mini", [("year = 2007", "year = 20070")], [(VALUE, "$.year")]),
    ("year-huge-int", "mini", [("year = 2007", "year = 99999999999999999999999")], [(VALUE, "$.year")]),
    ("year-float", "mini", [("year = 2007", "year = 2007.5")], [(MALFORMED, "$.year")]),
    ("year-text", "mini", [("year = 2007", 'year = "2007"')], [(MALFORMED, "$.year")]),
    ("year-bool", "mini", [("year = 2007", "year = true")], [(MALFORMED, "$.year")]),
    ("year-inf", "mini", [("year = 2007", "year = inf")], [(MALFORMED, "$.year")]),
    ("award-count-zero", "mini", [("count = 1", "count = 0")], [(VALUE, "$.awards[0].count")]),
    ("award-count-negative", "mini", [("count = 1", "count = -1")], [(VALUE, "$.awards[0].count")]),
    ("award-count-huge", "mini", [("count = 1", "count = 10000000")], [(VALUE, "$.awards[0].count")]),
    ("award-count-float", "mini", [("count = 1", "count = 1.5")], [(MALFORMED, "$.awards[0].count")]),
    ("award-count-text", "mini", [("count = 1", 'count = "1"')], [(MALFORMED, "$.awards[0].count")]),
    ("jilin-award-count-zero", "jilin", [("count = 2", "count = 0")], [(VALUE, "$.awards[1].count")]),
    # -- grade bands: highest first, distinct, the lowest at 0, none above the reachable maximum
    ("grade-above-total", "mini", [("min = 9\n", "min = 50\n")], [(GRADES, "$.grades[0].min")]),
    ("grade-just-above-total", "mini", [("min = 9\n", "min = 10.01\n")], [(GRADES, "$.grades[0].min")]),
    ("grade-lowest-negative", "mini", [("min = 0\n", "min = -1\n")], [(GRADES, "$.grades[2].min")]),
    ("grade-lowest-above-zero", "mini", [("min = 0\n", "min = 1\n")], [(GRADES, "$.grades[2].min")]),
    ("grade-out-of-order", "mini", [("min = 9\n", "min = 5\n")], [(GRADES, "$.grades")]),
    ("grade-duplicate-min", "mini", [("min = 9\n", "min = 7.5\n")], [(GRADES, "$.grades")]),
    ("grade-quota-zero", "mini", [("quota = 0.5", "quota = 0")], [(GRADES, "$.grades[0].quota")]),
    ("grade-quota-above-one", "mini", [("quota = 0.5", "quota = 1.5")], [(GRADES, "$.grades[0].quota")]),
    ("grade-quota-negative", "mini", [("quota = 0.5", "quota = -0.1")], [(GRADES, "$.grades[0].quota")]),
    ("grade-quota-nan", "mini", [("quota = 0.5", "quota = nan")], [(MALFORMED, "$.grades[0].quota")]),
    ("grade-min-nan", "mini", [("min = 9\n", "min = nan\n")], [(MALFORMED, "$.grades[0].min")]),
    ("grade-min-huge", "mini", [("min = 9\n", "min = 1e300\n")], [(VALUE, "$.grades[0].min")]),
    (
        "grade-label-number",
        "mini",
        [('label = {zh = "优秀", en = "Excellent"}', 'label = {zh = 1, en = "Excellent"}')],
        [(MALFORMED, "$.grades[0].label.zh")],
    ),
    # jilin: 100 points + a bonus cap of 5 = 105 at most; 106 is out of reach
    ("jilin-grade-above-total-and-bonus", "jilin", [("min = 90\n", "min = 106\n")], [(GRADES, "$.grades[0].min")]),
    # -- the family's own parameters, checked once per item at load
    ("cap-negative", "mini", [jobs("params = {cap = -1}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-below-one", "mini", [jobs("params = {cap = 0.5}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-nan", "mini", [jobs("params = {cap = nan}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-inf", "mini", [jobs("params = {cap = inf}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-text", "mini", [jobs('params = {cap = "1.2"}')], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-bool", "mini", [jobs("params = {cap = true}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-huge", "mini", [jobs("params = {cap = 1e20}")], [(PARAM, f"{ITEM}.params.cap")]),
    ("cap-table", "mini", [jobs("params = {cap = {a = 1}}")], [(PARAM, f"{ITEM}.params.cap")]),
    (
        "ceiling-deduct-negative",
        "jilin",
        [jilin_item("employment.registered_unemployment_rate", "deduct_per_point = 0.5", "deduct_per_point = -0.5")],
        [(PARAM, "$.areas[0].indicators[2].params.deduct_per_point")],
    ),
    (
        "ceiling-above-100",
        "jilin",
        [jilin_item("employment.registered_unemployment_rate", "deduct_per_point = 0.5", "ceiling = 101")],
        [(PARAM, "$.areas[0].indicators[2].params.ceiling")],
    ),
    (
        "per-point-deduct-negative",
        "jilin",
        [jilin_item("employment.zero_employment_households", "0.1", "-0.1")],
        [(PARAM, "$.areas[0].indicators[5].params.deduct_per_point")],
    ),
    (
        "per-point-standard-negative",
        "jilin",
        [jilin_item("labour_relations.arrears_clearance", "deduct_per_point = 0.05", "standard = -1")],
        [(PARAM, "$.areas[2].indicators[1].params.standard")],
    ),
    (
        "per-point-standard-above-100",
        "jilin",
        [jilin_item("labour_relations.migrant_wages", "deduct_per_point = 0.1", "standard = 120")],
        [(PARAM, "$.areas[2].indicators[2].params.standard")],
    ),
    (
        "per-point-bonus-negative",
        "jilin",
        [jilin_item("pension.paid_on_time", "deduct_per_point = 0.1", "bonus_per_point = -0.1")],
        [(PARAM, "$.areas[3].indicators[2].params.bonus_per_point")],
    ),
    (
        "tiers-reversed",
        "jilin",
        [(TIERS, TIERS.replace("[[95, 1], [90, 0.8], [80, 0.5]]", "[[80, 0.5], [90, 0.8], [95, 1]]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-duplicate-threshold",
        "jilin",
        [(TIERS, TIERS.replace("[90, 0.8]", "[95, 0.8]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-share-above-one",
        "jilin",
        [(TIERS, TIERS.replace("[95, 1]", "[95, 1.5]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-share-negative",
        "jilin",
        [(TIERS, TIERS.replace("[80, 0.5]", "[80, -0.1]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-share-rising",
        "jilin",
        [(TIERS, TIERS.replace("[90, 0.8]", "[90, 0.4]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-empty",
        "jilin",
        [(TIERS, TIERS.replace("[[95, 1], [90, 0.8], [80, 0.5]]", "[]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    ("tiers-short-row", "jilin", [(TIERS, TIERS.replace("[90, 0.8]", "[90]"))], [(PARAM, f"{CONTRACT}.params.tiers")]),
    (
        "tiers-text-cell",
        "jilin",
        [(TIERS, TIERS.replace("[90, 0.8]", '[90, "most"]'))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-nan-cell",
        "jilin",
        [(TIERS, TIERS.replace("[90, 0.8]", "[nan, 0.8]"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "tiers-not-a-table",
        "jilin",
        [(TIERS, TIERS.replace("[[95, 1], [90, 0.8], [80, 0.5]]", "95"))],
        [(PARAM, f"{CONTRACT}.params.tiers")],
    ),
    (
        "floor-above-lowest-tier",
        "jilin",
        [(TIERS, TIERS.replace("[80, 0.5]]", "[80, 0.5]], floor = 0.9"))],
        [(PARAM, f"{CONTRACT}.params.floor")],
    ),
    (
        "floor-negative",
        "jilin",
        [(TIERS, TIERS.replace("[80, 0.5]]", "[80, 0.5]], floor = -0.1"))],
        [(PARAM, f"{CONTRACT}.params.floor")],
    ),
    (
        "decline-target-negative",
        "jilin",
        [jilin_item("labour_relations.petition_decline", "target_decline = 10", "target_decline = -10")],
        [(PARAM, "$.areas[2].indicators[4].params.target_decline")],
    ),
    (
        "decline-target-above-100",
        "jilin",
        [jilin_item("labour_relations.petition_decline", "target_decline = 10", "target_decline = 150")],
        [(PARAM, "$.areas[2].indicators[4].params.target_decline")],
    ),
    (
        "compound-part-deduct-negative",
        "jilin",
        [jilin_item("training.vocational_training", "0.05", "-0.05")],
        [(PARAM, "$.areas[1].indicators[0].params.rate.deduct_per_point")],
    ),
    (
        "compound-weight-negative",
        "jilin",
        [jilin_item("training.vocational_training", '"rate.deduct_per_point" = 0.05', '"rate.weight" = -1')],
        [(PARAM, "$.areas[1].indicators[0].params.rate.weight")],
    ),
    (
        "compound-weights-all-zero",
        "jilin",
        [
            jilin_item(
                "training.vocational_training",
                '"rate.deduct_per_point" = 0.05',
                '"rate.weight" = 0, "count.weight" = 0',
            )
        ],
        [(PARAM, "$.areas[1].indicators[0].params.count.weight")],
    ),
    (
        "compound-part-standard-above-100",
        "jilin",
        [jilin_item("pension.participants", '"paying_share.deduct_per_point" = 0.05', '"paying_share.standard" = 120')],
        [(PARAM, "$.areas[3].indicators[0].params.paying_share.standard")],
    ),
    (
        "compound-part-cap-below-one",
        "jilin",
        [jilin_item("dibao.coverage", '"category.deduct_per_point" = 0.1', '"coverage.cap" = 0.5')],
        [(PARAM, "$.areas[8].indicators[0].params.coverage.cap")],
    ),
    (
        "compound-part-tiers-reversed",
        "jilin",
        [
            jilin_item(
                "labour_relations.case_closure",
                "points = 2",
                'points = 2, params = {"closure.tiers" = [[80, 0.5], [95, 1]]}',
            )
        ],
        [(PARAM, "$.areas[2].indicators[3].params.closure.tiers")],
    ),
    # -- a formula built from the scheme's own table: its family checks the parameters too
    (
        "bands-not-rising",
        "mini",
        [jobs(SHORTFALL + ", params = {bands = [[10, 1], [5, 0.9]]}")],
        [(PARAM, f"{ITEM}.params.bands")],
    ),
    (
        "bands-negative-limit",
        "mini",
        [jobs(SHORTFALL + ", params = {bands = [[-5, 1], [5, 0.9]]}")],
        [(PARAM, f"{ITEM}.params.bands")],
    ),
    (
        "bands-share-two",
        "mini",
        [jobs(SHORTFALL + ", params = {bands = [[0, 2], [5, 0.9]]}")],
        [(PARAM, f"{ITEM}.params.bands")],
    ),
    (
        "formula-field-number",
        "mini",
        [jobs('formula = {family = "capped_completion", actual = 1, target = "target"}')],
        [(PARAM, f"{ITEM}.formula.actual")],
    ),
    (
        "formula-field-unknown",
        "mini",
        [jobs('formula = {family = "capped_completion", actual = "actual", target = "target", colour = "red"}')],
        [(PARAM, f"{ITEM}.formula")],
    ),
    (
        "compound-table-weight-negative",
        "mini",
        [jobs('formula = {family = "compound", parts = [{name = "a", weight = -1, formula = ' + CAPPED + "}]}")],
        [(PARAM, f"{ITEM}.formula")],
    ),
    (
        "compound-table-no-parts",
        "mini",
        [jobs('formula = {family = "compound", parts = []}')],
        [(PARAM, f"{ITEM}.formula")],
    ),
    (
        "compound-table-same-names",
        "mini",
        [
            jobs(
                'formula = {family = "compound", parts = [{name = "a", formula = '
                + CAPPED
                + '}, {name = "a", formula = '
                + CAPPED
                + "}]}"
            )
        ],
        [(PARAM, f"{ITEM}.formula")],
    ),
    (
        "compound-table-part-not-a-table",
        "mini",
        [jobs('formula = {family = "compound", parts = ["a"]}')],
        [(PARAM, f"{ITEM}.formula")],
    ),
    (
        "compound-table-weight-text",
        "mini",
        [jobs('formula = {family = "compound", parts = [{name = "a", weight = "x", formula = ' + CAPPED + "}]}")],
        [(PARAM, f"{ITEM}.formula")],
    ),
    # -- bonus, deductions, tolerances
    ("bonus-cap-negative", "jilin", [("cap = 5\n", "cap = -5\n")], [(VALUE, "$.bonus.cap")]),
    (
        "bonus-item-negative",
        "jilin",
        [('en = "national commendation"}, points = 2}', 'en = "national commendation"}, points = -2}')],
        [(VALUE, "$.bonus.items[0].points")],
    ),
    (
        "deduction-negative",
        "jilin",
        [("points = 5\ncancels_awards", "points = -5\ncancels_awards")],
        [(VALUE, "$.deductions[0].points")],
    ),
    (
        "misreporting-tolerance-negative",
        "jilin",
        [("tolerance = 0.05", "tolerance = -0.05")],
        [(VALUE, "$.misreporting.tolerance")],
    ),
    (
        "misreporting-tolerance-as-percent",
        "jilin",
        [("tolerance = 0.05", "tolerance = 5")],
        [(VALUE, "$.misreporting.tolerance")],
    ),
    (
        "tolerance-negative",
        "mini",
        [("total_points = 10\n", "total_points = 10\ntolerance = -1\n")],
        [(VALUE, "$.tolerance")],
    ),
    (
        "tolerance-above-one",
        "mini",
        [("total_points = 10\n", "total_points = 10\ntolerance = 1.5\n")],
        [(VALUE, "$.tolerance")],
    ),
    # -- vetoes and the gate: attainments within 0..what the item can reach
    ("veto-below-negative", "jilin", [("below = 1\n", "below = -1\n")], [(VALUE, "$.vetoes[0].below")]),
    ("veto-below-unreachable", "jilin", [("below = 1\n", "below = 1.5\n")], [(VALUE, "$.vetoes[0].below")]),
    ("veto-below-nan", "jilin", [("below = 1\n", "below = nan\n")], [(MALFORMED, "$.vetoes[0].below")]),
    ("gate-negative", "jilin", [("min_attainment = 1\n", "min_attainment = -1\n")], [(VALUE, "$.gate.min_attainment")]),
    (
        "gate-unreachable",
        "jilin",
        [("min_attainment = 1\n", "min_attainment = 2\n")],
        [(VALUE, "$.gate.min_attainment")],
    ),
    (
        "gate-empty",
        "jilin",
        [
            (
                "indicators = [\n"
                '  "employment.new_urban_jobs",\n  "employment.reemployment",\n'
                '  "employment.registered_unemployment_rate",\n]',
                "indicators = []",
            )
        ],
        [(VALUE, "$.gate.indicators")],
    ),
    ("gate-effect-unknown", "jilin", [('effect = "awards"', 'effect = "everything"')], [(MALFORMED, "$.gate.effect")]),
    # -- shape
    (
        "no-areas",
        "mini",
        [
            ("total_points = 10\n", "total_points = 10\nareas = []\n"),
            (
                '[[areas]]\nid = "employment"\nlabel = {zh = "就业和再就业", en = "Employment"}\n'
                "points = 10\nindicators = " + JOBS_LINE + "\n",
                "",
            ),
        ],
        [(VALUE, "$.areas")],
    ),
    ("area-without-indicators", "mini", [(JOBS_LINE, "[]")], [(VALUE, "$.areas[0].indicators")]),
    (
        "schema-unknown",
        "mini",
        [('schema = "targetrule.scheme/1"', 'schema = "targetrule.scheme/2"')],
        [(VALUE, "$.schema")],
    ),
    # an item that fails to resolve might have reached 1.5 (10 × 1.5 = 15 ≥ 14): the grade is not judged
    (
        "reach-unknown-while-an-item-fails",
        "mini",
        [jobs("params = {cap = 1.5, bogus = 1}"), ("min = 9\n", "min = 14\n")],
        [("scheme.unknown_parameter", f"{ITEM}.params.bogus")],
    ),
    ("unknown-key", "mini", [("year = 2007", 'year = 2007\ncolour = "red"')], [(MALFORMED, "$")]),
    ("areas-as-a-table", "mini", [("[[areas]]", "[areas.x]")], [(MALFORMED, "$.areas[0]")]),
]


@pytest.mark.parametrize(("base", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_scheme_gives_exactly_its_root_findings(
    base: str, changes: list[tuple[str, str]], expected: list[tuple[str, str]], engine: Engine
) -> None:
    """One fault, one finding: its code and its JSON path, nothing that follows from it."""
    assert sorted(found(edit(BASES[base], *changes), engine), key=str) == sorted(expected, key=str)


def test_the_cases_are_many_and_distinct() -> None:
    """The brief asks for at least 80 scheme cases; ids are unique."""
    ids = [c[0] for c in CASES]
    assert len(ids) >= 80 and len(set(ids)) == len(ids)


# -- values at the edge of their domain are accepted -------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "changes"),
    [
        ("mini", [jobs("weight = 0.000000000001")]),  # 12 places: the most allowed
        ("mini", [jobs("params = {cap = 1}")]),  # cap exactly 1
        ("mini", [("min = 9\n", "min = 10\n")]),  # the top grade at the total: reachable with full marks
        ("mini", [("quota = 0.5", "quota = 1")]),  # quota 1 = everyone may reach it
        ("mini", [("count = 1", "count = 1000000")]),
        ("mini", [("year = 2007", "year = 2100")]),
        ("mini", [('schema = "', '\ufeffschema = "')]),  # a byte-order mark, as some editors save
        ("mini", [("total_points = 10\n", "total_points = 10.000000000000000000\n")]),  # trailing zeros: no places
        ("mini", [("min = 0\n", "min = 0e-999999999\n")]),  # zero, however written
        ("mini", [jobs("params = {cap = 1.2}"), ("min = 9\n", "min = 12\n")]),  # 10 × 1.2 = 12 reachable
        ("jilin", [("min = 90\n", "min = 105\n")]),  # 100 + bonus cap 5 = 105 reachable
        ("jilin", [("below = 1\n", "below = 0\n")]),
        ("jilin", [("tolerance = 0.05", "tolerance = 1")]),
        ("jilin", [(TIERS, TIERS.replace("[80, 0.5]]", "[80, 0.5]], floor = 0.5"))]),  # floor = the lowest tier
    ],
)
def test_values_at_the_edge_of_their_domain_load(base: str, changes: list[tuple[str, str]], engine: Engine) -> None:
    """The bounds are inclusive where the docs say so."""
    assert isinstance(load_scheme(SchemeSource("edge", edit(BASES[base], *changes)), engine.registry), Scheme)


# -- every problem at once ------------------------------------------------------------------------------


def test_three_faults_give_three_findings(engine: Engine) -> None:
    text = edit(
        MINI_TEXT,
        (JOBS_LINE, JOBS_LINE.replace("10", "-5")),
        ("count = 1", "count = 0"),
        ("min = 9\n", "min = 50\n"),
    )
    assert sorted(found(text, engine)) == [
        (GRADES, "$.grades[0].min"),  # 50 > 10 total points, no bonus
        (VALUE, f"{ITEM}.points"),
        (VALUE, "$.awards[0].count"),
    ]


def test_every_section_of_jilin_at_once(engine: Engine) -> None:
    """Seven faults in seven places of the bundled scheme: seven findings, one each."""
    text = edit(
        JILIN_TEXT,
        jilin_item("pension.contributions", "points = 3", "points = -3"),
        (TIERS, TIERS.replace("[90, 0.8]", "[95, 0.8]")),
        ("cap = 5\n", "cap = -5\n"),
        ("tolerance = 0.05", "tolerance = 5"),
        ("below = 1\n", "below = -1\n"),
        ("min_attainment = 1\n", "min_attainment = 2\n"),
        ("count = 3", "count = 0"),
    )
    assert sorted(found(text, engine)) == sorted(
        [
            (VALUE, "$.areas[3].indicators[1].points"),
            (PARAM, f"{CONTRACT}.params.tiers"),
            (VALUE, "$.bonus.cap"),
            (VALUE, "$.misreporting.tolerance"),
            (VALUE, "$.vetoes[0].below"),
            (VALUE, "$.gate.min_attainment"),
            (VALUE, "$.awards[2].count"),
        ]
    )


def test_findings_come_in_the_order_of_the_file(engine: Engine) -> None:
    text = edit(
        JILIN_TEXT,
        ("count = 3", "count = 0"),
        ("below = 1\n", "below = -1\n"),
        ("cap = 5\n", "cap = -5\n"),
        jilin_item("pension.contributions", "points = 3", "points = -3"),
        (TIERS, TIERS.replace("[90, 0.8]", "[95, 0.8]")),
    )
    assert [path for _, path in found(text, engine)] == [
        f"{CONTRACT}.params.tiers",
        "$.areas[3].indicators[1].points",
        "$.bonus.cap",
        "$.vetoes[0].below",
        "$.awards[2].count",
    ]


def test_several_malformed_values_are_reported_together(engine: Engine) -> None:
    text = edit(MINI_TEXT, ("year = 2007", 'year = "2007"'), ("count = 1", "count = 1.5"), ("min = 9\n", "min = nan\n"))
    assert sorted(found(text, engine)) == [
        (MALFORMED, "$.awards[0].count"),
        (MALFORMED, "$.grades[0].min"),
        (MALFORMED, "$.year"),
    ]


def test_a_misspelt_id_is_one_finding_not_a_cascade(engine: Engine) -> None:
    """The veto, the gate and a tie-break name the correct ids: only the misspelt item is reported."""
    text = edit(
        JILIN_TEXT,
        ('{id = "pension.paid_on_time"', '{id = "pension.paid_on_tme"'),
        ('{id = "employment.new_urban_jobs"', '{id = "employment.new_urban_job"'),
        (
            "[ranking]" if "[ranking]" in JILIN_TEXT else '[[awards]]\nid = "first"',
            '[ranking]\ntie_break = ["indicator:pension.paid_on_time"]\n\n[[awards]]\nid = "first"',
        ),
    )
    with pytest.raises(SchemeError) as caught:
        load_scheme(SchemeSource("bad", text, "bad.toml"), engine.registry)
    findings = caught.value.findings
    assert [(f.code, f.path, f.suggestion) for f in findings] == [
        ("scheme.unknown_indicator", "$.areas[0].indicators[0].id", "employment.new_urban_jobs"),
        ("scheme.unknown_indicator", "$.areas[3].indicators[2].id", "pension.paid_on_time"),
    ]


def test_a_misspelling_repeated_in_the_veto_is_still_one_finding(engine: Engine) -> None:
    """The item and its veto both misspelt the same way: the item is unknown, the veto names a declared id."""
    text = edit(
        JILIN_TEXT,
        ('{id = "pension.paid_on_time"', '{id = "pension.paid_on_tme"'),
        ('indicator = "pension.paid_on_time"', 'indicator = "pension.paid_on_tme"'),
    )
    assert found(text, engine) == [("scheme.unknown_indicator", "$.areas[3].indicators[2].id")]


def test_a_reference_to_an_id_no_area_declares_is_still_reported(engine: Engine) -> None:
    text = edit(JILIN_TEXT, ('indicator = "pension.paid_on_time"', 'indicator = "pension.paid_on_tme"'))
    assert found(text, engine) == [("scheme.bad_reference", "$.vetoes[0].indicator")]


def test_messages_name_the_value_and_the_domain_in_both_languages(engine: Engine) -> None:
    with pytest.raises(SchemeError) as caught:
        load_scheme(SchemeSource("bad", edit(MINI_TEXT, (JOBS_LINE, JOBS_LINE.replace("10", "-5")))), engine.registry)
    (problem,) = caught.value.findings
    assert problem.message.zh == "指标 employment.new_urban_jobs 的分值应为大于 0 的数，实为 -5"
    assert problem.message.en == "the points of indicator employment.new_urban_jobs must be a number above 0, got -5"
    assert problem.value == "-5"


# -- text that is not TOML at all ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "id = [unclosed",
        "\ud800 = 1",  # a lone surrogate: no file can hold it, a host's string can
        MINI_TEXT.replace("测试方案", "测试\udfff方案"),
        "x = " + "[" * 5000 + "]" * 5000,  # nested too deeply for the parser
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        "\x00",
        MINI_TEXT + "\n[[areas]]\n",  # an area with nothing in it
    ],
    ids=["empty", "unclosed", "surrogate-key", "surrogate-text", "deep-arrays", "deep-tables", "nul", "bare-area"],
)
def test_text_that_is_not_a_scheme_is_malformed(text: str, engine: Engine) -> None:
    codes = {code for code, _ in found(text, engine)}
    assert codes == {MALFORMED}


# -- through the engine and the command line -------------------------------------------------------------

CLI_CASES = [
    c
    for c in CASES
    if c[0]
    in {
        "item-points-negative",
        "weight-all-zero",
        "year-huge-int",
        "award-count-zero",
        "grade-above-total",
        "cap-negative",
        "cap-nan",
        "bands-not-rising",
        "tolerance-negative",
        "item-points-text",
        "veto-below-unreachable",
        "tiers-reversed",
    }
]


@pytest.mark.parametrize(("base", "changes", "expected"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_the_command_line_refuses_a_bad_scheme_with_exit_code_3(
    base: str, changes: list[tuple[str, str]], expected: list[tuple[str, str]], tmp_path: Path, engine: Engine
) -> None:
    """``validate BAD.toml data.json --json``: exit 3, each finding's code and path; ``scheme`` lists them too."""
    bad = tmp_path / "bad.toml"
    bad.write_text(edit(BASES[base], *changes), encoding="utf-8")
    data = write_json(tmp_path, mini_data())
    result = cli("validate", bad, data, "--json")
    assert result.exit_code == 3, result.output
    document = json.loads(result.output)
    assert sorted((f["code"], f["path"]) for f in document["findings"]) == sorted(expected)
    shown = cli("scheme", bad)
    assert shown.exit_code == 3
    for code, path in expected:
        assert f"[{code}] {path}" in shown.output
    with pytest.raises(SchemeError) as caught:
        engine.load_scheme(bad)
    assert sorted((f.code, f.path) for f in caught.value.findings) == sorted(expected)


def test_the_command_line_lists_all_three_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        edit(
            MINI_TEXT,
            (JOBS_LINE, JOBS_LINE.replace("10", "-5")),
            ("count = 1", "count = 0"),
            ("min = 9\n", "min = 50\n"),
        ),
        encoding="utf-8",
    )
    result = cli("validate", bad, write_json(tmp_path, mini_data()))
    assert result.exit_code == 3
    for code in ("scheme.bad_value", "scheme.bad_value", "scheme.bad_grades"):
        assert code in result.output
    assert result.output.count("[scheme.") == 3


def test_the_bundled_and_the_2008_schemes_still_load(engine: Engine) -> None:
    for scheme_id, source in engine.registry.schemes.items():
        assert load_scheme(source, engine.registry).id == scheme_id
    assert Decimal(0) in {g.min for g in engine.load_scheme("jilin-2007").spec.grades}
