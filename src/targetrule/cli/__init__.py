"""The ``targetrule`` command line: plugins and schemes, templates, validation, evaluation, explanations.

Beside those: ``compare`` (two schemes on the same data), ``spot-check`` (the counties to
inspect) and ``new-plugin`` (a plugin distribution to start from). Every command takes
``--lang zh|en`` and ``--json``; docs/cli/ has a page per command.

Exit codes (the ``EXIT_*`` constants below, listed in ``EXIT_CODES_HELP``): 0 ok; 1 the data has
findings with errors, or the regions could not be ranked; 2 usage error (a wrong option, a missing
argument, an output that exists or is an input, an optional dependency not installed); 3 an input
could not be read (a missing or malformed file, an unknown scheme, a workbook that is not a
template of the scheme, a plugin that fails to load); 4 the results could not be written (disk
full, file too large, no permission; the previous results are kept); 70 internal error (a bug:
the traceback goes to a log file); 130 interrupted (Ctrl-C). No error shows a traceback.
Formats are imported inside the commands that use them, so importing this module stays light.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar, cast

import click

from targetrule.decimal_context import exact
from targetrule.formats.describe import comparison_json, indicator_json, scheme_json
from targetrule.formats.text_table import pad, table
from targetrule.text import Label, Lang

if TYPE_CHECKING:
    from targetrule.engine import Engine
    from targetrule.findings import Finding
    from targetrule.results import Evaluation, RegionResult
    from targetrule.scheme import Scheme

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_UNWRITABLE = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
DEFAULT_OUTPUT = "targetrule-results"

EXIT_CODES_HELP = """\b
Exit codes / 退出码:
    0  ok / 成功
    1  the data has findings with errors, or regions not ranked / 数据有错误或未能排名
    2  usage error, output refused, optional dependency missing / 用法错误、拒绝写入、缺少可选依赖
    3  an input cannot be read (file, scheme, template, plugin) / 输入无法读取（文件、方案、模板、插件）
    4  the results cannot be written (disk full, too large, no permission), old ones kept / 无法写入结果，原结果保留
   70  internal error: a bug in targetrule, traceback in a log file / 内部错误（程序缺陷），详见日志文件
  130  interrupted (Ctrl-C) / 已中断
"""

F = TypeVar("F", bound=Callable[..., Any])


class Failure(Exception):
    """A command ends with a bilingual message and an exit code."""

    def __init__(self, where: str, message: Label, code: int, findings: Sequence[Finding] = ()) -> None:
        self.where = where
        self.message = message
        self.code = code
        self.findings = tuple(findings)
        super().__init__(f"{where}: {message}")


# --- output helpers -------------------------------------------------------------------------------


def say(lang: Lang, zh: str, en: str) -> str:
    """Pick the text for ``lang``."""
    return zh if lang == "zh" else en


def emit_json(document: Mapping[str, Any]) -> None:
    """Print a machine-readable document (stable keys, versioned by its ``schema``)."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _finding_line(item: Finding, lang: Lang) -> str:
    where = item.path or ".".join(p for p in (item.region, item.indicator, item.input) if p)
    level = say(lang, "错误", "error") if item.is_error else say(lang, "提示", "warning")
    return f"{level} [{item.code}] {where}: {item.message(lang)}"


def _findings_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    from targetrule.result_json import finding_to_dict

    return [finding_to_dict(f) for f in findings]


# --- error handling -------------------------------------------------------------------------------


def handle_errors(command: F) -> F:
    """Turn every error about user input into a bilingual message and a documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from targetrule.findings import FindingsError
        from targetrule.formats.atomic import OutputWriteError
        from targetrule.formats.errors import DataFileError, MissingExtraError, OutputRefusedError
        from targetrule.registry import PluginError

        as_json = bool(kwargs.get("as_json"))
        try:
            return command(*args, **kwargs)
        except Failure as failure:
            _fail(failure, as_json)
        except OutputWriteError as exc:
            _fail(Failure(exc.where, exc.message, EXIT_UNWRITABLE), as_json)
        except OutputRefusedError as exc:
            _fail(Failure(exc.where, exc.message, EXIT_USAGE), as_json)
        except DataFileError as exc:
            _fail(Failure(exc.where, exc.message, EXIT_UNREADABLE), as_json)
        except MissingExtraError as exc:
            _fail(Failure(exc.module, exc.message, EXIT_USAGE), as_json)
        except FindingsError as exc:
            from targetrule.scheme_loader import SchemeError

            label = (
                Label("无法使用该方案", "the scheme cannot be used")
                if isinstance(exc, SchemeError)
                else Label("无法使用该数据", "the data cannot be used")
            )
            _fail(Failure("", label, EXIT_UNREADABLE, exc.findings), as_json)
        except PluginError as exc:
            _fail(Failure("plugins", bilingual(str(exc)), EXIT_UNREADABLE), as_json)
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:
            where = str(exc.filename or "")
            reason = exc.strerror or str(exc)
            _fail(Failure(where, Label(f"文件读写失败：{reason}", f"file error: {reason}"), EXIT_UNREADABLE), as_json)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: the group turns them into bilingual messages
        except KeyboardInterrupt:
            _interrupted(as_json)
        except Exception as exc:
            _internal_error(exc, as_json)

    return cast(F, wrapper)


def _reader_gone() -> NoReturn:
    """The reader of our output went away (e.g. ``| head``): stop quietly, exit code 0."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):  # stdout may be no real file (a test runner's)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_OK)


