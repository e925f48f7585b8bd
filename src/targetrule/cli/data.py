"""The commands around the data: ``template`` (the xlsx form to fill in) and ``validate`` (every finding in it)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_OK, usage
from targetrule.cli.options import (
    common,
    evaluate_file,
    load_scheme,
    scheme_inputs,
    selected_engine,
    targets_option,
)
from targetrule.cli.output import echo_lines, emit_json, findings_json
from targetrule.formats.text_findings import validation_summary
from targetrule.formats.text_lang import say
from targetrule.text import Label, Lang

if TYPE_CHECKING:
    from targetrule.scheme import Scheme
    from targetrule.submissions import Region


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
    "-o", "--output", type=click.Path(path_type=Path), help="The workbook (.xlsx), or folder with --per-region / 输出."
)
@click.option("--force", is_flag=True, help="Replace an existing workbook / 覆盖已存在的文件.")
@click.option("--per-region", is_flag=True, help="One workbook per region, into the folder -o / 每个地区一个工作簿.")
@targets_option
@common
def template(
    scheme: str,
    regions_file: Path | None,
    example: bool,
    output: Path | None,
    force: bool,
    per_region: bool,
    targets: Path | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Write the xlsx data-entry template of SCHEME, one row per region / 生成数据填报模板."""
    from targetrule.formats.atomic import write_atomic
    from targetrule.formats.examples import example_path
    from targetrule.formats.regions_file import read_regions
    from targetrule.formats.template_xlsx import build_template

    if (regions_file is None) == (not example):
        raise usage("请给出 --regions 文件或 --example 之一", "give either --regions FILE or --example")
    if output is not None and output.is_dir() and not (per_region or targets is not None):
        raise usage(
            f"{output} 是文件夹：请给出 .xlsx 文件名（或加 --per-region 每个地区一个工作簿）",
            f"{output} is a folder: give an .xlsx file name (or --per-region for one workbook per region)",
        )
    engine = selected_engine()
    loaded = load_scheme(engine, scheme)
    source = regions_file if regions_file is not None else example_path(loaded.id)
    regions = read_regions(source)
    if per_region or targets is not None:
        _per_region(loaded, regions, output, targets, force, [source, *scheme_inputs(scheme)], lang, as_json)
        return
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


def _per_region(
    scheme: Scheme,
    regions: Sequence[Region],
    output: Path | None,
    targets: Path | None,
    force: bool,
    inputs: list[Path],
    lang: Lang,
    as_json: bool,
) -> None:
    """Write one return workbook per region, named after it, into the folder ``output``."""
    from targetrule.formats.atomic import write_all
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.region_return import build_region_return, template_version
    from targetrule.formats.targets_file import read_targets
    from targetrule.formats.text_findings import finding_line

    if output is None or targets is None:
        raise usage("--per-region 需要 --targets 文件和 -o 文件夹", "--per-region needs --targets FILE and -o FOLDER")
    if targets is not None and not targets.is_file():
        raise DataFileError(str(targets), Label("文件不存在", "file not found"))
    province = read_targets(targets, scheme)
    errors = [f for f in province.findings if f.is_error]
    if errors:
        echo_lines(finding_line(f, lang) for f in errors)
        sys.exit(EXIT_FINDINGS)
    files = {
        output / f"{region.name.zh or region.id}.xlsx": build_region_return(scheme, region, province)
        for region in regions
    }
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise usage(
            f"{existing[0]} 已存在（可能是已填写的报表）；如需覆盖请加 --force",
            f"{existing[0]} exists (it may be a filled-in return); add --force to replace it",
        )
    written = write_all(files, [*inputs, targets])
    version = template_version(scheme, province)
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.template/1",
                "scheme": scheme.id,
                "written": [str(p) for p in written],
                "regions": len(regions),
                "template_version": version,
                "targets_sha256": province.sha256,
            }
        )
        return
    click.echo(
        say(
            lang,
            f"已写入 {len(written)} 个分地区填报表到 {output}/（方案 {scheme.id}）",
            f"wrote {len(written)} per-region returns into {output}/ (scheme {scheme.id})",
        )
    )
    for path in written:
        click.echo(f"  {path}")
    click.echo(say(lang, f"模板版本 {version}（汇总时核对）", f"template version {version} (checked on collect)"))


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The submissions JSON / 输出.",
)
@targets_option
@click.option("--force", is_flag=True, help="Replace an existing file / 覆盖已存在的文件.")
@common
def collect(
    scheme: str, files: tuple[Path, ...], output: Path, targets: Path | None, force: bool, lang: Lang, as_json: bool
) -> None:
    """Merge the regions' returned workbooks into one submissions file / 汇总各地区报表."""
    import json

    from targetrule.formats.atomic import write_atomic
    from targetrule.formats.collect import collect_returns
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.targets_file import read_targets

    engine = selected_engine()
    loaded = load_scheme(engine, scheme)
    for given in (*files, *([targets] if targets else [])):
        if not given.is_file():
            raise DataFileError(str(given), Label("文件不存在", "file not found"))
    if output.exists() and not force:
        raise usage(f"{output} 已存在；如需覆盖请加 --force", f"{output} exists; add --force to replace it")
    province = read_targets(targets, loaded) if targets is not None else None
    collected = collect_returns(list(files), loaded, province)
    errors = sum(1 for f in collected.findings if f.is_error)
    if collected.document is not None:
        text = json.dumps(collected.document, ensure_ascii=False, indent=2, default=str) + "\n"
        write_atomic(output, text.encode("utf-8"), [*files, *scheme_inputs(scheme), *([targets] if targets else [])])
    code = EXIT_FINDINGS if errors else EXIT_OK
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.collect/1",
                "scheme": loaded.id,
                "written": str(output) if collected.document is not None else None,
                "returns": list(collected.returns),
                "errors": errors,
                "warnings": len(collected.findings) - errors,
                "findings": findings_json(collected.findings),
            }
        )
        sys.exit(code)
    from targetrule.formats.text_findings import finding_line

    echo_lines(finding_line(f, lang) for f in collected.findings)
    if collected.document is None:
        click.echo(say(lang, f"有 {errors} 个错误，未写入 {output}", f"{errors} errors; {output} not written"))
    else:
        click.echo(
            say(
                lang,
                f"已汇总 {len(collected.returns)} 份报表到 {output}",
                f"merged {len(collected.returns)} returns into {output}",
            )
        )
    sys.exit(code)


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@targets_option
@common
def validate(scheme: str, data: Path, targets: Path | None, lang: Lang, as_json: bool) -> None:
    """Check DATA (.json, .csv or a filled .xlsx template) against SCHEME; print every finding / 校验数据."""
    engine = selected_engine()
    loaded_scheme = load_scheme(engine, scheme)
    evaluation, _ = evaluate_file(engine, loaded_scheme, data, targets=targets)
    findings = evaluation.findings
    errors = sum(1 for f in findings if f.is_error)
    code = EXIT_FINDINGS if errors else EXIT_OK
    if as_json:
        from targetrule.formats.describe import validation_json

        emit_json(validation_json(loaded_scheme.id, str(data), evaluation))
        sys.exit(code)
    names = {r.region.id: r.region.name(lang) for r in evaluation.regions}
    echo_lines(validation_summary(findings, str(data), len(evaluation.regions), lang, names))
    sys.exit(code)
