"""/api/memos: upload, list, read, retry, delete, and wait for a transcript (audio: routes.clips)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from afterword.capture.memos import (
    NO_SUCH_MEMO,
    MemoDetailView,
    MemoPage,
    MemoView,
    memo_detail_or_404,
    memo_page,
)
from afterword.errors import NotFound
from afterword.store.memos import delete_memo
from afterword.store.reading import Reader
from afterword.transcribe.engine import resolve_model
from afterword.transcribe.retry import offered_model, retry_memo
from afterword.web.deps import CurrentPerson, PersonReader, StateDep, UploadingPerson
from afterword.web.received import memo_response, received_memo
from afterword.web.transcript_inputs import RetryRequest
from afterword.web.uploads import store_upload
from afterword.web.waiting import wait_until_settled

router = APIRouter(prefix="/api/memos", tags=["memos"])

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
                        "charge": {"type": "integer", "minimum": 0, "maximum": 10},
                    },
                }
            },
            "audio/*": {"schema": {"type": "string", "format": "binary"}},
        },
        "description": "The memo, as the multipart field `file` or as the raw body. With a raw "
        "body, `captured_at`, `note`, `charge` and `filename` go in the query string.",
    },
    "responses": {
        "200": {"description": "The same person sent the same bytes before: that memo."},
        "413": {"description": "Larger than the upload cap."},
        "415": {"description": "Not audio Afterword can read."},
        "422": {"description": "Bad fields, or audio that is silent, empty or too long."},
    },
}


@router.post("", status_code=202, response_model=MemoView, openapi_extra=UPLOAD_DOC)
async def upload_memo(request: Request, state: StateDep, person: UploadingPerson) -> JSONResponse:
    """Store a voice memo and queue its transcription."""
    received, info = await received_memo(request, state, token_id=person.token_id)
    reader = Reader(state.db, person.id)
    return await memo_response(await store_upload(state, received, reader, info), reader)


@router.get("", response_model=MemoPage)
def list_memos(
    reader: PersonReader,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> MemoPage:
    """The person's memos, newest first, with their status."""
    return memo_page(reader, limit=limit, offset=offset)


@router.get("/{memo_id}", response_model=MemoDetailView)
def read_memo(memo_id: uuid.UUID, reader: PersonReader) -> MemoDetailView:
    """One memo with its status, transcript and segments."""
    return memo_detail_or_404(reader, memo_id=memo_id)


@router.get("/{memo_id}/wait", response_model=MemoDetailView)
async def wait_for_memo(
    memo_id: uuid.UUID,
    request: Request,
    state: StateDep,
    person: CurrentPerson,
    timeout: Annotated[float, Query(ge=0, le=60)] = 25,
) -> MemoDetailView:
    """Long-poll: answers as soon as the transcript is ready (or failed), else after `timeout`;
    stops when the client goes, and answers 401 if the token is revoked meanwhile."""
    memo = await wait_until_settled(state, request, memo_id, person, timeout=timeout)
    if memo is None:
        raise NotFound(NO_SUCH_MEMO)
    return memo


@router.post("/{memo_id}/retry", status_code=202, response_model=MemoDetailView)
def retry(
    memo_id: uuid.UUID, state: StateDep, reader: PersonReader, asked: RetryRequest | None = None
) -> MemoDetailView:
    """Transcribe again a memo that failed or in which no speech was heard (the audio's length
    and loudness are not checked again); `model` may name the server's AFTERWORD_WHISPER__RETRY_MODEL."""
    whisper = state.settings.whisper
    model = offered_model(
        resolve_model(whisper.model).name, whisper.retry_model, asked.model if asked else None
    )
    retry_memo(reader, state.db, memo_id=memo_id, model=model)
    state.memo_stored.set()
    return memo_detail_or_404(reader, memo_id=memo_id)


@router.delete("/{memo_id}", status_code=204)
def remove_memo(memo_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Delete the memo, its transcript, insight and audio."""
    if not delete_memo(state.db, memo_id=memo_id, owner_id=reader.person_id):
        raise NotFound(NO_SUCH_MEMO)
    return Response(status_code=204)
