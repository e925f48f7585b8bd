"""The server's configuration: where it listens, its limits and its optional bearer token."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from attrs import frozen

from targetrule.text import Label

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_MAX_BODY_MB = 5.0
DEFAULT_MAX_REGIONS = 1000
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_WORKERS = 4
LIBRARIES = ("starlette", "uvicorn", "multipart", "jinja2")


@frozen
class Limits:
    """What one request may cost: body size, regions, seconds of evaluation, evaluations at once."""

    max_body_bytes: int = int(DEFAULT_MAX_BODY_MB * 1024 * 1024)
    max_regions: int = DEFAULT_MAX_REGIONS
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    workers: int = DEFAULT_WORKERS


class TokenFileError(ValueError):
    """The token file cannot be read, or holds no token."""

    def __init__(self, path: Path, message: Label) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message.en}")


def read_token(path: Path) -> bytes:
    """The bearer token in ``path`` (its first line, surrounding spaces removed), as UTF-8 bytes."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TokenFileError(path, Label("令牌文件不存在", "the token file does not exist")) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise TokenFileError(
            path, Label(f"无法读取令牌文件（{reason}）", f"cannot read the token file ({reason})")
        ) from None
    lines = text.strip().splitlines()
    token = lines[0].strip() if lines else ""
    if len(token) < 16:
        raise TokenFileError(
            path,
            Label("令牌文件应含一个至少 16 个字符的令牌", "the token file must hold a token of at least 16 characters"),
        )
    return token.encode("utf-8")


def missing_libraries() -> list[str]:
    """The server's libraries that are not installed (``pip install "targetrule[server]"`` brings them)."""
    return [name for name in LIBRARIES if importlib.util.find_spec(name) is None]
