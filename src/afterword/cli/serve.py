"""`afterword serve`: the API, the phone page and (unless told not to) a worker, in one process;
with https, also the plain-http setup page for phones."""

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.cli.people import DEFAULT_PORT, DEFAULT_SETUP_PORT
from afterword.cli.running import Running, remove_run_file, write_run_file
from afterword.settings import Settings

if TYPE_CHECKING:
    import uvicorn

    from afterword.cli.tls import TlsPlan

SETUP_MAX_CONNECTIONS = 64
"""The plain-http setup page's listener: a phone or two, for a few minutes."""
FILES_KEPT_FOR_WORK = 256
"""Open files left for the work behind the connections: the database, uploads being staged,
audio being decoded, the model's files."""
MIN_CONNECTIONS = 16


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="0.0.0.0 lets phones on your network reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = DEFAULT_PORT,
    no_worker: Annotated[
        bool, typer.Option("--no-worker", help="Leave transcription to `afterword worker` processes.")
    ] = False,
    https: Annotated[
        bool, typer.Option("--https", help="Serve https with a certificate from Afterword's own CA.")
    ] = False,
    tls_name: Annotated[
        list[str] | None,
        typer.Option(
            "--tls-name",
            help="Another name phones reach this machine by (a DHCP or MagicDNS name); repeatable.",
        ),
    ] = None,
    tls_cert: Annotated[
        Path | None,
        typer.Option(
            "--tls-cert", exists=True, dir_okay=False, help="Serve https with this certificate (PEM) instead."
        ),
    ] = None,
    tls_key: Annotated[
        Path | None,
        typer.Option("--tls-key", exists=True, dir_okay=False, help="The key of --tls-cert (PEM)."),
    ] = None,
    setup_port: Annotated[
        int, typer.Option(help="Plain-http port for the phone setup page (with --https); 0: none.")
    ] = DEFAULT_SETUP_PORT,
) -> None:
    """Run the server: JSON API at /api (docs at /docs), the phone page at /.

    Example: afterword serve --host 0.0.0.0 --https
    """
    import uvicorn

    from afterword.cli.tls import allowed_hosts, plan_tls, start_setup_listener, url_host
    from afterword.web.app import create_app

    context: CliContext = ctx.obj
    settings = context.settings
    if tls_name and not https:
        output.fail("--tls-name names the certificate that --https makes: add --https")
    tls = None
    if https or tls_cert or tls_key:
        tls = plan_tls(settings, host=host, names=tls_name or [], cert=tls_cert, key=tls_key)
    hosts = allowed_hosts(host, tls_name or [], tls)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if tls and tls.own_ca and setup_port:
        start_setup_listener(settings, host=host, port=setup_port, https_port=port, hosts=hosts)
    output.errors.print(
        f"Afterword on {'https' if tls else 'http'}://{url_host(host)}:{port}/ (Ctrl-C stops it)"
    )
    app = create_app(settings, run_worker=not no_worker, hosts=hosts)
    running = Running(
        "https" if tls else "http", host, port, setup_port if tls and tls.own_ca else 0, os.getpid()
    )
    config = server_config(
        app, settings, host=host, port=port, max_connections=connection_limit(settings), tls=tls
    )
    write_run_file(settings.data_dir, running)
    try:
        uvicorn.Server(config).run()
    finally:
        remove_run_file(settings.data_dir, pid=running.pid)


def connection_limit(settings: Settings) -> int:
    """settings.max_connections, with the open-file limit raised for it as far as allowed, or
    lowered to fit what that limit leaves (said, with how to raise it)."""
    from afterword.machine import raise_open_files_limit

    kept = SETUP_MAX_CONNECTIONS + FILES_KEPT_FOR_WORK
    soft = raise_open_files_limit(settings.max_connections + kept)
    fits = max(MIN_CONNECTIONS, soft - kept)
    if fits < settings.max_connections:
        output.errors.print(
            f"This process may open {soft} files: it serves at most {fits} connections at once "
            f"(AFTERWORD_MAX_CONNECTIONS is {settings.max_connections}; raise `ulimit -n` for more)."
        )
    return min(fits, settings.max_connections)


def server_config(
    app: Any,
    settings: Settings,
    *,
    host: str,
    port: int,
    max_connections: int,
    tls: "TlsPlan | None",
    **more: Any,
) -> "uvicorn.Config":
    """uvicorn's settings for one listener, from Settings: how long a connection may idle or take
    over its request's head, how big that head may be, how many connections at once (see
    web.connections, which also does the TLS handshake, so that one under way counts). Our own
    access log leaves out query strings; uvicorn's would print them."""
    import uvicorn

    from afterword.web.connections import guarded

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        ssl_certfile=str(tls.cert) if tls else None,
        ssl_keyfile=str(tls.key) if tls else None,
        timeout_keep_alive=settings.http_keep_alive_seconds,
        **more,
    )
    config.load()  # makes uvicorn's TLS context from the files, as it would for itself
    context, config.ssl = config.ssl, None
    config.http_protocol_class = guarded(
        max_connections=max_connections,
        head_timeout_seconds=settings.http_header_timeout_seconds,
        max_head_bytes=settings.http_max_header_bytes,
        tls=context,
    )
    return config


def register(app: typer.Typer) -> None:
    app.command()(serve)
