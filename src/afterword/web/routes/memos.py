"""/api/memos: upload, list, read, retry, delete, and wait for a transcript (audio: routes.clips)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from afterword.capture.intake import MemoInfo
from afterword.errors import NotFound
from afterword.store.memos import count_memos, list_recent_memos
from afterword.store.storage import delete_memo
from afterword.transcribe.retry import offered_model, retry_memo
from afterword.web.deps import CurrentPerson, StateDep, UploadingPerson
from afterword.web.fields import memo_fields
from afterword.web.schemas import MemoDetail, MemoPublic, MemosPublic
from afterword.web.state import AppState
from afterword.web.uploads import receive_upload, store_upload
from afterword.web.waiting import load_memo, wait_until_settled
from afterword.web.word_schemas import RetryRequest

router = APIRouter(prefix="/api/memos", tags=["memos"])

NOT_FOUND = "No such memo."
MAX_OFFSET = 1_000_000  # beyond any real list, and within what every database can bind
UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "captured_at": {"type": "string", "format": "date-time"},
                        "note": {"type": "string", "maxLength": 2000},
                    },
                }
            },
            "audio/*": {"schema": {"type": "string", "format": "binary"}},
        },
        "description": "The memo, as the multipart field `file` or as the raw body. With a raw "
        "body, `captured_at`, `note` and `filename` go in the query string.",
    },
    "responses": {
        "200": {"description": "The same person sent the same bytes before: that memo."},
        "413": {"description": "Larger than the upload cap."},
        "415": {"description": "Not audio Afterword can read."},
        "422": {"description": "Bad fields, or audio that is silent, empty or too long."},
    },
}


def memo_or_404(state: AppState, memo_id: uuid.UUID, owner_id: uuid.UUID):  # type: ignore[no-untyped-def]
    memo = load_memo(state, memo_id, owner_id)
    if memo is None:
        # Another person's memo is "not found" too: its existence is not revealed.
        raise NotFound(NOT_FOUND)
    return memo


@router.post("", status_code=202, response_model=MemoPublic, openapi_extra=UPLOAD_DOC)
async def upload_memo(request: Request, state: StateDep, person: UploadingPerson) -> JSONResponse:
    """Store a voice memo and queue its transcription."""
    received = await receive_upload(request, state)
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
    )
    result = await store_upload(state, received, owner_id=person.id, info=info)
    if result.created:
        return JSONResponse(MemoPublic.of(result.memo, just_queued=True).model_dump(mode="json"), 202)
    memo = await run_in_threadpool(memo_or_404, state, result.memo.id, person.id)
    return JSONResponse(MemoPublic.of(memo).model_dump(mode="json"), 200)


@router.get("", response_model=MemosPublic)
def list_memos(
    state: StateDep,
    person: CurrentPerson,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> MemosPublic:
    """The person's memos, newest first, with their status."""
    with state.storage.db.session() as session:
        memos = list_recent_memos(session, owner_id=person.id, limit=limit, offset=offset)
        total = count_memos(session, owner_id=person.id)
    return MemosPublic(items=[MemoPublic.of(m) for m in memos], total=total)


@router.get("/{memo_id}", response_model=MemoDetail)
def read_memo(memo_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> MemoDetail:
    """One memo with its status, transcript and segments."""
    return MemoDetail.of(memo_or_404(state, memo_id, person.id))


@router.get("/{memo_id}/wait", response_model=MemoDetail)
async def wait_for_memo(
    memo_id: uuid.UUID,
    state: StateDep,
    person: CurrentPerson,
    timeout: Annotated[float, Query(ge=0, le=60)] = 25,
) -> MemoDetail:
    """Long-poll: answers as soon as the transcript is ready (or failed), else after `timeout`."""
    memo = await wait_until_settled(state, memo_id, person.id, timeout=timeout)
    if memo is None:
        raise NotFound(NOT_FOUND)
    return MemoDetail.of(memo)


@router.post("/{memo_id}/retry", status_code=202, response_model=MemoPublic)
def retry(
    memo_id: uuid.UUID, state: StateDep, person: CurrentPerson, asked: RetryRequest | None = None
) -> MemoPublic:
    """Transcribe again a memo that failed or in which no speech was heard (the audio's length
    and loudness are not checked again); `model` may name the server's AFTERWORD_RETRY_MODEL."""
    model = offered_model(state.settings.retry_model, asked.model if asked else None)
    retry_memo(state.storage, owner_id=person.id, memo_id=memo_id, model=model)
    state.memo_stored.set()
    return MemoPublic.of(memo_or_404(state, memo_id, person.id))


@router.delete("/{memo_id}", status_code=204)
def remove_memo(memo_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete the memo, its transcript, insight and audio."""
    if not delete_memo(state.storage, memo_id=memo_id, owner_id=person.id):
        raise NotFound(NOT_FOUND)
    return Response(status_code=204)
