"""Bad-input suite, result writing: the output folder holds the complete old result set or the complete
new one, never a mix, whatever fails and wherever (disk full, file too large, Ctrl-C, a crash in
the middle of the swap); no temporary folder is left; the exit code and the message say what
happened and name the file. Outputs that would destroy something (an input, a user's own files,
the current folder) are refused with exit code 2.

In-process cases inject the fault at the k-th call of each system call the write step makes; the
subprocess cases at the end send real SIGINTs and run under a real ``ulimit -f``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import MINI, cli, files_under, mini_data, write_json
from targetrule.cli import EXIT_INTERRUPTED, EXIT_UNWRITABLE, EXIT_USAGE
from targetrule.cli.errors import interrupts_deferred
from targetrule.formats import atomic

ALL = ["results.json", "ranking.csv", "indicators.csv", "results.xlsx", "report.html"]  # in writing order
Snapshot = dict[str, bytes]


def snapshot(folder: Path) -> Snapshot | None:
    """Every file in ``folder`` by name, or None when it does not exist."""
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(out: Path) -> list[str]:
    """Siblings of ``out`` a run may have made (temporary folders, the backup)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f"{out.name}."))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_json(tmp_path, mini_data())


@pytest.fixture
def old(tmp_path: Path, data: Path) -> Snapshot:
    """A previous result set in tmp_path/out: English, JSON and CSV only."""
    result = cli("evaluate", MINI, data, "-o", tmp_path / "out", "--lang", "en", "--format", "json,csv")
    assert result.exit_code in (0, 1), result.output
    before = snapshot(tmp_path / "out")
    assert before is not None and sorted(before) == sorted(["results.json", "ranking.csv", "indicators.csv"])
    return before


@pytest.fixture(scope="module")
def new(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """What a successful run writes: Chinese, every format."""
    folder = tmp_path_factory.mktemp("reference")
    data = write_json(folder, mini_data())
    assert cli("evaluate", MINI, data, "-o", folder / "out").exit_code in (0, 1)
    written = snapshot(folder / "out")
    assert written is not None and sorted(written) == sorted(ALL)
    return written


def fail_at(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, k: int, error: BaseException) -> list[int]:
    """Make ``owner.name`` raise ``error`` at its k-th call (then work again); returns the call counter."""
    real = getattr(owner, name)
    calls = [0]

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == k:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, broken)
    return calls


def evaluate_new(tmp_path: Path, data: Path) -> Any:
    return cli("evaluate", MINI, data, "-o", tmp_path / "out")


def enospc() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def efbig() -> OSError:
    return OSError(errno.EFBIG, "File too large")


ERRORS: dict[str, tuple[Callable[[], BaseException], int]] = {
    "enospc": (enospc, EXIT_UNWRITABLE),
    "efbig": (efbig, EXIT_UNWRITABLE),
    "ctrl-c": (KeyboardInterrupt, EXIT_INTERRUPTED),
}


# --- faults at every step of writing: the old set stays whole ------------------------------------


