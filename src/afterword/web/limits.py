"""Refuse a request body past the byte cap while it streams in, before it is all read. A JSON
body has a cap of its own, far below an upload's: every text in it is bounded (20 answers of
20,000 characters at most), so nothing a person sends comes near it, and a body that does is
refused before it is parsed."""

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from afterword.capture.staging import UploadTooLarge
from afterword.errors import AfterwordError, TooLarge

JSON_BODY_BYTES = 4 * 2**20


class JsonTooLarge(TooLarge):
    headers = {"Connection": "close"}

    def __init__(self) -> None:
        super().__init__(f"A JSON body has at most {JSON_BODY_BYTES // 2**20} MB; send less at once.")


def is_json(scope: Scope) -> bool:
    content_type: bytes = dict(scope["headers"]).get(b"content-type", b"")
    return content_type.split(b";")[0].strip().lower().endswith(b"json")


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
        json_body = is_json(scope)
        cap = JSON_BODY_BYTES if json_body else self.max_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            await self.refuse(send, JsonTooLarge() if json_body else UploadTooLarge(self.message_bytes))
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise JsonTooLarge() if json_body else UploadTooLarge(self.message_bytes)
            return message

        await self.app(scope, limited_receive, send)

    async def refuse(self, send: Send, error: AfterwordError) -> None:
        body = json.dumps({"detail": error.sentence}).encode()
        headers: list[Any] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
