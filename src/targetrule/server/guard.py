"""Around every request: the bearer token, the body size limit, a JSON answer for every failure, an access log.

A plain ASGI middleware, outermost: a body longer than the limit is refused from its
``Content-Length`` before it is read, and a streamed body is cut off where it passes the limit.
The access log is one JSON line per request (method, path, status, sizes, milliseconds) and never
holds the submitted data, the query or the headers.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from targetrule.server.auth import check_token
from targetrule.server.config import Limits
from targetrule.server.errors import ApiError, error_document, json_bytes
from targetrule.text import Label

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("targetrule.server.access")
error_log = logging.getLogger("targetrule.server.error")


class BodyTooLarge(ApiError):
    """413: the request body is longer than the configured limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            "limit.body",
            Label(f"请求体超过 {limit} 字节的上限", f"the request body is larger than the limit of {limit} bytes"),
        )


async def send_error(send: Send, error: ApiError) -> None:
    """Answer with the error's status and JSON body."""
    body = json_bytes(error_document(error.code, error.message, error.findings))
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if error.status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="targetrule"'))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def internal_error() -> ApiError:
    """500: a bug; the traceback goes to the error log, never to the client."""
    return ApiError(
        500,
        "server.internal",
        Label("服务器内部错误（程序缺陷），已记录日志", "internal server error (a bug); it was logged"),
    )


class Guard:
    """Token, body limit, catch-all and access log for the wrapped ASGI app."""

    def __init__(self, app: ASGIApp, limits: Limits, token: bytes | None) -> None:
        self.app = app
        self.limits = limits
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one connection event (HTTP requests are guarded; lifespan passes through)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        record = {"status": 0, "bytes_in": 0, "bytes_out": 0}
        limit = self.limits.max_body_bytes

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                record["bytes_in"] += len(message.get("body", b""))
                if record["bytes_in"] > limit:
                    raise BodyTooLarge(limit)
            return message

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
            elif message["type"] == "http.response.body":
                record["bytes_out"] += len(message.get("body", b""))
            await send(message)

        try:
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            check_token(self.token, scope["path"], headers.get("authorization"))
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise BodyTooLarge(limit)
            await self.app(scope, counted_receive, logged_send)
        except ApiError as error:
            if record["status"] == 0:
                await send_error(logged_send, error)
        except Exception:
            error_log.exception("unexpected error serving %s %s", scope.get("method"), scope.get("path"))
            if record["status"] == 0:
                await send_error(logged_send, internal_error())
        finally:
            access_log.info(
                json.dumps(
                    {
                        "event": "request",
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": record["status"],
                        "bytes_in": record["bytes_in"],
                        "bytes_out": record["bytes_out"],
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "client": (scope.get("client") or ("", 0))[0],
                    },
                    ensure_ascii=False,
                )
            )
