"""The case-file command: ``test`` (expected results written by people, checked against the engine)."""

from __future__ import annotations

from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_UNREADABLE, Failure
from targetrule.cli.options import common, selected_engine
from targetrule.cli.output import emit_json
from targetrule.text import Label, Lang


@click.command("test", epilog=EXIT_CODES_HELP)
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@common
def test_command(cases: tuple[Path, ...], lang: Lang, as_json: bool) -> None:
    """Run the case files CASES (*.cases.toml) and show a diff for each case that fails / 运行案例文件.

    Exit code 0 when every case holds, 1 when one does not, 3 when a file, its scheme or its data
    cannot be read.
    """
    from targetrule.cases import Case, CaseFileError, load_cases, run_case

    engine = selected_engine()
    loaded: list[Case] = []
    for path in cases:
        if not path.is_file():
            raise Failure(str(path), Label("文件不存在", "file not found"), EXIT_UNREADABLE)
        try:
            loaded += load_cases(path)
        except CaseFileError as exc:
            raise Failure(
                str(path), Label("无法读取案例文件", "the case file cannot be read"), EXIT_UNREADABLE, exc.findings
            ) from None
    outcomes = [run_case(engine, case) for case in loaded]
    failed = [o for o in outcomes if not o.passed]
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.test/1",
                "passed": len(outcomes) - len(failed),
                "failed": len(failed),
                "cases": [
                    {
                        "file": o.case.file,
                        "name": o.case.name,
                        "passed": o.passed,
                        "mismatches": [
                            {
                                "region": m.expectation.region,
                                "what": m.expectation.what,
                                "expected": str(m.expectation.expected),
                                "got": str(m.got),
                                "message": {"zh": m.message.zh, "en": m.message.en},
                            }
                            for m in o.mismatches
                        ],
                    }
                    for o in outcomes
                ],
            }
        )
    else:
        for outcome in outcomes:
            mark = ("通过" if lang == "zh" else "ok") if outcome.passed else ("失败" if lang == "zh" else "FAIL")
            click.echo(f"{mark}  {outcome.case.id}")
            if not outcome.passed:
                click.echo("\n".join(outcome.report(lang).splitlines()[1:]))
        summary = (
            f"{len(outcomes) - len(failed)} 个通过，{len(failed)} 个失败"
            if lang == "zh"
            else f"{len(outcomes) - len(failed)} passed, {len(failed)} failed"
        )
        click.echo(summary)
    if failed:
        raise SystemExit(EXIT_FINDINGS)
