"""Results on disk, all or nothing: a result set is written into a fresh folder beside its target and
swapped in whole; a single file goes through a temporary file in its folder. Never over an input.

Files are created with mode 0o666 and the process's umask applies as for any other file (the
umask is never read or changed here: changing it is process-wide and not thread-safe).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, BinaryIO

from targetrule.findings import TargetruleError
from targetrule.formats.errors import OutputRefusedError
from targetrule.text import Label

#: Every file a result set may hold; a folder holding only these (or nothing) may be replaced whole.
RESULT_FILES = frozenset(
    {"results.json", "ranking.csv", "indicators.csv", "results.xlsx", "report.html", "regions.jsonl", "summary.json"}
    | {"sensitivity.json", "sensitivity.xlsx", "sensitivity.html"}
    | {"report.pdf", "report.docx"}
)
#: A result file written as it is made (the streaming path), into the open file, instead of bytes held whole.
Writer = Callable[[BinaryIO], None]
#: Beside ``OUT``: the fresh folder is ``OUT.tmp-<pid>-<random>``; the previous set, while it is
#: swapped out on systems without an atomic exchange, is ``OUT.targetrule-backup``.
TEMP_MARK = ".tmp-"
BACKUP_SUFFIX = ".targetrule-backup"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_O_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class OutputWriteError(TargetruleError, OSError):
    """A result could not be written (disk full, file too large, no permission); nothing was changed.

    ``where`` names the file or folder that could not be written; ``message`` is bilingual.
    """

    def __init__(self, where: str, reason: str, code: int | None = None) -> None:
        self.where = where
        self.reason = reason
        self.message = Label(
            f"无法写入结果：{reason}；原有结果未改动",
            f"the results could not be written: {reason}; nothing was changed",
        )
        OSError.__init__(self, code or 0, reason, where)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _refused(where: Path | str, zh: str, en: str) -> OutputRefusedError:
    return OutputRefusedError(str(where), Label(zh, en))


def check_not_input(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse ``target`` when it is one of the ``inputs`` (same file, whatever the spelling of the path)."""
    for source in inputs:
        if _same_file(target, source) or target.resolve() == Path(source).resolve():
            raise _refused(
                target,
                "拒绝写入：该文件是输入文件，会被覆盖",
                "refusing to write: this file is an input and would be overwritten",
            )


def _write_file(path: Path, data: bytes | Writer, shown: Path) -> None:
    """Create ``path`` (it must not exist), write ``data`` (or let the writer write), fsync; errors name ``shown``."""
    try:
        fd = os.open(path, _O_FLAGS, 0o666)
        if callable(data):
            with os.fdopen(fd, "wb") as stream:
                data(stream)
                stream.flush()
                os.fsync(stream.fileno())
            return
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if isinstance(exc, OutputWriteError):
            raise
        raise OutputWriteError(str(shown), _reason(exc), exc.errno) from None


def _fsync_folder(path: Path) -> None:
    """Make a rename inside ``path`` durable; best effort where folders cannot be opened (Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return the ones created, deepest last."""
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    created: list[Path] = []
    try:
        for path in reversed(missing):
            os.mkdir(path, 0o777)
            created.append(path)
    except OSError as exc:
        _remove_created(created)
        raise OutputWriteError(str(exc.filename or folder), _reason(exc), exc.errno) from None
    return created


