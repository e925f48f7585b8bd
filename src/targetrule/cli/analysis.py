"""The ``sensitivity`` command: how firm each rank is under an uncertain scheme, and what drives it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, Failure, interrupts_deferred
from targetrule.cli.evaluation import _data_path
from targetrule.cli.options import common, evaluate_file, load_scheme, scheme_inputs, selected_engine, verified_option
from targetrule.cli.output import echo_lines, emit_json
from targetrule.formats.text_lang import say
from targetrule.text import Label, Lang

MAX_DRAWS = 10_000_000


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--example", is_flag=True, help="Use the scheme's bundled example data / 使用自带示例数据.")
@click.option("--lenient", is_flag=True, help="Score what is valid and rank anyway / 宽松模式：跳过错误数据并排名.")
@verified_option
@click.option(
    "--draws",
    type=click.IntRange(1, MAX_DRAWS),
    default=1000,
    show_default=True,
    help="How many draws of the uncertain scheme / 抽样次数.",
)
@click.option("--seed", type=click.IntRange(0), default=0, show_default=True, help="Random seed / 随机种子.")
@click.option(
    "--spec",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Uncertainty spec (TOML; default: Dirichlet weights, concentration 100) / 不确定性设定文件.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for sensitivity.json, .xlsx and .html (default: none written) / 结果输出文件夹.",
)
@common
def sensitivity(
    scheme: str,
    data: Path | None,
    example: bool,
    lenient: bool,
    verified: Path | None,
    draws: int,
    seed: int,
    spec: Path | None,
    output: Path | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Vary SCHEME's weights, points and DATA's figures: rank bands, prize chances, Sobol drivers / 敏感性分析."""
    from targetrule.analysis import AnalysisUnavailableError, NotRankedError, SpecError, load_spec
    from targetrule.analysis import sensitivity as analyse
    from targetrule.formats.sensitivity_text import sensitivity_json, sensitivity_lines

    engine = selected_engine()
    loaded_scheme = load_scheme(engine, scheme)
    if spec is not None and not spec.is_file():
        raise Failure(str(spec), Label("不确定性设定文件不存在", "uncertainty spec file not found"), EXIT_UNREADABLE)
    try:
        checked = (
            None
            if spec is None
            else load_spec(spec, scheme=loaded_scheme, aggregations=list(engine.registry.aggregations))
        )
    except SpecError as exc:
        label = Label("无法使用该不确定性设定", "the uncertainty spec cannot be used")
        raise Failure(str(spec), label, EXIT_UNREADABLE, exc.findings) from None
    source = _data_path(loaded_scheme, data, example)
    evaluation, _ = evaluate_file(engine, loaded_scheme, source, lenient=lenient, verified=verified)
    try:
        if sys.stderr.isatty() and not as_json:
            shown = say(lang, "抽样计算", "drawing")
            with click.progressbar(length=draws, label=shown, file=sys.stderr, show_pos=True) as bar:
                result = analyse(
                    evaluation,
                    checked,
                    draws=draws,
                    seed=seed,
                    scheme=loaded_scheme,
                    engine=engine,
                    progress=bar.update,
                )
        else:
            result = analyse(evaluation, checked, draws=draws, seed=seed, scheme=loaded_scheme, engine=engine)
    except AnalysisUnavailableError as exc:
        raise Failure(exc.module, exc.message, EXIT_USAGE) from None
    except SpecError as exc:  # the data uncertainty would take too long (sensitivity.too_costly)
        label = Label("无法使用该不确定性设定", "the uncertainty spec cannot be used")
        raise Failure(str(spec), label, EXIT_UNREADABLE, exc.findings) from None
    except NotRankedError as exc:
        raise Failure(str(source), exc.message, EXIT_UNREADABLE, evaluation.errors[:20]) from None
    written: list[Path] = []
    if output is not None:
        from targetrule.formats.atomic import write_result_set

        inputs = [source, *scheme_inputs(scheme), *([spec] if spec else []), *([verified] if verified else [])]
        from targetrule.formats.output_formats import missing_libraries

        files = {"sensitivity.json": sensitivity_json(result)}
        # xlsx and the HTML page too, when their libraries are installed (as `evaluate` does)
        if not missing_libraries("xlsx"):
            from targetrule.formats.sensitivity_xlsx import render_sensitivity_xlsx

            files["sensitivity.xlsx"] = render_sensitivity_xlsx(result)
        if not missing_libraries("html"):
            from targetrule.formats.sensitivity_html import render_sensitivity_html

            files["sensitivity.html"] = render_sensitivity_html(result, lang)
        written = write_result_set(output, files, inputs, guard=interrupts_deferred)
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.sensitivity/1",
                "exit_code": EXIT_OK,
                "written": [str(p) for p in written],
                "sensitivity": result.to_dict(),
            }
        )
        sys.exit(EXIT_OK)
    echo_lines(sensitivity_lines(result, lang))
    if written:
        click.echo(say(lang, f"结果已写入 {output}/：", f"results written to {output}/:"))
        for path in written:
            click.echo(f"  {path}")
    sys.exit(EXIT_OK)
