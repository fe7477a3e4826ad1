"""What a connection may hold on to: a limit on connections, time and bytes for a request's head,
and TLS set up here so that a connection still in its handshake counts too.

uvicorn closes a connection only when it has been idle for the keep-alive timeout after a
response: one that never sends a request, or sends its head a byte at a time, stays open for as
long as its client likes, and asyncio gives a TLS handshake a minute. 1,100 such sockets used up
the process's 1,024 files and locked everyone out. So each connection here:

- must have finished its TLS handshake and sent a whole request head within
  `head_timeout_seconds` of opening (or of its next request's first byte), else it is closed;
- may send at most `max_head_bytes` of head (431 past it): uvicorn's httptools parser keeps
  headers without a bound, and h11's `h11_max_incomplete_event_size` applies only to h11;
- counts against `max_connections` from the moment it is accepted. One more connection closes
  the connection idle longest (waiting for a request, not serving one), so sockets held open
  cannot keep out someone who sends a request; with every connection busy, the newcomer is
  closed instead."""

import asyncio
import math
import ssl
from asyncio.sslproto import SSLProtocol
from collections import OrderedDict
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 30\r\nconnection: close\r\n\r\nThe request's head is too big."
)


class Connection:
    """One accepted socket under a guard, from accept to close: its head timer, and whether it
    waits for a request (idle) or serves one."""

    def __init__(self, guard: "ConnectionGuard", raw: asyncio.BaseTransport, timeout: float) -> None:
        self.guard, self.raw, self.timeout = guard, raw, timeout
        self.loop = asyncio.get_running_loop()
        self.timer: asyncio.TimerHandle | None = None

    def arm(self) -> None:
        if self.timer is None:
            self.timer = self.loop.call_later(self.timeout, self.drop)

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def drop(self) -> None:
        """Close it at once: its socket is freed now, not after a goodbye."""
        self.forget()
        if not self.raw.is_closing():
            self.raw.abort()  # type: ignore[attr-defined]

    def forget(self) -> None:
        self.disarm()
        self.guard.forget(self)


class ConnectionGuard:
    """The connections of one listener, those waiting for a request oldest first. Used from
    its event loop's thread only."""

    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self.idle: OrderedDict[Connection, None] = OrderedDict()
        self.busy: set[Connection] = set()

    def admit(self, newcomer: Connection) -> bool:
        """Count a new connection (its head timer running); past the limit, drop the one idle
        longest, or the newcomer (False) when none is."""
        if len(self.idle) + len(self.busy) >= self.max_connections:
            oldest = next(iter(self.idle), None)
            if oldest is None:
                newcomer.drop()
                return False
            oldest.drop()
        self.idle[newcomer] = None
        newcomer.arm()
        return True

    def serving(self, connection: Connection) -> None:
        self.idle.pop(connection, None)
        self.busy.add(connection)

    def waiting(self, connection: Connection) -> None:
        self.busy.discard(connection)
        self.idle[connection] = None
        self.idle.move_to_end(connection)

    def forget(self, connection: Connection) -> None:
        self.idle.pop(connection, None)
        self.busy.discard(connection)


class GuardedHttp(HttpToolsProtocol):
    """uvicorn's httptools protocol under a ConnectionGuard, with a head timeout and size (see the
    module's docstring). With TLS, a TlsAcceptor has accepted the socket and made the Connection."""

    guard: ClassVar[ConnectionGuard]
    head_timeout_seconds: ClassVar[float]
    max_head_bytes: ClassVar[int]
    connection: Connection | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self.connection is None:
            self.connection = Connection(self.guard, transport, self.head_timeout_seconds)
            if not self.guard.admit(self.connection):
                return
        self.head_bytes, self.waiting_for_head = 0, True
        super().connection_made(transport)  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        assert self.connection is not None
        if self.waiting_for_head:
            self.head_bytes += len(data)
            self.connection.arm()  # the next request's first byte, after a kept-alive wait
        super().data_received(data)
        if (
            self.waiting_for_head
            and self.head_bytes > self.max_head_bytes
            and not self.transport.is_closing()
        ):
            self.transport.write(HEAD_TOO_LARGE)
            self.transport.close()

    def on_headers_complete(self) -> None:
        assert self.connection is not None
        self.waiting_for_head = False
        self.connection.disarm()
        self.guard.serving(self.connection)
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.connection is not None and not self.pipeline and not self.transport.is_closing():
            self.waiting_for_head, self.head_bytes = True, 0
            self.guard.waiting(self.connection)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.connection is not None:
            self.connection.forget()
        if self.transport is not None:  # uvicorn's own connection_made ran
            super().connection_lost(exc)


class TlsAcceptor(asyncio.Protocol):
    """The protocol of an accepted socket on a https listener: it counts the connection at once
    and hands the socket to TLS (asyncio's SSLProtocol, as create_server(ssl=...) would) before
    any byte can arrive, with the head timeout as the handshake's. TLS then hands the decrypted
    connection to a GuardedHttp. Made with uvicorn's protocol arguments."""

    http: ClassVar[type[GuardedHttp]]
    tls: ClassVar[ssl.SSLContext]

    def __init__(self, **uvicorn_arguments: Any) -> None:
        self.app = self.http(**uvicorn_arguments)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        loop = asyncio.get_running_loop()
        connection = Connection(self.http.guard, transport, self.http.head_timeout_seconds)
        self.app.connection = connection
        if not self.http.guard.admit(connection):
            return
        handshake = loop.create_future()
        handshake.add_done_callback(lambda done: forget_if_failed(done, connection))
        secure = SSLProtocol(
            loop,
            self.app,
            self.tls,
            handshake,
            server_side=True,
            # Whole seconds (as typeshed has it); the head timer, which covers the handshake, is exact.
            ssl_handshake_timeout=math.ceil(self.http.head_timeout_seconds),
        )
        transport.set_protocol(secure)
        secure.connection_made(transport)


def forget_if_failed(handshake: "asyncio.Future[None]", connection: Connection) -> None:
    """A handshake that failed, or a socket closed before it finished, is no connection."""
    if handshake.cancelled() or handshake.exception() is not None:
        connection.forget()


def guarded(
    *, max_connections: int, head_timeout_seconds: float, max_head_bytes: int, tls: ssl.SSLContext | None
) -> type[asyncio.Protocol]:
    """The protocol class for one listener: uvicorn's `http` setting."""
    http = type(
        "GuardedListener",
        (GuardedHttp,),
        {
            "guard": ConnectionGuard(max_connections),
            "head_timeout_seconds": head_timeout_seconds,
            "max_head_bytes": max_head_bytes,
        },
    )
    if tls is None:
        return http
    return type("TlsListener", (TlsAcceptor,), {"http": http, "tls": tls})
