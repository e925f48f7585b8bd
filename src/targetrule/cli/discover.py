"""The commands that show what is installed: ``plugins``, ``indicators`` and ``scheme``."""

from __future__ import annotations

import click

from targetrule.cli.errors import EXIT_CODES_HELP
from targetrule.cli.options import chosen_department, common, department_option, load_scheme, selected_engine
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_listing import indicators_listing, plugins_listing, scheme_listing
from targetrule.scheme import Scheme
from targetrule.text import Lang


@click.command(epilog=EXIT_CODES_HELP)
@common
def plugins(lang: Lang, as_json: bool) -> None:
    """List every plugin: distribution, version, hooks / 列出全部插件."""
    from targetrule.formats.describe import plugins_json

    infos = selected_engine().registry.plugins()
    if as_json:
        emit_json(plugins_json(infos))
        return
    echo_lines(plugins_listing(infos, lang))


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@department_option
@common
def indicators(scheme: str, department: str | None, lang: Lang, as_json: bool) -> None:
    """List the indicators of SCHEME with their points, formulas and departments / 列出方案的考评指标."""
    from targetrule.departments import items_of
    from targetrule.formats.describe import indicators_json

    loaded = load_scheme(selected_engine(), scheme)
    department = chosen_department(loaded, department)
    items = loaded.items() if department is None else items_of(loaded, department)
    if as_json:
        emit_json(indicators_json(loaded, items, department))
        return
    echo_lines(indicators_listing(loaded, lang, items))


@click.command("scheme", epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("export_id", required=False, metavar="[ID]")
@click.option(
    "--resolved",
    is_flag=True,
    help="Print the whole scheme as TOML, with what it extends merged in / 输出合并继承后的完整方案 TOML.",
)
@common
def scheme_command(scheme: str, export_id: str | None, resolved: bool, lang: Lang, as_json: bool) -> None:
    """Show SCHEME: areas, items, points, grades, awards, bonuses, deductions, vetoes / 显示方案.

    ``targetrule scheme export ID`` prints the TOML of the installed scheme ID, to start a what-if
    scheme from (``> my-scheme.toml``); with ``--resolved``, in full even when it extends another.
    """
    engine = selected_engine()
    if scheme == "export" and export_id is not None:
        source = engine.registry.schemes.get(export_id)
        if source is None:
            load_scheme(engine, export_id)  # not installed: the same finding (with a did-you-mean) as elsewhere
            return
        if not resolved:
            click.echo(source.text, nl=False)
            return
        scheme = export_id
    elif export_id is not None:
        raise click.UsageError(
            f"多余的参数 {export_id!r}（导出方案请用 scheme export ID） / unexpected extra argument {export_id!r} "
            f"(to export a scheme: scheme export ID)"
        )
    loaded = load_scheme(engine, scheme)
    if resolved:
        from targetrule.scheme_toml import scheme_toml

        click.echo(scheme_toml(loaded.spec, _resolved_header(loaded)), nl=False)
        return
    if as_json:
        from targetrule.formats.describe import scheme_json

        emit_json(scheme_json(loaded))
        return
    echo_lines(scheme_listing(loaded, lang))


def _resolved_header(loaded: Scheme) -> str:
    """Where a resolved scheme came from: each file of its chain and its SHA-256."""
    lines = [f"{loaded.id}, resolved / 合并后的完整方案 (sha256 {loaded.sha256})"]
    lines += [
        f"{'from' if i == 0 else 'extends'} {link.origin} (sha256 {link.sha256})" for i, link in enumerate(loaded.chain)
    ]
    return "\n".join(lines)
