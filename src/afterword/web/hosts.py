"""Only the names this machine goes by: a request whose Host is another name is refused (421).

A page on another site can point its own name at 127.0.0.1 or this machine's address (DNS
rebinding) and then read the answers as its own origin; its requests still carry its own name
in Host, so checking the name against the ones `serve` knows (this machine's names and
addresses, the certificate's names, --tls-name) closes that door."""

import contextlib
import ipaddress
import json
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from afterword.web.headers import ALWAYS

MISDIRECTED = 421
REFUSAL = json.dumps(
    {"detail": "This server does not answer to that name; use the address `afterword serve` printed."}
).encode()


def host_name(host: str) -> str:
    """The name of a Host header, lower-cased, without its port; an IPv6 address as written."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    with contextlib.suppress(ValueError):
        return str(ipaddress.ip_address(host))  # a bare IPv6 address has colons of its own
    return host.rsplit(":", 1)[0].rstrip(".")


class AllowedHostsMiddleware:
    def __init__(self, app: ASGIApp, *, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts)

    def allows(self, name: str) -> bool:
        """The name itself, or a name one label under a certificate's wildcard (*.example.org)."""
        parent = name.split(".", 1)[1] if "." in name else ""
        return name in self.hosts or (bool(parent) and f"*.{parent}" in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.allows(host_name(Headers(scope=scope).get("host", ""))):
            await refuse(send)
            return
        await self.app(scope, receive, send)


async def refuse(send: Send) -> None:
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(REFUSAL)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in ALWAYS.items()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": MISDIRECTED, "headers": headers})
    await send({"type": "http.response.body", "body": REFUSAL})
