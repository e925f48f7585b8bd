"""``targetrule serve`` refuses, with a bilingual message and an exit code, before anything listens."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from targetrule.cli import main


def serve(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["serve", *args])
    return result.exit_code, result.output


def test_a_missing_token_file_is_exit_3(tmp_path: Path) -> None:
    code, output = serve("--token-file", str(tmp_path / "none.txt"))
    assert code == 3
    assert "令牌文件不存在" in output and "the token file does not exist" in output


@pytest.mark.parametrize("text", ["", "\n\n", "short\n"])
def test_a_token_shorter_than_16_characters_is_refused(tmp_path: Path, text: str) -> None:
    token = tmp_path / "token.txt"
    token.write_text(text, encoding="utf-8")
    code, output = serve("--token-file", str(token))
    assert code == 3 and "at least 16 characters" in output


def test_the_token_is_the_first_line_without_spaces(tmp_path: Path) -> None:
    from targetrule.server.config import read_token

    token = tmp_path / "token.txt"
    token.write_text("  0123456789abcdef-token  \nsecond line\n", encoding="utf-8")
    assert read_token(token) == b"0123456789abcdef-token"


def test_without_the_server_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("targetrule.server.config.missing_libraries", lambda: ["starlette", "uvicorn"])
    code, output = serve()
    assert code == 2
    assert 'pip install "targetrule[server]"' in output and "starlette, uvicorn" in output


def test_bad_limits_are_usage_errors() -> None:
    assert serve("--max-regions", "0")[0] == 2
    assert serve("--port", "70000")[0] == 2
    assert serve("--timeout", "0")[0] == 2