def _interrupted(as_json: bool) -> NoReturn:
    _fail(Failure("", Label("已中断", "interrupted"), EXIT_INTERRUPTED), as_json)


INTERNAL_ERROR = Label(
    "内部错误（这是 targetrule 的缺陷，不是数据的问题）", "internal error (a bug in targetrule, not in your data)"
)


def log_folder() -> Path:
    """Where internal errors are logged: ``$TARGETRULE_LOG_DIR``, else ``targetrule-logs`` in the temp folder."""
    import tempfile

    configured = os.environ.get("TARGETRULE_LOG_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "targetrule-logs"


def _write_log(exc: BaseException, context: str = "") -> Path | None:
    """Write the traceback of an internal error to a new log file; its path, or None if none could be written."""
    import datetime
    import platform
    import tempfile
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    try:
        library = version("targetrule")
    except PackageNotFoundError:
        library = "unknown"
    now = datetime.datetime.now(datetime.UTC)
    text = (
        f"targetrule {library}, Python {platform.python_version()}, {platform.platform()}\n"
        f"time: {now.isoformat()}\npid: {os.getpid()}\nargv: {sys.argv!r}\n{context}\n"
        + "".join(traceback.format_exception(exc))
    )
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    for folder in (log_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"targetrule-{stamp}-{os.getpid()}-", suffix=".log", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            continue
        return Path(name)
    return None


def _internal_error(exc: BaseException, as_json: bool) -> NoReturn:
    """A bug, not a user error: a short bilingual message, the traceback in a log file, exit code 70."""
    log = _write_log(exc)
    if log is not None:
        message = Label(f"{INTERNAL_ERROR.zh}；详情见日志文件 {log}", f"{INTERNAL_ERROR.en}; the details are in {log}")
    else:
        kind = type(exc).__name__
        message = Label(f"{INTERNAL_ERROR.zh}（{kind}；日志无法写入）", f"{INTERNAL_ERROR.en} ({kind}; no log written)")
    _fail(Failure("", message, EXIT_INTERNAL), as_json)


def _fail(failure: Failure, as_json: bool, notes: Sequence[str] = ()) -> NoReturn:
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.error/1",
                "exit_code": failure.code,
                "where": failure.where,
                "message": {"zh": failure.message.zh, "en": failure.message.en},
                "findings": _findings_json(failure.findings),
            }
        )
    else:
        prefix = f"{failure.where}: " if failure.where else ""
        click.echo(f"错误 / error: {prefix}{failure.message.zh}", err=True)
        if failure.message.en != failure.message.zh:
            click.echo(f"  {failure.message.en}", err=True)
        for item in failure.findings:
            where = item.path or item.region or ""
            click.echo(f"  [{item.code}] {where}: {item.message.zh} / {item.message.en}", err=True)
        for line in notes:
            click.echo(line, err=True)
    sys.exit(failure.code)


def bilingual(text: str) -> Label:
    """A core message written as ``中文 / English`` split into its two languages."""
    zh, _, en = text.partition(" / ")
    return Label(zh, en or zh)


def usage(zh: str, en: str) -> Failure:
    """A usage error (exit code 2)."""
    return Failure("", Label(zh, en), EXIT_USAGE)


# --- shared options ------------------------------------------------------------------------------

lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of human-facing output / 输出语言.",
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout (versioned schema) / 输出 JSON."
)


def common(command: F) -> F:
    """Add ``--lang`` and ``--json`` and the error handling every command shares."""
    return cast(F, lang_option(json_option(handle_errors(exact(command)))))


def _engine() -> Engine:
    from targetrule.engine import Engine
    from targetrule.registry import PluginError

    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta if ctx is not None else {}  # --plugin / --no-entry-points, set on the group
    try:
        return Engine(
            plugins=chosen.get("targetrule.plugins"), entry_points=chosen.get("targetrule.entry_points", True)
        )
    except PluginError:
        raise
    except Exception as exc:  # an installed plugin that cannot even be imported: third-party code
        raise Failure(
            "plugins",
            Label(f"插件加载失败：{exc!r}", f"a plugin failed to load: {exc!r}"),
            EXIT_UNREADABLE,
        ) from None


def _scheme(engine: Engine, name: str) -> Scheme:
    return engine.load_scheme(name)


def _scheme_path(name: str, scheme: Scheme) -> list[Path]:
    path = Path(name)
    return [path] if path.is_file() else []


