"""uvicorn's settings for `afterword serve`'s listeners (the app, and with https the setup page),
built from Settings in one place: how long a connection may idle or take over its request's head,
how big that head may be, how many connections at once, and the open-file limit they need. The
connections themselves are kept by web.connections."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterword.cli import output
from afterword.settings import Settings

if TYPE_CHECKING:
    import uvicorn

SETUP_MAX_CONNECTIONS = 64
"""The plain-http setup page's listener: a phone or two, for a few minutes."""
FILES_KEPT_FOR_WORK = 256
"""Open files left for the work behind the connections: the database, uploads being staged,
audio being decoded, the model's files."""
MIN_CONNECTIONS = 16
LISTEN_BACKLOG = 128
"""Connections the system holds for a listener before they are accepted (uvicorn's default is
2,048). The event loop accepts all that wait at once, before the connections they displace have
closed their files: a burst this size must fit in FILES_KEPT_FOR_WORK, or the process runs out of
files and the event loop drops whatever waits, a person's request too. Past it, a client's
connection waits in its own system and is tried again a second later."""


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
    tls: tuple[Path, Path] | None,
    **more: Any,
) -> "uvicorn.Config":
    """uvicorn's settings for one listener, from Settings: how long a connection may idle or take
    over its request's head, how big that head may be, how many connections at once (see
    web.connections, which also does the TLS handshake, so that one under way counts). Our own
    access log leaves out query strings; uvicorn's would print them. The app believes
    X-Forwarded-* from AFTERWORD_TRUSTED_PROXIES alone (web.proxies): uvicorn's own proxy rules
    are off, as they would believe 127.0.0.1 whatever the settings say. `tls`: the certificate
    and key files."""
    import uvicorn

    from afterword.web.connections import guarded

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        proxy_headers=False,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
        timeout_keep_alive=settings.http_keep_alive_seconds,
        backlog=LISTEN_BACKLOG,
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
