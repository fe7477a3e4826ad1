"""`afterword serve`: the API, the phone page and (unless told not to) a worker, in one process."""

import logging
from typing import Annotated

import typer

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.cli.people import DEFAULT_PORT


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="0.0.0.0 lets phones on your network reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = DEFAULT_PORT,
    no_worker: Annotated[
        bool, typer.Option("--no-worker", help="Leave transcription to `afterword worker` processes.")
    ] = False,
    https: Annotated[
        bool, typer.Option("--https", help="Serve https with a self-signed certificate made here.")
    ] = False,
) -> None:
    """Run the server: JSON API at /api (docs at /docs), the phone page at /.

    Example: afterword serve --host 0.0.0.0 --https
    """
    import uvicorn

    from afterword.web.app import create_app
    from afterword.web.tls import ensure_certificate, local_addresses

    context: CliContext = ctx.obj
    settings = context.settings
    tls: dict[str, str] = {}
    if https:
        hosts = local_addresses() + ([host] if host not in ("0.0.0.0", "::") else [])
        cert, key = ensure_certificate(settings.data_dir / "tls", hosts=hosts)
        tls = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
        output.errors.print(
            f"The certificate is self-signed: the phone asks once whether to trust it. Its file is {cert}."
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    output.errors.print(f"Afterword on {'https' if https else 'http'}://{host}:{port}/ (Ctrl-C stops it)")
    # Our own access log leaves out query strings; uvicorn's would print them.
    uvicorn.run(create_app(settings, run_worker=not no_worker), host=host, port=port, access_log=False, **tls)
