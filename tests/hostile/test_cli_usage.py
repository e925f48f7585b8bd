"""Bad-input suite, the command line itself: every usage error is bilingual (Chinese first), exit code 2
(a file click cannot open: 3), no traceback, no file left; with ``--json`` a ``targetrule.cli.error/1``.

Click raises its own errors (unknown option or command, missing argument, a bad value) before any
command runs; ``TargetruleGroup`` turns them into the same messages and documents as ours.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result

from hostile.harness import MINI, cli, files_under, mini_data, write_json
from targetrule.cli import EXIT_USAGE, main

CJK = re.compile(r"[\u4e00-\u9fff]")
COMMANDS = set(main.commands)  # type: ignore[attr-defined]

# (case id, arguments; DATA stands for a valid data file, DIR for an existing folder, REGIONS for a regions CSV)
CASES: list[tuple[str, list[str]]] = [
    ("unknown-group-option", ["--bogus"]),
    ("group-lang-is-per-command", ["--lang", "en", "plugins"]),
    ("no-such-command-close", ["evaluat"]),
    ("no-such-command-far", ["frobnicate"]),
    ("no-such-command-case", ["Evaluate"]),
    ("plugins-extra-argument", ["plugins", "extra"]),
    ("indicators-missing-scheme", ["indicators"]),
    ("scheme-missing-scheme", ["scheme"]),
    ("scheme-bad-lang", ["scheme", "MINI", "--lang", "fr"]),
    ("evaluate-missing-scheme", ["evaluate"]),
    ("evaluate-unknown-option", ["evaluate", "MINI", "DATA", "--bogus"]),
    ("evaluate-misspelt-option", ["evaluate", "MINI", "--exampl"]),
    ("evaluate-bad-lang", ["evaluate", "MINI", "DATA", "--lang", "fr"]),
    ("evaluate-lang-without-value", ["evaluate", "MINI", "DATA", "--lang"]),
    ("evaluate-output-without-value", ["evaluate", "MINI", "DATA", "-o"]),
    ("evaluate-verified-without-value", ["evaluate", "MINI", "DATA", "--verified"]),
    ("evaluate-flag-with-value", ["evaluate", "MINI", "DATA", "--lenient=yes"]),
    ("evaluate-extra-argument", ["evaluate", "MINI", "DATA", "more.json"]),
    ("evaluate-no-data", ["evaluate", "MINI"]),
    ("evaluate-data-and-example", ["evaluate", "MINI", "DATA", "--example"]),
    ("evaluate-unknown-format", ["evaluate", "MINI", "DATA", "--format", "odt"]),
    ("evaluate-empty-format", ["evaluate", "MINI", "DATA", "--format", ","]),
    ("evaluate-data-is-a-folder", ["evaluate", "MINI", "DIR"]),
    ("evaluate-verified-is-a-folder", ["evaluate", "MINI", "DATA", "--verified", "DIR"]),
    ("evaluate-output-is-a-file", ["evaluate", "MINI", "DATA", "-o", "DATA"]),
    ("validate-missing-data", ["validate", "MINI"]),
    ("validate-data-is-a-folder", ["validate", "MINI", "DIR"]),
    ("explain-missing-region", ["explain", "MINI", "DATA"]),
    ("explain-unknown-region", ["explain", "MINI", "DATA", "bing"]),
    ("explain-unknown-indicator", ["explain", "MINI", "DATA", "jia", "employment.nothing"]),
    ("compare-missing-data", ["compare", "MINI", "MINI"]),
    ("compare-top-negative", ["compare", "MINI", "MINI", "DATA", "--top", "-1"]),
    ("compare-top-not-a-number", ["compare", "MINI", "MINI", "DATA", "--top", "three"]),
    ("template-neither-regions-nor-example", ["template", "MINI"]),
    ("template-both-regions-and-example", ["template", "MINI", "--regions", "REGIONS", "--example"]),
    ("template-output-is-a-folder", ["template", "MINI", "--example", "-o", "DIR"]),
    ("template-output-not-xlsx", ["template", "MINI", "--regions", "REGIONS", "-o", "OUT/template.txt"]),
    ("spot-check-missing-seed", ["spot-check", "REGIONS"]),
    ("spot-check-seed-without-value", ["spot-check", "REGIONS", "--seed"]),
    ("spot-check-count-zero", ["spot-check", "REGIONS", "--seed", "1", "--count", "0"]),
    ("spot-check-count-not-a-number", ["spot-check", "REGIONS", "--seed", "1", "--count", "x"]),
    ("new-plugin-missing-name", ["new-plugin", "OUT/plugin"]),
]


def _arguments(args: list[str], tmp_path: Path) -> list[str]:
    data = write_json(tmp_path, mini_data())
    regions = tmp_path / "regions.csv"
    regions.write_text("id,name,kind,parent\njia,甲市,city,\n", encoding="utf-8")
    (tmp_path / "dir").mkdir(exist_ok=True)
    names = {"MINI": str(MINI), "DATA": str(data), "DIR": str(tmp_path / "dir"), "REGIONS": str(regions)}
    return [names.get(a, a.replace("OUT/", f"{tmp_path / 'out'}/")) for a in args]


def _with_json(args: list[str]) -> list[str]:
    """``--json`` right after the command (where no option can take it as its value), else at the end."""
    if args and args[0] in COMMANDS:
        return [args[0], "--json", *args[1:]]
    return [*args, "--json"]


def _assert_bilingual(result: Result) -> None:
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("错误 / error: "), result.stderr
    assert CJK.search(lines[0].removeprefix("错误 / error: ")), result.stderr  # Chinese first
    assert len(lines) > 1 and lines[1].startswith("  ") and re.search(r"[A-Za-z]{4,}", lines[1]), result.stderr
    assert not CJK.search(lines[1]) or "'" in lines[1], result.stderr  # English beside it


@pytest.mark.parametrize(("case", "args"), CASES, ids=[c for c, _ in CASES])
def test_usage_error_text(tmp_path: Path, case: str, args: list[str]) -> None:
    arguments = _arguments(args, tmp_path)
    before = files_under(tmp_path)
    result = cli(*arguments)
    assert result.exit_code == EXIT_USAGE, (case, result.output)
    _assert_bilingual(result)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # errors go to stderr; nothing half-printed on stdout
    assert files_under(tmp_path) == before  # nothing written
    assert not (tmp_path / "out").exists()  # no folder created


@pytest.mark.parametrize(("case", "args"), CASES, ids=[c for c, _ in CASES])
def test_usage_error_json(tmp_path: Path, case: str, args: list[str]) -> None:
    arguments = _with_json(_arguments(args, tmp_path))
    before = files_under(tmp_path)
    result = cli(*arguments)
    assert result.exit_code == EXIT_USAGE, (case, result.output)
    document = json.loads(result.stdout)
    assert document["schema"] == "targetrule.cli.error/1"
    assert document["exit_code"] == EXIT_USAGE
    assert CJK.search(document["message"]["zh"]) and re.search(r"[A-Za-z]{4,}", document["message"]["en"])
    assert isinstance(document["where"], str) and document["findings"] == []
    assert "Traceback" not in result.output
    assert files_under(tmp_path) == before
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "where", "zh", "en"),
    [
        (["evaluate", "MINI", "--exampl"], "--exampl", "是否应为 --example", "Did you mean"),
        (["evaluat"], "evaluat", "是否应为 evaluate", "Did you mean"),
        (["evaluate"], "SCHEME", "缺少参数", "Missing argument 'SCHEME'"),
        (["spot-check", "REGIONS"], "--seed", "缺少选项", "Missing option '--seed'"),
        (["evaluate", "MINI", "DATA", "--lang", "fr"], "--lang", "值无效：'fr' is not one of", "Invalid value"),
        (["evaluate", "MINI", "DATA", "--lang"], "--lang", "该选项需要一个值", "requires an argument"),
        (["evaluate", "MINI", "DATA", "more.json"], "", "多余的参数：more.json", "unexpected extra argument"),
        (["evaluate", "MINI", "DATA", "--lenient=yes"], "--lenient", "该选项不接受值", "does not take a value"),
    ],
)
def test_click_messages_are_translated_keeping_the_detail(
    tmp_path: Path, args: list[str], where: str, zh: str, en: str
) -> None:
    result = cli(*_with_json(_arguments(args, tmp_path)))
    document = json.loads(result.stdout)
    assert document["where"] == where
    assert zh in document["message"]["zh"] and en in document["message"]["en"]
    text = cli(*_arguments(args, tmp_path))
    assert text.stderr.splitlines()[1] == f"  {document['message']['en']}"


def test_no_arguments_shows_the_help(tmp_path: Path) -> None:
    result = cli()
    assert result.exit_code == EXIT_USAGE
    assert "Exit codes / 退出码" in result.output
    document = json.loads(cli("--json").stdout)
    assert document["schema"] == "targetrule.cli.error/1" and document["exit_code"] == EXIT_USAGE


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["evaluate", "--help"], ["--version"]])
def test_help_and_version_still_exit_0(args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0 and result.stdout


# --- a bug or a Ctrl-C inside any command: a short bilingual message, never a traceback ------------

# (command, what breaks inside it, arguments)
INSIDE: list[tuple[str, str, list[str]]] = [
    ("plugins", "targetrule.cli.discover.selected_engine", ["plugins"]),
    ("indicators", "targetrule.cli.discover.load_scheme", ["indicators", "MINI"]),
    ("scheme", "targetrule.engine.Engine.load_scheme", ["scheme", "MINI"]),
    (
        "template",
        "targetrule.formats.template_xlsx.build_template",
        ["template", "MINI", "--regions", "REGIONS", "-o", "OUT/t.xlsx"],
    ),
    ("validate", "targetrule.cli.data.evaluate_file", ["validate", "MINI", "DATA"]),
    ("evaluate", "targetrule.formats.output_formats.render_results", ["evaluate", "MINI", "DATA", "-o", "OUT/results"]),
    ("explain", "targetrule.formats.explain_json.region_explanation", ["explain", "MINI", "DATA", "jia"]),
    ("compare", "targetrule.compare.compare", ["compare", "MINI", "MINI", "DATA"]),
    ("spot-check", "targetrule.inspection.spot_check.spot_check", ["spot-check", "REGIONS", "--seed", "1"]),
    ("new-plugin", "targetrule.scaffold.create_plugin", ["new-plugin", "OUT/plugin", "targetrule-x"]),
    ("serve", "targetrule.server.app.create_app", ["serve", "--port", "0"]),
    ("group", "targetrule.cli.TargetruleGroup.resolve_command", ["plugins"]),
]


def _break(monkeypatch: pytest.MonkeyPatch, where: str, error: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr(where, broken)


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
@pytest.mark.parametrize(("command", "where", "args"), INSIDE, ids=[c for c, _, _ in INSIDE])
def test_a_bug_is_exit_70_with_the_traceback_in_a_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, where: str, args: list[str], as_json: bool
) -> None:
    from targetrule.cli import EXIT_INTERNAL

    arguments = _arguments(args, tmp_path)
    before = files_under(tmp_path)
    logs = tmp_path / "logs"
    _break(monkeypatch, where, RuntimeError("a planted bug"))
    result = cli(*(_with_json(arguments) if as_json else arguments), env={"TARGETRULE_LOG_DIR": str(logs)})
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "Traceback" not in result.output
    written = sorted(logs.iterdir())
    assert len(written) == 1 and written[0].name.startswith("targetrule-") and written[0].suffix == ".log"
    log = written[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "RuntimeError: a planted bug" in log
    if as_json:
        document = json.loads(result.stdout)
        assert document["schema"] == "targetrule.cli.error/1" and document["exit_code"] == EXIT_INTERNAL
        message = document["message"]
        assert "内部错误" in message["zh"] and "internal error" in message["en"]
        assert str(written[0]) in message["zh"] and str(written[0]) in message["en"]
    else:
        lines = result.stderr.splitlines()
        assert len(lines) == 2, result.stderr  # short: the traceback is in the log
        assert "内部错误（这是 targetrule 的缺陷，不是数据的问题）" in lines[0] and str(written[0]) in lines[0]
        assert "internal error (a bug in targetrule, not in your data)" in lines[1] and str(written[0]) in lines[1]
    assert files_under(tmp_path) == sorted([*before, str(written[0].relative_to(tmp_path))])  # nothing else


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
@pytest.mark.parametrize(("command", "where", "args"), INSIDE, ids=[c for c, _, _ in INSIDE])
def test_ctrl_c_inside_a_command_is_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, where: str, args: list[str], as_json: bool
) -> None:
    from targetrule.cli import EXIT_INTERRUPTED

    arguments = _arguments(args, tmp_path)
    before = files_under(tmp_path)
    _break(monkeypatch, where, KeyboardInterrupt())
    result = cli(*(_with_json(arguments) if as_json else arguments))
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert "Traceback" not in result.output
    if as_json:
        document = json.loads(result.stdout)
        assert document["exit_code"] == EXIT_INTERRUPTED
        assert document["message"] == {"zh": "已中断", "en": "interrupted"}
    else:
        assert result.stderr.splitlines()[-2:] == ["错误 / error: 已中断", "  interrupted"]
    assert files_under(tmp_path) == before


def test_a_bug_with_no_place_for_the_log_still_ends_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from targetrule.cli import EXIT_INTERNAL

    def no_room(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    _break(monkeypatch, "targetrule.formats.text_listing.table", RuntimeError("a planted bug"))
    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    result = cli("plugins", env={"TARGETRULE_LOG_DIR": str(tmp_path / "logs")})
    assert result.exit_code == EXIT_INTERNAL
    assert "RuntimeError；日志无法写入" in result.stderr and "RuntimeError; no log written" in result.stderr


def test_the_log_folder_defaults_to_the_temp_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from targetrule.cli.errors import log_folder

    monkeypatch.delenv("TARGETRULE_LOG_DIR", raising=False)
    assert log_folder() == Path(tempfile.gettempdir()) / "targetrule-logs"
