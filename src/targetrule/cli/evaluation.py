"""The commands that score: ``evaluate`` (rank, write the results), ``explain`` (why a score), ``compare``."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_OK, interrupts_deferred, usage
from targetrule.cli.options import (
    chosen_department,
    common,
    department_option,
    evaluate_file,
    load_scheme,
    scheme_inputs,
    selected_engine,
    targets_option,
    verified_option,
)
from targetrule.cli.output import echo_lines, emit_json, findings_json
from targetrule.formats.text_findings import first_errors
from targetrule.formats.text_lang import say
from targetrule.formats.text_ranking import ranking_summary
from targetrule.text import Label, Lang

if TYPE_CHECKING:
    from targetrule.formats.report_title import TitleBlock
    from targetrule.results import Evaluation
    from targetrule.scheme import Scheme

DEFAULT_OUTPUT = "targetrule-results"


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--example", is_flag=True, help="Evaluate the scheme's bundled example data / 使用自带示例数据.")
@click.option("--lenient", is_flag=True, help="Score what is valid and rank anyway / 宽松模式：跳过错误数据并排名.")
@verified_option
@targets_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help=f"Folder for the results (default ./{DEFAULT_OUTPUT}/) / 结果输出文件夹.",
)
@click.option(
    "--format",
    "formats",
    default=None,
    help="Comma-separated: json,csv,xlsx,html,pdf,docx (default: json,csv,xlsx,html, those whose libraries are "
    "installed) / 输出格式.",
)
@click.option("--issuer", help="Issuing body for the report's title block / 发文机关.")
@click.option("--doc-number", help="Document number, e.g. 吉人社明电〔2008〕1号 / 文号.")
@click.option("--report-title", help="Report title (default: from the scheme) / 报告标题.")
@click.option("--report-date", help="Date printed on the report, e.g. 2008年3月1日 / 成文日期.")
@click.option("--signed", help="落款 under the report (default: the issuing body) / 落款.")
@common
def evaluate(
    scheme: str,
    data: Path | None,
    example: bool,
    lenient: bool,
    verified: Path | None,
    targets: Path | None,
    output: Path | None,
    formats: str | None,
    issuer: str | None,
    doc_number: str | None,
    report_title: str | None,
    report_date: str | None,
    signed: str | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Score, grade and rank DATA under SCHEME; print the ranking and write the results / 考评打分排名."""
    from targetrule.formats.atomic import write_result_set
    from targetrule.formats.output_formats import DEFAULT_FORMATS, EXTRAS, missing_libraries
    from targetrule.formats.report_title import TitleBlock

    title = TitleBlock(issuer, doc_number, report_title, report_date, signed)
    skipped: list[str] = []
    if formats is None:
        chosen = [f for f in DEFAULT_FORMATS if not missing_libraries(f)]
        skipped = [f for f in DEFAULT_FORMATS if f not in chosen]
    else:
        chosen = _parse_formats(formats)
    engine = selected_engine()
    loaded_scheme = load_scheme(engine, scheme)
    source = _data_path(loaded_scheme, data, example)
    evaluation, note = evaluate_file(engine, loaded_scheme, source, lenient=lenient, verified=verified, targets=targets)
    folder = output if output is not None else Path(DEFAULT_OUTPUT)
    rendered: dict[Path, bytes] = {}
    # Everything is rendered before anything is written: a failure leaves no partial results.
    if sys.stderr.isatty() and not as_json:
        with click.progressbar(
            chosen, label=say(lang, "生成结果文件", "rendering results"), file=sys.stderr, show_pos=True
        ) as progress:
            for fmt in progress:
                rendered.update(_rendered(folder, fmt, evaluation, loaded_scheme, lang, note, title))
    else:
        for fmt in chosen:
            rendered.update(_rendered(folder, fmt, evaluation, loaded_scheme, lang, note, title))
    inputs = [source, *scheme_inputs(scheme), *([verified] if verified else []), *([targets] if targets else [])]
    # All or nothing: a fresh folder beside the target, swapped in whole (docs/architecture.md).
    files = {path.name: content for path, content in rendered.items()}
    written = write_result_set(folder, files, inputs, guard=interrupts_deferred)
    errors = [f for f in evaluation.findings if f.is_error]
    code = EXIT_FINDINGS if errors or not evaluation.ranked else EXIT_OK
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.evaluate/1",
                "exit_code": code,
                "written": [str(p) for p in written],
                "results": evaluation.to_dict(),
            }
        )
        sys.exit(code)
    echo_lines(ranking_summary(evaluation, lang, loaded_scheme, note))
    click.echo(say(lang, f"结果已写入 {folder}/：", f"results written to {folder}/:"))
    for path in written:
        click.echo(f"  {path}")
    for fmt in skipped:
        extra = EXTRAS[fmt]
        click.echo(
            say(
                lang,
                f"未生成 {fmt}：缺少 {', '.join(missing_libraries(fmt))}（pip install 'targetrule[{extra}]'）",
                f"no {fmt} written: {', '.join(missing_libraries(fmt))} missing (pip install 'targetrule[{extra}]')",
            )
        )
    sys.exit(code)


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("region")
@click.argument("target", required=False, metavar="[INDICATOR|AREA]")
@click.option("--lenient", is_flag=True, help="Explain under lenient mode / 宽松模式.")
@department_option
@verified_option
@targets_option
@common
def explain(
    scheme: str,
    data: Path,
    region: str,
    target: str | None,
    lenient: bool,
    department: str | None,
    verified: Path | None,
    targets: Path | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Explain why REGION got its score: overall, for one area, one indicator or one department's items / 解释得分."""
    from targetrule.formats.explain_json import NotExplained, explanation_json

    engine = selected_engine()
    loaded_scheme = load_scheme(engine, scheme)
    department = chosen_department(loaded_scheme, department)
    if department is not None and target is not None:
        raise usage("--department 与指标或领域只能给一个", "give --department or an indicator or area, not both")
    evaluation, _ = evaluate_file(engine, loaded_scheme, data, lenient=lenient, verified=verified, targets=targets)
    try:
        document = explanation_json(evaluation, loaded_scheme, region, target, lang, department)
    except NotExplained as exc:
        raise usage(exc.message.zh, exc.message.en) from None
    if as_json:
        emit_json(document)
        return
    click.echo("\n".join(document["lines"]))


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme_a")
@click.argument("scheme_b")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lenient", is_flag=True, help="Lenient mode under both schemes / 两个方案都用宽松模式.")
@click.option(
    "--top", default=3, show_default=True, type=click.IntRange(0), help="Drivers per region / 每个地区列出的主要变化."
)
@common
def compare(scheme_a: str, scheme_b: str, data: Path, lenient: bool, top: int, lang: Lang, as_json: bool) -> None:
    """Compare two schemes on the same DATA: composite, rank and what drove the change / 对比两个方案."""
    from targetrule.compare import compare as compare_schemes
    from targetrule.formats.describe import comparison_json
    from targetrule.formats.loaded import relocate
    from targetrule.formats.read import read_data

    engine = selected_engine()
    a, b = load_scheme(engine, scheme_a), load_scheme(engine, scheme_b)
    loaded = read_data(data, a)
    comparison = compare_schemes(engine, a, b, loaded.submissions, mode="lenient" if lenient else "strict", top=top)
    evaluations = (comparison.evaluation_a, comparison.evaluation_b)
    errors = [f for e in evaluations for f in relocate(e.errors, loaded.locator)]
    code = EXIT_FINDINGS if errors or not all(e.ranked for e in evaluations) else EXIT_OK
    if as_json:
        emit_json({**comparison_json(comparison), "exit_code": code, "findings": findings_json(errors)})
        sys.exit(code)
    click.echo(comparison.to_text(lang))
    echo_lines(first_errors(errors, lang, shown=5))
    sys.exit(code)


# --- evaluate's helpers: its options, its data, its files -----------------------------------------


def _parse_formats(text: str) -> list[str]:
    """The formats named in ``--format``, each once, in the order given; an unknown one is a usage error."""
    from targetrule.formats.output_formats import FORMATS

    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise usage(
            f"未知的输出格式 {','.join(unknown) or text!r}；可选 {','.join(FORMATS)}",
            f"unknown output format {','.join(unknown) or text!r}; choose from {','.join(FORMATS)}",
        )
    return list(dict.fromkeys(chosen))


def _data_path(scheme: Scheme, data: Path | None, example: bool) -> Path:
    """DATA, or the scheme's bundled example with ``--example``; exactly one of them."""
    from targetrule.formats.examples import example_path

    if example and data is not None:
        raise usage("DATA 与 --example 只能给一个", "give DATA or --example, not both")
    if example:
        return example_path(scheme.id)
    if data is None:
        raise usage(
            "请给出数据文件 DATA，或加 --example 使用自带示例", "give a DATA file, or --example for the bundled data"
        )
    return data


def _rendered(
    folder: Path,
    fmt: str,
    evaluation: Evaluation,
    scheme: Scheme,
    lang: Lang,
    note: Label | None,
    title: TitleBlock,
) -> dict[Path, bytes]:
    """One format's files rendered in memory, by their paths in ``folder``; an OS error is a write error (exit 4)."""
    from targetrule.formats.atomic import OutputWriteError
    from targetrule.formats.output_formats import FILES, render_results

    try:
        files = render_results(fmt, evaluation, scheme, lang, note=note, title=title)
    except OSError as exc:  # a library's own temporary files (openpyxl's): disk full, ulimit -f
        shown = folder / FILES[fmt]
        raise OutputWriteError(str(shown), exc.strerror or type(exc).__name__, exc.errno) from None
    except Exception as exc:
        # With lxml installed openpyxl streams through it, which reports the same failures as IO_EFBIG etc.
        code = getattr(errno, str(exc).split(":")[0].removeprefix("IO_"), None) if str(exc).startswith("IO_") else None
        if type(exc).__name__ != "SerialisationError" or code is None:
            raise
        raise OutputWriteError(str(folder / FILES[fmt]), os.strerror(code), code) from None
    return {folder / name: content for name, content in files.items()}