def test_the_write_steps_counted(tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps the fault cases below cover: one mkdir, five writes, seven fsyncs, one exchange."""
    counters = {
        name: fail_at(monkeypatch, owner, name, 0, RuntimeError())
        for owner, name in [(atomic.os, "mkdir"), (atomic.os, "write"), (atomic.os, "fsync"), (atomic, "exchange")]
    }
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert {name: c[0] for name, c in counters.items()} == {"mkdir": 1, "write": 5, "fsync": 7, "exchange": 1}


STEPS = [("write", k) for k in range(1, 6)] + [("fsync", k) for k in range(1, 6)] + [("mkdir", 1)]


@pytest.mark.parametrize("error", list(ERRORS))
@pytest.mark.parametrize(("call", "k"), STEPS, ids=[f"{c}-{k}" for c, k in STEPS])
def test_a_failed_write_keeps_the_old_set(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch, call: str, k: int, error: str
) -> None:
    make, code = ERRORS[error]
    fail_at(monkeypatch, atomic.os, call, k, make())
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == code, result.output
    assert snapshot(tmp_path / "out") == old
    assert leftovers(tmp_path / "out") == []
    assert "Traceback" not in result.output
    if code == EXIT_UNWRITABLE:
        shown = str(tmp_path / "out" / ALL[k - 1]) if call != "mkdir" else str(tmp_path / "out")
        assert shown in result.stderr, result.stderr  # the message names the file
        assert "无法写入结果" in result.stderr and "could not be written" in result.stderr
    else:
        assert "已中断" in result.stderr and "interrupted" in result.stderr


@pytest.mark.parametrize("error", list(ERRORS))
def test_a_failed_swap_keeps_the_old_set(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:
    make, code = ERRORS[error]
    fail_at(monkeypatch, atomic, "exchange", 1, make())
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == code, result.output
    assert snapshot(tmp_path / "out") == old
    assert leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("error", list(ERRORS))
@pytest.mark.parametrize("k", [1, 2])
def test_without_an_atomic_exchange_a_failed_rename_keeps_the_old_set(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch, k: int, error: str
) -> None:
    """Two renames (the old set to the backup, the new one in): a failure at either puts the old set back."""
    make, code = ERRORS[error]
    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)
    fail_at(monkeypatch, atomic.os, "rename", k, make())
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == code, result.output
    assert snapshot(tmp_path / "out") == old
    assert leftovers(tmp_path / "out") == []


def test_without_an_atomic_exchange_the_new_set_replaces_the_old(
    tmp_path: Path, data: Path, old: Snapshot, new: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert snapshot(tmp_path / "out") == new
    assert leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("error", list(ERRORS))
@pytest.mark.parametrize("step", ["write", "rename"])
def test_a_first_run_that_fails_leaves_nothing(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, step: str, error: str
) -> None:
    make, code = ERRORS[error]
    fail_at(monkeypatch, atomic.os, step, 1, make())
    result = cli("evaluate", MINI, data, "-o", tmp_path / "a" / "b" / "out")
    assert result.exit_code == code, result.output
    assert files_under(tmp_path) == ["data.json"]
    assert not (tmp_path / "a").exists()  # the parents it created are removed too


@pytest.mark.parametrize("error", list(ERRORS))
def test_a_failed_render_writes_nothing(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:
    """openpyxl writes temporary files while it renders: a full disk there is a write error too."""
    make, code = ERRORS[error]
    from targetrule.formats import results_xlsx

    fail_at(monkeypatch, results_xlsx, "workbook_bytes", 1, make())
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == code, result.output
    assert snapshot(tmp_path / "out") == old
    assert leftovers(tmp_path / "out") == []
    if code == EXIT_UNWRITABLE:
        assert str(tmp_path / "out" / "results.xlsx") in result.stderr


def test_an_interrupt_during_the_swap_waits_for_the_swap(
    tmp_path: Path, data: Path, old: Snapshot, new: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C while the folders are swapped is held until the swap is done: then the new set is whole."""
    real = atomic.exchange

    def interrupted_exchange(a: Path, b: Path) -> bool:
        os.kill(os.getpid(), signal.SIGINT)  # delivered to the command line's handler, not raised here
        return real(a, b)

    monkeypatch.setattr(atomic, "exchange", interrupted_exchange)
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == EXIT_INTERRUPTED
    assert snapshot(tmp_path / "out") == new
    assert leftovers(tmp_path / "out") == []


def test_interrupts_deferred_delivers_after_the_block() -> None:
    reached = []
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)
        reached.append(True)
    assert reached == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# --- outputs that are refused or need care --------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "inside"),
    [
        ("data-inside", "data.json"),
        ("data-named-like-a-result", "results.json"),
        ("scheme-inside", "mini.toml"),
        ("verified-inside", "verified.json"),
    ],
)
def test_an_input_inside_the_output_folder_is_refused(tmp_path: Path, case: str, inside: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    data = write_json(out if case.startswith("data") else tmp_path, mini_data(), "data.json")
    if case == "data-named-like-a-result":
        data = data.rename(out / "results.json")
    scheme = MINI
    extra: list[str | Path] = []
    if case == "scheme-inside":
        scheme = out / "mini.toml"
        shutil.copy(MINI, scheme)
    if case == "verified-inside":
        verified = out / "verified.json"
        verified.write_text("[]", encoding="utf-8")
        extra = ["--verified", verified]
    before = snapshot(out)
    result = cli("evaluate", scheme, data, "-o", out, "--format", "json,csv", *extra)
    assert result.exit_code == EXIT_USAGE, result.output
    assert inside in result.stderr and "拒绝写入" in result.stderr and "refusing to write" in result.stderr
    assert snapshot(out) == before
    assert leftovers(out) == []


def _replace_by_link(path: Path, target: Path) -> None:
    path.unlink()
    path.symlink_to(target)


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("notes", lambda out: (out / "notes.txt").write_text("mine")),
        ("hidden", lambda out: (out / ".keep").write_text("")),
        ("subfolder", lambda out: (out / "old-results").mkdir()),
        ("symlink-as-result", lambda out: _replace_by_link(out / "results.json", out.parent / "elsewhere.json")),
        ("folder-named-like-a-result", lambda out: (out / "report.html").mkdir()),
    ],
)
def test_a_folder_with_other_files_is_refused(
    tmp_path: Path, data: Path, old: Snapshot, case: str, make: Callable[[Path], Any]
) -> None:
    out = tmp_path / "out"
    make(out)
    before = files_under(tmp_path)
    result = cli("evaluate", MINI, data, "-o", out)
    assert result.exit_code == EXIT_USAGE, result.output
    assert "不是 targetrule 结果" in result.stderr and "not targetrule results" in result.stderr
    assert files_under(tmp_path) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("where", [".", "..", "here"])