def _remove_created(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def write_atomic(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename it into place."""
    check_not_input(target, inputs)
    folder = target.parent
    created = _make_parents(folder)
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        _write_file(temp, data, target)
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise OutputWriteError(str(target), _reason(exc), exc.errno) from None
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _remove_created(created)
        raise


def write_all(files: Mapping[Path, bytes], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every rendered file, each atomically, after checking that none is an input; return the paths.

    Each file is replaced on its own: use :func:`write_result_set` to replace a whole set at once.
    """
    sources = list(inputs)
    for target in files:
        check_not_input(target, sources)
    for target, data in files.items():
        write_atomic(target, data, sources)
    return list(files)


# --- result sets: a fresh folder, swapped in whole -------------------------------------------------


def _only_ours(folder: Path) -> bool:
    """True when ``folder`` holds nothing but regular result files (or nothing at all)."""
    return not _foreign(folder)


def _foreign(folder: Path) -> list[str]:
    """The entries of ``folder`` that are not result files of targetrule, sorted."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name not in RESULT_FILES or not entry.is_file(follow_symlinks=False):
                found.append(entry.name)
    return sorted(found)


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) is not a probe on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def backup_path(folder: Path) -> Path:
    """Where the previous result set of ``folder`` waits while a new one is swapped in (no atomic exchange)."""
    return folder.parent / f"{folder.name}{BACKUP_SUFFIX}"


def recover(folder: Path) -> None:
    """Finish what a killed run left beside ``folder``: restore or drop its backup, remove dead runs' temp folders.

    A backup with no ``folder`` is the complete previous set, cut off mid-swap: it is renamed back.
    A backup beside ``folder`` is the set replaced by a completed swap: it is removed. Temp folders
    of processes no longer running are removed. Only folders holding nothing but result files are
    ever removed.
    """
    backup = backup_path(folder)
    if backup.is_dir() and not backup.is_symlink():
        if not os.path.lexists(folder):
            os.rename(backup, folder)
        elif _only_ours(backup):
            shutil.rmtree(backup)
    if not folder.parent.is_dir():
        return
    prefix = folder.name + TEMP_MARK
    with os.scandir(folder.parent) as entries:
        stale = [e for e in entries if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False)]
    for entry in stale:
        pid_text = entry.name[len(prefix) :].partition("-")[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not _alive(int(pid_text)):
            path = Path(entry.path)
            if _only_ours(path):
                shutil.rmtree(path, ignore_errors=True)


@functools.cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is not available."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(temp: Path, folder: Path) -> None:
    """Put the complete set in ``temp`` at ``folder``; afterwards ``temp`` is gone or holds the old set."""
    if not os.path.lexists(folder):
        os.rename(temp, folder)
        return
    if exchange(temp, folder):
        shutil.rmtree(temp, ignore_errors=True)  # it now holds the previous set
        return
    backup = backup_path(folder)
    os.rename(folder, backup)  # the tiny window: no `folder`, the complete old set at `backup`
    try:
        os.rename(temp, folder)
    except BaseException:
        if not os.path.lexists(folder):
            os.rename(backup, folder)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _target_folder(folder: Path) -> Path:
    """The folder to swap: a symlink's target (so the link stays), otherwise ``folder`` itself, absolute."""
    return Path(os.path.realpath(folder)) if folder.is_symlink() else Path(os.path.abspath(folder))


def _check_folder(folder: Path, real: Path, inputs: Iterable[Path]) -> None:
    here = Path.cwd()
    if real == here or real in here.parents or real.parent == real:
        raise _refused(
            folder,
            "拒绝写入：结果集是整体替换的，不能写入当前文件夹或其上级；请指定新的或空的文件夹",
            "refusing to write: a result set is replaced whole, so it cannot go into the current folder "
            "or one above it; choose a new or an empty folder",
        )
    for source in inputs:
        resolved = Path(source).resolve()
        if resolved == real or real in resolved.parents:
            raise _refused(
                source,
                f"拒绝写入：该输入文件在输出文件夹 {folder} 中，替换结果集会删除它",
                f"refusing to write: this input is inside the output folder {folder}, which is replaced whole",
            )
    if not os.path.lexists(real):
        return
    if not real.is_dir():
        raise _refused(folder, "拒绝写入：这是文件，不是文件夹", "refusing to write: this is a file, not a folder")
    foreign = _foreign(real)
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise _refused(
            folder,
            f"拒绝写入：该文件夹中有不是 targetrule 结果的文件（{shown}），"
            "而结果集是整体替换的；请指定新的或空的文件夹",
            f"refusing to write: the folder holds files that are not targetrule results ({shown}), "
            "and a result set is replaced whole; choose a new or an empty folder",
        )


def write_result_set(
    folder: Path,
    files: Mapping[str, bytes | Writer],
    inputs: Iterable[Path] = (),
    *,
    guard: Callable[[], AbstractContextManager[Any]] = contextlib.nullcontext,
) -> list[Path]:
    """Replace the result set in ``folder`` with ``files`` (by name), all or nothing; return the paths.

    A file's content is its bytes, or a :data:`Writer` that writes it into the open file as it is
    made (in the order given), for results too big to hold.

    Everything is written and fsynced into a fresh folder beside ``folder``, which is then swapped
    in whole (an atomic exchange on Linux; elsewhere two renames, with the old set kept at
    :func:`backup_path` in between and restored by the next run if the process dies there).
    ``folder`` may be missing, empty or hold a previous result set; a folder holding anything else,
    or any of the ``inputs``, is refused (:class:`OutputRefusedError`). On any failure, including
    KeyboardInterrupt, the fresh folder is removed and ``folder`` is as it was; write errors are
    :class:`OutputWriteError` naming the file. ``guard`` wraps the swap itself (the command line
    defers Ctrl-C there).
    """
    for name in files:
        if name not in RESULT_FILES:
            raise ValueError(f"not a result file name: {name!r}")
    sources = list(inputs)
    real = _target_folder(folder)
    try:
        recover(real)
        _check_folder(folder, real, sources)
    except OSError as exc:  # an unreadable folder, a backup that cannot be renamed back
        raise OutputWriteError(str(exc.filename or folder), _reason(exc), exc.errno) from None
    created = _make_parents(real.parent)
    temp = real.parent / f"{real.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        try:
            os.mkdir(temp, 0o777)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))  # the folder keeps its mode
        except OSError as exc:
            raise OutputWriteError(str(folder), _reason(exc), exc.errno) from None
        for name, data in files.items():
            _write_file(temp / name, data, folder / name)
        _fsync_folder(temp)
        with guard():
            try:
                _swap_in(temp, real)
            except OSError as exc:
                if isinstance(exc, OutputWriteError):
                    raise
                raise OutputWriteError(str(folder), _reason(exc), exc.errno) from None
        _fsync_folder(real.parent)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        _remove_created(created)
        raise
    return [folder / name for name in files]
