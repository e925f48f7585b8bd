"""Every error the server answers is JSON: ``{code, message: {zh, en}, findings}`` with the fitting status."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from targetrule.text import Label

if TYPE_CHECKING:
    from targetrule.findings import Finding


class ApiError(Exception):
    """A request answered with an HTTP status and a bilingual JSON error."""

    def __init__(self, status: int, code: str, message: Label, findings: Sequence[Finding] = ()) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.findings = tuple(findings)
        super().__init__(f"{status} {code}: {message.en}")


def json_bytes(document: Any) -> bytes:
    """A JSON document as the command line prints it: Chinese kept readable, two-space indented, a final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def error_document(code: str, message: Label, findings: Sequence[Finding] = ()) -> dict[str, Any]:
    """The JSON body of an error."""
    from targetrule.plain_json import finding_to_dict

    return {
        "code": code,
        "message": {"zh": message.zh, "en": message.en},
        "findings": [finding_to_dict(f) for f in findings],
    }


def unknown_scheme(name: str, known: Sequence[str]) -> ApiError:
    """404 for a scheme id the server does not carry (never read as a path)."""
    listing = ", ".join(known) or "—"
    shown = name if len(name) <= 80 and name.isprintable() else repr(name[:80])
    return ApiError(
        404,
        "scheme.unknown",
        Label(f"没有方案 {shown}（可用的方案：{listing}）", f"no scheme {shown} (schemes: {listing})"),
    )


def bad_request(code: str, zh: str, en: str) -> ApiError:
    """400: the request itself is wrong (a parameter, a form field)."""
    return ApiError(400, code, Label(zh, en))


def library_error(exc: Exception) -> ApiError:
    """The library's error about posted data as an HTTP error: unreadable or unusable data 400, a missing extra 501."""
    from targetrule.findings import FindingsError
    from targetrule.formats.errors import DataFileError, MissingExtraError

    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, DataFileError):
        where = exc.where
        message = Label(f"{where}：{exc.message.zh}", f"{where}: {exc.message.en}") if where else exc.message
        return ApiError(400, "data.unreadable", message)
    if isinstance(exc, MissingExtraError):
        return ApiError(501, "server.missing_extra", exc.message)
    if isinstance(exc, FindingsError):
        return ApiError(400, "data.unusable", Label("无法使用该数据", "the data cannot be used"), exc.findings)
    raise TypeError(f"not an error about the data: {exc!r}")