def test_the_current_folder_and_its_parents_are_refused(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    target = tmp_path / "here" if where == "here" else Path(where)
    result = cli("evaluate", MINI, data, "-o", target)
    assert result.exit_code == EXIT_USAGE, result.output
    assert "当前文件夹" in result.stderr and "current folder" in result.stderr
    assert files_under(tmp_path) == ["data.json"]


def test_an_unwritable_folder_is_exit_4_naming_it(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_at(monkeypatch, atomic.os, "mkdir", 1, PermissionError(errno.EACCES, "Permission denied"))
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == EXIT_UNWRITABLE
    assert f"{tmp_path / 'out'}: 无法写入结果：Permission denied" in result.stderr
    assert files_under(tmp_path) == ["data.json"]


def test_an_unreadable_output_folder_is_exit_4_naming_it(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = os.scandir

    def unreadable(path: Any = ".") -> Any:
        if Path(path) == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(out))
        return real(path)

    monkeypatch.setattr(atomic.os, "scandir", unreadable)
    result = evaluate_new(tmp_path, data)
    assert result.exit_code == EXIT_UNWRITABLE, result.output
    assert f"{out}: 无法写入结果：Permission denied" in result.stderr
    monkeypatch.undo()
    assert snapshot(out) == old and leftovers(out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_exit_4(tmp_path: Path, data: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = cli("evaluate", MINI, data, "-o", parent / "out")
    finally:
        parent.chmod(0o700)
    assert result.exit_code == EXIT_UNWRITABLE
    assert str(parent / "out") in result.stderr


def test_an_empty_folder_is_filled_and_keeps_its_mode(tmp_path: Path, data: Path, new: Snapshot) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o750)
    assert cli("evaluate", MINI, data, "-o", out).exit_code in (0, 1)
    assert snapshot(out) == new
    assert out.stat().st_mode & 0o777 == 0o750


def test_a_symlinked_folder_stays_a_symlink(tmp_path: Path, data: Path, old: Snapshot, new: Snapshot) -> None:
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "out")
    assert cli("evaluate", MINI, data, "-o", link).exit_code in (0, 1)
    assert link.is_symlink() and snapshot(tmp_path / "out") == new


def test_result_files_get_the_ordinary_mode_and_the_umask_is_never_touched(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_umask(mask: int) -> int:
        raise AssertionError("os.umask changes the whole process")

    monkeypatch.setattr(os, "umask", no_umask)
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert cli("template", MINI, "--regions", write_regions(tmp_path), "-o", tmp_path / "t.xlsx").exit_code == 0
    ordinary = tmp_path / "ordinary"
    ordinary.write_bytes(b"")  # created by open(): mode 0o666 less the umask
    expected = ordinary.stat().st_mode & 0o777
    for path in [*(tmp_path / "out").iterdir(), tmp_path / "t.xlsx"]:
        assert path.stat().st_mode & 0o777 == expected, path


def write_regions(folder: Path) -> Path:
    path = folder / "regions.csv"
    path.write_text("id,name,kind,parent\njia,甲市,city,\nyi,乙市,city,\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("error", list(ERRORS))
def test_a_failed_template_keeps_the_old_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:
    make, code = ERRORS[error]
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"old workbook")
    regions = write_regions(tmp_path)
    fail_at(monkeypatch, atomic.os, "write", 1, make())
    result = cli("template", MINI, "--regions", regions, "-o", target, "--force")
    assert result.exit_code == code, result.output
    assert target.read_bytes() == b"old workbook"
    assert files_under(tmp_path) == ["regions.csv", "t.xlsx"]
    if code == EXIT_UNWRITABLE:
        assert str(target) in result.stderr


# --- what a killed run leaves, the next run puts right ---------------------------------------------


def _dead_pid() -> int:
    for pid in range(4_194_000, 4_194_300):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            continue
    pytest.skip("no free pid found")


def test_a_backup_without_the_folder_is_restored_first(
    tmp_path: Path, data: Path, old: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between the two renames: the old set waits at OUT.targetrule-backup. A next run that
    fails leaves it back at OUT; one that succeeds replaces it."""
    out = tmp_path / "out"
    out.rename(atomic.backup_path(out))
    fail_at(monkeypatch, atomic.os, "write", 1, enospc())
    assert evaluate_new(tmp_path, data).exit_code == EXIT_UNWRITABLE
    assert snapshot(out) == old
    assert leftovers(out) == []


def test_a_backup_beside_the_folder_is_removed(tmp_path: Path, data: Path, old: Snapshot, new: Snapshot) -> None:
    out = tmp_path / "out"
    shutil.copytree(out, atomic.backup_path(out))  # killed after the swap, before the backup was removed
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert snapshot(out) == new
    assert leftovers(out) == []


def test_a_backup_holding_other_files_is_never_removed(tmp_path: Path, data: Path, old: Snapshot) -> None:
    out = tmp_path / "out"
    backup = atomic.backup_path(out)
    backup.mkdir()
    (backup / "mine.txt").write_text("not a result")
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert (backup / "mine.txt").read_text() == "not a result"


@pytest.mark.parametrize(
    ("case", "removed"), [("dead-run", True), ("live-run", False), ("dead-run-other-files", False)]
)
def test_temporary_folders_of_dead_runs_are_removed(
    tmp_path: Path, data: Path, old: Snapshot, case: str, removed: bool
) -> None:
    pid = os.getppid() if case == "live-run" else _dead_pid()
    stale = tmp_path / f"out{atomic.TEMP_MARK}{pid}-0badf00d"
    stale.mkdir()
    (stale / "results.json").write_bytes(b"{}")
    if case == "dead-run-other-files":
        (stale / "mine.txt").write_text("keep me")
    assert evaluate_new(tmp_path, data).exit_code in (0, 1)
    assert stale.exists() is not removed


# --- real processes: SIGINT at many points, a real ulimit -f ---------------------------------------


def _console(*args: str | Path) -> list[str]:
    script = Path(sys.executable).parent / "targetrule"
    if script.exists():
        return [str(script), *map(str, args)]
    return [sys.executable, "-c", "import _targetrule_entry; _targetrule_entry.run()", *map(str, args)]


def _digest(folder: Path) -> dict[str, str] | None:
    found = snapshot(folder)
    return None if found is None else {k: hashlib.sha256(v).hexdigest() for k, v in found.items()}


ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def test_sigint_at_many_points_leaves_the_old_set_or_the_new(tmp_path: Path) -> None:
    """Ctrl-C from 0 to 1.3 s into `evaluate --example` (about 0.7 s alone): the complete old set or the
    complete new one (exit 130 with the old set, or with the new one when Ctrl-C came as it was
    swapped in; exit 0 with the new one); never a traceback, never a temporary folder."""
    out, saved = tmp_path / "out", tmp_path / "saved"
    first = subprocess.run(
        _console("evaluate", "jilin-2007", "--example", "-o", saved, "--lang", "en", "--format", "csv,xlsx"),
        capture_output=True,
        env=ENV,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    old_set = _digest(saved)
    outcomes = []
    for step in range(14):
        delay = step * 0.1
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(saved, out)
        child = subprocess.Popen(
            _console("evaluate", "jilin-2007", "--example", "-o", out),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        stderr = err.decode("utf-8", "replace")
        state = _digest(out)
        assert "Traceback" not in stderr, (delay, stderr)
        assert leftovers(out) == [], (delay, leftovers(out))
        complete_new = state is not None and sorted(state) == sorted(ALL)
        assert state == old_set or complete_new, (delay, child.returncode, state and sorted(state))
        if child.returncode == EXIT_INTERRUPTED:
            assert "已中断" in stderr and "interrupted" in stderr
        elif child.returncode != 0:
            # killed by the signal itself, before Python installs its handler (nothing ran) or after
            # it restored the default one at exit (everything ran): a shell shows 130 too
            assert child.returncode == -signal.SIGINT and stderr == "", (delay, child.returncode, stderr)
        outcomes.append((child.returncode, "old" if state == old_set else "new"))
    assert (EXIT_INTERRUPTED, "old") in outcomes, outcomes  # the loop did interrupt runs mid-way


def _limited(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(
    ("formats", "limit", "failing"),
    [
        ("json", 100_000, "results.json"),  # the first file written is too large
        ("csv,json", 200_000, "results.json"),  # two written into the fresh folder, the third is too large
        ("csv,xlsx", 150_000, "results.xlsx"),  # openpyxl's own temporary file while rendering
    ],
)
def test_a_real_file_size_limit_is_exit_4_naming_the_file(
    tmp_path: Path, formats: str, limit: int, failing: str
) -> None:
    out = tmp_path / "out"
    first = subprocess.run(
        _console("evaluate", "jilin-2007", "--example", "-o", out, "--format", "csv"),
        capture_output=True,
        env=ENV,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    before = _digest(out)
    run = subprocess.run(
        _console("evaluate", "jilin-2007", "--example", "-o", out, "--format", formats),
        capture_output=True,
        env={**ENV, "TARGETRULE_LOG_DIR": str(tmp_path / "logs")},
        preexec_fn=_limited(limit),
        check=False,
    )
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == EXIT_UNWRITABLE, stderr
    assert f"{out / failing}: 无法写入结果" in stderr and "could not be written" in stderr
    assert "Traceback" not in stderr
    assert _digest(out) == before
    assert leftovers(out) == []
