"""The commands around the data: ``template`` (the xlsx form to fill in) and ``validate`` (every finding in it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_OK, usage
from targetrule.cli.options import common, evaluate_file, load_scheme, scheme_inputs, selected_engine
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_findings import validation_summary
from targetrule.formats.text_lang import say
from targetrule.text import Lang


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.option(
    "--regions",
    "regions_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV (id,name,name_en,kind,parent,survey_only) or JSON list of regions / 地区名单.",
)
@click.option("--example", is_flag=True, help="Use the regions of the scheme's bundled example / 使用自带示例的地区.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="The workbook to write (.xlsx) / 输出文件."
)
@click.option("--force", is_flag=True, help="Replace an existing workbook / 覆盖已存在的文件.")
@common
def template(
    scheme: str, regions_file: Path | None, example: bool, output: Path | None, force: bool, lang: Lang, as_json: bool
) -> None:
    """Write the xlsx data-entry template of SCHEME, one row per region / 生成数据填报模板."""
    from targetrule.formats.atomic import write_atomic
    from targetrule.formats.examples import example_path
    from targetrule.formats.regions_file import read_regions
    from targetrule.formats.template_xlsx import build_template

    if (regions_file is None) == (not example):
        raise usage("请给出 --regions 文件或 --example 之一", "give either --regions FILE or --example")
    engine = selected_engine()
    loaded = load_scheme(engine, scheme)
    source = regions_file if regions_file is not None else example_path(loaded.id)
    regions = read_regions(source)
    target = output if output is not None else Path(f"{loaded.id}-template.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise usage(f"输出文件应以 .xlsx 结尾：{target}", f"the output must end in .xlsx: {target}")
    inputs = [source, *scheme_inputs(scheme)]
    if target.exists() and not force:
        raise usage(
            f"{target} 已存在（可能是已填写的模板）；如需覆盖请加 --force",
            f"{target} exists (it may be a filled-in template); add --force to replace it",
        )
    write_atomic(target, build_template(loaded, regions), inputs)
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.template/1",
                "scheme": loaded.id,
                "written": str(target),
                "regions": len(regions),
            }
        )
        return
    click.echo(
        say(
            lang,
            f"已写入模板 {target}（方案 {loaded.id}，{len(regions)} 个地区）",
            f"wrote the template {target} (scheme {loaded.id}, {len(regions)} regions)",
        )
    )


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@common
def validate(scheme: str, data: Path, lang: Lang, as_json: bool) -> None:
    """Check DATA (.json, .csv or a filled .xlsx template) against SCHEME; print every finding / 校验数据."""
    engine = selected_engine()
    loaded_scheme = load_scheme(engine, scheme)
    evaluation, _ = evaluate_file(engine, loaded_scheme, data)
    findings = evaluation.findings
    errors = sum(1 for f in findings if f.is_error)
    code = EXIT_FINDINGS if errors else EXIT_OK
    if as_json:
        from targetrule.formats.describe import validation_json

        emit_json(validation_json(loaded_scheme.id, str(data), evaluation))
        sys.exit(code)
    echo_lines(validation_summary(findings, str(data), len(evaluation.regions), lang))
    sys.exit(code)
