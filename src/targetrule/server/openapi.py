"""The OpenAPI 3.1 description of the server, kept by hand beside the routes (a test holds the two together)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any


def _version() -> str:
    try:
        return version("targetrule")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "0"


VERSION = _version()

_ERROR = {"$ref": "#/components/schemas/Error"}
_JSON_DOC = {"type": "object", "description": "a versioned document: see its `schema` field"}


def _errors(*statuses: int) -> dict[str, Any]:
    texts = {
        400: "bad input (a parameter, unreadable or unusable data)",
        401: "token missing or wrong",
        404: "unknown scheme, region or target",
        413: "body or regions above the limit",
        415: "unsupported content type",
        422: "findings in strict mode",
        501: "an optional library is missing",
        503: "busy: no worker free in time",
        504: "the evaluation took too long",
    }
    return {
        str(status): {"description": texts[status], "content": {"application/json": {"schema": _ERROR}}}
        for status in statuses
    }


def _param(
    name: str, where: str, description: str, required: bool = False, enum: list[str] | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


SCHEME_QUERY = _param("scheme", "query", "scheme id (GET /schemes lists them); a form field in a multipart upload")
MODE = _param(
    "mode", "query", "strict (default) or lenient, as the command line's --lenient", enum=["strict", "lenient"]
)
LANG = _param("lang", "query", "language of the text: zh (default) or en", enum=["zh", "en"])
SCHEME_PATH = _param("scheme", "path", "scheme id", required=True)
_DATA_BODY: dict[str, Any] = {
    "required": True,
    "description": "the submissions: a JSON body, a CSV or xlsx body, or a multipart form with one `file`",
    "content": {
        "application/json": {"schema": {"type": "object"}},
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                    "scheme": {"type": "string"},
                    "mode": {"type": "string", "enum": ["strict", "lenient"]},
                    "lang": {"type": "string", "enum": ["zh", "en"]},
                    "region": {"type": "string"},
                    "target": {"type": "string"},
                },
            }
        },
    },
}
_AUTH: list[dict[str, list[str]]] = [{"bearer": []}]


def _json_ok(description: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {"schema": _JSON_DOC}}}}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "targetrule",
        "version": VERSION,
        "description": "目标责任制督查考评 over HTTP: validate, score, grade, rank and explain (docs/server.md).",
    },
    "security": _AUTH,
    "paths": {
        "/": {
            "get": {
                "summary": "the office page: choose a scheme, upload a return",
                "parameters": [LANG],
                "responses": {"200": {"description": "HTML page", "content": {"text/html": {}}}},
            },
            "post": {
                "summary": "the office page with the uploaded return checked",
                "requestBody": {
                    "required": True,
                    "content": {"multipart/form-data": _DATA_BODY["content"]["multipart/form-data"]},
                },
                "responses": {
                    "200": {"description": "HTML page", "content": {"text/html": {}}},
                    "default": {"description": "the form again with the error", "content": {"text/html": {}}},
                },
            },
        },
        "/healthz": {
            "get": {
                "summary": "liveness, version, the plugins fixed at start and the schemes",
                "security": [],
                "responses": _json_ok("targetrule.server.healthz/1"),
            }
        },
        "/openapi.json": {"get": {"summary": "this description", "responses": _json_ok("OpenAPI 3.1") | _errors(401)}},
        "/plugins": {
            "get": {
                "summary": "as `targetrule plugins --json`",
                "responses": _json_ok("targetrule.cli.plugins/1") | _errors(401),
            }
        },
        "/schemes": {
            "get": {
                "summary": "the schemes served",
                "responses": _json_ok("targetrule.server.schemes/1") | _errors(401),
            }
        },
        "/schemes/{scheme}": {
            "get": {
                "summary": "as `targetrule scheme ID --json`",
                "parameters": [SCHEME_PATH],
                "responses": _json_ok("targetrule.cli.scheme/1") | _errors(401, 404),
            }
        },
        "/indicators": {
            "get": {
                "summary": "as `targetrule indicators ID --json`",
                "parameters": [SCHEME_QUERY | {"required": True}],
                "responses": _json_ok("targetrule.cli.indicators/1") | _errors(400, 401, 404),
            }
        },
        "/template/{scheme}": {
            "get": {
                "summary": "the xlsx data-entry template, one row per region of the bundled example",
                "parameters": [SCHEME_PATH],
                "responses": {
                    "200": {
                        "description": "xlsx workbook",
                        "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}},
                    }
                }
                | _errors(401, 404),
            }
        },
        "/validate": {
            "post": {
                "summary": "every finding in the data, as `targetrule validate --json` (200 whatever is found)",
                "parameters": [SCHEME_QUERY],
                "requestBody": _DATA_BODY,
                "responses": _json_ok("targetrule.cli.validate/1") | _errors(400, 401, 404, 413, 415, 503, 504),
            }
        },
        "/evaluate": {
            "post": {
                "summary": "the results, byte for byte the command line's results.json",
                "parameters": [SCHEME_QUERY, MODE],
                "requestBody": _DATA_BODY,
                "responses": _json_ok("targetrule.results/1") | _errors(400, 401, 404, 413, 415, 422, 503, 504),
            }
        },
        "/explain": {
            "post": {
                "summary": "why a region scored so (overall, an area, an indicator): `targetrule explain --json`",
                "parameters": [
                    SCHEME_QUERY,
                    _param("region", "query", "region id or name", required=True),
                    _param("target", "query", "an area or indicator id (optional)"),
                    MODE,
                    LANG,
                ],
                "requestBody": _DATA_BODY,
                "responses": _json_ok("targetrule.cli.explain/1") | _errors(400, 401, 404, 413, 415, 503, 504),
            }
        },
        "/report": {
            "post": {
                "summary": "the HTML report of the data",
                "parameters": [SCHEME_QUERY, MODE, LANG],
                "requestBody": _DATA_BODY,
                "responses": {"200": {"description": "HTML report", "content": {"text/html": {}}}}
                | _errors(400, 401, 404, 413, 415, 501, 503, 504),
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "only when started with --token-file"}
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["code", "message", "findings"],
                "properties": {
                    "code": {"type": "string", "examples": ["scheme.unknown"]},
                    "message": {
                        "type": "object",
                        "required": ["zh", "en"],
                        "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
                    },
                    "findings": {"type": "array", "items": {"type": "object"}},
                },
            }
        },
    },
}
