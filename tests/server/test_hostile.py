"""Hostile requests: each gets its status and a bilingual JSON error ``{code, message: {zh, en}, findings}``."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from tests.server.conftest import EXAMPLE, TOKEN, Server, example, many_regions


def error_of(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The JSON error of ``answer``, checked for its status, code and shape."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = answer.json()
    assert set(error) == {"code", "message", "findings"}
    assert error["code"] == code
    assert error["message"]["zh"] and error["message"]["en"]
    return error


@pytest.mark.parametrize(
    "path",
    [
        "/schemes/..%2F..%2Fetc%2Fpasswd",
        "/schemes/%2Fetc%2Fpasswd",
        "/template/..%2F..%2Fetc%2Fpasswd",
        "/schemes/jilin-2007.toml",
        "/indicators?scheme=../../etc/passwd",
        "/indicators?scheme=/etc/passwd",
        "/indicators?scheme=src/targetrule/schemes/jilin-2007.toml",
    ],
)
def test_path_like_scheme_ids_are_unknown_schemes(server: Server, path: str) -> None:
    with server.client() as client:
        error = error_of(client.get(path), 404, "scheme.unknown")
    assert "jilin-2007" in error["message"]["en"]  # the schemes there are


def test_path_like_scheme_ids_never_read_a_file_when_posting(server: Server) -> None:
    with server.client() as client:
        for name in ("../../etc/passwd", "/etc/passwd", "src/targetrule/schemes/jilin-2007.toml"):
            error_of(client.post("/evaluate", params={"scheme": name}, json=example()), 404, "scheme.unknown")


def test_a_path_that_leaves_the_routes_is_404_json(server: Server) -> None:
    with server.client() as client:
        error_of(client.get("/schemes/../../etc/passwd"), 404, "route.unknown")  # httpx normalises: /etc/passwd
        error_of(client.get("/static/../../etc/passwd"), 404, "route.unknown")
        error_of(client.delete("/schemes"), 405, "route.method")


def test_bad_parameters_are_400(server: Server) -> None:
    with server.client() as client:
        error_of(client.post("/evaluate", json=example()), 400, "scheme.missing")
        error_of(client.post("/evaluate?scheme=jilin-2007&mode=loose", json=example()), 400, "mode.unknown")
        error_of(client.post("/report?scheme=jilin-2007&lang=fr", json=example()), 400, "lang.unknown")
        error_of(client.post("/explain?scheme=jilin-2007", json=example()), 400, "region.missing")
        error_of(client.get("/indicators"), 400, "scheme.missing")


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b"{not json", "upload.json"),
        (b"[1, 2", "upload.json"),
        (b"42", "upload.json"),
        (b"\xff\xfe\x00{", "upload.json"),
        (b"[" * 10_000 + b"]" * 10_000, "upload.json"),
    ],
)
def test_unreadable_json_is_400_naming_the_upload(server: Server, body: bytes, where: str) -> None:
    with server.client() as client:
        answer = client.post("/evaluate?scheme=jilin-2007", content=body, headers={"content-type": "application/json"})
    error = error_of(answer, 400, "data.unreadable")
    assert error["message"]["en"].startswith(where)
    assert "/tmp" not in json.dumps(error) and "targetrule-upload" not in json.dumps(error)


def test_an_empty_body_is_400(server: Server) -> None:
    with server.client() as client:
        error_of(
            client.post("/evaluate?scheme=jilin-2007", content=b"", headers={"content-type": "application/json"}),
            400,
            "body.empty",
        )


def test_a_workbook_that_is_not_one_is_400(server: Server) -> None:
    with server.client() as client:
        answer = client.post("/evaluate?scheme=jilin-2007", files={"file": ("return.xlsx", b"PK\x03\x04 not a zip")})
    error = error_of(answer, 400, "data.unreadable")
    assert "xlsx" in error["message"]["en"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream", ""]
)
def test_wrong_content_types_are_415(server: Server, content_type: str) -> None:
    with server.client() as client:
        answer = client.post(
            "/evaluate?scheme=jilin-2007", content=EXAMPLE.read_bytes(), headers={"content-type": content_type}
        )
    error_of(answer, 415, "body.media_type")


def test_an_upload_of_another_type_is_415(server: Server) -> None:
    with server.client() as client:
        answer = client.post("/evaluate?scheme=jilin-2007", files={"file": ("return.exe", b"MZ\x90\x00")})
    error_of(answer, 415, "upload.type")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\ncontent-disposition: form-data; name=file\r\n\r\nabc"),  # no boundary
        ("multipart/form-data; boundary=xyz", b"garbage without any boundary"),
        ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\n{"a": 1}'),
    ],
)
def test_malformed_multipart_is_400(server: Server, content_type: str, body: bytes) -> None:
    with server.client() as client:
        answer = client.post("/evaluate?scheme=jilin-2007", content=body, headers={"content-type": content_type})
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] in ("body.multipart", "upload.missing")


def test_a_form_without_a_file_is_400(server: Server) -> None:
    with server.client() as client:
        answer = client.post(
            "/evaluate", data={"scheme": "jilin-2007", "file": "not a file"}, files={"other": ("a.json", b"{}")}
        )
    error_of(answer, 400, "upload.missing")


def test_a_token_missing_or_wrong_is_401(guarded: Server) -> None:
    with guarded.client() as client:
        error_of(client.get("/schemes"), 401, "auth.missing")
        error_of(client.get("/"), 401, "auth.missing")
        assert client.get("/healthz").status_code == 200  # open: for the load balancer's checks
    with guarded.client(token="wrong-" + TOKEN) as client:
        answer = client.get("/schemes")
        error_of(answer, 401, "auth.invalid")
        assert answer.headers["www-authenticate"].startswith("Bearer")
    with guarded.client(token=TOKEN[:-1]) as client:
        error_of(client.get("/schemes"), 401, "auth.invalid")
    with httpx.Client(base_url=guarded.url, headers={"authorization": f"Basic {TOKEN}"}) as client:
        error_of(client.get("/schemes"), 401, "auth.invalid")
    with guarded.client(token=TOKEN) as client:
        assert client.get("/schemes").status_code == 200


def test_oversized_bodies_are_413(guarded: Server) -> None:
    big = json.dumps(many_regions(200)).encode()  # about 1 MB, above the 0.1 MB limit
    assert len(big) > 200_000
    with guarded.client(token=TOKEN) as client:
        declared = client.post("/evaluate?scheme=jilin-2007", content=big, headers={"content-type": "application/json"})
        streamed = client.post(
            "/evaluate?scheme=jilin-2007",
            content=iter([big[i : i + 65536] for i in range(0, len(big), 65536)]),  # chunked: no Content-Length
            headers={"content-type": "application/json"},
        )
        uploaded = client.post("/evaluate?scheme=jilin-2007", files={"file": ("big.json", big)})
    for answer in (declared, streamed, uploaded):
        error_of(answer, 413, "limit.body")


def test_too_many_regions_is_413(guarded: Server) -> None:
    with guarded.client(token=TOKEN) as client:
        error = error_of(client.post("/evaluate?scheme=jilin-2007", json=many_regions(6)), 413, "limit.regions")
        assert client.post("/evaluate?scheme=jilin-2007", json=many_regions(5)).status_code == 200
    assert "6" in error["message"]["en"] and "5" in error["message"]["en"]


def test_an_evaluation_over_the_time_limit_is_504(hasty: Server) -> None:
    # 1000 regions of the full scheme take well over 0.1 s (docs/benchmark.md: about 3,500 regions/s on one core)
    with hasty.client() as client:
        answer = client.post("/evaluate?scheme=jilin-2007", json=many_regions(1000))
        error_of(answer, 504, "limit.time")
        assert client.get("/healthz").status_code == 200  # the server still answers


def test_no_free_worker_in_time_is_503_and_a_worker_overrunning_is_504() -> None:
    import threading

    import anyio

    from targetrule.server.config import Limits
    from targetrule.server.errors import ApiError
    from targetrule.server.work import Workers

    release = threading.Event()
    workers = Workers(Limits(workers=1, timeout_seconds=0.2))
    statuses: list[int] = []

    async def attempt() -> None:
        try:
            await workers.run(lambda: release.wait(5))
        except ApiError as error:
            statuses.append(error.status)

    async def both() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(attempt)
            await anyio.sleep(0.05)  # the first holds the only worker
            group.start_soon(attempt)

    anyio.run(both)
    release.set()
    assert sorted(statuses) == [503, 504]


def test_an_unexpected_error_is_500_json_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    from targetrule import Engine
    from targetrule.server.app import create_app

    app = create_app(Engine())

    class Broken:
        def evaluate(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("planted bug")

    app.app.state.service.engine = Broken()  # type: ignore[attr-defined]
    transport = httpx.ASGITransport(app=app)

    async def post() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/evaluate?scheme=jilin-2007", json=example())

    import anyio

    with caplog.at_level(logging.ERROR, logger="targetrule.server.error"):
        answer = anyio.run(post)
    error = error_of(answer, 500, "server.internal")
    assert "planted" not in json.dumps(error)  # no internals to the client
    assert "planted bug" in caplog.text  # the traceback is in the log


def test_a_missing_library_is_501_json(monkeypatch: pytest.MonkeyPatch) -> None:
    import anyio

    from targetrule import Engine
    from targetrule.formats.errors import MissingExtraError
    from targetrule.server.app import create_app

    def missing() -> Any:
        raise MissingExtraError("xlsx", "openpyxl")

    monkeypatch.setattr("targetrule.formats.template_xlsx.openpyxl_module", missing)
    transport = httpx.ASGITransport(app=create_app(Engine()))

    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/template/jilin-2007")

    error = error_of(anyio.run(get), 501, "server.missing_extra")
    assert "targetrule[xlsx]" in error["message"]["en"]
