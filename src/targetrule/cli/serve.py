"""The ``serve`` command: the HTTP service and the office page (docs/server.md), on localhost unless told."""

from __future__ import annotations

from pathlib import Path

import click

from targetrule.cli.errors import EXIT_CODES_HELP, EXIT_UNREADABLE, Failure, usage
from targetrule.cli.options import common, selected_engine
from targetrule.formats.text_lang import say
from targetrule.text import Lang


@click.command(epilog=EXIT_CODES_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on / 监听地址.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port / 端口.")
@click.option(
    "--token-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File holding a bearer token every request must carry (/healthz excepted) / 访问令牌文件.",
)
@click.option(
    "--max-body-mb",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.001),
    help="Largest request body, MB / 请求体上限.",
)
@click.option(
    "--max-regions",
    default=1000,
    show_default=True,
    type=click.IntRange(1),
    help="Most regions per request / 每次请求的地区上限.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds an evaluation may take / 计算时限（秒）.",
)
@click.option(
    "--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Evaluations at once / 同时计算数."
)
@common
def serve(
    host: str,
    port: int,
    token_file: Path | None,
    max_body_mb: float,
    max_regions: int,
    timeout: float,
    workers: int,
    lang: Lang,
    as_json: bool,
) -> None:
    """Serve the evaluation over HTTP and the upload page at / (Ctrl-C stops) / 启动 HTTP 服务."""
    from targetrule.server.config import Limits, TokenFileError, missing_libraries, read_token

    missing = missing_libraries()
    if missing:
        raise usage(
            f'缺少可选依赖 {", ".join(missing)}，请安装：pip install "targetrule[server]"',
            f'{", ".join(missing)} missing; install it with: pip install "targetrule[server]"',
        )
    token = None
    if token_file is not None:
        try:
            token = read_token(token_file)
        except TokenFileError as exc:
            raise Failure(str(exc.path), exc.message, EXIT_UNREADABLE) from None
    limits = Limits(int(max_body_mb * 1024 * 1024), max_regions, timeout, workers)
    from targetrule.server.app import create_app
    from targetrule.server.logs import configure_logs

    app = create_app(selected_engine(), limits, token)
    import uvicorn

    configure_logs()
    if host not in ("127.0.0.1", "localhost", "::1"):
        warning = say(lang, f"注意：监听 {host}，他人可访问", f"note: listening on {host}, open to others")
        if token is None:
            warning += say(lang, "，且未设访问令牌（--token-file）", ", with no token (--token-file)")
        click.echo(
            warning,
            err=True,
        )
    uvicorn.run(app, host=host, port=port, access_log=False, log_config=None, server_header=False)
