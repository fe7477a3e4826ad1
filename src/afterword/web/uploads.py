"""Receiving an upload, multipart or raw, into staging while the byte cap is enforced, then
storing it as a memo."""

import uuid
from dataclasses import dataclass, field

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from afterword.capture.intake import IngestResult, MemoInfo, ingest
from afterword.capture.staging import StagedUpload, Stager, stage_stream
from afterword.errors import Unauthorized
from afterword.store.reading import Reader
from afterword.store.tokens import token_is_live
from afterword.web.errors import UnsupportedUpload
from afterword.web.state import AppState

# Phones label recordings in many ways (video/webm, video/3gpp, application/octet-stream);
# the bytes are checked anyway, so any of these may carry a raw upload.
RAW_TYPE_PREFIXES = ("audio/", "video/", "application/octet-stream")
MAX_FORM_FIELDS = 20


@dataclass
class ReceivedUpload:
    staged: StagedUpload
    filename: str | None
    content_type: str | None
    fields: dict[str, list[str]] = field(default_factory=dict)

    def field(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None


REVOKED_WHILE_SENDING = (
    "This token was revoked while the upload was arriving, so nothing was stored; sign in again."
)


async def receive_upload(request: Request, state: AppState, *, token_id: uuid.UUID) -> ReceivedUpload:
    """The upload in staging, once its token is checked again: a token revoked while the body
    was arriving (a long upload, a phone signed out meanwhile) stores nothing."""
    content_type = request.headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if mime == "multipart/form-data":
        received = await receive_multipart(request, state)
    elif mime.startswith(RAW_TYPE_PREFIXES):
        received = await receive_raw(request, state, content_type)
    else:
        raise UnsupportedUpload()
    if not await run_in_threadpool(token_is_live, state.db, token_id=token_id):
        received.staged.discard()
        raise Unauthorized(REVOKED_WHILE_SENDING)
    return received


async def receive_multipart(request: Request, state: AppState) -> ReceivedUpload:
    async with request.form(max_files=1, max_fields=MAX_FORM_FIELDS) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise UnsupportedUpload()
        staged = await run_in_threadpool(
            stage_stream,
            upload.file,
            state.db.blobs,
            max_bytes=state.settings.max_upload_bytes,
        )
        fields: dict[str, list[str]] = {}
        for name, value in form.multi_items():
            if isinstance(value, str):
                fields.setdefault(name, []).append(value)
        return ReceivedUpload(staged, upload.filename, upload.content_type, fields)


async def receive_raw(request: Request, state: AppState, content_type: str) -> ReceivedUpload:
    stager = Stager(state.db.blobs, max_bytes=state.settings.max_upload_bytes)
    try:
        async for chunk in request.stream():
            stager.write(chunk)
    except BaseException:
        stager.discard()
        raise
    fields: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        fields.setdefault(name, []).append(value)
    staged = await run_in_threadpool(stager.finish)  # it waits for the disk (fsync)
    return ReceivedUpload(staged, request.query_params.get("filename"), content_type, fields)


async def store_upload(
    state: AppState, received: ReceivedUpload, reader: Reader, info: MemoInfo
) -> IngestResult:
    """Store the upload as the reader's memo; a new one wakes the in-process worker."""
    result = await run_in_threadpool(ingest, reader, state.db, staged=received.staged, info=info)
    if result.created:
        state.memo_stored.set()
    return result