def _evaluate(
    engine: Engine, scheme: Scheme, data: Path, *, lenient: bool = False, verified: Path | None = None
) -> tuple[Evaluation, Label | None]:
    """Read DATA in whatever format it is, evaluate it, and point every finding into the user's file.

    ``verified`` names a JSON file of figures the inspection team verified (see docs/inspection.md).
    Returns the evaluation and the data's note (e.g. "illustrative figures"), shown beside results.
    """
    from targetrule.collector import paused_for_long_lived_results
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.loaded import relocate_evaluation
    from targetrule.formats.read import read_data

    if verified is not None and not verified.is_file():  # a missing input is exit code 3, like DATA
        raise DataFileError(str(verified), Label("文件不存在", "file not found"))
    loaded = read_data(data, scheme)
    mode: Literal["strict", "lenient"] = "lenient" if lenient else "strict"
    # The command line owns its process, so it may pause the collector; the library never does.
    with paused_for_long_lived_results():
        evaluation = engine.evaluate(scheme, loaded.submissions, mode=mode, verifications=verified)
    return relocate_evaluation(evaluation, loaded), loaded.submissions.note


VERIFIED = click.option(
    "--verified",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON of figures the inspection team verified; scored in place of the reported ones / 核实数据.",
)

# --- the group: click's own errors, interrupts and bugs, all without a traceback -------------------


def _hint(exc: click.BadParameter) -> str:
    hint = exc.param_hint
    if hint is None and exc.param is not None and exc.ctx is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    if hint is None:
        return ""
    return hint if isinstance(hint, str) else " / ".join(hint)


def usage_failure(exc: click.ClickException) -> Failure:
    """Click's own error (unknown option, missing argument, bad value...) as a bilingual failure, exit code 2.

    The English line is click's message; the Chinese line translates it and keeps click's detail.
    """
    from click import exceptions as ce

    from targetrule.findings import did_you_mean

    detail = exc.format_message()
    where, code = "", EXIT_USAGE
    if isinstance(exc, ce.NoSuchOption):
        where = exc.option_name
        zh = "没有这个选项"
        if exc.possibilities:
            zh += f"，是否应为 {', '.join(exc.possibilities)}？"
    elif isinstance(exc, ce.NoSuchCommand):
        where = exc.command_name
        zh = "没有这个命令"
        group = exc.ctx.command if exc.ctx is not None else None
        known = list(group.commands) if isinstance(group, click.Group) else []
        hint = ", ".join(exc.possibilities or []) or did_you_mean(exc.command_name, known)
        if hint:
            zh += f"，是否应为 {hint}？"
            if not exc.possibilities:
                detail += f" Did you mean {hint}?"
    elif isinstance(exc, ce.MissingParameter):
        where = _hint(exc).replace("'", "")
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        zh = f"缺少{'参数' if kind == 'argument' else '选项'}"
    elif isinstance(exc, ce.BadParameter):
        where = _hint(exc).replace("'", "")
        zh = f"值无效：{exc.message}"
    elif isinstance(exc, ce.BadOptionUsage):
        where = exc.option_name
        if "requires an argument" in exc.message:
            zh = "该选项需要一个值"
        elif "does not take a value" in exc.message:
            zh = "该选项不接受值"
        else:
            zh = f"用法有误：{exc.message}"
    elif isinstance(exc, ce.FileError):
        where, code = exc.filename, EXIT_UNREADABLE
        zh = f"无法打开文件：{exc.message}"
    else:
        import re

        extra = re.match(r"Got unexpected extra arguments? \((.*)\)", exc.message)
        zh = f"多余的参数：{extra.group(1)}" if extra else f"用法有误：{exc.message}"
    return Failure(where, Label(zh, detail), code)


def _usage_notes(exc: click.ClickException) -> list[str]:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return []
    shown = ctx.get_usage().removeprefix("Usage: ")
    return [f"用法 / usage: {shown}", f"帮助 / help: {ctx.command_path} --help"]


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C while the results are swapped in (a few system calls), then deliver it.

    Only the command line, which owns its process, touches signal handlers; the library never does.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        if caught:
            raise KeyboardInterrupt


def _own_the_process() -> None:
    """For the console script only: a write beyond ``ulimit -f`` becomes an error we report (EFBIG), not a kill.

    Errors Python can only ignore (in a library's cleanup after the error we report) go to the log
    file instead of the terminal.
    """
    import signal
    import threading

    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.unraisablehook = _log_unraisable


def _log_unraisable(unraisable: Any) -> None:
    if unraisable.exc_value is not None:
        where = unraisable.err_msg or "Exception ignored in"
        _write_log(unraisable.exc_value, f"{where}: {unraisable.object!r} (ignored, after the error reported)\n")


