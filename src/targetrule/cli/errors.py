"""How a command ends: the exit codes, bilingual failures, the internal-error log, and the group that catches all.

Every way out is a bilingual message and one of the ``EXIT_*`` codes; nothing reaches the user as
a traceback. Only the command line, which owns its process, touches process state here: it ignores
SIGXFSZ, holds Ctrl-C while results are swapped in, and sends errors Python can only ignore to the log.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from targetrule.cli.output import emit_json, findings_json
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_UNWRITABLE = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

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
                "findings": findings_json(failure.findings),
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
def interrupts_deferred() -> Iterator[None]:
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
