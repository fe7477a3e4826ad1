"""Failed sign-ins are limited per client: every 401 (a wrong or revoked token, a wrong sign-in
code, a bad audio-link key) spends one of the client's tries, and a client with none left is
answered 429 before its request is looked at, right token or not. A server on the internet meets
clients that try tokens and codes by the thousand; a phone with a revoked token stops after a few.

The client is the real one (see proxies), so everyone behind one proxy does not share one
budget, and a client cannot pick a new address for each try."""

import json
import logging
import math

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from afterword.web.headers import ALWAYS
from afterword.web.ratelimit import UploadLimiter

logger = logging.getLogger(__name__)

FAILED_SIGNINS_PER_MINUTE = 30
"""Far more than a person mistyping or a phone whose token was revoked; far too few to guess."""
UNAUTHORIZED = 401
TOO_MANY = 429


class FailedSigninMiddleware:
    def __init__(self, app: ASGIApp, *, per_minute: int = FAILED_SIGNINS_PER_MINUTE) -> None:
        self.app = app
        self.failures = UploadLimiter(per_minute=per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        wait_seconds = self.failures.waiting(client)
        if wait_seconds:
            logger.warning("client %s refused: too many failed sign-ins", client)
            await refuse(send, math.ceil(wait_seconds))
            return

        async def count_failures(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == UNAUTHORIZED:
                self.failures.take(client)
            await send(message)

        await self.app(scope, receive, count_failures)


async def refuse(send: Send, retry_after: int) -> None:
    body = json.dumps(
        {"detail": f"Too many failed sign-ins from this address; try again in {retry_after} seconds."}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode()),
        *((name.lower().encode(), value.encode()) for name, value in ALWAYS.items()),
        (b"cache-control", b"no-store"),
    ]
    await send({"type": "http.response.start", "status": TOO_MANY, "headers": headers})
    await send({"type": "http.response.body", "body": body})
