"""The inspection team's command: ``spot-check`` (the counties each city's inspection visits, drawn from a seed)."""

from __future__ import annotations

from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_USAGE, Failure
from targetrule.cli.options import common
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_listing import draw_listing
from targetrule.text import Label, Lang


@click.command("spot-check", epilog=EXIT_CODES_HELP)
@click.argument("regions", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--seed", required=True, help="The integer seed of the draw (announced beforehand) / 抽签种子（整数）.")
@click.option(
    "--count", default=1, show_default=True, type=click.IntRange(1), help="Counties drawn per city / 每市抽查县数."
)
@click.option("--include-survey-only", is_flag=True, help="Draw in survey-only regions too / 包括督查调研单位.")
@common
def spot_check_command(
    regions: Path, seed: str, count: int, include_survey_only: bool, lang: Lang, as_json: bool
) -> None:
    """Draw the counties to inspect in each city, reproducibly from a seed / 抽取督查抽查县（市、区）.

    REGIONS is a CSV (id,name,name_en,kind,parent,...) or a JSON submissions file in which each
    county names its city as parent.
    """
    from targetrule.formats.regions_file import read_regions
    from targetrule.inspection.spot_check import SpotCheckError, spot_check

    listed = read_regions(regions)
    names = {r.id: r.name(lang) for r in listed}
    try:
        draw = spot_check(listed, seed, count, include_survey_only=include_survey_only)
    except SpotCheckError as exc:
        label = Label("抽签参数无效", "the draw's options are invalid")
        raise Failure("--seed/--count", label, EXIT_USAGE, exc.findings) from None
    if as_json:
        emit_json({"schema": "targetrule.cli.spot-check/1", **draw.to_dict()})
        return
    echo_lines(draw_listing(draw, names, lang))
