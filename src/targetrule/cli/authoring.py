"""The plugin author's command: ``new-plugin`` (a plugin distribution that passes its tests as generated)."""

from __future__ import annotations

from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_UNWRITABLE, EXIT_USAGE, Failure, bilingual
from targetrule.cli.options import common
from targetrule.cli.output import emit_json
from targetrule.formats.text_lang import say
from targetrule.text import Label, Lang


@click.command("new-plugin", epilog=EXIT_CODES_HELP)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.argument("name")
@click.option(
    "--indicator-id",
    "indicator_ids",
    multiple=True,
    help="area.item (default custom.<name>); repeat for several indicators / 指标编号，可重复.",
)
@click.option("--label-zh", default="新指标", show_default=True, help="Chinese label / 中文名称.")
@click.option("--label-en", default="New indicator", show_default=True, help="English label / 英文名称.")
@click.option("--unit", default="人", show_default=True, help="Unit of the actual and target / 单位.")
@click.option("--reference", default="", help="Clause of the source document / 文件条款.")
@click.option(
    "--family", is_flag=True, help="Also write a formula family of its own, used by the indicators / 同时生成计分公式."
)
@click.option(
    "--scheme", "scheme_id", metavar="ID", help="Also write a scheme ID and its case file / 同时生成方案和案例文件."
)
@click.option("--extends", metavar="SCHEME", help="The scheme extends this installed scheme / 方案继承的已安装方案.")
@click.option(
    "--targetrule-path",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A local targetrule checkout for the printed install command (default: the one running, if a checkout) "
    "/ 本地 targetrule 源码目录.",
)
@common
def new_plugin(
    directory: Path,
    name: str,
    indicator_ids: tuple[str, ...],
    label_zh: str,
    label_en: str,
    unit: str,
    reference: str,
    family: bool,
    scheme_id: str | None,
    extends: str | None,
    targetrule_path: Path | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Write a new indicator plugin distribution NAME into DIRECTORY / 生成新的指标插件项目."""
    from targetrule.scaffold import ScaffoldError, create_plugin, install_commands, local_core

    try:
        created = create_plugin(
            directory,
            name,
            indicator_id=indicator_ids[0] if indicator_ids else None,
            more_indicators=indicator_ids[1:],
            family=family,
            scheme=scheme_id,
            extends=extends,
            label_zh=label_zh,
            label_en=label_en,
            unit=unit,
            reference=reference,
        )
    except ScaffoldError as exc:
        raise Failure(str(directory), bilingual(str(exc)), EXIT_USAGE) from None
    except OSError as exc:  # nothing was written: the plugin's folder is made whole or not at all
        reason = exc.strerror or type(exc).__name__
        raise Failure(
            str(exc.filename or directory),
            Label(
                f"无法写入插件项目：{reason}；未写入任何文件",
                f"the plugin could not be written: {reason}; nothing was written",
            ),
            EXIT_UNWRITABLE,
        ) from None
    commands = install_commands(created, targetrule_path or local_core())
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.new-plugin/1",
                "directory": str(created.directory),
                "distribution": created.distribution,
                "package": created.package,
                "indicator": created.indicator_id,
                "indicators": list(created.indicator_ids),
                "family": created.family,
                "scheme": created.scheme,
                "files": [str(p) for p in created.files],
                "commands": list(commands),
            }
        )
        return
    click.echo(
        say(
            lang,
            f"已生成插件 {created.distribution}（指标 {', '.join(created.indicator_ids)}）于 {created.directory}：",
            f"wrote the plugin {created.distribution} (indicators {', '.join(created.indicator_ids)}) "
            f"in {created.directory}:",
        )
    )
    for path in created.files:
        click.echo(f"  {path}")
    click.echo(say(lang, "在新的虚拟环境中安装并测试：", "install and test it in a fresh virtual environment:"))
    for command in commands:
        click.echo(f"  {command}")
