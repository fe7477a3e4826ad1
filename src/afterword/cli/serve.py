"""`afterword serve`: the API, the phone page and (unless told not to) a worker, in one process;
with https, also the plain-http setup page for phones."""

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.cli.people import DEFAULT_PORT, DEFAULT_SETUP_PORT
from afterword.cli.running import Running, remove_run_file, write_run_file

logger = logging.getLogger("afterword.serve")
commands = typer.Typer()


@commands.command()
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

    from afterword.cli.http_server import connection_limit, server_config
    from afterword.cli.reach import describe_reach
    from afterword.cli.tls import allowed_hosts, plan_tls, start_setup_listener, url_host
    from afterword.web.app import create_app

    context: CliContext = ctx.obj
    settings = context.settings
    if tls_name and not https:
        output.fail("--tls-name names the certificate that --https makes: add --https")
    tls = None
    if https or tls_cert or tls_key:
        tls = plan_tls(settings, host=host, names=tls_name or [], cert=tls_cert, key=tls_key)
    hosts = allowed_hosts(host, tls_name or [], tls, public_url=settings.public_url)
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
        app,
        settings,
        host=host,
        port=port,
        max_connections=connection_limit(settings),
        tls=(tls.cert, tls.key) if tls else None,
    )
    logger.info("%s", describe_reach(settings, running))
    write_run_file(settings.data_dir, running)
    try:
        uvicorn.Server(config).run()
    finally:
        remove_run_file(settings.data_dir, pid=running.pid)
