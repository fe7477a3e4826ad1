"""Refuse a request body past the byte cap while it streams in, before it is all read."""

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from afterword.capture.staging import UploadTooLarge


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int, message_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        """The cap on the whole body (the upload plus room for multipart headers)."""
        self.message_bytes = message_bytes
        """The upload cap as the person knows it, for the error sentence."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self.refuse(send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise UploadTooLarge(self.message_bytes)
            return message

        await self.app(scope, limited_receive, send)

    async def refuse(self, send: Send) -> None:
        body = json.dumps({"detail": str(UploadTooLarge(self.message_bytes))}).encode()
        headers: list[Any] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
