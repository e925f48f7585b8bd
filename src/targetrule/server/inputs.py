"""What a request posts: a submissions JSON body, a CSV or xlsx body, or one file in a multipart form.

The data is read by the same readers, with the same limits, as the command line
(:func:`targetrule.formats.read.read_data`): it is written to a file of a fixed name in a fresh
private temporary folder, read, and the folder removed. Nothing the client sends (a file name,
a scheme id) ever becomes a path.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from attrs import frozen
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from targetrule.server.errors import ApiError, bad_request, unknown_scheme
from targetrule.text import Label, Lang

if TYPE_CHECKING:
    from targetrule.formats.loaded import LoadedData
    from targetrule.scheme import Scheme

Kind = Literal["json", "csv", "xlsx"]
SUFFIXES: Mapping[str, Kind] = {".json": "json", ".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
MEDIA_TYPES: Mapping[str, Kind] = {
    "application/json": "json",
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
UPLOAD_NAMES: Mapping[Kind, str] = {"json": "upload.json", "csv": "upload.csv", "xlsx": "upload.xlsx"}
FORM_FIELDS = ("scheme", "mode", "lang", "region", "target")


@frozen
class Posted:
    """The data a request carries, its kind, and the form's other fields (a multipart form only)."""

    kind: Kind
    data: bytes
    fields: Mapping[str, str]


def media_type(request: Request) -> str:
    """The request's media type without parameters, lower case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def posted_data(request: Request, max_bytes: int) -> Posted:
    """The data in the body: JSON, CSV, xlsx, or a multipart form with one ``file``; 415 for anything else."""
    kind_of = media_type(request)
    if kind_of == "multipart/form-data":
        return await _from_form(request, max_bytes)
    kind = MEDIA_TYPES.get(kind_of) or ("json" if kind_of.endswith("+json") else None)
    if kind is None:
        raise ApiError(
            415,
            "body.media_type",
            Label(
                f"不支持的内容类型 {kind_of or '（无）'}：应为 application/json、text/csv、xlsx 或 multipart/form-data",
                f"unsupported content type {kind_of or '(none)'}: "
                "send application/json, text/csv, xlsx or multipart/form-data",
            ),
        )
    data = await request.body()
    if not data:
        raise bad_request("body.empty", "请求体是空的", "the request body is empty")
    return Posted(kind, data, {})


async def _from_form(request: Request, max_bytes: int) -> Posted:
    try:
        form = await request.form(max_files=1, max_fields=len(FORM_FIELDS) + 1, max_part_size=max_bytes)
    except (MultiPartException, HTTPException) as exc:  # Starlette turns the parser's errors into a 400
        reason = exc.message if isinstance(exc, MultiPartException) else exc.detail
        raise bad_request("body.multipart", f"无法解析上传的表单：{reason}", f"malformed upload: {reason}") from None
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise bad_request("upload.missing", "表单中没有文件（字段 file）", "the form holds no file (field 'file')")
        kind = SUFFIXES.get(Path(upload.filename or "").suffix.lower()) or MEDIA_TYPES.get(
            (upload.content_type or "").split(";")[0].strip().lower()
        )
        if kind is None:
            raise ApiError(
                415,
                "upload.type",
                Label("上传的文件应为 .json、.csv 或 .xlsx", "the uploaded file must be .json, .csv or .xlsx"),
            )
        data = await upload.read()
        if not data:
            raise bad_request("body.empty", "上传的文件是空的", "the uploaded file is empty")
        fields = {name: value for name in FORM_FIELDS if isinstance(value := form.get(name), str)}
        return Posted(kind, data, fields)
    finally:
        await form.close()


def parameter(request: Request, posted: Posted | None, name: str) -> str | None:
    """A parameter from the query string, else from the posted form."""
    value = request.query_params.get(name)
    if value is None and posted is not None:
        value = posted.fields.get(name)
    return value or None


def chosen_scheme(schemes: Mapping[str, Scheme], name: str | None) -> Scheme:
    """The scheme by id, from those loaded at start; 400 when none is named, 404 when unknown."""
    if name is None:
        raise bad_request("scheme.missing", "请给出方案：?scheme=ID", "name the scheme: ?scheme=ID")
    scheme = schemes.get(name)
    if scheme is None:
        raise unknown_scheme(name, sorted(schemes))
    return scheme


def chosen_mode(value: str | None) -> Literal["strict", "lenient"]:
    """``strict`` (the default) or ``lenient``."""
    if value in (None, "strict"):
        return "strict"
    if value == "lenient":
        return "lenient"
    raise bad_request(
        "mode.unknown", f"未知的模式 {value!r}：应为 strict 或 lenient", f"unknown mode {value!r}: strict or lenient"
    )


def chosen_lang(value: str | None) -> Lang:
    """``zh`` (the default) or ``en``."""
    if value in (None, "zh"):
        return "zh"
    if value == "en":
        return "en"
    raise bad_request("lang.unknown", f"未知的语言 {value!r}：应为 zh 或 en", f"unknown language {value!r}: zh or en")


def read_posted(posted: Posted, scheme: Scheme, max_regions: int) -> LoadedData:
    """Read the posted data as the command line reads a file (in a worker thread: it may be slow)."""
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.read import read_data

    name = UPLOAD_NAMES[posted.kind]
    with tempfile.TemporaryDirectory(prefix="targetrule-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(posted.data)
        try:
            loaded = read_data(path, scheme)
        except DataFileError as exc:  # name the upload, not the temporary folder
            raise DataFileError(exc.where.replace(str(path), name), exc.message) from None
    count = len(loaded.submissions.regions)
    if count > max_regions:
        raise ApiError(
            413,
            "limit.regions",
            Label(
                f"数据有 {count} 个地区，超过 {max_regions} 个的上限",
                f"the data holds {count} regions, above the limit of {max_regions}",
            ),
        )
    return loaded
