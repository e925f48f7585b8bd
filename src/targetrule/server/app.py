"""The Starlette application: the routes, the JSON errors, the guard around it all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from targetrule.server import api, page
from targetrule.server.config import Limits
from targetrule.server.errors import ApiError, error_document, json_bytes, library_error
from targetrule.server.guard import Guard, internal_error
from targetrule.server.service import Service
from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.engine import Engine

ROUTES = [
    Route("/", page.form_page, methods=["GET"]),
    Route("/", page.result_page, methods=["POST"]),
    Route("/healthz", api.healthz, methods=["GET"]),
    Route("/openapi.json", api.openapi, methods=["GET"]),
    Route("/plugins", api.plugins, methods=["GET"]),
    Route("/schemes", api.schemes, methods=["GET"]),
    Route("/schemes/{scheme:path}", api.scheme, methods=["GET"]),
    Route("/indicators", api.indicators, methods=["GET"]),
    Route("/template/{scheme:path}", api.template, methods=["GET"]),
    Route("/validate", api.validate, methods=["POST"]),
    Route("/evaluate", api.evaluate, methods=["POST"]),
    Route("/explain", api.explain, methods=["POST"]),
    Route("/report", api.report, methods=["POST"]),
]


def _json_error(error: ApiError) -> Response:
    body = json_bytes(error_document(error.code, error.message, error.findings))
    return Response(body, status_code=error.status, media_type="application/json")


async def on_api_error(request: Request, exc: Exception) -> Response:
    """An :class:`ApiError` as its status and JSON body."""
    assert isinstance(exc, ApiError)
    response = _json_error(exc)
    if exc.status == 401:
        response.headers["www-authenticate"] = 'Bearer realm="targetrule"'
    return response


async def on_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (no such route, a method not allowed) as JSON."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = Label(f"没有这个地址：{request.url.path}", f"no such endpoint: {request.url.path}")
        return _json_error(ApiError(404, "route.unknown", message))
    if exc.status_code == 405:
        return _json_error(
            ApiError(
                405, "route.method", Label(f"该地址不接受 {request.method}", f"{request.method} is not allowed here")
            )
        )
    return _json_error(ApiError(exc.status_code, "http.error", Label(str(exc.detail), str(exc.detail))))


async def on_data_error(request: Request, exc: Exception) -> Response:
    """The library's errors about the posted data: unreadable (400), unusable (400), an extra missing (501)."""
    return _json_error(library_error(exc))


async def on_bug(request: Request, exc: Exception) -> Response:
    """Anything else is a bug: JSON 500 here; the guard logs the traceback."""
    return _json_error(internal_error())


def create_app(engine: Engine, limits: Limits | None = None, token: bytes | None = None) -> Guard:
    """The ASGI application serving ``engine``'s schemes (loaded now) within ``limits``, behind ``token`` if given."""
    from targetrule.findings import FindingsError
    from targetrule.formats.errors import DataFileError, MissingExtraError

    limits = limits if limits is not None else Limits()
    app = Starlette(
        routes=ROUTES,
        exception_handlers={
            ApiError: on_api_error,
            HTTPException: on_http_error,
            DataFileError: on_data_error,
            MissingExtraError: on_data_error,
            FindingsError: on_data_error,
            Exception: on_bug,
        },
    )
    app.state.service = Service(engine, limits)
    return Guard(app, limits, token)
