"""Write docs/indicators.md from the indicator declarations and the jilin-2007 scheme.

    python scripts/make_indicator_docs.py            # writes docs/indicators.md
    python scripts/make_indicator_docs.py --check    # fails if the committed page differs

The page is generated, never edited by hand: tests/test_indicator_docs.py regenerates it in
memory and fails when the committed page differs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetrule import Compound, Formula, Indicator, Ratio, Registry
from targetrule.rules import PartNotAboveWhole, PartsNotAboveWhole
from targetrule.scheme import Scheme, ScoredItem
from targetrule.scheme_loader import load_scheme

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "indicators.md"
SCHEME = "jilin-2007"

KINDS = {"count": "count 人数/个数", "amount": "amount 金额", "rate": "rate 比率", "flag": "yes/no 是否"}
ROLES = {"actual": "actual 实际", "target": "target 目标", "baseline": "baseline 上年"}
BETTER = {"higher": "higher ↑", "lower": "lower ↓"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def number(value: Decimal) -> str:
    """A parameter or points value as written in a scheme: no exponent, no trailing zeros."""
    return f"{value.normalize():f}"


def param_value(value: Any) -> str:
    """A parameter's value: a number, or a tier table as ``threshold → attainment`` rows."""
    if isinstance(value, tuple):
        return "; ".join(f"{number(a)} → {number(b)}" for a, b in value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def formula_text(formula: Formula) -> list[str]:
    """The formula family with the values it reads; a compound item's parts one per line."""
    if isinstance(formula, Compound):
        lines = ["`compound` (weighted mean of its parts):"]
        for part in formula.parts:
            applies = f" (not applicable when `{part.applies_if}` is 0)" if part.applies_if else ""
            lines.append(
                f"  - part `{part.name}`, weight {number(part.weight)}: {formula_text(part.formula)[0]}{applies}"
            )
        return lines
    fields = ", ".join(f"{name}=`{value}`" for name, value in vars_of(formula) if value is not None)
    return [f"`{formula.family}`({fields})"]


def vars_of(formula: Formula) -> Iterable[tuple[str, Any]]:
    """The declared fields of an attrs formula, in order."""
    import attrs

    declared: Any = type(formula)
    return ((f.name, getattr(formula, f.name)) for f in attrs.fields(declared))


def why(indicator: Indicator, registry: Registry) -> str:
    """The plugin module's docstring after its first line: the reason for its formula."""
    module = importlib.import_module(registry.indicator_plugins[indicator.id])
    doc = (module.__doc__ or "").strip().split("\n\n", 1)
    return " ".join(doc[1].split()) if len(doc) > 1 else ""


def rules_text(indicator: Indicator) -> list[str]:
    """Each validation rule as a sentence with the inputs' Chinese labels."""
    label = {i.name: i.label.zh for i in indicator.inputs} | {r.name: r.label.zh for r in indicator.derived}
    lines = []
    for rule in indicator.all_rules():
        if isinstance(rule, PartNotAboveWhole):
            part, whole = label.get(rule.part, rule.part), label.get(rule.whole, rule.whole)
            lines.append(f"`{rule.part}` ≤ `{rule.whole}` ({part} ≤ {whole})")
        elif isinstance(rule, PartsNotAboveWhole):
            parts = " + ".join(f"`{p}`" for p in rule.parts)
            lines.append(f"{parts} ≤ `{rule.whole}`")
        else:
            lines.append(f"`{type(rule).__name__}`")
    return lines


def zero_denominator(indicator: Indicator, ratio: Ratio, item: ScoredItem) -> str:
    """What a zero denominator means, read from the declaration: refused, a part not applicable, or ``if_zero``."""
    spec = indicator.input_map.get(ratio.denominator)
    if spec is not None and spec.minimum is not None and spec.minimum > 0:
        return f"`{ratio.denominator}` is never 0 (its declared minimum is {number(spec.minimum)}; 0 is refused)"
    if isinstance(item.formula, Compound):
        for part in item.formula.parts:
            if part.applies_if == ratio.denominator and ratio.name in part.formula.uses():
                what = NOT_APPLICABLE_TEXT[item.params.get(f"{part.name}.not_applicable", "full")]
                return f"when `{ratio.denominator}` is 0, part `{part.name}` is not applicable: {what}"
    return f"{number(ratio.if_zero)} when `{ratio.denominator}` is 0"


NOT_APPLICABLE_TEXT = {
    "reweight": "its weight moves to the other parts",
    "zero": "it scores 0",
    "full": "it scores full marks",
}


def indicator_section(item: ScoredItem, registry: Registry) -> list[str]:
    """One indicator: labels, inputs, derived rates, rules, formula, parameters, points."""
    ind = item.indicator
    out = [
        f"### {ind.reference} {ind.label.zh}",
        "",
        f"*{ind.label.en}* — `{ind.id}`; unit {ind.unit}; **{number(item.points)} points** in {SCHEME}.",
        "",
        "| input | 中文 | English | kind | role | unit | 其中 of | better |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for spec in ind.inputs:
        better = BETTER[spec.better.value] if spec.better else ""
        out.append(
            f"| `{spec.name}` | {cell(spec.label.zh)} | {cell(spec.label.en)} | {KINDS[spec.kind.value]} | "
            f"{ROLES[spec.role.value]} | {cell(spec.unit)} | {f'`{spec.part_of}`' if spec.part_of else ''} | {better} |"
        )
    out.append("")
    for ratio in ind.derived:
        share = f"(`{ratio.denominator}` − `{ratio.numerator}`)" if ratio.complement else f"`{ratio.numerator}`"
        out.append(
            f"- rate `{ratio.name}` ({ratio.label.zh} / {ratio.label.en}) = {share} ÷ `{ratio.denominator}` × "
            f"{number(ratio.scale)} {ratio.unit}; {zero_denominator(ind, ratio, item)}"
        )
    rules = rules_text(ind)
    if rules:
        out.append("- checks: " + "; ".join(rules))
    lines = formula_text(item.formula)
    out.append("- formula: " + lines[0])
    out.extend(lines[1:])
    defaults = {name: spec.default for name, spec in item.formula.param_specs().items()}
    specs = item.formula.param_specs()
    if item.params:
        out += ["", "| parameter | in " + SCHEME + " | default | meaning |", "|---|---|---|---|"]
        for name, value in item.params.items():
            changed = "" if value == defaults.get(name) else " (set)"
            meaning = f"{specs[name].label.zh} / {specs[name].label.en}"
            default = param_value(defaults[name])
            out.append(f"| `{name}` | {param_value(value)}{changed} | {default} | {cell(meaning)} |")
    reason = why(ind, registry)
    if reason:
        out += ["", f"> {reason}"]
    out.append("")
    return out


def scheme_rules(scheme: Scheme) -> list[str]:
    """Grades, bonus pool, deductions, vetoes, the gate and the awards of the scheme."""
    spec = scheme.spec
    out = ["## Grades, bonuses, deductions, veto, gate and awards", ""]
    for grade in spec.grades:
        quota = f", at most {number(grade.quota * 100)}% of ranked regions" if grade.quota is not None else ""
        name = f"**{grade.label.zh}** ({grade.label.en}, `{grade.id}`)"
        out.append(f"- grade {name}: from {number(grade.min)} points{quota}")
    if spec.bonus:
        items = "; ".join(f"{b.label.zh} ({b.label.en}) {number(b.points)}" for b in spec.bonus.items)
        out.append(f"- bonus pool (加分), capped at {number(spec.bonus.cap)} points: {items}")
    for d in spec.deductions:
        cancels = ", and no award" if d.cancels_awards else ""
        out.append(f"- deduction (扣分) {d.label.zh} ({d.label.en}): {number(d.points)} points each{cancels}")
    if spec.misreporting is not None:
        table = spec.misreporting
        cancels = ", and no award" if table.cancels_awards else ""
        capped = f", and the grade at most `{table.max_grade}` whatever the bonus" if table.max_grade else ""
        out.append(
            f"- misreporting (弄虚作假): a verified figure differing from the reported one by more than "
            f"{number(table.tolerance * 100)}% of the verified figure costs deduction `{table.deduction}` once"
            f"{cancels}{capped}"
        )
    for v in spec.vetoes:
        cap = f"grade at most `{v.max_grade}`" if v.max_grade else "no grade cap"
        awards = ", no award" if v.no_awards else ""
        out.append(
            f"- one-vote veto (一票否决) {v.label.zh} ({v.label.en}): `{v.indicator}` below attainment "
            f"{number(v.below)} → {cap}{awards}"
        )
    if spec.gate:
        names = ", ".join(f"`{i}`" for i in spec.gate.indicators)
        least = number(spec.gate.min_attainment)
        out.append(f"- gate for {spec.gate.effect} ({spec.gate.label.zh}): {names} at attainment ≥ {least}")
    awards = ", ".join(f"{a.label.zh} ({a.label.en}) ×{a.count}" for a in spec.awards)
    lowest = f", graded `{spec.award_min_grade}` or better" if spec.award_min_grade else ""
    out.append(f"- awards, in rank order among eligible regions{lowest}: {awards}")
    if spec.not_applicable:
        out.append(
            f"- a rate whose denominator is 0 (0 ÷ 0) in a part of a compound item is not applicable: "
            f"{NOT_APPLICABLE_TEXT[spec.not_applicable]}"
        )
    out.append("")
    return out


def render(registry: Registry) -> str:
    """The whole page."""
    scheme = load_scheme(registry.schemes[SCHEME], registry)
    spec = scheme.spec
    out = [
        "# Indicators and the jilin-2007 scheme",
        "",
        "<!-- Generated by scripts/make_indicator_docs.py from the indicator declarations and",
        "     src/targetrule/schemes/jilin-2007.toml. Do not edit by hand. -->",
        "",
        f"{spec.title.zh} — {spec.title.en}. {len(scheme.items())} indicators in {len(scheme.areas)} areas, "
        f"{number(spec.total_points)} points.",
        "",
    ]
    if spec.note:
        out += [f"**Note.** {spec.note.en}", "", f"**说明。** {spec.note.zh}", ""]
    out += [
        "Each item is scored by its plugin's formula into an attainment (a share of full marks); the",
        "scheme multiplies it by the item's points (rounded half up to 0.01) and sums items into areas",
        "and areas into the composite. Rates are always computed from the counts or amounts declared",
        "below, never typed in or averaged.",
        "",
        "## Summary",
        "",
        "| clause | id | 中文 | English | formula | points |",
        "|---|---|---|---|---|---|",
    ]
    for item in scheme.items():
        ind = item.indicator
        out.append(
            f"| {ind.reference} | `{ind.id}` | {cell(ind.label.zh)} | {cell(ind.label.en)} | "
            f"`{item.formula.family}` | {number(item.points)} |"
        )
    out.append("")
    for area in scheme.areas:
        clause = area.items[0].indicator.reference.rstrip("0123456789") if area.items else ""
        out += [
            f"## {clause} {area.spec.label.zh} — {area.spec.label.en}",
            "",
            f"{len(area.items)} items, {number(area.spec.points)} points, aggregated by `{area.spec.aggregation}`.",
            "",
        ]
        for item in area.items:
            out += indicator_section(item, registry)
    out += scheme_rules(scheme)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) docs/indicators.md."""
    parser = argparse.ArgumentParser(description="Write docs/indicators.md")
    parser.add_argument("--check", action="store_true", help="fail if the committed page differs")
    args = parser.parse_args(argv)
    text = render(Registry.default(entry_points=False))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/make_indicator_docs.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
