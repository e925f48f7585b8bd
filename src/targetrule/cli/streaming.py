"""``targetrule stream``: a JSON Lines file scored region by region, for inputs too big to hold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_OK, interrupts_deferred
from targetrule.cli.options import common, load_scheme, scheme_inputs, selected_engine
from targetrule.cli.output import emit_json
from targetrule.findings import Finding
from targetrule.formats.text_lang import say
from targetrule.text import Lang

if TYPE_CHECKING:
    from targetrule.formats.atomic import Writer

DEFAULT_OUTPUT = "targetrule-results"


@click.command("stream", epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lenient", is_flag=True, help="Score what is valid and rank anyway / 宽松模式：跳过错误数据并排名.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help=f"Folder for the results (default ./{DEFAULT_OUTPUT}/) / 结果输出文件夹.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Regions the pipeline's steps see at once (a city's counties must share its chunk) / 每批地区数.",
)
@common
def stream_command(
    scheme: str, data: Path, lenient: bool, output: Path | None, chunk_size: int, lang: Lang, as_json: bool
) -> None:
    """Score DATA (JSON Lines: one region per line) as it is read, and write the results as they come / 流式考评.

    Writes regions.jsonl (each region's full result), ranking.csv and summary.json (the decision,
    the findings about the input, provenance). Memory stays that of one region at a time.
    """
    from targetrule.formats.atomic import write_result_set
    from targetrule.formats.jsonl_data import iter_jsonl_regions
    from targetrule.formats.streamed_results import Spool, summary, write_ranking, write_regions

    engine = selected_engine()
    loaded = load_scheme(engine, scheme)
    reading: list[Finding] = []
    mode: Literal["strict", "lenient"] = "lenient" if lenient else "strict"
    evaluation = engine.evaluate_iter(loaded, iter_jsonl_regions(data, reading), mode=mode, chunk_size=chunk_size)
    spool = Spool()
    try:
        for result in evaluation:
            spool.add(result, result.scores.path)
        outcome = evaluation.outcome()
        document = summary(outcome, loaded.id, mode, reading)

        def regions(out: BinaryIO) -> None:
            write_regions(spool, outcome, out)

        def ranking(out: BinaryIO) -> None:
            write_ranking(spool, outcome, out)

        import json

        files: dict[str, bytes | Writer] = {
            "regions.jsonl": regions,
            "ranking.csv": ranking,
            "summary.json": (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        }
        folder = output if output is not None else Path(DEFAULT_OUTPUT)
        written = write_result_set(folder, files, [data, *scheme_inputs(scheme)], guard=interrupts_deferred)
    finally:
        spool.close()
    errors = outcome.errors + sum(1 for f in reading if f.is_error)
    code = EXIT_FINDINGS if errors or not outcome.ranked else EXIT_OK
    if as_json:
        emit_json({"schema": "targetrule.cli.stream/1", "exit_code": code, "written": [str(p) for p in written]})
        sys.exit(code)
    click.echo(
        say(
            lang,
            f"已逐个评分 {outcome.regions} 个地区，{'已排名' if outcome.ranked else '未排名'}；错误 {errors} 项",
            f"{outcome.regions} regions scored one by one, {'ranked' if outcome.ranked else 'not ranked'}; "
            f"{errors} errors",
        )
    )
    if outcome.not_ranked_because is not None:
        click.echo(say(lang, outcome.not_ranked_because.zh, outcome.not_ranked_because.en))
    click.echo(say(lang, f"结果已写入 {folder}/：", f"results written to {folder}/:"))
    for path in written:
        click.echo(f"  {path}")
    sys.exit(code)
