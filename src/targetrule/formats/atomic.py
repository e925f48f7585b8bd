"""Atomic writes: a temporary file in the same folder, then ``os.replace``; never over an input file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from targetrule.formats.errors import OutputRefusedError
from targetrule.text import Label


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_not_input(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse ``target`` when it is one of the ``inputs`` (same file, whatever the spelling of the path)."""
    for source in inputs:
        if _same_file(target, source) or target.resolve() == Path(source).resolve():
            raise OutputRefusedError(
                str(target),
                Label(
                    "拒绝写入：该文件是输入文件，会被覆盖",
                    "refusing to write: this file is an input and would be overwritten",
                ),
            )


def write_atomic(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename it into place."""
    check_not_input(target, inputs)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _MODE)  # mkstemp creates 0600; results are ordinary files
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, bytes], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every rendered file, each atomically, after checking that none is an input; return the paths."""
    sources = list(inputs)
    for target in files:
        check_not_input(target, sources)
    for target, data in files.items():
        write_atomic(target, data, sources)
    return list(files)
