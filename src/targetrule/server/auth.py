"""The optional bearer token: compared in constant time; ``/healthz`` is always open."""

from __future__ import annotations

import hmac

from targetrule.server.errors import ApiError
from targetrule.text import Label

OPEN_PATHS = frozenset({"/healthz"})


def check_token(expected: bytes | None, path: str, authorization: str | None) -> None:
    """Raise 401 unless no token is configured, the path is open, or the header carries the token."""
    if expected is None or path in OPEN_PATHS:
        return
    if not authorization:
        raise ApiError(
            401,
            "auth.missing",
            Label("缺少令牌：请加 Authorization: Bearer 头", "missing token: send Authorization: Bearer"),
        )
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8", "replace"), expected):
        raise ApiError(401, "auth.invalid", Label("令牌错误", "wrong token"))
