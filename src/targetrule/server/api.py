"""The JSON endpoints: what the command line prints with ``--json``, over HTTP, from the same functions."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from targetrule.server.errors import ApiError, json_bytes, unknown_scheme
from targetrule.server.inputs import UPLOAD_NAMES, chosen_lang, chosen_mode, chosen_scheme, parameter, posted_data
from targetrule.server.service import Service
from targetrule.text import Label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def service_of(request: Request) -> Service:
    """The service the app was built with."""
    service: Service = request.app.state.service
    return service


def json_response(document: Any, status: int = 200) -> Response:
    """A JSON document, Chinese kept readable, two-space indented as the command line prints it."""
    return Response(json_bytes(document), status_code=status, media_type="application/json")


async def healthz(request: Request) -> Response:
    """The server is up: its version, the plugins fixed at start and the schemes it carries."""
    from targetrule.formats.describe import plugins_json
    from targetrule.server.openapi import VERSION

    service = service_of(request)
    plugins = plugins_json(service.plugins)["plugins"]
    return json_response(
        {"schema": "targetrule.server.healthz/1", "status": "ok", "version": VERSION, "schemes": list(service.schemes)}
        | {"plugins": plugins}
    )


async def schemes(request: Request) -> Response:
    """The schemes the server carries: id, title, year, total points, whether a bundled example exists."""
    from targetrule.formats.describe import label_json

    service = service_of(request)
    return json_response(
        {
            "schema": "targetrule.server.schemes/1",
            "schemes": [
                {
                    "id": scheme.id,
                    "title": label_json(scheme.spec.title),
                    "year": scheme.spec.year,
                    "total_points": str(scheme.spec.total_points),
                }
                for scheme in service.schemes.values()
            ],
        }
    )


async def scheme(request: Request) -> Response:
    """One scheme in full, as ``targetrule scheme ID --json``."""
    from targetrule.formats.describe import scheme_json

    service = service_of(request)
    loaded = chosen_scheme(service.schemes, request.path_params["scheme"])
    return json_response(scheme_json(loaded))


async def plugins(request: Request) -> Response:
    """The plugins loaded at start, as ``targetrule plugins --json``."""
    from targetrule.formats.describe import plugins_json

    return json_response(plugins_json(service_of(request).plugins))


async def indicators(request: Request) -> Response:
    """A scheme's indicators, as ``targetrule indicators ID --json``."""
    from targetrule.formats.describe import indicators_json

    service = service_of(request)
    return json_response(indicators_json(chosen_scheme(service.schemes, parameter(request, None, "scheme"))))


async def validate(request: Request) -> Response:
    """Every finding in the posted data, as ``targetrule validate ID DATA --json`` (200 whatever it finds)."""
    from targetrule.formats.describe import validation_json

    service = service_of(request)
    posted = await posted_data(request, service.limits.max_body_bytes)
    loaded_scheme = chosen_scheme(service.schemes, parameter(request, posted, "scheme"))
    evaluation, _ = await service.evaluate(posted, loaded_scheme, "strict")
    return json_response(validation_json(loaded_scheme.id, UPLOAD_NAMES[posted.kind], evaluation))


async def evaluate(request: Request) -> Response:
    """The results (``targetrule.results/1``), byte for byte the CLI's results.json; 422: errors in strict mode."""
    from targetrule.formats.output_formats import render_results

    service = service_of(request)
    posted = await posted_data(request, service.limits.max_body_bytes)
    loaded_scheme = chosen_scheme(service.schemes, parameter(request, posted, "scheme"))
    mode = chosen_mode(parameter(request, posted, "mode"))
    evaluation, loaded = await service.evaluate(posted, loaded_scheme, mode)
    errors = [f for f in evaluation.findings if f.is_error]
    if mode == "strict" and errors:
        raise ApiError(
            422,
            "data.findings",
            Label(
                f"数据有 {len(errors)} 个错误，严格模式不排名（可用 mode=lenient）",
                f"the data has {len(errors)} errors; strict mode does not rank (try mode=lenient)",
            ),
            errors,
        )
    files = await service.run(
        lambda: render_results("json", evaluation, loaded_scheme, "zh", note=loaded.submissions.note)
    )
    return Response(files["results.json"], media_type="application/json")


async def explain(request: Request) -> Response:
    """Why one region scored as it did, overall or for one area or indicator, as ``targetrule explain --json``."""
    from targetrule.formats.explain_json import NotExplained, explanation_json

    service = service_of(request)
    posted = await posted_data(request, service.limits.max_body_bytes)
    loaded_scheme = chosen_scheme(service.schemes, parameter(request, posted, "scheme"))
    mode = chosen_mode(parameter(request, posted, "mode"))
    lang = chosen_lang(parameter(request, posted, "lang"))
    region = parameter(request, posted, "region")
    if region is None:
        raise ApiError(400, "region.missing", Label("请给出地区：?region=ID", "name the region: ?region=ID"))
    evaluation, _ = await service.evaluate(posted, loaded_scheme, mode)
    target = parameter(request, posted, "target")
    try:
        document = await service.run(lambda: explanation_json(evaluation, loaded_scheme, region, target, lang))
    except NotExplained as exc:
        raise ApiError(404, "explain.not_found", exc.message) from None
    return json_response(document)


async def report(request: Request) -> Response:
    """The HTML report of the posted data (findings included), in zh or en."""
    from targetrule.formats.output_formats import render_results

    service = service_of(request)
    posted = await posted_data(request, service.limits.max_body_bytes)
    loaded_scheme = chosen_scheme(service.schemes, parameter(request, posted, "scheme"))
    mode = chosen_mode(parameter(request, posted, "mode"))
    lang = chosen_lang(parameter(request, posted, "lang"))
    evaluation, loaded = await service.evaluate(posted, loaded_scheme, mode)
    files = await service.run(
        lambda: render_results("html", evaluation, loaded_scheme, lang, note=loaded.submissions.note)
    )
    return Response(files["report.html"], media_type="text/html; charset=utf-8")


async def template(request: Request) -> Response:
    """The xlsx data-entry template of a scheme, one row per region of its bundled example."""
    from targetrule.formats.errors import DataFileError
    from targetrule.formats.examples import example_path
    from targetrule.formats.regions_file import read_regions
    from targetrule.formats.template_xlsx import build_template

    service = service_of(request)
    name = request.path_params["scheme"]
    loaded_scheme = service.schemes.get(name)
    if loaded_scheme is None:
        raise unknown_scheme(name, sorted(service.schemes))
    try:
        source = example_path(loaded_scheme.id)
    except DataFileError as exc:
        raise ApiError(404, "template.no_regions", exc.message) from None
    workbook = await service.run(lambda: build_template(loaded_scheme, read_regions(source)))
    return Response(
        workbook,
        media_type=XLSX,
        headers={"content-disposition": f'attachment; filename="{loaded_scheme.id}-template.xlsx"'},
    )


async def openapi(request: Request) -> Response:
    """The OpenAPI 3.1 description of every route."""
    from targetrule.server.openapi import SPEC

    return json_response(SPEC)
