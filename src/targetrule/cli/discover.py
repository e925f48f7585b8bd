"""The commands that show what is installed: ``plugins``, ``indicators`` and ``scheme``."""

from __future__ import annotations

import click

from targetrule.cli.errors import EXIT_CODES_HELP
from targetrule.cli.options import chosen_department, common, department_option, load_scheme, selected_engine
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_listing import indicators_listing, plugins_listing, scheme_listing
from targetrule.text import Lang


@click.command(epilog=EXIT_CODES_HELP)
@common
def plugins(lang: Lang, as_json: bool) -> None:
    """List every plugin: distribution, version, hooks / 列出全部插件."""
    infos = selected_engine().registry.plugins()
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.plugins/1",
                "plugins": [
                    {"name": p.name, "distribution": p.distribution, "version": p.version, "hooks": list(p.hooks)}
                    for p in infos
                ],
            }
        )
        return
    echo_lines(plugins_listing(infos, lang))


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@department_option
@common
def indicators(scheme: str, department: str | None, lang: Lang, as_json: bool) -> None:
    """List the indicators of SCHEME with their points, formulas and departments / 列出方案的考评指标."""
    from targetrule.departments import items_of
    from targetrule.formats.describe import indicator_json

    loaded = load_scheme(selected_engine(), scheme)
    department = chosen_department(loaded, department)
    items = loaded.items() if department is None else items_of(loaded, department)
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.indicators/1",
                "scheme": loaded.id,
                "department": department,
                "indicators": [indicator_json(item) for item in items],
            }
        )
        return
    echo_lines(indicators_listing(loaded, lang, items))


@click.command("scheme", epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@common
def scheme_command(scheme: str, lang: Lang, as_json: bool) -> None:
    """Show SCHEME: areas, items, points, grades, awards, bonuses, deductions, vetoes / 显示方案."""
    from targetrule.formats.describe import scheme_json

    loaded = load_scheme(selected_engine(), scheme)
    if as_json:
        emit_json(scheme_json(loaded))
        return
    echo_lines(scheme_listing(loaded, lang))
