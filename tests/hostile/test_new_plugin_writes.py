"""``new-plugin`` writes the whole distribution or nothing: a write that fails is exit 4 and leaves no folder."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import cli, files_under


@pytest.mark.parametrize("failing_write", [1, 3, 5])  # the first, a middle and the last of the five files
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EFBIG, errno.EACCES])
def test_a_failed_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int, error: int
) -> None:
    calls = {"n": 0}
    real = Path.write_text

    def write_text(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == failing_write:
            raise OSError(error, "injected", str(self))
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    result = cli("new-plugin", tmp_path / "hebei", "targetrule-hebei-2009")
    assert result.exit_code == 4, result.output
    assert "nothing was written" in result.output and "未写入任何文件" in result.output
    assert files_under(tmp_path) == []  # no plugin folder, no temporary folder
    assert not any(tmp_path.iterdir())


def test_an_empty_folder_given_is_filled_whole(tmp_path: Path) -> None:
    target = tmp_path / "hebei"
    target.mkdir()
    result = cli("new-plugin", target, "targetrule-hebei-2009")
    assert result.exit_code == 0, result.output
    assert "pyproject.toml" in files_under(target)
    assert [p.name for p in tmp_path.iterdir()] == ["hebei"]  # the fresh folder was renamed into place
