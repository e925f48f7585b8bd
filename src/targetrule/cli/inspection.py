"""The inspection teams' commands: ``spot-check`` (the counties each city's inspection visits, drawn from a
seed) and ``plan`` (the teams, their members, cities and dates, and the counties drawn, as xlsx)."""

from __future__ import annotations

from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Failure, usage
from targetrule.cli.options import common, load_scheme, selected_engine
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_lang import say
from targetrule.formats.text_listing import draw_listing, plan_listing
from targetrule.text import Label, Lang


@click.command("spot-check", epilog=EXIT_CODES_HELP)
@click.argument("regions", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--seed", required=True, help="The integer seed of the draw (announced beforehand) / 抽签种子（整数）.")
@click.option(
    "--count", default=1, show_default=True, type=click.IntRange(1), help="Counties drawn per city / 每市抽查县数."
)
@click.option("--include-survey-only", is_flag=True, help="Draw in survey-only regions too / 包括督查调研单位.")
@click.option(
    "--scheme",
    "scheme_name",
    metavar="SCHEME",
    help="Hold --count to the scheme's counties per city / 按方案限定抽查县数.",
)
@common
def spot_check_command(
    regions: Path,
    seed: str,
    count: int,
    include_survey_only: bool,
    scheme_name: str | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Draw the counties to inspect in each city, reproducibly from a seed / 抽取督查抽查县（市、区）.

    REGIONS is a CSV (id,name,name_en,kind,parent,...) or a JSON submissions file in which each
    county names its city as parent.
    """
    from targetrule.formats.regions_file import read_regions
    from targetrule.inspection.spot_check import SpotCheckError, spot_check

    scheme = load_scheme(selected_engine(), scheme_name) if scheme_name is not None else None
    listed = read_regions(regions)
    names = {r.id: r.name(lang) for r in listed}
    try:
        draw = spot_check(listed, seed, count, include_survey_only=include_survey_only, scheme=scheme)
    except SpotCheckError as exc:
        label = Label("抽签参数无效", "the draw's options are invalid")
        raise Failure("--seed/--count", label, EXIT_USAGE, exc.findings) from None
    if as_json:
        emit_json({"schema": "targetrule.cli.spot-check/1", **draw.to_dict()})
        return
    echo_lines(draw_listing(draw, names, lang))


@click.command("plan", epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("teams", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("regions", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="The plan workbook (.xlsx) / 输出文件."
)
@click.option("--force", is_flag=True, help="Replace an existing workbook / 覆盖已存在的文件.")
@common
def plan_command(
    scheme: str, teams: Path, regions: Path, output: Path | None, force: bool, lang: Lang, as_json: bool
) -> None:
    """Plan the inspection teams: members, cities, dates and the counties drawn / 督查考评组计划.

    TEAMS is a JSON file {"seed", "counties_per_city", "teams": [{id, name, leader, members, cities,
    from, to}]}; REGIONS lists the cities and their counties (as for spot-check). The plan is printed
    and, with no errors, written as xlsx (default SCHEME-plan.xlsx).
    """
    import sys

    from attrs import evolve

    from targetrule.findings import has_errors
    from targetrule.formats.atomic import write_atomic
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.plan_xlsx import render_plan_xlsx
    from targetrule.formats.regions_file import read_regions
    from targetrule.inspection.plan import make_plan
    from targetrule.inspection.spot_check import SpotCheckError
    from targetrule.json_file import UnreadableFileError, read_json_file

    loaded = load_scheme(selected_engine(), scheme)
    target = output if output is not None else Path(f"{loaded.id}-plan.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise usage(f"输出文件应以 .xlsx 结尾：{target}", f"the output must end in .xlsx: {target}")
    if target.exists() and not force:
        raise usage(f"{target} 已存在；如需覆盖请加 --force", f"{target} exists; add --force to replace it")
    try:
        parsed, _ = read_json_file(teams)
    except UnreadableFileError as exc:
        message = Label(f"无法读取督查计划：{exc.message.zh}", f"cannot read the plan: {exc.message.en}")
        raise DataFileError(exc.where, message) from None
    listed = read_regions(regions)
    try:
        plan = make_plan(loaded, parsed.document, listed)
    except SpotCheckError as exc:
        label = Label("抽签参数无效", "the draw's options are invalid")
        raise Failure(str(teams), label, EXIT_USAGE, exc.findings) from None
    plan = evolve(plan, findings=(*parsed.findings, *plan.findings))  # a key repeated in TEAMS, first
    errors = has_errors([*plan.findings, *plan.draw.findings])
    written = None
    if not errors:
        write_atomic(target, render_plan_xlsx(plan, {r.id: r.name for r in listed}), [teams, regions])
        written = str(target)
    code = EXIT_FINDINGS if errors else EXIT_OK
    if as_json:
        emit_json({"schema": "targetrule.cli.plan/1", "exit_code": code, "written": written, **plan.to_dict()})
        sys.exit(code)
    lines = plan_listing(plan, {r.id: r.name(lang) for r in listed}, lang)
    if written is not None:
        lines.append(say(lang, f"计划已写入 {written}", f"plan written to {written}"))
    else:
        lines.append(say(lang, "计划有错误，未写入", "the plan has errors: nothing written"))
    echo_lines(lines)
    sys.exit(code)
