"""An upload received with its fields checked, and the answer once it is stored, for every route
that stores audio (a memo, a voice moment, the answer to a mark)."""

import uuid

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from afterword.capture.intake import IngestResult, MemoInfo
from afterword.capture.memos import MemoDetailView, MemoView, just_queued_view, memo_detail_or_404
from afterword.store.reading import Reader
from afterword.web.fields import memo_fields
from afterword.web.state import AppState
from afterword.web.uploads import ReceivedUpload, receive_upload


async def received_memo(
    request: Request, state: AppState, *, token_id: uuid.UUID
) -> tuple[ReceivedUpload, MemoInfo]:
    """The staged upload and what came with it, its token checked again once it is all in; a bad
    field discards the staged bytes."""
    received = await receive_upload(request, state, token_id=token_id)
    try:
        fields = memo_fields(received)
    except BaseException:
        received.staged.discard()
        raise
    info = MemoInfo(
        filename=received.filename,
        content_type=received.content_type,
        captured_at=fields.captured_at,
        note=fields.note,
        charge=fields.charge,
    )
    return received, info


MEMO = TypeAdapter(MemoView | MemoDetailView)


async def memo_response(result: IngestResult, reader: Reader) -> JSONResponse:
    """202 with the memo just queued, or 200 with the memo the same bytes stored before."""
    if result.created:
        return JSONResponse(MEMO.dump_python(just_queued_view(result.memo), mode="json"), 202)
    memo = await run_in_threadpool(memo_detail_or_404, reader, memo_id=result.memo.id)
    return JSONResponse(MEMO.dump_python(memo, mode="json"), 200)
