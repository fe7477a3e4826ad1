"""Headers every answer carries, whatever route (or error handler) made it.

- `X-Content-Type-Options: nosniff`: a browser takes each answer as the type it says it is.
- `frame-ancestors 'none'` (added to a route's own policy, or the whole policy) and
  `X-Frame-Options: DENY`: no other site can frame the page or the docs to trick a tap.
- `Cache-Control: no-store` on private answers (the API, the OpenAI-style door, and anything
  asked for with a token): nothing of a person's lands in a browser's or a proxy's cache.
- `/docs` gets a policy of its own: the bundled Swagger UI and nothing from elsewhere."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PRIVATE_PREFIXES = ("/api/", "/v1/")
NO_FRAMES = "frame-ancestors 'none'"
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": NO_FRAMES,
}
"""What an answer made outside the middleware (Starlette's own 500) carries all the same."""
# Swagger UI runs one inline script (its setup) and inline styles; the rest is our own bundle.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)


def is_private(scope: Scope) -> bool:
    path: str = scope["path"]
    has_token = any(name == b"authorization" for name, _ in scope["headers"])
    return has_token or path.startswith(PRIVATE_PREFIXES) or path == "/openapi.json"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        private = is_private(scope)
        docs = scope["path"] == "/docs"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = ALWAYS["X-Content-Type-Options"]
                headers["X-Frame-Options"] = ALWAYS["X-Frame-Options"]
                policy = DOCS_POLICY if docs else headers.get("Content-Security-Policy")
                headers["Content-Security-Policy"] = framed_never(policy)
                if private and "no-store" not in headers.get("Cache-Control", ""):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def framed_never(policy: str | None) -> str:
    if not policy:
        return NO_FRAMES
    if "frame-ancestors" in policy:
        return policy
    return f"{policy.rstrip('; ')}; {NO_FRAMES}"
