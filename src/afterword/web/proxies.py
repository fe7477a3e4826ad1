"""Who the client really is: behind a reverse proxy every request comes from the proxy, which says
who it came from in X-Forwarded-For (and how, in X-Forwarded-Proto). Anyone can send those
headers, so they are believed only from the proxies the settings name (`trusted_proxies`); from
anyone else they change nothing, and the connection's own address is the client.

The server in front of the app (uvicorn) must not apply its own proxy rules: `serve` turns them
off (uvicorn believes 127.0.0.1 by default, which let a local client pick any address it liked).
Sign-in, upload and token limits, and the lines that name a limited client, use the address this
leaves in the request."""

import ipaddress
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
SCHEMES = {"http": ("http", "ws"), "https": ("https", "wss")}
"""X-Forwarded-Proto values believed, and what they make of an http and a websocket scope."""


def networks(entries: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def within(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False  # not an address at all (a test client's name, a garbled header entry)
    return any(ip in network for network in trusted)


def forwarded_client(peer: str, forwarded_for: list[str], trusted: tuple[Network, ...]) -> str:
    """The client, read from the right of X-Forwarded-For: each trusted proxy appended the
    address it was reached from, so the first address that is not a trusted proxy's is the
    client; anything left of it was written by that client and is not believed."""
    client = peer
    for hop in reversed(forwarded_for):
        if not within(client, trusted):
            break
        try:
            client = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # a trusted proxy passed on garbage: the last address we know stays the client
    return client


class TrustedProxyMiddleware:
    """Rewrites the scope's client (and scheme) from the forwarding headers, for requests that
    come from a trusted proxy only."""

    def __init__(self, app: ASGIApp, *, trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = networks(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        peer = scope.get("client")
        if scope["type"] in ("http", "websocket") and peer and within(peer[0], self.trusted):
            headers = Headers(scope=scope)
            hops = [h.strip() for value in headers.getlist("x-forwarded-for") for h in value.split(",")]
            client = forwarded_client(peer[0], [h for h in hops if h], self.trusted)
            scope = dict(scope, client=(client, 0 if client != peer[0] else peer[1]))
            proto = headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
            if proto in SCHEMES:
                scope["scheme"] = SCHEMES[proto][scope["type"] == "websocket"]
        await self.app(scope, receive, send)


def client_address(request: Request) -> str:
    """The real client's address (see above); 'unknown' for a request that has none."""
    return request.client.host if request.client else "unknown"