class TargetruleGroup(click.Group):
    """The ``targetrule`` group: click's own usage errors are bilingual, Ctrl-C exits 130, a bug exits 70.

    Nothing reaches the user as a traceback. Run as the console script (no ``args``), it owns its
    process and ignores SIGXFSZ, so a file beyond ``ulimit -f`` is a write error it reports.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; in standalone mode every way out is an exit code and a message."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(args) if args is not None else sys.argv[1:]
        as_json = "--json" in argv
        if args is None:
            _own_the_process()
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except SystemExit:
            raise
        except click.exceptions.NoArgsIsHelpError as exc:
            if as_json:
                _fail(Failure("", Label("缺少命令", "missing command"), EXIT_USAGE), as_json)
            exc.show()
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            _fail(usage_failure(exc), as_json, _usage_notes(exc))
        except (click.Abort, KeyboardInterrupt, EOFError):
            _interrupted(as_json)
        except BrokenPipeError:
            _reader_gone()
        except Exception as exc:
            _internal_error(exc, as_json)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


# --- commands -------------------------------------------------------------------------------------


@click.group(cls=TargetruleGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="targetrule")
@click.option(
    "--plugin",
    "plugin_names",
    multiple=True,
    envvar="TARGETRULE_PLUGINS",
    metavar="NAME",
    help="Load only these installed plugins (entry-point or distribution name; repeat, or comma-separated in "
    "TARGETRULE_PLUGINS); the built-ins always load / 只加载指定的插件.",
)
@click.option(
    "--no-entry-points",
    is_flag=True,
    envvar="TARGETRULE_NO_ENTRY_POINTS",
    help="Load no installed plugins, only the built-ins (TARGETRULE_NO_ENTRY_POINTS=1) / 不加载已安装的插件.",
)
@click.pass_context
def main(ctx: click.Context, plugin_names: tuple[str, ...], no_entry_points: bool) -> None:
    """targetrule: 目标责任制督查考评 — validate, score, grade, rank and explain.

    SCHEME is a scheme id (e.g. jilin-2007) or the path of a scheme TOML file.
    """
    names = [n.strip() for given in plugin_names for n in given.split(",") if n.strip()]
    ctx.meta["targetrule.plugins"] = names if plugin_names else None
    ctx.meta["targetrule.entry_points"] = not no_entry_points


@main.command(epilog=EXIT_CODES_HELP)
@common
def plugins(lang: Lang, as_json: bool) -> None:
    """List every plugin: distribution, version, hooks / 列出全部插件."""
    infos = _engine().registry.plugins()
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
    headers = [say(lang, "插件", "plugin"), say(lang, "发行包", "distribution"), say(lang, "版本", "version")]
    headers.append(say(lang, "钩子", "hooks"))
    rows = [
        [p.name, p.distribution, p.version, ", ".join(h.removeprefix("targetrule_") for h in p.hooks)] for p in infos
    ]
    click.echo(table(headers, rows))
    click.echo(say(lang, f"共 {len(infos)} 个插件", f"{len(infos)} plugins"))


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@common
def indicators(scheme: str, lang: Lang, as_json: bool) -> None:
    """List the indicators of SCHEME with their points and formulas / 列出方案的考评指标."""
    from targetrule.rounding import fmt_plain

    loaded = _scheme(_engine(), scheme)
    items = loaded.items()
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.indicators/1",
                "scheme": loaded.id,
                "indicators": [indicator_json(item) for item in items],
            }
        )
        return
    areas = {a.spec.id: a.spec.label(lang) for a in loaded.areas}
    headers = [
        say(lang, "领域", "area"),
        say(lang, "条款", "clause"),
        say(lang, "编号", "id"),
        say(lang, "分值", "points"),
        say(lang, "公式", "formula"),
        say(lang, "指标", "indicator"),
    ]
    rows = [
        [
            areas[item.area],
            item.indicator.reference,
            item.indicator.id,
            fmt_plain(item.points),
            item.formula.family,
            item.indicator.label(lang),
        ]
        for item in items
    ]
    click.echo(table(headers, rows, numeric=[3]))
    click.echo(say(lang, f"共 {len(items)} 项指标", f"{len(items)} indicators"))


@main.command("scheme", epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@common
def scheme_command(scheme: str, lang: Lang, as_json: bool) -> None:
    """Show SCHEME: areas, items, points, grades, awards, bonuses, deductions, vetoes / 显示方案."""
    from targetrule.rounding import fmt_plain

    loaded = _scheme(_engine(), scheme)
    spec = loaded.spec
    if as_json:
        emit_json(scheme_json(loaded))
        return
    click.echo(f"{spec.title(lang)}  ({spec.id}, {spec.year})")
    click.echo(say(lang, f"总分 {fmt_plain(spec.total_points)}", f"total points {fmt_plain(spec.total_points)}"))
    click.echo("")
    id_width = max((len(item.indicator.id) for item in loaded.items()), default=0)
    for area in loaded.areas:
        head = f"{area.spec.label(lang)}  [{area.spec.id}]  {fmt_plain(area.spec.points)} "
        click.echo(head + say(lang, f"分（{area.aggregation.label.zh}）", f"points ({area.aggregation.label.en})"))
        for item in area.items:
            indicator = item.indicator
            points = fmt_plain(item.points)
            ref = pad(indicator.reference, 12)
            click.echo(f"  {ref} {points:>5}  {indicator.id:<{id_width}}  {indicator.label(lang)}")
    click.echo("")
    click.echo(say(lang, "等次：", "grades:"))
    for grade in spec.grades:
        quota = ""
        if grade.quota is not None:
            share = fmt_plain(grade.quota * 100)
            quota = say(lang, f"，不超过 {share}%", f", at most {share}%")
        click.echo(f"  {grade.label(lang)}  ≥ {fmt_plain(grade.min)}{quota}")
    if spec.awards:
        click.echo(say(lang, "奖项：", "awards:"))
        for award in spec.awards:
            click.echo(f"  {award.label(lang)} × {award.count}")
    if spec.bonus is not None:
        click.echo(
            say(lang, f"加分（上限 {fmt_plain(spec.bonus.cap)}）：", f"bonuses (cap {fmt_plain(spec.bonus.cap)}):")
        )
        for bonus in spec.bonus.items:
            click.echo(f"  {bonus.label(lang)} [{bonus.id}] +{fmt_plain(bonus.points)}")
    if spec.deductions:
        click.echo(say(lang, "扣分：", "deductions:"))
        for deduction in spec.deductions:
            click.echo(f"  {deduction.label(lang)} [{deduction.id}] -{fmt_plain(deduction.points)}")
    if spec.vetoes:
        click.echo(say(lang, "一票否决：", "vetoes:"))
        for veto in spec.vetoes:
            click.echo(f"  {veto.label(lang)} [{veto.id}]")
    if spec.gate is not None:
        names = ", ".join(spec.gate.indicators)
        click.echo(say(lang, f"门槛：{spec.gate.label.zh}（{names}）", f"gate: {spec.gate.label.en} ({names})"))


@main.command(epilog=EXIT_CODES_HELP)
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
    engine = _engine()
    loaded = _scheme(engine, scheme)
    source = regions_file if regions_file is not None else example_path(loaded.id)
    regions = read_regions(source)
    target = output if output is not None else Path(f"{loaded.id}-template.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise usage(f"输出文件应以 .xlsx 结尾：{target}", f"the output must end in .xlsx: {target}")
    inputs = [source, *_scheme_path(scheme, loaded)]
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


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@common
def validate(scheme: str, data: Path, lang: Lang, as_json: bool) -> None:
    """Check DATA (.json, .csv or a filled .xlsx template) against SCHEME; print every finding / 校验数据."""
    engine = _engine()
    loaded_scheme = _scheme(engine, scheme)
    evaluation, _ = _evaluate(engine, loaded_scheme, data)
    findings = evaluation.findings
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    code = EXIT_FINDINGS if errors else EXIT_OK
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.validate/1",
                "scheme": loaded_scheme.id,
                "data": str(data),
                "regions": len(evaluation.regions),
                "errors": errors,
                "warnings": warnings,
                "findings": _findings_json(findings),
            }
        )
        sys.exit(code)
    for item in findings:
        click.echo(_finding_line(item, lang))
    click.echo(
        say(
            lang,
            f"{data}：{len(evaluation.regions)} 个地区，{errors} 个错误，{warnings} 个提示",
            f"{data}: {len(evaluation.regions)} regions, {errors} errors, {warnings} warnings",
        )
    )
    sys.exit(code)


def _parse_formats(text: str) -> list[str]:
    from targetrule.formats.results import FORMATS

    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise usage(
            f"未知的输出格式 {','.join(unknown) or text!r}；可选 {','.join(FORMATS)}",
            f"unknown output format {','.join(unknown) or text!r}; choose from {','.join(FORMATS)}",
        )
    return list(dict.fromkeys(chosen))


def _data_path(scheme: Scheme, data: Path | None, example: bool) -> Path:
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


def _veto_names(scheme: Scheme | None, vetoes: Sequence[str], lang: Lang) -> str:
    labels = {v.id: v.label(lang) for v in scheme.spec.vetoes} if scheme is not None else {}
    return ", ".join(labels.get(v, v) for v in vetoes)


def _region_row(result: RegionResult, lang: Lang, scheme: Scheme | None = None) -> list[str]:
    from targetrule.rounding import fmt

    notes = []
    if result.survey_only:
        notes.append(say(lang, "仅督查调研", "survey only"))
    if result.vetoes:
        notes.append(say(lang, "一票否决：", "veto: ") + _veto_names(scheme, result.vetoes, lang))
    veto_labels = {v.label for v in scheme.spec.vetoes} if scheme is not None else set()
    others = [why(lang) for why in result.ineligible_because if why not in veto_labels]
    if others and result.rank is not None:
        notes.append(say(lang, "不评奖：", "no award: ") + ("、" if lang == "zh" else ", ").join(others))
    errors = sum(1 for f in result.findings if f.is_error)
    if errors:
        notes.append(say(lang, f"{errors} 个错误", f"{errors} errors"))
    return [
        "—" if result.rank is None else str(result.rank),
        result.region.name(lang),
        fmt(result.composite),
        result.grade_label(lang) if result.grade_label else "—",
        result.award_label(lang) if result.award_label else "",
        "；".join(notes) if lang == "zh" else "; ".join(notes),
    ]


def ranking_table(evaluation: Evaluation, lang: Lang, scheme: Scheme | None = None) -> str:
    """The ranking as a text table: ranked regions first, then survey-only and unranked ones."""
    from targetrule.formats.order import report_order

    headers = [
        say(lang, "名次", "rank"),
        say(lang, "地区", "region"),
        say(lang, "综合得分", "composite"),
        say(lang, "等次", "grade"),
        say(lang, "奖项", "award"),
        say(lang, "备注", "notes"),
    ]
    rows = [_region_row(r, lang, scheme) for r in report_order(evaluation)]
    return table(headers, rows, numeric=[0, 2])


def _rendered(
    folder: Path, fmt: str, evaluation: Evaluation, scheme: Scheme, lang: Lang, note: Label | None
) -> dict[Path, bytes]:
    from targetrule.formats.atomic import OutputWriteError
    from targetrule.formats.results import render_results

    try:
        files = render_results(fmt, evaluation, scheme, lang, note=note)
    except OSError as exc:  # a library's own temporary files (openpyxl's): disk full, ulimit -f
        shown = folder / {"json": "results.json", "csv": "ranking.csv", "xlsx": "results.xlsx"}.get(fmt, "report.html")
        raise OutputWriteError(str(shown), exc.strerror or type(exc).__name__, exc.errno) from None
    return {folder / name: content for name, content in files.items()}


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--example", is_flag=True, help="Evaluate the scheme's bundled example data / 使用自带示例数据.")
@click.option("--lenient", is_flag=True, help="Score what is valid and rank anyway / 宽松模式：跳过错误数据并排名.")
@VERIFIED
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
    help="Comma-separated: json,csv,xlsx,html (default: all whose libraries are installed) / 输出格式.",
)
@common
def evaluate(
    scheme: str,
    data: Path | None,
    example: bool,
    lenient: bool,
    verified: Path | None,
    output: Path | None,
    formats: str | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Score, grade and rank DATA under SCHEME; print the ranking and write the results / 考评打分排名."""
    from targetrule.formats.atomic import write_result_set
    from targetrule.formats.results import EXTRAS, FORMATS, missing_libraries

    skipped: list[str] = []
    if formats is None:
        chosen = [f for f in FORMATS if not missing_libraries(f)]
        skipped = [f for f in FORMATS if f not in chosen]
    else:
        chosen = _parse_formats(formats)
    engine = _engine()
    loaded_scheme = _scheme(engine, scheme)
    source = _data_path(loaded_scheme, data, example)
    evaluation, note = _evaluate(engine, loaded_scheme, source, lenient=lenient, verified=verified)
    folder = output if output is not None else Path(DEFAULT_OUTPUT)
    rendered: dict[Path, bytes] = {}
    # Everything is rendered before anything is written: a failure leaves no partial results.
    if sys.stderr.isatty() and not as_json:
        with click.progressbar(
            chosen, label=say(lang, "生成结果文件", "rendering results"), file=sys.stderr, show_pos=True
        ) as progress:
            for fmt in progress:
                rendered.update(_rendered(folder, fmt, evaluation, loaded_scheme, lang, note))
    else:
        for fmt in chosen:
            rendered.update(_rendered(folder, fmt, evaluation, loaded_scheme, lang, note))
    inputs = [source, *_scheme_path(scheme, loaded_scheme), *([verified] if verified else [])]
    # All or nothing: a fresh folder beside the target, swapped in whole (docs/architecture.md).
    files = {path.name: content for path, content in rendered.items()}
    written = write_result_set(folder, files, inputs, guard=_interrupts_deferred)
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
    click.echo(f"{evaluation.scheme_title(lang)}  ({evaluation.scheme})")
    if note is not None:
        click.echo(say(lang, "注：", "note: ") + note(lang))
    if not evaluation.ranked and evaluation.not_ranked_because is not None:
        click.echo(say(lang, "未排名：", "not ranked: ") + evaluation.not_ranked_because(lang))
    click.echo(ranking_table(evaluation, lang, loaded_scheme))
    for item in errors[:20]:
        click.echo(_finding_line(item, lang))
    if len(errors) > 20:
        more = len(errors) - 20
        click.echo(say(lang, f"……另有 {more} 个错误，见结果文件", f"... {more} more errors, see the results"))
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


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("scheme")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("region")
@click.argument("target", required=False, metavar="[INDICATOR|AREA]")
@click.option("--lenient", is_flag=True, help="Explain under lenient mode / 宽松模式.")
@VERIFIED
@common
def explain(
    scheme: str,
    data: Path,
    region: str,
    target: str | None,
    lenient: bool,
    verified: Path | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Explain why REGION got its score: overall, for one area or for one indicator / 解释得分."""
    from targetrule.findings import did_you_mean

    engine = _engine()
    loaded_scheme = _scheme(engine, scheme)
    evaluation, _ = _evaluate(engine, loaded_scheme, data, lenient=lenient, verified=verified)
    known = {r.region.id: r for r in evaluation.regions}
    by_name = {r.region.name.zh: r for r in evaluation.regions} | {r.region.name.en: r for r in evaluation.regions}
    result = known.get(region) or by_name.get(region)
    if result is None:
        hint = did_you_mean(region, list(known))
        extra_zh, extra_en = (f"，是否应为 {hint}？", f"; did you mean {hint}?") if hint else ("", "")
        raise usage(f"数据中没有地区 {region}{extra_zh}", f"no region {region} in the data{extra_en}")
    from targetrule.result_json import region_to_dict

    region_dict = region_to_dict(result)
    if target is None:
        lines = _explain_region(result, evaluation, loaded_scheme, lang)
        detail: dict[str, Any] = region_dict
    else:
        areas = {a.area: a for a in result.areas}
        indicators_ = {i.indicator: i for i in result.indicators()}
        if target in areas:
            area = areas[target]
            lines = [f"{area.label(lang)}: {area.explanation()(lang)}"]
            lines += [f"  {i.label(lang)}: {i.explanation()(lang)}" for i in area.indicators]
            detail = next(a for a in region_dict["areas"] if a["area"] == target)
        elif target in indicators_:
            item = indicators_[target]
            lines = [f"{item.label(lang)} ({item.indicator})", f"  {item.explanation()(lang)}"]
            lines += [f"  {name} = {value}" for name, value in item.values.items()]
            lines += [f"  {_finding_line(f, lang)}" for f in result.findings if f.indicator == target]
            detail = next(i for a in region_dict["areas"] for i in a["indicators"] if i["indicator"] == target)
        else:
            hint = did_you_mean(target, list(areas) + list(indicators_))
            extra_zh, extra_en = (f"，是否应为 {hint}？", f"; did you mean {hint}?") if hint else ("", "")
            raise usage(
                f"方案中没有领域或指标 {target}{extra_zh}", f"no area or indicator {target} in the scheme{extra_en}"
            )
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.explain/1",
                "scheme": evaluation.scheme,
                "region": result.region.id,
                "target": target,
                "lines": lines,
                "detail": detail,
            }
        )
        return
    click.echo("\n".join(lines))


def _explain_region(result: RegionResult, evaluation: Evaluation, scheme: Scheme, lang: Lang) -> list[str]:
    from targetrule.rounding import fmt

    name = result.region.name(lang)
    lines = [f"{name} ({result.region.id})"]
    if result.survey_only:
        lines.append(say(lang, "  仅督查调研，不参与排名和评奖", "  survey only: not ranked, no awards"))
    lines.append(say(lang, f"  综合得分 {fmt(result.composite)}：", f"  composite {fmt(result.composite)}: "))
    lines[-1] += result.explanation()(lang)
    for area in result.areas:
        lines.append(f"  {area.label(lang)} {fmt(area.points)}/{fmt(area.max_points)}: {area.explanation()(lang)}")
    for adjustment in result.adjustments:
        kind = say(lang, "加分", "bonus") if adjustment.kind == "bonus" else say(lang, "扣分", "deduction")
        lines.append(f"  {kind}: {adjustment.label(lang)} {fmt(adjustment.points)}")
    if result.rank is not None:
        lines.append(say(lang, f"  名次：第 {result.rank} 名", f"  rank: {result.rank}"))
    elif not evaluation.ranked and evaluation.not_ranked_because is not None:
        lines.append("  " + evaluation.not_ranked_because(lang))
    if result.grade_note is not None:
        lines.append(say(lang, "  等次：", "  grade: ") + result.grade_note(lang))
    if result.award_label is not None:
        lines.append(say(lang, "  奖项：", "  award: ") + result.award_label(lang))
    if result.vetoes:
        lines.append(say(lang, "  一票否决：", "  veto: ") + _veto_names(scheme, result.vetoes, lang))
    for why in result.ineligible_because:
        lines.append(say(lang, "  不参与评奖：", "  not eligible for awards: ") + why(lang))
    for item in result.findings:
        lines.append("  " + _finding_line(item, lang))
    return lines


# --- commands over modules beside the engine: compare, spot-check, new-plugin ---------------------


@main.command(epilog=EXIT_CODES_HELP)
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
    from targetrule.formats.loaded import relocate
    from targetrule.formats.read import read_data

    engine = _engine()
    a, b = _scheme(engine, scheme_a), _scheme(engine, scheme_b)
    loaded = read_data(data, a)
    comparison = compare_schemes(engine, a, b, loaded.submissions, mode="lenient" if lenient else "strict", top=top)
    evaluations = (comparison.evaluation_a, comparison.evaluation_b)
    errors = [f for e in evaluations for f in relocate(e.errors, loaded.locator)]
    code = EXIT_FINDINGS if errors or not all(e.ranked for e in evaluations) else EXIT_OK
    if as_json:
        emit_json({**comparison_json(comparison), "exit_code": code, "findings": _findings_json(errors)})
        sys.exit(code)
    click.echo(comparison.to_text(lang))
    if errors:
        shown = min(len(errors), 5)
        click.echo(
            say(lang, f"数据错误共 {len(errors)} 个，前 {shown} 个：", f"{len(errors)} data errors; the first {shown}:")
        )
    for item in errors[:5]:
        click.echo(_finding_line(item, lang))
    sys.exit(code)


@main.command("spot-check", epilog=EXIT_CODES_HELP)
@click.argument("regions", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--seed", required=True, help="The integer seed of the draw (announced beforehand) / 抽签种子（整数）.")
@click.option(
    "--count", default=1, show_default=True, type=click.IntRange(1), help="Counties drawn per city / 每市抽查县数."
)
@click.option("--include-survey-only", is_flag=True, help="Draw in survey-only regions too / 包括督查调研单位.")
@common
def spot_check_command(
    regions: Path, seed: str, count: int, include_survey_only: bool, lang: Lang, as_json: bool
) -> None:
    """Draw the counties to inspect in each city, reproducibly from a seed / 抽取督查抽查县（市、区）.

    REGIONS is a CSV (id,name,name_en,kind,parent,...) or a JSON submissions file in which each
    county names its city as parent.
    """
    from targetrule.formats.regions_file import read_regions
    from targetrule.spot_check import SpotCheckError, spot_check

    listed = read_regions(regions)
    names = {r.id: r.name(lang) for r in listed}
    try:
        draw = spot_check(listed, seed, count, include_survey_only=include_survey_only)
    except SpotCheckError as exc:
        label = Label("抽签参数无效", "the draw's options are invalid")
        raise Failure("--seed/--count", label, EXIT_USAGE, exc.findings) from None
    if as_json:
        emit_json({"schema": "targetrule.cli.spot-check/1", **draw.to_dict()})
        return
    click.echo(say(lang, f"抽签种子 {draw.seed}，方法 {draw.method}", f"seed {draw.seed}, method {draw.method}"))
    headers = [say(lang, "市（州）", "city"), say(lang, "抽中", "drawn"), say(lang, "可选", "available")]
    sep = "、" if lang == "zh" else ", "
    rows = [
        [names.get(d.city, d.city), sep.join(names.get(c, c) for c in d.counties), str(len(d.available))]
        for d in draw.draws
    ]
    click.echo(table(headers, rows, numeric=[2]))
    for item in draw.findings:
        click.echo(_finding_line(item, lang))


@main.command("new-plugin", epilog=EXIT_CODES_HELP)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.argument("name")
@click.option("--indicator-id", help="area.item (default custom.<name>) / 指标编号.")
@click.option("--label-zh", default="新指标", show_default=True, help="Chinese label / 中文名称.")
@click.option("--label-en", default="New indicator", show_default=True, help="English label / 英文名称.")
@click.option("--unit", default="人", show_default=True, help="Unit of the actual and target / 单位.")
@click.option("--reference", default="", help="Clause of the source document / 文件条款.")
@common
def new_plugin(
    directory: Path,
    name: str,
    indicator_id: str | None,
    label_zh: str,
    label_en: str,
    unit: str,
    reference: str,
    lang: Lang,
    as_json: bool,
) -> None:
    """Write a new indicator plugin distribution NAME into DIRECTORY / 生成新的指标插件项目."""
    from targetrule.scaffold import ScaffoldError, create_plugin

    try:
        created = create_plugin(
            directory,
            name,
            indicator_id=indicator_id,
            label_zh=label_zh,
            label_en=label_en,
            unit=unit,
            reference=reference,
        )
    except ScaffoldError as exc:
        raise Failure(str(directory), bilingual(str(exc)), EXIT_USAGE) from None
    if as_json:
        emit_json(
            {
                "schema": "targetrule.cli.new-plugin/1",
                "directory": str(created.directory),
                "distribution": created.distribution,
                "package": created.package,
                "indicator": created.indicator_id,
                "files": [str(p) for p in created.files],
            }
        )
        return
    click.echo(
        say(
            lang,
            f"已生成插件 {created.distribution}（指标 {created.indicator_id}）于 {created.directory}：",
            f"wrote the plugin {created.distribution} (indicator {created.indicator_id}) in {created.directory}:",
        )
    )
    for path in created.files:
        click.echo(f"  {path}")
    click.echo(
        say(
            lang,
            f"安装并测试：pip install -e {created.directory} && pytest {created.directory}",
            f"install and test it: pip install -e {created.directory} && pytest {created.directory}",
        )
    )
